import { test, expect, httpStatusMessage, randomNhsNumber, uniqueFamilyName } from './fixtures';

test('adding a patient shows every problem next to its field, keeps the input, then saves', async ({
	page,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(400));
	const family = uniqueFamilyName();
	const futureYear = new Date().getFullYear() + 2;

	await page.goto('/patients');
	await page.getByRole('link', { name: 'Add patient' }).click();
	await expect(page).toHaveURL(/\/patients\/new$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Add a patient' })).toBeVisible();
	await checkA11y('the empty add-patient form');

	await page.getByLabel('Given name').fill('Ada');
	await page.getByLabel('Family name').fill(family);
	await page.getByLabel(/Preferred name/).fill('Addie');
	await page.getByLabel(/Date of birth/).fill(`${futureYear}-01-15`);
	await page.getByLabel(/NHS number/).fill('1234567890');
	await page.getByLabel(/Email address/).fill('ada@example.org');
	await page.getByRole('button', { name: 'Add patient' }).click();

	// The error summary appears, takes focus and links to each field with a problem.
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	const nhsLink = summary.locator('a[href="#field-nhs_number"]');
	const dobLink = summary.locator('a[href="#field-birth_date"]');
	await expect(nhsLink).toBeVisible();
	await expect(dobLink).toBeVisible();

	// Each message sits next to its field, and the field says it is invalid.
	const nhs = page.locator('#field-nhs_number');
	const dob = page.locator('#field-birth_date');
	await expect(nhs).toHaveAttribute('aria-invalid', 'true');
	await expect(dob).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#field-nhs_number-error')).toHaveText(/\S/);
	await expect(page.locator('#field-birth_date-error')).toHaveText(/\S/);
	await expect(nhs).toHaveAttribute('aria-describedby', /field-nhs_number-error/);
	await expect(page.locator('#field-given_name')).not.toHaveAttribute('aria-invalid', 'true');

	// Everything typed is still there.
	await expect(page.locator('#field-given_name')).toHaveValue('Ada');
	await expect(page.locator('#field-family_name')).toHaveValue(family);
	await expect(page.locator('#field-preferred_name')).toHaveValue('Addie');
	await expect(dob).toHaveValue(`${futureYear}-01-15`);
	await expect(nhs).toHaveValue('1234567890');
	await expect(page.locator('#field-email')).toHaveValue('ada@example.org');
	await expect(page).toHaveTitle(/^Error: /);
	await checkA11y('the add-patient form with errors shown');

	// A summary link moves focus to its field.
	await nhsLink.click();
	await expect(nhs).toBeFocused();

	// Fix the two answers and save.
	const nhsNumber = randomNhsNumber();
	await nhs.fill(`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`);
	await dob.fill('1980-05');
	await page.getByRole('button', { name: 'Add patient' }).click();

	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Ada ${family}`);
	await expect(page.getByRole('status').filter({ hasText: 'has been added' })).toBeVisible();
	const details = page.getByRole('region', { name: 'Details' });
	await expect(details).toContainText('May 1980');
	await expect(details).toContainText(
		`${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`
	);
	await expect(details).toContainText('ada@example.org');
	await checkA11y('the new patient page');

	// The new patient is in the list.
	await page.goto(`/patients?q=${family}`);
	await expect(page.getByRole('link', { name: `${family}, Ada (Addie)` })).toBeVisible();
});

test('a duplicate NHS number is shown on the NHS number field', async ({ page, problems }) => {
	problems.allowed.push(httpStatusMessage(409));
	const nhsNumber = randomNhsNumber();
	for (const [i, expectSaved] of [
		[1, true],
		[2, false]
	] as const) {
		await page.goto('/patients/new');
		await page.getByLabel('Given name').fill(`Dup${i}`);
		await page.getByLabel('Family name').fill(uniqueFamilyName('Duplicate'));
		await page.getByLabel(/NHS number/).fill(nhsNumber);
		await page.getByRole('button', { name: 'Add patient' }).click();
		if (expectSaved) {
			await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
		} else {
			await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
			await expect(page.locator('#field-nhs_number')).toHaveAttribute('aria-invalid', 'true');
			await expect(page.locator('#field-nhs_number-error')).toHaveText(/\S/);
			await expect(page.locator('#field-nhs_number')).toHaveValue(nhsNumber);
		}
	}
});
