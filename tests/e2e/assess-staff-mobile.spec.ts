// The staff Assess pages on a 390×844 phone (this file runs in the "mobile" project): nothing wider
// than the screen, and axe finds nothing. Tables that cannot wrap scroll inside their own labelled,
// focusable region instead of the page.
import type { Page } from '@playwright/test';
import { test, expect, apiHeaders, checkNoHorizontalScroll } from './fixtures';
import { freshPatient, sendPackAsClinician, uniqueTitle } from './assess';

async function fitsThePhone(page: Page, checkA11y: (label: string) => Promise<void>, label: string) {
	expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
	await checkNoHorizontalScroll(page);
	await checkA11y(`${label} on a phone`);
}

test('the staff Assess pages fit a phone', async ({ page, session, checkA11y }) => {
	test.setTimeout(120_000);
	const patient = await freshPatient(page, session);
	const headers = apiHeaders(session);

	// A completed PHQ-9 + GAD-7 with a body map, corrected once; a safety answer on a second pack
	// (so the patient list and summary show an open alert); a red-flag screen and a precaution.
	const done = await sendPackAsClinician(patient.id, { instruments: ['phq9', 'gad7'], body_map: true, title: uniqueTitle('Intake') });
	const phq9 = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, i === 8 ? 'not_at_all' : 'more_than_half_the_days']));
	const gad7 = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7_${i + 1}`, 'several_days']));
	const submitted = await page.request.post(`/api/v1/assessments/${done}/submit`, {
		headers,
		data: { answers: { phq9, gad7 }, body_map: [{ region: 'neck', intensity: 6 }], recall: {} }
	});
	expect(submitted.status(), await submitted.text()).toBe(200);
	const responses = (await (await page.request.get(`/api/v1/patients/${patient.id}/responses`, { headers })).json()).items as {
		id: string;
		instrument: string;
	}[];
	const phq9Response = responses.find((r) => r.instrument === 'phq9')!;
	const corrected = await page.request.patch(`/api/v1/responses/${phq9Response.id}`, {
		headers: { ...headers, 'If-Match': '"1"' },
		data: { answers: { ...phq9, phq9_1: 'several_days' }, reason: 'Read out the wrong option on the phone call' }
	});
	expect(corrected.status(), await corrected.text()).toBe(200);
	const open = await sendPackAsClinician(patient.id, { instruments: ['phq9'], title: uniqueTitle('Check-in') });
	const draft = await page.request.put(`/api/v1/assessments/${open}/draft`, {
		headers,
		data: { answers: { phq9: { phq9_9: 'several_days' } }, body_map: [], recall: {} }
	});
	expect(draft.status(), await draft.text()).toBe(200);

	try {
		await page.goto('/patients');
		await expect(page.getByRole('region', { name: /open safety alerts?$/ })).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the patient list with an open alert');

		await page.goto(`/patients/${patient.id}`);
		await expect(page.getByRole('heading', { level: 1, name: patient.name })).toBeVisible();
		await expect(page.getByRole('list', { name: 'Latest scores' })).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the clinical summary');

		await page.goto(`/patients/${patient.id}/assessments`);
		await expect(page.getByRole('heading', { level: 1, name: /^Assessments: / })).toBeVisible();
		await expect(page.getByRole('list', { name: 'Assessments, newest first' })).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the assessments page');

		await page.goto(`/patients/${patient.id}/assessments/${open}`);
		await expect(page.getByText(/^Question \d+ of \d+$/)).toBeVisible();
		await fitsThePhone(page, checkA11y, 'answers entered in clinic');

		await page.goto(`/patients/${patient.id}/scores`);
		const scores = page.getByRole('region', { name: /PHQ-9/ });
		await expect(scores.getByRole('table')).toBeVisible();
		await expect(scores).toContainText('Version 2 — corrected by');
		// Too wide to wrap without breaking words: it scrolls in its own named, focusable box.
		const tableBox = scores.getByRole('region', { name: /^Scores, newest first/ });
		await expect(tableBox).toHaveAttribute('tabindex', '0');
		expect(await tableBox.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		await tableBox.focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => tableBox.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
		await scores.locator('details.response > summary').first().click();
		await scores.locator('details.history > summary').first().click();
		await fitsThePhone(page, checkA11y, 'the scores with a corrected response');
		await scores.getByRole('button', { name: /^Correct answers/ }).first().click();
		await expect(scores.getByRole('form', { name: /^Correct the answers of/ })).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the correction form');

		await page.goto(`/patients/${patient.id}/body-maps`);
		await expect(page.getByRole('heading', { level: 1, name: /^Body maps: / })).toBeVisible();
		await expect(page.getByText('Neck').first()).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the body maps');

		await page.goto(`/patients/${patient.id}/red-flags`);
		await expect(page.getByRole('heading', { level: 1, name: /^Red flags: / })).toBeVisible();
		await expect(page.getByRole('button', { name: /Record/ }).first()).toBeVisible();
		await fitsThePhone(page, checkA11y, 'the red-flag screen');

		await page.goto(`/patients/${patient.id}/precautions`);
		await expect(page.getByRole('heading', { level: 1, name: /^Precautions: / })).toBeVisible();
		await page.getByLabel('Precaution', { exact: true }).selectOption({ label: 'Anticoagulants or bleeding disorders' });
		await page.getByLabel('Situation').selectOption({ label: 'On an anticoagulant or with a bleeding disorder' });
		await page.getByRole('button', { name: 'Add to the list' }).click();
		await fitsThePhone(page, checkA11y, 'the precautions form');
	} finally {
		// Leave no open alert behind for the other tests' landing page.
		const alerts = (await (await page.request.get(`/api/v1/patients/${patient.id}/alerts`, { headers })).json()).items as {
			id: string;
			status: string;
		}[];
		for (const a of alerts.filter((x) => x.status === 'open')) {
			await page.request.post(`/api/v1/alerts/${a.id}/acknowledge`, {
				headers,
				data: { note: 'Phoned the patient; they are safe. (e2e clean-up)' }
			});
		}
	}
});
