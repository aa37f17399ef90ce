import { uniqueEmail } from './accounts';
import {
	test,
	expect,
	DEMO,
	DEMO_PASSWORD,
	apiHeaders,
	httpStatusMessage,
	patientRows,
	signInWithUi,
	signOutWithUi
} from './fixtures';

test.describe('signed out', () => {
	test.use({ signInAs: null });

	test('a signed-out visit goes to an accessible sign-in page that remembers the way back', async ({
		page,
		checkA11y
	}) => {
		await page.goto('/patients?q=smith');
		await expect(page).toHaveURL(/\/sign-in\?next=%2Fpatients%3Fq%3Dsmith$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		// No staff navigation for someone who is not signed in.
		await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
		const email = page.getByLabel('Email address');
		await expect(email).toHaveAttribute('autocomplete', 'username');
		await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
		await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
		await checkA11y('the sign-in page');

		await signInWithUi(page, DEMO.clinician, DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/patients\?q=smith$/);
		await expect(page.getByLabel('Search by name')).toHaveValue('smith');
	});

	test('a wrong password shows the generic message; the right one lands on /patients', async ({
		page,
		problems,
		checkA11y
	}) => {
		problems.allowed.push(httpStatusMessage(401));
		await page.goto('/sign-in');

		// Nothing typed: each field says what it needs, and nothing is sent.
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
		await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');

		await signInWithUi(page, DEMO.clinician, 'not the password at all');
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await expect(summary).toContainText('The email or password is not right.');
		await expect(summary).toBeFocused();
		await expect(page).toHaveTitle(/^Error: Sign in/);
		await expect(page.getByLabel('Email address')).toHaveValue(DEMO.clinician);
		await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
		await checkA11y('the sign-in page after a wrong password');

		// An unknown email gets exactly the same answer.
		await signInWithUi(page, 'nobody-here@example.org', 'not the password at all');
		await expect(summary).toContainText('The email or password is not right.');

		await signInWithUi(page, DEMO.clinician, DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/patients$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
		await expect(patientRows(page).first()).toBeVisible();
	});

	test('too many attempts says how long to wait', async ({ page, problems }) => {
		problems.allowed.push(httpStatusMessage(429));
		await page.route('**/api/v1/session', (route) =>
			route.request().method() === 'POST'
				? route.fulfill({
						status: 429,
						headers: { 'Retry-After': '30' },
						contentType: 'application/problem+json',
						body: JSON.stringify({ type: 'about:blank', title: 'Too many attempts', status: 429 })
					})
				: route.fallback()
		);
		await signInWithUi(page, DEMO.clinician, DEMO_PASSWORD);
		await expect(page.getByRole('alert')).toContainText('Too many attempts; try again in 30 seconds.');
	});

	test('repeated wrong passwords are throttled by the server, and the page says how long to wait', async ({
		page,
		problems,
		checkA11y
	}) => {
		problems.allowed.push(httpStatusMessage(401), httpStatusMessage(429));
		// A made-up address: the server throttles per account name whether or not it exists.
		const email = uniqueEmail('throttled');
		const tooMany = page.getByRole('alert').filter({ hasText: 'Too many attempts' });
		await page.goto('/sign-in');
		for (let attempt = 1; attempt <= 12 && (await tooMany.count()) === 0; attempt++) {
			await signInWithUi(page, email, `wrong password ${attempt}`);
		}
		await expect(tooMany).toContainText(/Too many attempts; try again in \d+ (second|seconds|minutes)\./);
		await checkA11y('the sign-in page when throttled');
	});

	test('the home page sends a signed-out visitor to sign in', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/sign-in$/);
	});
});

test('signing out ends the session and returns to the sign-in page', async ({ page, checkA11y }) => {
	await page.goto('/patients');
	await expect(patientRows(page).first()).toBeVisible();
	await signOutWithUi(page);
	await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await checkA11y('the sign-in page after signing out');

	// The server ended the session: the cookie no longer opens anything.
	const r = await page.request.get('/api/v1/session', { headers: { 'X-Requested-With': 'unknot' } });
	expect(r.status()).toBe(401);
	await page.goto('/patients');
	await expect(page).toHaveURL(/\/sign-in\?next=%2Fpatients$/);
});

test('when the session has ended, the next step asks to sign in again, then comes back', async ({
	page,
	session,
	problems
}) => {
	problems.allowed.push(httpStatusMessage(401));
	await page.goto('/patients');
	const first = patientRows(page).first().getByRole('link');
	await expect(first).toBeVisible();
	const href = (await first.getAttribute('href'))!;

	// The session ends elsewhere (as after the idle timeout); the page does not know yet.
	const r = await page.request.delete('/api/v1/session', { headers: apiHeaders(session) });
	expect(r.status()).toBe(204);

	await first.click();
	await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(href)}$`));
	await expect(page.getByRole('status').filter({ hasText: 'Please sign in again' })).toBeVisible();
	await signInWithUi(page, DEMO.clinician, DEMO_PASSWORD);
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByRole('region', { name: 'Details' })).toBeVisible();
});
