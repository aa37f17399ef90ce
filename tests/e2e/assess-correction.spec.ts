// Staff correct a questionnaire response (I3): the questions pre-filled, a reason required, the
// version the form was opened on sent in If-Match; the scores page then says who corrected it,
// when and why, and keeps every version in a History disclosure. A clash with someone else's
// correction (409) and answers the server refuses (400) are explained, nothing is lost silently.
import type { Page } from '@playwright/test';
import { test, expect, apiHeaders, httpStatusMessage, type SignedInSession } from './fixtures';
import { freshPatient, sendPackAsClinician, uniqueTitle } from './assess';

const PHQ9_ITEMS = Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`);
const REASON = 'The patient meant “not at all” for the first question.';

/** A PHQ-9 answered "several days" throughout but item 9 (no safety alert): total 8. */
async function answeredPhq9(page: Page, session: SignedInSession | null) {
	const patient = await freshPatient(page, session);
	const assessmentId = await sendPackAsClinician(patient.id, { instruments: ['phq9'], title: uniqueTitle('Review') });
	const answers = Object.fromEntries(PHQ9_ITEMS.map((id) => [id, id === 'phq9_9' ? 'not_at_all' : 'several_days']));
	const r = await page.request.post(`/api/v1/assessments/${assessmentId}/submit`, {
		headers: apiHeaders(session),
		data: { answers: { phq9: answers }, body_map: [], recall: {} }
	});
	expect(r.status(), `submit: ${await r.text()}`).toBe(200);
	const responses = await page.request.get(`/api/v1/patients/${patient.id}/responses`, { headers: apiHeaders(session) });
	const response = ((await responses.json()).items as { id: string; answers: Record<string, string> }[])[0]!;
	return { patient, response };
}

/** Opens the newest response's answers and its correction form. */
async function openCorrection(page: Page) {
	const phq9 = page.getByRole('region', { name: /PHQ-9/ });
	await phq9.locator('details.response > summary').first().click();
	await phq9.getByRole('button', { name: /^Correct answers/ }).first().click();
	const form = phq9.getByRole('form', { name: /^Correct the answers of/ });
	await expect(form.getByRole('heading', { name: /^Correct the answers of/ })).toBeFocused();
	return { phq9, form };
}

test('a clinician corrects a response and sees the version and its history', async ({ page, session, problems, checkA11y }) => {
	problems.allowed.push(httpStatusMessage(400));
	const { patient } = await answeredPhq9(page, session);
	await page.goto(`/patients/${patient.id}/scores`);
	await expect(page.getByRole('heading', { level: 1, name: `Scores: ${patient.name}` })).toBeVisible();
	const rows = page.getByRole('region', { name: /PHQ-9/ }).getByRole('table').getByRole('row');
	await expect(rows.nth(1)).toContainText('8');

	const { phq9, form } = await openCorrection(page);
	// Pre-filled with the stored answers, every question listed.
	const first = form.getByRole('group', { name: /^1\. Little interest or pleasure/ });
	await expect(first.getByRole('radio', { name: 'Several days' })).toBeChecked();
	await expect(form.getByRole('group', { name: /^9\. / }).getByRole('radio', { name: 'Not at all' })).toBeChecked();
	await expect(form.getByRole('group')).toHaveCount(10);
	await checkA11y('the correction form');

	// Nothing changed and no reason: both are asked for, nothing is sent.
	await form.getByRole('button', { name: 'Save corrected answers' }).click();
	const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Change at least one answer, or cancel the correction.');
	await expect(summary).toContainText('Say why the answers are being corrected.');
	await expect(form.getByLabel('Reason for the correction')).toHaveAttribute('aria-invalid', 'true');
	await checkA11y('the correction form with problems');

	// An answer the server refuses (a changed request, as from an out-of-date page): its message, on the item.
	await first.getByRole('radio', { name: 'Not at all' }).check();
	await form.getByLabel('Reason for the correction').fill(REASON);
	await page.route('**/api/v1/responses/*', async (route) => {
		const body = route.request().postDataJSON();
		body.answers.phq9_2 = 'sometimes';
		await route.continue({ postData: JSON.stringify(body) });
	});
	await form.getByRole('button', { name: 'Save corrected answers' }).click();
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveCount(1);
	await summary.getByRole('link').click();
	await expect(form.locator('.item.has-error')).toHaveCount(1);
	await expect(form.locator('.item.has-error')).toBeFocused();
	await page.unroute('**/api/v1/responses/*');

	// Sent with the version it was based on.
	const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/v1/responses/'));
	await form.getByRole('button', { name: 'Save corrected answers' }).click();
	const request = await patch;
	expect(request.headers()['if-match']).toBe('"1"');
	expect(request.postDataJSON()).toMatchObject({ reason: REASON, answers: { phq9_1: 'not_at_all', phq9_2: 'several_days' } });
	const done = phq9.getByRole('status').getByText('Answers corrected. This is now version 2.');
	await expect(done).toBeFocused();
	await expect(form).toHaveCount(0);

	// The table says who corrected it, when and why, with the new total.
	const name = session!.user.display_name;
	await expect(rows.nth(1)).toContainText(new RegExp(`Version 2 — corrected by ${name} on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d: ${REASON}`));
	await expect(rows.nth(1).getByRole('cell').first()).toHaveText('7');
	await expect(phq9.locator('details.response > summary').first()).toContainText('(version 2)');
	await expect(phq9.getByText('Not at all (0)').first()).toBeVisible();

	// History: both versions, and what changed.
	await expect(phq9.locator('details.history > summary')).toHaveText(/^History/);
	await phq9.locator('details.history > summary').click();
	const history = phq9.locator('details.history ol');
	await expect(history.getByRole('listitem').filter({ hasText: 'Version 2' }).first()).toContainText(`Corrected by ${name}`);
	await expect(history).toContainText(`Reason: ${REASON}`);
	await expect(history).toContainText('total 7');
	await expect(history).toContainText('total 8');
	await expect(history).toContainText(`Version 1 — Recorded by ${name}`);
	await expect(history).toContainText('1. Little interest or pleasure in doing things: Several days (1) → Not at all (0)');
	await checkA11y('the scores page with a corrected response and its history');

	// Still there on a fresh load.
	await page.reload();
	await expect(page.getByRole('region', { name: /PHQ-9/ }).getByRole('table').getByRole('row').nth(1)).toContainText('Version 2 — corrected by');
});

test('a correction that clashes with someone else’s says so and reloads', async ({ page, session, problems, checkA11y }) => {
	problems.allowed.push(httpStatusMessage(409));
	const { patient, response } = await answeredPhq9(page, session);
	await page.goto(`/patients/${patient.id}/scores`);
	const { phq9, form } = await openCorrection(page);

	// Meanwhile, someone else corrects it (version 2).
	const other = await page.request.patch(`/api/v1/responses/${response.id}`, {
		headers: { ...apiHeaders(session), 'If-Match': '"1"' },
		data: { answers: { ...response.answers, phq9_3: 'not_at_all' }, reason: 'Corrected on the phone' }
	});
	expect(other.status(), await other.text()).toBe(200);

	await form.getByRole('group', { name: /^1\. / }).getByRole('radio', { name: 'Nearly every day' }).check();
	await form.getByLabel('Reason for the correction').fill('Patient said nearly every day');
	await form.getByRole('button', { name: 'Save corrected answers' }).click();
	const clash = form.getByRole('alert').filter({ hasText: 'Someone changed these answers meanwhile' });
	await expect(clash).toBeVisible();
	await expect(form.getByLabel('Reason for the correction')).toHaveValue('Patient said nearly every day');
	await checkA11y('the correction form after a clash');

	await clash.getByRole('button', { name: 'Reload the scores' }).click();
	await expect(phq9.getByRole('table').getByRole('row').nth(1)).toContainText('Version 2 — corrected by');
	await expect(phq9.getByRole('table').getByRole('row').nth(1)).toContainText('Corrected on the phone');
});
