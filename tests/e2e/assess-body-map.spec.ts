// The body map by keyboard (A3): the list of body areas is the main keyboard path (a skip link
// jumps past the drawing to it); a region on the drawing is a button that Enter selects, moving to
// its control in the list. The stored map then shows numbers, not colour alone.
import { test, expect } from './fixtures';
import { freshPatient, sendPackAsClinician, uniqueTitle } from './assess';

test('a clinician records a body map with the keyboard only', async ({ page, session, checkA11y }) => {
	const patient = await freshPatient(page, session);
	const title = uniqueTitle('Pain check');
	const id = await sendPackAsClinician(patient.id, { instruments: ['nprs'], body_map: true, title });

	await page.goto(`/patients/${patient.id}/assessments`);
	await page.getByRole('link', { name: `Enter answers in clinic: ${title}` }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/assessments/${id}$`));
	await expect(page.getByText('Question 1 of 1')).toBeVisible();
	// In clinic the recall period can be chosen (NPRS has several).
	await expect(page.getByLabel('Time period these answers are about')).toBeVisible();

	// NPRS 0–10 by keyboard: radios move with the arrow keys.
	await page.getByRole('radio', { name: '0', exact: true }).focus();
	for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('radio', { name: '5', exact: true })).toBeChecked();
	await page.getByRole('button', { name: 'Next' }).focus();
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { name: 'Where do you feel pain or tension?' })).toBeFocused();
	await checkA11y('the body-map step');

	// The skip link goes straight to the list.
	const skip = page.getByRole('link', { name: 'Skip the drawing and use the list of body areas' });
	await skip.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('group', { name: 'Body areas' })).toBeFocused();
	const lowerBack = page.getByLabel('Lower back', { exact: true });
	await lowerBack.focus();
	await page.keyboard.type('6');
	await expect(lowerBack).toHaveValue('6');

	// A drawn region: Enter selects it and moves to its control.
	const neckOnDrawing = page.getByRole('group', { name: 'Front of the body' }).getByRole('button', { name: /^Neck, / });
	await neckOnDrawing.focus();
	await page.keyboard.press('Enter');
	const neck = page.getByLabel('Neck', { exact: true });
	await expect(neck).toBeFocused();
	await page.keyboard.type('3');
	await expect(neck).toHaveValue('3');
	await expect(page.getByRole('group', { name: 'Back of the body' }).getByRole('button', { name: 'Lower back, 6 out of 10' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
	await checkA11y('the body map with two areas marked');

	await page.getByRole('button', { name: 'Check answers' }).click();
	await expect(page.getByText('You have answered every question.')).toBeVisible();
	await page.getByRole('button', { name: 'Save answers' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/scores$`));
	await expect(page.getByRole('status').filter({ hasText: `Saved the answers to “${title}”` })).toBeVisible();
	await checkA11y('the scores page');

	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Body maps' }).click();
	const latest = page.getByRole('region', { name: /^Latest:/ });
	await expect(latest.getByRole('row', { name: /Lower back\s+6/ })).toBeVisible();
	await expect(latest.getByRole('row', { name: /Neck\s+3/ })).toBeVisible();
	await checkA11y('the body-map history');
});
