import { readFileSync } from 'node:fs';
import { freshStaff, newApiContext, uniqueEmail } from './accounts';
import {
	test,
	expect,
	apiHeaders,
	apiSignIn,
	DEMO,
	httpStatusMessage,
	signInWithUi,
	signOutWithUi
} from './fixtures';
import { INVITE_LINK, maildir, pathOf, waitForLink } from './mail';
import { apiSignInWithTotp, enrolTotpWithUi } from './two-step';

test.use({ signInAs: 'admin' });

test('the users page lists the clinic’s users and invites a clinician by email', async ({
	page,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(400));
	await page.goto('/admin/users');
	await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
	const table = page.getByRole('table');
	for (const email of Object.values(DEMO)) await expect(table).toContainText(email);
	await expect(table.getByRole('row').filter({ hasText: DEMO.admin })).toContainText('This is you');
	await checkA11y('the users page');

	// Problems are shown next to their fields.
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
	await expect(page.locator('#invite-email')).toHaveAttribute('aria-invalid', 'true');
	await checkA11y('the invite form with problems');

	const email = uniqueEmail('invited');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Name', { exact: true }).fill('Ivy Invited');
	await page.getByRole('radio', { name: 'Clinician' }).check();
	await page.getByRole('button', { name: 'Send invitation' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
	const row = table.getByRole('row').filter({ hasText: email });
	await expect(row).toContainText('Ivy Invited');
	await expect(row).toContainText('Clinician');

	if (!maildir()) return; // No SMTP receiver: the rest needs the email.
	const { link } = await waitForLink(email, INVITE_LINK);
	await signOutWithUi(page);
	await page.goto(pathOf(link));
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your account' })).toBeVisible();
	await expect(page.getByText(email)).toBeVisible();
	await page.getByLabel('Password', { exact: true }).fill('ivy invited password');
	await page.getByLabel('Password again', { exact: true }).fill('ivy invited password');
	await page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(page).toHaveURL(/\/patients$/);
	await expect(page.getByRole('banner')).toContainText('Ivy Invited');
});

test('disabling a user asks first, signs them out at once, and can be undone', async ({ page, checkA11y }) => {
	test.skip(!maildir(), 'needs the SMTP receiver to create a user with a password');
	const user = await freshStaff('clinician', 'Dana Disable');
	const device = await newApiContext();
	try {
		await apiSignIn(device, user.email, user.password);

		await page.goto('/admin/users');
		const row = page.getByRole('row').filter({ hasText: user.email });
		await expect(row).toContainText('Active');
		await row.getByRole('button', { name: 'Disable Dana Disable' }).click();
		const confirm = page.getByRole('group', { name: /Disable Dana Disable's account\?/ });
		await expect(confirm).toBeVisible();
		await expect(confirm.getByRole('heading')).toBeFocused();
		await checkA11y('the disable confirmation');

		// Cancel changes nothing and returns focus to the button.
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		await expect(confirm).toHaveCount(0);
		await expect(row.getByRole('button', { name: 'Disable Dana Disable' })).toBeFocused();
		await expect(row).toContainText('Active');

		await row.getByRole('button', { name: 'Disable Dana Disable' }).click();
		await page.getByRole('button', { name: 'Yes, disable Dana Disable' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is disabled' })).toBeVisible();
		await expect(row).toContainText('Disabled');
		const r = await device.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
		expect(r.status(), 'the disabled user’s session has ended').toBe(401);

		await row.getByRole('button', { name: 'Enable Dana Disable' }).click();
		await page.getByRole('button', { name: 'Yes, enable Dana Disable' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is enabled again' })).toBeVisible();
		await expect(row).toContainText('Active');
		await apiSignIn(device, user.email, user.password);
	} finally {
		await device.dispose();
	}
});

test('the audit page lists sign-in events, filters them, and downloads them as CSV', async ({
	page,
	session,
	checkA11y
}) => {
	// A fresh sign-in to look for.
	const device = await newApiContext();
	await apiSignIn(device, DEMO.clinician, 'demo-password-123');
	await device.dispose();

	await page.goto('/admin/audit');
	await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('row').nth(1)).toBeVisible();
	await expect(page.locator('.result-status')).toHaveText(/^Showing 1–\d+ of \d+ events, newest first$/);
	await checkA11y('the audit page');

	// Filter to sign-ins.
	await page.getByLabel('Action').fill('session.create');
	await page.getByLabel('Outcome').selectOption('success');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/\/admin\/audit\?action=session\.create&outcome=success$/);
	const rows = table.locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	for (const action of await rows.locator('td:nth-child(4)').allInnerTexts()) {
		expect(action.trim()).toBe('session.create');
	}
	await expect(rows.filter({ hasText: 'Demo Clinician' }).first()).toBeVisible();

	// Only the clinician's.
	await page.getByLabel('Who').selectOption({ label: `Demo Clinician (${DEMO.clinician})` });
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(page).toHaveURL(/actor=/);
	// Wait for the filtered rows to replace the earlier ones before reading them.
	await expect(rows.locator('td:nth-child(2)').filter({ hasNotText: 'Demo Clinician' })).toHaveCount(0);
	for (const who of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(who.trim()).toBe('Demo Clinician');
	await checkA11y('the filtered audit page');

	// The CSV link carries the same filters and downloads a file with a header row.
	const link = page.getByRole('link', { name: 'Download CSV' });
	const href = (await link.getAttribute('href'))!;
	expect(href.startsWith('/api/v1/audit-events/export?')).toBe(true);
	const params = new URL(href, 'http://x').searchParams;
	expect(params.get('action')).toBe('session.create');
	expect(params.get('outcome')).toBe('success');
	expect(params.get('actor')).toBe(new URL(page.url()).searchParams.get('actor'));
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const file = await download.path();
	const csv = readFileSync(file!, 'utf8');
	const [header, ...lines] = csv.trim().split(/\r?\n/);
	expect(header).toMatch(/\baction\b/);
	expect(header).toMatch(/\bactor\b/);
	expect(header).toMatch(/\boutcome\b/);
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) expect(line).toContain('session.create');
	expect(session).not.toBeNull();
});

test('failed sign-ins are in the audit trail too', async ({ page, problems }) => {
	test.skip(!maildir(), 'needs the SMTP receiver to create a fresh account');
	problems.allowed.push(httpStatusMessage(401));
	// A wrong password for one of the clinic's own accounts (a fresh one, so no demo account is
	// throttled). An unknown email belongs to no clinic, so no clinic's trail shows it.
	const staff = await freshStaff('clinician', 'Fay Failed');
	const device = await newApiContext();
	const r = await device.post('/api/v1/session', {
		headers: apiHeaders(null),
		data: { email: staff.email, password: 'wrong wrong wrong' }
	});
	expect(r.status()).toBe(401);
	await device.dispose();
	await page.goto('/admin/audit?outcome=failure');
	await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
	for (const outcome of await page.getByRole('table').locator('tbody td:nth-child(7)').allInnerTexts()) {
		expect(outcome.trim()).toBe('failure');
	}
});

test.describe('with two-step sign-in required for all staff', () => {
	test.use({ signInAs: null });

	test('staff who have not set it up are sent to set it up first', async ({ page }) => {
		test.skip(!maildir(), 'needs the SMTP receiver to create a fresh admin');
		test.setTimeout(90_000);
		const admin = await freshStaff('admin', 'Ada Admin');
		await signInWithUi(page, admin.email, admin.password);
		await expect(page).toHaveURL(/\/patients$/);
		const { secret } = await enrolTotpWithUi(page);

		await page.goto('/admin/clinic');
		const toggle = page.getByLabel('Require two-step sign-in for all staff');
		await expect(toggle).not.toBeChecked();

		const clinician = await newApiContext();
		// From the moment the setting may be saved, the clinic is put back whatever happens.
		try {
			await toggle.check();
			await page.getByRole('button', { name: 'Save setting' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'All staff now need two-step sign-in' })).toBeVisible();

			// A clinician without it is sent to the account page, with the reason.
			await signOutWithUi(page);
			await signInWithUi(page, DEMO.clinician, 'demo-password-123');
			await expect(page).toHaveURL(/\/account#mfa$/);
			await expect(page.getByRole('heading', { name: 'Please set up two-step sign-in' })).toBeVisible();
			await page.goto('/patients');
			await expect(page).toHaveURL(/\/account#mfa$/);
			// The API refuses patient data to them too.
			const s = await apiSignIn(clinician, DEMO.clinician, 'demo-password-123');
			expect(s.user.mfa_required).toBe(true);
			const r = await clinician.get(`/api/v1/clinics/${s.user.clinic.id}/patients`, {
				headers: { 'X-Requested-With': 'unknot' }
			});
			expect(r.status()).toBe(403);
		} finally {
			await clinician.dispose();
			// Put the clinic back as the other tests expect it.
			const api = await newApiContext();
			const s = await apiSignInWithTotp(api, { ...admin, secret });
			const r = await api.patch(`/api/v1/clinics/${s.user.clinic.id}`, {
				headers: apiHeaders(s),
				data: { require_mfa: false }
			});
			expect(r.status(), `turning the requirement off: ${await r.text()}`).toBe(200);
			await api.dispose();
		}
	});
});
