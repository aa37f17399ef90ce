// The clinician's record pages for Assess: scores with bands and change labels (I3), precautions
// saved with If-Match and shown on the summary (A4).
import { test, expect, apiHeaders } from './fixtures';
import { freshPatient, sendPackAsClinician, uniqueTitle } from './assess';

const PHQ9_ITEMS = Array.from({ length: 9 }, (_, i) => `phq9_${i + 1}`);

function phq9Answers(code: string) {
	// Item 9 "Not at all" so no safety alert is raised by this test.
	return Object.fromEntries(PHQ9_ITEMS.map((id) => [id, id === 'phq9_9' ? 'not_at_all' : code]));
}

test('scores show the total, band and the change since last time in words', async ({ page, session, checkA11y }) => {
	const patient = await freshPatient(page, session);
	for (const code of ['more_than_half_the_days', 'several_days']) {
		const id = await sendPackAsClinician(patient.id, { instruments: ['phq9'], title: uniqueTitle('Review') });
		const r = await page.request.post(`/api/v1/assessments/${id}/submit`, {
			headers: apiHeaders(session),
			data: { answers: { phq9: phq9Answers(code) }, body_map: [], recall: {} }
		});
		expect(r.status(), `submit: ${await r.text()}`).toBe(200);
	}

	await page.goto(`/patients/${patient.id}/scores`);
	const phq9 = page.getByRole('region', { name: /PHQ-9/ });
	const rows = phq9.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(1)).toContainText('8');
	await expect(rows.nth(1)).toContainText('Mild');
	await expect(rows.nth(1)).toContainText('8 points better — meaningful change (MCID); reliable improvement');
	await expect(rows.nth(2)).toContainText('16');
	await expect(rows.nth(2)).toContainText('Moderately severe');
	await expect(rows.nth(2)).toContainText('First score');
	await expect(phq9).toContainText('© Pfizer Inc.');
	await checkA11y('the scores page with a change');

	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Summary' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}$`));
	const latest = page.getByRole('list', { name: 'Latest scores' }).getByRole('listitem').filter({ hasText: 'PHQ-9' });
	await expect(latest).toContainText('Mild');
	await expect(latest).toContainText('8 points better');
	await checkA11y('the summary with scores');
});

test('precautions are saved with the version they were based on and shown on the summary', async ({
	page,
	session,
	checkA11y
}) => {
	const patient = await freshPatient(page, session);
	await page.goto(`/patients/${patient.id}/precautions`);
	await expect(page.getByRole('heading', { level: 1, name: `Precautions: ${patient.name}` })).toBeVisible();
	await expect(page.getByText('No precautions recorded.')).toBeVisible();
	await checkA11y('the empty precautions page');

	await page.getByLabel('Precaution', { exact: true }).selectOption({ label: 'Anticoagulants or bleeding disorders' });
	await page.getByLabel('Situation').selectOption({ label: 'On an anticoagulant or with a bleeding disorder' });
	await page.getByRole('button', { name: 'Add to the list' }).click();
	const entry = page.getByRole('group', { name: /On an anticoagulant/ });
	await expect(entry).toContainText('Pressure no more than');
	await entry.getByLabel(/Anticoagulant name/).fill('Apixaban');
	await checkA11y('the precautions form with an entry');

	const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith('/precautions'));
	await page.getByRole('button', { name: 'Save precautions' }).click();
	const request = await put;
	expect(request.headers()['if-match']).toBe('"0"');
	expect(request.postDataJSON()).toEqual({
		items: [{ precaution: 'anticoagulants', situation: 'anticoagulant', details: { anticoagulant_name: 'Apixaban' } }]
	});
	await expect(page.getByRole('status').filter({ hasText: 'Precautions saved (version 1)' })).toBeVisible();
	const current = page.getByRole('region', { name: 'Current precautions' });
	await expect(current).toContainText('Anticoagulant name: Apixaban');

	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Summary' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}$`));
	await expect(page.getByRole('heading', { level: 3, name: 'Precautions' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'On an anticoagulant or with a bleeding disorder' })).toContainText(
		'Apixaban'
	);
	await checkA11y('the summary with a precaution');
});
