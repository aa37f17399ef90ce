// Answers are saved as the patient goes: after a reload the pack continues where they left off,
// with every earlier answer still chosen.
import { test, expect } from './fixtures';
import { answer, demoPatient, next, PHONE, sendPackAsClinician, uniqueTitle } from './assess';

test.use({ signInAs: 'patient', ...PHONE });

test('a half-answered questionnaire resumes after a reload', async ({ page, checkA11y }) => {
	const { id: patientId } = await demoPatient();
	const title = uniqueTitle('Follow-up');
	const id = await sendPackAsClinician(patientId, { instruments: ['gad7'], title });

	await page.goto('/me');
	// The patient's own formulation: plain sentences, no numbers, no scores.
	const profile = page.getByRole('region', { name: 'How things seem to be linked for you' });
	await expect(profile.getByRole('paragraph').first()).toBeVisible();
	await expect(profile).not.toContainText(/\d|score|risk/i);
	await page.getByRole('link', { name: `Start: ${title}` }).click();
	await expect(page).toHaveURL(new RegExp(`/me/assessments/${id}$`));
	await expect(page.getByText('Question 1 of 7')).toBeVisible();

	// Each answer is sent as a draft (PUT …/draft) and the page says so.
	const saved = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(`/assessments/${id}/draft`));
	await answer(page, 'Not at all');
	expect((await saved).postDataJSON().answers.gad7).toMatchObject({ gad7_1: 'not_at_all' });
	await next(page);
	await answer(page, 'Several days');
	await next(page);
	await answer(page, 'More than half the days');
	await next(page);
	await expect(page.getByText('Question 4 of 7')).toBeVisible();

	await page.reload();
	await expect(page.getByText('Question 4 of 7')).toBeVisible();
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
	await checkA11y('a resumed questionnaire');

	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByText('Question 3 of 7')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'More than half the days' })).toBeChecked();
	await expect(page.getByRole('heading', { level: 2 })).toBeFocused();

	// The portal list now says "Continue" and how far they got.
	await page.goto('/me');
	const todo = page.getByRole('region', { name: 'Questionnaires to do' });
	await expect(todo.getByRole('listitem').filter({ hasText: title })).toContainText('3 of 7 answered');
	await todo.getByRole('link', { name: `Continue: ${title}` }).click();
	await expect(page.getByText('Question 4 of 7')).toBeVisible();

	// The review lists what is still unanswered, and each links back to its question.
	for (let i = 4; i <= 7; i++) await next(page);
	await expect(page.getByRole('heading', { name: 'Check and send your answers' })).toBeVisible();
	const missing = page.getByRole('list', { name: 'Questions without an answer' });
	await expect(missing.getByRole('listitem')).toHaveCount(4);
	await checkA11y('the review screen with unanswered questions');
	await missing.getByRole('button').first().click();
	await expect(page.getByText('Question 4 of 7')).toBeVisible();
});
