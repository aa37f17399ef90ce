// Insight (issue 6 items 6 and 7): the demo patient reads their insights (the stress–pain
// sentence, a period of higher pain, questionnaire progress; never a p-value); the demo clinician
// reads the same patient's full analysis (forest plot, every record, an episode with the three
// days before) and the clinic dashboard. Axe runs on every page.
import { test, expect } from './fixtures';
import { demoPatient, freshPatient } from './assess';

test.describe('the patient', () => {
	test.use({ signInAs: 'patient' });

	test('reads their insights in plain words', async ({ page, checkA11y }) => {
		await page.goto('/me');
		await page.getByRole('link', { name: 'Insights', exact: true }).click();
		await expect(page).toHaveURL(/\/me\/insights$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Your insights' })).toBeVisible();

		const cycle = page.getByRole('region', { name: 'How stress, sleep, mood and pain follow each other' });
		const stressPain = cycle.getByRole('article', { name: 'Stress and pain' });
		await expect(stressPain).toContainText('after days when your stress was higher');
		await expect(stressPain).toContainText(/your pain the next day was on average \d+\.\d points higher/);

		await expect(page.getByRole('img', { name: /Your pain and stress each day/ })).toBeVisible();
		await page.getByText('Show the ratings as a table').click();
		await expect(page.getByRole('table', { name: /Your pain and stress each day/ })).toBeVisible();

		const periods = page.getByRole('region', { name: 'Periods of higher pain' });
		await expect(periods.getByRole('article').first()).toContainText(/was well above your usual level/);

		const questionnaires = page.getByRole('region', { name: 'Your questionnaires' });
		await expect(questionnaires).toContainText(/\(moderately severe\).*\(mild\)/);

		const text = await page.getByRole('main').innerText();
		expect(text).not.toMatch(/\bp\s*=/i);
		expect(text).not.toMatch(/\bq\s*=|standard error|\brisk\b/i);
		await checkA11y('the patient insights page');
	});
});

test('the clinician reads the full analysis of the demo patient', async ({ page, checkA11y }) => {
	const patient = await demoPatient();
	await page.goto(`/patients/${patient.id}`);
	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Insights' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/insights$`));
	await expect(page.getByRole('heading', { level: 1, name: `Insights: ${patient.name}` })).toBeVisible();

	await expect(page.getByRole('img', { name: /Forest plot of the six primary next-day pairs/ })).toBeVisible();
	await expect(page.getByRole('img', { name: /Same-day partial correlations/ })).toBeVisible();

	const records = page.getByRole('table', { name: /Every pair's model/ });
	await expect(records.getByRole('row')).toHaveCount(27);
	const stressPain = records.getByRole('row', { name: /Stress\(t−1\) → Pain\(t\)/ });
	await expect(stressPain).toContainText('Clear, positive');
	await expect(stressPain).toContainText('primary (M1)');

	await page.getByRole('button', { name: 'p, smallest first' }).click();
	await expect(page.getByRole('button', { name: 'p, smallest first' })).toHaveAttribute('aria-pressed', 'true');
	await expect(records.getByRole('row').nth(1).getByRole('rowheader')).toHaveText('Mood ~ Pain (same day)');

	const full = page.locator('details.record').filter({ hasText: 'Stress(t−1) → Pain(t)' });
	await full.locator('summary').click();
	await expect(full).toContainText('Sensitivity: without the trend');
	await expect(full).toContainText(/BH q = \.\d+ \(primary, 6 tests\)/);

	await expect(page.getByRole('region', { name: 'The cycle: both directions' })).toContainText('Stress and pain:');
	await expect(page.getByRole('img', { name: /Daily pain with its 7-day mean/ })).toBeVisible();
	const episode = page.getByRole('article', { name: /^Episode 1: / });
	await expect(episode).toContainText('the patient called it a flare-up');
	await expect(episode.getByRole('table', { name: /The three days before \(descriptive only: not a cause\)/ })).toBeVisible();

	await expect(page.getByRole('region', { name: 'Questionnaire trajectories' }).getByRole('img', { name: /\(PHQ-9\) scores over time/ })).toBeVisible();
	await checkA11y('the clinician insights page');
});

test('the clinician opens the clinic dashboard', async ({ page, checkA11y }) => {
	await page.goto('/patients');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Clinic dashboard' })).toBeVisible();
	const caseload = page.getByRole('region', { name: 'Caseload' });
	await expect(caseload).toContainText('Patients');
	await expect(caseload.getByRole('link')).toHaveAttribute('href', '/patients');
	const questionnaires = page.getByRole('region', { name: 'Questionnaires' });
	await expect(questionnaires.getByRole('article').first()).toBeVisible();
	await expect(questionnaires).toContainText('fewer than 10 — counts only');
	await expect(page.getByRole('region', { name: 'Daily pain' })).toContainText('within-group; not a treatment effect');
	await checkA11y('the clinic dashboard');
});

test('a patient without check-ins has an empty analysis, said in words', async ({ page, session, checkA11y }) => {
	const patient = await freshPatient(page, session);
	await page.goto(`/patients/${patient.id}/insights`);
	await expect(page.getByRole('heading', { level: 1, name: `Insights: ${patient.name}` })).toBeVisible();
	await expect(page.getByText('No check-ins yet, so there is nothing to analyse.')).toBeVisible();
	await expect(page.getByText('No scored questionnaires yet.')).toBeVisible();
	await checkA11y('an empty insights page');
});
