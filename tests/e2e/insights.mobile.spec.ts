// The patient's insights on a phone: everything readable without sideways scrolling of the page,
// axe-clean.
import { test, expect, checkNoHorizontalScroll } from './fixtures';

test.use({ signInAs: 'patient' });

test('the patient reads their insights on a phone', async ({ page, checkA11y }) => {
	await page.goto('/me/insights');
	await expect(page.getByRole('heading', { level: 1, name: 'Your insights' })).toBeVisible();
	await expect(page.getByRole('article', { name: 'Stress and pain' })).toContainText('after days when your stress was higher');
	await expect(page.getByRole('region', { name: 'Periods of higher pain' }).getByRole('article').first()).toBeVisible();
	await expect(page.getByRole('region', { name: 'Your questionnaires' }).getByRole('img').first()).toBeVisible();
	await checkNoHorizontalScroll(page);
	await checkA11y('the patient insights page on a phone');
});
