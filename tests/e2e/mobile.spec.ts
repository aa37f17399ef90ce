import { test, expect, patientRows } from './fixtures';

test('the patient list works on a 390×844 phone screen', async ({ page, checkA11y }) => {
	await page.goto('/patients');
	expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	await expect(patientRows(page).first()).toBeVisible();

	// Nothing is wider than the screen.
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	// The header, search and the add button fit and can be used.
	await expect(page.getByRole('button', { name: 'Larger text' })).toBeInViewport();
	await expect(page.getByLabel('Search by name')).toBeInViewport();
	await expect(page.getByRole('link', { name: 'Add patient' })).toBeInViewport();
	const addBox = await page.getByRole('link', { name: 'Add patient' }).boundingBox();
	expect(addBox!.height).toBeGreaterThanOrEqual(24);
	await checkA11y('the patient list on a phone');

	await patientRows(page).first().getByRole('link').tap();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('region', { name: 'Details' })).toBeVisible();
	const overflow2 = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow2).toBeLessThanOrEqual(0);
	await checkA11y('a patient page on a phone');
});
