import { freshStaff, newApiContext, uniqueEmail } from './accounts';
import {
	test,
	expect,
	apiHeaders,
	firstClinicId,
	httpStatusMessage,
	signInWithUi,
	signOutWithUi,
	uniqueFamilyName
} from './fixtures';
import { INVITE_LINK, maildir, pathOf, RESET_LINK, waitForLink } from './mail';

test('a clinician invites a patient; the emailed link sets a password and opens the portal', async ({
	page,
	session,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(404));
	const family = uniqueFamilyName('Portal');
	const email = uniqueEmail('patient');
	const clinic = await firstClinicId(page);
	const created = await page.request.post(`/api/v1/clinics/${clinic}/patients`, {
		headers: apiHeaders(session),
		data: { given_name: 'Pat', family_name: family, email, birth_date: '1985-06' }
	});
	expect(created.status()).toBe(201);
	const patient = (await created.json()) as { id: string };

	await page.goto(`/patients/${patient.id}`);
	const portal = page.getByRole('region', { name: 'Patient portal' });
	await expect(portal.getByLabel('Email address for the invitation')).toHaveValue(email);
	await portal.getByRole('button', { name: 'Invite to the patient portal' }).click();
	await expect(portal.getByRole('status')).toContainText(`Invitation sent to ${email}`);
	await checkA11y('the patient page after an invitation');

	test.skip(!maildir(), 'needs the SMTP receiver to follow the emailed link');
	const { link } = await waitForLink(email, INVITE_LINK);
	await signOutWithUi(page);
	await page.goto(pathOf(link));
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your account' })).toBeVisible();
	await expect(page.getByText(`Pat ${family}`)).toBeVisible();
	await expect(page.getByText(session!.user.clinic.name).first()).toBeVisible();
	await expect(page.getByText(/12 characters/).first()).toBeVisible();
	await checkA11y('the invitation page');

	await page.getByLabel('Password', { exact: true }).fill('short');
	await page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('at least 12 characters');
	await page.getByLabel('Password', { exact: true }).fill('pat portal password');
	await page.getByLabel('Password again').fill('pat portal passwork');
	await page.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('not the same');
	await checkA11y('the invitation page with a problem');
	await page.getByLabel('Password again').fill('pat portal password');
	await page.getByRole('button', { name: 'Set password and sign in' }).click();

	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByRole('heading', { level: 2, name: `Pat ${family}` })).toBeVisible();
	await expect(page.getByText('June 1985')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
		'Your details',
		'Account'
	]);

	// The link works once.
	await signOutWithUi(page);
	await page.goto(pathOf(link));
	await expect(page.getByRole('heading', { name: 'This invitation link no longer works' })).toBeVisible();
	await checkA11y('a used invitation link');
	// And the patient signs in with the password they chose.
	await signInWithUi(page, email, 'pat portal password');
	await expect(page).toHaveURL(/\/me$/);
});

test.describe('signed out', () => {
	test.use({ signInAs: null });

	test('an unknown invitation link is explained calmly', async ({ page, problems, checkA11y }) => {
		problems.allowed.push(httpStatusMessage(404));
		await page.goto('/invite/not-a-real-token-at-all');
		await expect(page.getByRole('heading', { name: 'This invitation link no longer works' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'sign in' })).toBeVisible();
		await checkA11y('an unknown invitation link');
	});

	test('password reset: the same answer for any email, and the emailed link sets a new password', async ({
		page,
		problems,
		checkA11y
	}) => {
		problems.allowed.push(httpStatusMessage(401), httpStatusMessage(404));
		await page.goto('/sign-in');
		await page.getByRole('link', { name: 'Forgotten your password?' }).click();
		await expect(page).toHaveURL(/\/reset-password$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
		await checkA11y('the reset request page');

		await page.getByLabel('Email address').fill('nobody-at-all@example.org');
		await page.getByRole('button', { name: 'Send the link' }).click();
		await expect(page.getByRole('status')).toContainText('If that email has an account, we have sent a link');
		await checkA11y('the reset request answer');

		test.skip(!maildir(), 'needs the SMTP receiver to follow the emailed link');
		const user = await freshStaff('clinician');
		await page.goto('/reset-password');
		await page.getByLabel('Email address').fill(user.email);
		await page.getByRole('button', { name: 'Send the link' }).click();
		await expect(page.getByRole('status')).toContainText('If that email has an account, we have sent a link');

		const { link } = await waitForLink(user.email, RESET_LINK);
		await page.goto(pathOf(link));
		await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
		await checkA11y('the new password page');
		await page.getByLabel('New password', { exact: true }).fill('a brand new password');
		await page.getByLabel('New password again').fill('a brand new password');
		await page.getByRole('button', { name: 'Save new password' }).click();
		await expect(page.getByRole('status')).toContainText('Your password has been changed');

		// The link works once.
		const again = await newApiContext();
		const r = await again.post(`/api/v1/password-resets/${pathOf(link).split('/').pop()}`, {
			headers: apiHeaders(null),
			data: { password: 'yet another new password' }
		});
		expect(r.status()).toBe(404);
		await again.dispose();

		await page.getByRole('link', { name: 'Sign in with your new password' }).click();
		await signInWithUi(page, user.email, user.password);
		await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
		await signInWithUi(page, user.email, 'a brand new password');
		await expect(page).toHaveURL(/\/patients$/);
	});
});
