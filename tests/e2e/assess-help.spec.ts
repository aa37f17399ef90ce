// Crisis support that does not depend on a session: "Need help now?" in the header of the sign-in
// page and the patient portal leads to /help, which lists the free services (labelled where a line
// serves only part of the UK). And the portal keeps crisis support in view while a safety alert
// from the patient's answers is open, until a clinician acknowledges it.
import { test, expect, checkNoHorizontalScroll, type PageProblems } from './fixtures';
import { acknowledgeOpenAlerts, cancelPackAsClinician, demoPatient, raiseSafetyAlertAsDemoPatient, uniqueTitle } from './assess';
import type { Page } from '@playwright/test';

/** The /help page as anyone sees it: the full list, nation labels, 999 first. */
async function expectHelpPage(page: Page) {
	await expect(page).toHaveURL(/\/help$/);
	const panel = page.getByRole('region', { name: 'Help is available now' });
	await expect(page.getByRole('heading', { level: 1, name: 'Help is available now' })).toBeVisible();
	await expect(panel.locator('a[href="tel:999"]')).toBeVisible();
	await expect(panel).toContainText('Last checked');
	// Lines for part of the UK say where; lines for the whole UK say nothing.
	const line = (name: string | RegExp) => panel.getByRole('listitem').filter({ has: page.getByText(name, { exact: typeof name === 'string' }) });
	await expect(line(/^NHS 24/)).toContainText('Scotland only');
	await expect(line(/^Breathing Space/)).toContainText('Scotland only');
	await expect(line(/^Lifeline/)).toContainText('Northern Ireland only');
	await expect(line(/^NHS 111/).first()).toContainText('England and Wales');
	await expect(line('Samaritans')).not.toContainText(/only|England|Wales|Scotland|Northern Ireland/);
	await expect(page.getByRole('heading', { level: 2, name: 'If a life is at risk now' })).toBeVisible();
}

/** Console errors the signed-out visit expects: only the session check's 401. */
function allowNothingElse(problems: PageProblems) {
	expect(problems.allowed).toEqual([]);
}

test.describe('signed out', () => {
	test.use({ signInAs: null });

	test('the sign-in page links to /help, which opens without a session', async ({ page, problems, checkA11y }) => {
		allowNothingElse(problems);
		await page.goto('/sign-in');
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		const help = page.getByRole('banner').getByRole('link', { name: 'Need help now?' });
		await expect(help).toBeVisible();
		await checkA11y('the sign-in page with the help link');
		await help.click();
		await expectHelpPage(page);
		await expect(page.getByRole('link', { name: 'Go to the sign-in page' })).toBeVisible();
		await checkA11y('/help signed out');

		// Straight to the address (a bookmark, a link in an email): no detour to the sign-in page.
		await page.goto('/help');
		await expectHelpPage(page);
		await expect(page).not.toHaveURL(/sign-in/);
	});

	test('/help fits a phone', async ({ page, checkA11y }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto('/help');
		await expectHelpPage(page);
		await checkNoHorizontalScroll(page);
		await checkA11y('/help signed out on a phone');
	});
});

test.describe('signed in as the patient', () => {
	test.use({ signInAs: 'patient' });

	test('the portal header links to /help', async ({ page, checkA11y }) => {
		await page.goto('/me');
		await expect(page.getByRole('heading', { level: 1, name: 'Your details' })).toBeVisible();
		await page.getByRole('banner').getByRole('link', { name: 'Need help now?' }).click();
		await expectHelpPage(page);
		await expect(page.getByRole('banner').getByRole('link', { name: 'Need help now?' })).toHaveAttribute('aria-current', 'page');
		await checkA11y('/help signed in as a patient');
		await page.getByRole('link', { name: 'Back to your page' }).click();
		await expect(page).toHaveURL(/\/me$/);
	});

	test('crisis support stays on the portal while a safety alert is open', async ({ page, checkA11y }) => {
		const { id: patientId } = await demoPatient();
		// Start from a clean slate: no alert left open by an earlier run.
		await acknowledgeOpenAlerts(patientId);
		await page.goto('/me');
		await expect(page.getByRole('region', { name: 'Questionnaires to do' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Help is available now' })).toHaveCount(0);

		const assessmentId = await raiseSafetyAlertAsDemoPatient(uniqueTitle('Check-in'));
		try {
			// Every visit to the portal shows it, near the top, in plain words.
			await page.reload();
			const panel = page.getByRole('region', { name: 'Help is available now' });
			await expect(panel).toBeVisible();
			await expect(panel).toContainText(
				'You told us you have been having difficult thoughts. Your clinic has been told, but it is not staffed all the time. If you need to talk to someone now:'
			);
			await expect(panel.locator('a[href="tel:999"]')).toBeVisible();
			await expect(panel).not.toContainText(/PHQ|score|item 9|alert/i);
			const panelBox = await panel.boundingBox();
			const todoBox = await page.getByRole('region', { name: 'Questionnaires to do' }).boundingBox();
			expect(panelBox!.y).toBeLessThan(todoBox!.y);
			// Compact: the details are one link away.
			await expect(panel.getByRole('link', { name: 'More about these services' })).toHaveAttribute('href', '/help');
			await checkA11y('the portal with crisis support in view');

			await page.setViewportSize({ width: 390, height: 844 });
			await checkNoHorizontalScroll(page);
			await checkA11y('the portal with crisis support on a phone');

			// Once a clinician has acted on the alert, it goes.
			await acknowledgeOpenAlerts(patientId);
			await page.reload();
			await expect(page.getByRole('region', { name: 'Questionnaires to do' })).toBeVisible();
			await expect(page.getByRole('region', { name: 'Help is available now' })).toHaveCount(0);
		} finally {
			await acknowledgeOpenAlerts(patientId);
			await cancelPackAsClinician(assessmentId);
		}
	});
});

test('staff screens do not carry the help link, but /help opens for staff too', async ({ page }) => {
	await page.goto('/patients');
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Need help now?' })).toHaveCount(0);
	await page.goto('/help');
	await expectHelpPage(page);
});
