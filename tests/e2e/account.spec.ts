import { freshStaff, newApiContext } from './accounts';
import {
	test,
	expect,
	apiSignIn,
	DEMO,
	DEMO_PASSWORD,
	httpStatusMessage,
	signInWithUi,
	signOutWithUi
} from './fixtures';
import { maildir } from './mail';
import { shownSecret, unusedCode } from './two-step';

test('the account page shows who you are and is accessible', async ({ page, session, checkA11y }) => {
	await page.goto('/patients');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
	const details = page.getByRole('region', { name: 'Your details' });
	await expect(details).toContainText(session!.user.display_name);
	await expect(details).toContainText(DEMO.clinician);
	await expect(details).toContainText('Clinician');
	await expect(details).toContainText(session!.user.clinic.name);
	await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('Two-step sign-in is off.');
	await expect(page.getByRole('list', { name: 'Sessions' }).getByText('This device')).toHaveCount(1);
	await checkA11y('the account page');
});

test.describe('with a fresh account', () => {
	test.use({ signInAs: null });
	test.skip(() => !maildir(), 'needs the SMTP receiver to create a fresh account');

	test('changing the password: checks first, then only the new password works', async ({
		page,
		problems,
		checkA11y
	}) => {
		problems.allowed.push(httpStatusMessage(400), httpStatusMessage(401), httpStatusMessage(403));
		const user = await freshStaff('clinician');
		await signInWithUi(page, user.email, user.password);
		await expect(page).toHaveURL(/\/patients$/);
		await page.goto('/account');
		const form = page.getByRole('region', { name: 'Change your password' });

		// Too short, and a typing slip in the repeat: said before anything is sent.
		await form.getByLabel('Current password').fill(user.password);
		await form.getByLabel('New password', { exact: true }).fill('too short');
		await form.getByLabel('New password again').fill('too short');
		await form.getByRole('button', { name: 'Change password' }).click();
		await expect(form.getByRole('alert')).toContainText('at least 12 characters');
		await expect(form.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await checkA11y('the password form with a problem');
		await form.getByLabel('New password', { exact: true }).fill('a much longer new password');
		await form.getByLabel('New password again').fill('a much longer new passwrod');
		await form.getByRole('button', { name: 'Change password' }).click();
		await expect(form.getByRole('alert')).toContainText('The two passwords are not the same');

		// The wrong current password.
		await form.getByLabel('Current password').fill('not my password at all');
		await form.getByLabel('New password again').fill('a much longer new password');
		await form.getByRole('button', { name: 'Change password' }).click();
		await expect(form.getByRole('alert')).toContainText(/current password is not right/i);

		await form.getByLabel('Current password').fill(user.password);
		await form.getByRole('button', { name: 'Change password' }).click();
		await expect(form.getByRole('status')).toContainText('Your password has been changed');
		await expect(form.getByLabel('Current password')).toHaveValue('');

		await signOutWithUi(page);
		await signInWithUi(page, user.email, user.password);
		await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
		await signInWithUi(page, user.email, 'a much longer new password');
		await expect(page).toHaveURL(/\/patients$/);
	});

	test('two-step sign-in: enrol with the key, save the recovery codes, sign in with a code', async ({
		page,
		problems,
		checkA11y
	}) => {
		test.setTimeout(120_000);
		problems.allowed.push(httpStatusMessage(400), httpStatusMessage(401), httpStatusMessage(403));
		const user = await freshStaff('clinician');
		await signInWithUi(page, user.email, user.password);
		await expect(page).toHaveURL(/\/patients$/);
		await page.goto('/account');
		const section = page.getByRole('region', { name: 'Two-step sign-in' });
		await section.getByRole('button', { name: 'Set up two-step sign-in' }).click();

		// The server's QR code as an image, with the key for typing by hand.
		const qr = section.getByRole('img', { name: /QR code/ });
		await expect(qr).toBeVisible();
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
		expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
		const secret = await shownSecret(page);
		expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
		const codeField = section.getByLabel('Enter the 6-digit code the app shows');
		await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
		await expect(codeField).toHaveAttribute('inputmode', 'numeric');
		await checkA11y('the two-step set-up');

		// A wrong code is refused calmly.
		const right = await unusedCode(secret);
		await codeField.fill(right === '000000' ? '111111' : '000000');
		await section.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		await expect(section.getByRole('alert')).toContainText('That code did not work');

		await codeField.fill(right);
		await section.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
		await expect(codes).toHaveCount(10);
		const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
		await checkA11y('the recovery codes');
		await section.getByRole('button', { name: 'I have saved these' }).click();
		await expect(section.getByRole('status').filter({ hasText: 'Two-step sign-in is on' })).toBeVisible();
		await expect(section.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);

		// Sign out, then in again: the password, then a code from the "app".
		await signOutWithUi(page);
		await signInWithUi(page, user.email, user.password);
		await expect(page.getByRole('heading', { level: 1, name: 'Two-step sign-in' })).toBeVisible();
		const field = page.getByLabel('6-digit code');
		await expect(field).toBeFocused();
		await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
		await expect(field).toHaveAttribute('inputmode', 'numeric');
		await checkA11y('the two-step sign-in step');
		await field.fill(await unusedCode(secret));
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(/\/patients$/);

		// A recovery code works once instead of a code.
		await signOutWithUi(page);
		await signInWithUi(page, user.email, user.password);
		await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
		await expect(page.getByLabel('Recovery code')).toBeFocused();
		await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(/\/patients$/);

		// The API agrees: a password alone no longer signs in.
		const device = await newApiContext();
		const r = await device.post('/api/v1/session', {
			headers: { 'X-Requested-With': 'unknot', 'Content-Type': 'application/json' },
			data: { email: user.email, password: user.password }
		});
		expect((await r.json()).mfa_pending).toBe(true);
		const me = await device.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
		expect(me.status(), 'an mfa_pending session opens nothing').toBe(401);
		await device.dispose();
	});
});

test('sessions: this device is marked, another can be revoked, and "sign out everywhere else"', async ({
	page,
	checkA11y
}) => {
	const second = await newApiContext('unknot-e2e-second-device/1.0');
	const third = await newApiContext('unknot-e2e-third-device/1.0');
	try {
		await apiSignIn(second, DEMO.clinician, DEMO_PASSWORD);
		await apiSignIn(third, DEMO.clinician, DEMO_PASSWORD);
		await page.goto('/account');
		const list = page.getByRole('list', { name: 'Sessions' });
		await expect(list.getByText('This device')).toHaveCount(1);
		const secondRow = list.getByRole('listitem').filter({ hasText: 'unknot-e2e-second-device/1.0' });
		await expect(secondRow).toHaveCount(1);
		await checkA11y('the sessions list');

		await secondRow.getByRole('button', { name: /^Revoke/ }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Signed out unknot-e2e-second-device/1.0' })).toBeVisible();
		await expect(secondRow).toHaveCount(0);
		const gone = await second.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
		expect(gone.status(), 'the revoked session has ended').toBe(401);
		const still = await third.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
		expect(still.status(), 'the other sessions go on').toBe(200);

		await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Signed out everywhere else' })).toBeVisible();
		await expect(list.getByRole('listitem')).toHaveCount(1);
		await expect(list.getByRole('listitem')).toContainText('This device');
		const third2 = await third.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
		expect(third2.status()).toBe(401);
		// This device is still signed in.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
	} finally {
		await second.dispose();
		await third.dispose();
	}
});
