import { asAdmin } from './accounts';
import {
	test,
	expect,
	apiHeaders,
	checkNoHorizontalScroll,
	firstClinicId,
	httpStatusMessage
} from './fixtures';

const navLinks = (page: import('@playwright/test').Page) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link');

test.describe('a clinician', () => {
	test.use({ signInAs: 'clinician' });

	test('gets the staff app, without the admin pages or the patient portal', async ({ page, checkA11y }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/patients$/);
		await expect(navLinks(page)).toHaveText(['Patients', 'Dashboard', 'Account']);

		await page.goto('/me');
		await expect(page).toHaveURL(/\/patients$/);

		await page.goto('/admin/users');
		await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this' })).toBeVisible();
		await checkA11y('the no-access page');
		await page.getByRole('link', { name: 'Go to your start page' }).click();
		await expect(page).toHaveURL(/\/patients$/);
	});
});

test.describe('an admin', () => {
	test.use({ signInAs: 'admin' });

	test('also gets Users, Clinic settings, Library and Audit', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/patients$/);
		await expect(navLinks(page)).toHaveText(['Patients', 'Dashboard', 'Users', 'Clinic settings', 'Library', 'Audit', 'Account']);
		await navLinks(page).filter({ hasText: 'Users' }).click();
		await expect(page).toHaveURL(/\/admin\/users$/);
		await expect(navLinks(page).filter({ hasText: 'Users' })).toHaveAttribute('aria-current', 'page');
		await page.goto('/me');
		await expect(page).toHaveURL(/\/patients$/);
	});
});

test.describe('a patient', () => {
	test.use({ signInAs: 'patient' });

	test('sees only the portal: their own details, read-only, and their account', async ({
		page,
		session,
		problems,
		checkA11y
	}) => {
		problems.allowed.push(httpStatusMessage(403), httpStatusMessage(404));
		const own = session!.user.patient_id!;
		expect(own, 'the demo patient account is linked to a patient').toBeTruthy();
		const other = await asAdmin(async (api, admin) => {
			const clinic = admin.user.clinic.id;
			const r = await api.get(`/api/v1/clinics/${clinic}/patients?limit=50`, { headers: apiHeaders(admin) });
			expect(r.status()).toBe(200);
			const items = (await r.json()).items as { id: string }[];
			return items.find((p) => p.id !== own)!.id;
		});

		await page.goto('/');
		await expect(page).toHaveURL(/\/me$/);
		await expect(navLinks(page)).toHaveText(['Your details', 'Account']);
		await expect(page.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
		await expect(page.getByText('Date of birth')).toBeVisible();
		// Read-only: nothing to edit, no staff actions.
		await expect(page.getByRole('link', { name: 'Edit details' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /Invite/ })).toHaveCount(0);
		await checkA11y('the patient portal');

		for (const path of ['/patients', `/patients/${other}`, `/patients/${own}/edit`, '/admin/audit', '/admin/users', '/admin/clinic']) {
			await page.goto(path);
			await expect(page, `${path} is not for patients`).toHaveURL(/\/me$/);
		}

		// The API agrees: another patient's record is refused.
		const r = await page.request.get(`/api/v1/patients/${other}`, { headers: { 'X-Requested-With': 'unknot' } });
		expect([403, 404]).toContain(r.status());
		const list = await page.request.get(`/api/v1/clinics/${session!.user.clinic.id}/patients`, {
			headers: { 'X-Requested-With': 'unknot' }
		});
		expect(list.status()).toBe(403);

		await navLinks(page).filter({ hasText: 'Account' }).click();
		await expect(page).toHaveURL(/\/account$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Your details' })).toContainText('Patient');
		await checkA11y('the patient account page');
		await checkNoHorizontalScroll(page);
	});
});

test('GET /api/v1/clinics lists only the signed-in user’s clinic', async ({ page }) => {
	// GET /api/v1/clinics answers only the caller's clinic.
	const id = await firstClinicId(page);
	const r = await page.request.get('/api/v1/clinics', { headers: { 'X-Requested-With': 'unknot' } });
	const items = (await r.json()).items as { id: string }[];
	expect(items.map((c) => c.id)).toEqual([id]);
});
