// Where safety alerts are emailed (Clinic settings, admins): set an address, a bad one is refused
// with a GOV.UK error summary, and clearing it goes back to emailing every active admin and clinician.
import { asAdmin } from './accounts';
import { test, expect, apiHeaders, httpStatusMessage } from './fixtures';

test.use({ signInAs: 'admin' });

const HINT = 'Safety alerts are emailed here. Leave empty to email every active admin and clinician.';

async function storedSafetyEmail(): Promise<string | null> {
	return asAdmin(async (api, session) => {
		const r = await api.get(`/api/v1/clinics/${session.user.clinic.id}`, { headers: apiHeaders(session) });
		expect(r.status(), 'GET clinic').toBe(200);
		return ((await r.json()).safety_email ?? null) as string | null;
	});
}

test.afterEach(async () => {
	// Leave the demo clinic as the other tests expect it: alerts to the staff.
	await asAdmin(async (api, session) => {
		const r = await api.patch(`/api/v1/clinics/${session.user.clinic.id}`, {
			headers: apiHeaders(session),
			data: { safety_email: null }
		});
		expect(r.status(), `clearing the safety email: ${await r.text()}`).toBe(200);
	});
});

test('an admin sets and clears the clinic’s safety email, and a bad address is refused', async ({
	page,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(400));
	await page.goto('/admin/users');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic settings' }).click();
	await expect(page).toHaveURL(/\/admin\/clinic$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Clinic settings' })).toBeVisible();
	const section = page.getByRole('region', { name: 'Safety alerts by email' });
	const field = section.getByLabel('Safety email address');
	await expect(field).toHaveValue('');
	await expect(section.getByText(HINT)).toBeVisible();
	await expect(field).toHaveAccessibleDescription(HINT);
	await checkA11y('the clinic settings page');

	// A bad address: the server's message, in an error summary that links to the field.
	await field.fill('alerts at calm clinic');
	const refused = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/clinics/'));
	await section.getByRole('button', { name: 'Save safety email' }).click();
	expect((await refused).status()).toBe(400);
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Safety email must look like name@example.org.');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveValue('alerts at calm clinic');
	await checkA11y('the safety email with a problem');
	await summary.getByRole('link', { name: /Safety email must look like/ }).click();
	await expect(field).toBeFocused();
	expect(await storedSafetyEmail()).toBeNull();

	// A good one is saved as sent (trimmed), and the page says where alerts go now.
	await field.fill('  safety@calm.example.org ');
	const saved = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/v1/clinics/'));
	await section.getByRole('button', { name: 'Save safety email' }).click();
	expect((await saved).postDataJSON()).toEqual({ safety_email: 'safety@calm.example.org' });
	await expect(
		section.getByRole('status').filter({ hasText: 'Saved. Safety alerts are now emailed to safety@calm.example.org.' })
	).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
	await expect(field).not.toHaveAttribute('aria-invalid');
	expect(await storedSafetyEmail()).toBe('safety@calm.example.org');
	await page.reload();
	await expect(page.getByRole('region', { name: 'Safety alerts by email' }).getByLabel('Safety email address')).toHaveValue(
		'safety@calm.example.org'
	);

	// Emptying the box sends null: the alerts go to every active admin and clinician again.
	await field.fill('');
	const cleared = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/v1/clinics/'));
	await section.getByRole('button', { name: 'Save safety email' }).click();
	expect((await cleared).postDataJSON()).toEqual({ safety_email: null });
	await expect(
		section.getByRole('status').filter({ hasText: 'Saved. Safety alerts are now emailed to every active admin and clinician.' })
	).toBeVisible();
	expect(await storedSafetyEmail()).toBeNull();
	await checkA11y('the clinic settings after clearing the safety email');
});

test('the users page no longer holds the clinic’s settings', async ({ page }) => {
	await page.goto('/admin/users');
	await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
	await expect(page.getByLabel('Require two-step sign-in for all staff')).toHaveCount(0);
	await page.goto('/admin/clinic');
	await expect(page.getByLabel('Require two-step sign-in for all staff')).not.toBeChecked();
});
