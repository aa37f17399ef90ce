import {
	test,
	expect,
	apiHeaders,
	firstClinicId,
	patientRows,
	uniqueFamilyName
} from './fixtures';

test.describe('patient list', () => {
	test('shows the demo patients with paging text, and is accessible', async ({ page, checkA11y }) => {
		await page.goto('/patients');
		await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
		const rows = patientRows(page);
		await expect(rows.first()).toBeVisible();
		const count = await rows.count();
		expect(count, 'demo patients on the first page').toBeGreaterThanOrEqual(5);
		await expect(page.getByRole('status').filter({ hasText: /^Showing 1–\d+ of \d+$/ })).toBeVisible();
		// Each row links to the patient's page.
		const href = await rows.first().getByRole('link').getAttribute('href');
		expect(href).toMatch(/^\/patients\/[0-9a-f-]{36}$/);
		await checkA11y('the patient list');
	});

	test('home redirects a clinician to the patient list', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/patients$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	});

	test('search narrows the list and updates the address', async ({ page, checkA11y }) => {
		await page.goto('/patients');
		const rows = patientRows(page);
		await expect(rows.first()).toBeVisible();
		const before = await rows.count();
		// "Family, Given (Preferred)": search for the first patient's family name.
		const firstName = (await rows.first().getByRole('link').innerText()).trim();
		const family = firstName.split(',')[0]!.trim();

		await page.getByLabel('Search by name').fill(family);
		await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(family)}`));
		await expect(rows.first()).toContainText(family);
		const after = await rows.count();
		expect(after, 'search results').toBeGreaterThanOrEqual(1);
		expect(after, 'search narrows the list').toBeLessThan(before);
		for (const text of await rows.getByRole('link').allInnerTexts()) {
			expect(text.toLowerCase()).toContain(family.toLowerCase());
		}
		// The search box still has focus after the debounced navigation.
		await expect(page.getByLabel('Search by name')).toBeFocused();
		await checkA11y('the patient list with a search');

		// Reloading the address keeps the search.
		await page.reload();
		await expect(page.getByLabel('Search by name')).toHaveValue(family);
		await expect(rows).toHaveCount(after);
	});

	test('a search with no match says so calmly', async ({ page, checkA11y }) => {
		await page.goto('/patients?q=Zzyzxnomatch');
		await expect(page.getByText('No patients match “Zzyzxnomatch”.', { exact: false }).first()).toBeVisible();
		await expect(patientRows(page)).toHaveCount(0);
		await page.getByRole('link', { name: 'Show all patients' }).click();
		await expect(page).toHaveURL(/\/patients$/);
		await expect(patientRows(page).first()).toBeVisible();
		await checkA11y('the patient list after clearing the search');
	});

	test('a network failure shows a calm message and Retry recovers', async ({ page, problems }) => {
		problems.allowed.push(/Failed to load resource: net::ERR_FAILED/);
		await page.route('**/api/v1/clinics/*/patients**', (route) => route.abort('failed'));
		await page.goto('/patients');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText("We couldn't reach the unknot server");
		await page.unroute('**/api/v1/clinics/*/patients**');
		await alert.getByRole('button', { name: 'Retry' }).click();
		await expect(patientRows(page).first()).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	test('a 403 from the API shows a plain "no access" page', async ({ page, problems, checkA11y }) => {
		problems.allowed.push(/status of 403/);
		await page.route('**/api/v1/clinics', (route) =>
			route.fulfill({
				status: 403,
				contentType: 'application/problem+json',
				body: JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403 })
			})
		);
		await page.goto('/patients');
		await expect(
			page.getByRole('heading', { level: 1, name: 'You do not have access to this' })
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Go to your start page' })).toHaveAttribute(
			'href',
			'/patients'
		);
		await checkA11y('the no-access page');
	});

	test('paging moves through the results 20 at a time', async ({ page, session, checkA11y }) => {
		// 23 patients sharing a family name no demo patient has.
		const family = uniqueFamilyName('Pagecase');
		const clinic = await firstClinicId(page);
		for (let i = 0; i < 23; i++) {
			const given = `Given${String.fromCharCode(65 + i)}`;
			const r = await page.request.post(`/api/v1/clinics/${clinic}/patients`, {
				headers: apiHeaders(session),
				data: { given_name: given, family_name: family }
			});
			expect(r.status(), `POST patient ${i}: ${await r.text()}`).toBe(201);
		}

		await page.goto(`/patients?q=${family}`);
		const status = page.locator('.result-status');
		await expect(status).toHaveText('Showing 1–20 of 23');
		await expect(patientRows(page)).toHaveCount(20);
		const pager = page.getByRole('navigation', { name: 'Pages of patients' });
		await expect(pager.getByRole('link', { name: 'Previous' })).toHaveCount(0);

		await pager.getByRole('link', { name: 'Next' }).click();
		await expect(page).toHaveURL(new RegExp(`q=${family}&offset=20$`));
		await expect(status).toHaveText('Showing 21–23 of 23');
		await expect(patientRows(page)).toHaveCount(3);
		await expect(pager.getByRole('link', { name: 'Next' })).toHaveCount(0);
		await checkA11y('the second page of results');

		await pager.getByRole('link', { name: 'Previous' }).click();
		await expect(status).toHaveText('Showing 1–20 of 23');
		await expect(page).toHaveURL(new RegExp(`q=${family}$`));
	});

	test('an unknown address shows a calm "not found" page inside the shell', async ({
		page,
		checkA11y
	}) => {
		await page.goto('/no-such-page');
		await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await checkA11y('the not-found page');
	});

	test('an unknown patient id is explained, not shown as a blank page', async ({
		page,
		problems
	}) => {
		problems.allowed.push(/status of 404/);
		await page.goto('/patients/00000000-0000-4000-8000-000000000000');
		await expect(page.getByRole('alert')).toContainText("We couldn't find that");
		await expect(page.getByRole('alert').getByRole('link', { name: 'the patient list' })).toBeVisible();
	});
});

