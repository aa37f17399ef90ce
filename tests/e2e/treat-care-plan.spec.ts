// Care plan (Treat, T2): a clinician writes the demo patient's plan with two goals in the
// patient's words on /patients/[id]/care-plan (a target equal to the baseline is refused first,
// with the problem linked to its field; then someone else saves while they type, and they save
// their changes over the newer version without retyping), sees the new version in the list; then
// the patient reads the plan on /me/care-plan on a phone: the goals in their words with where they
// started and what they aim for, the sessions planned and done, the review date and a link to
// their home programme. Axe runs on every page; nothing scrolls sideways at 390 px.
// Validation, If-Match (428/409), access and versions are proved over HTTP by
// tests/integration/care_plan_test.cpp.
import { demoPatient, openAs } from './assess';
import { test, expect, apiHeaders, checkNoHorizontalScroll, expectAccessible, httpStatusMessage } from './fixtures';

/** A date `days` after today, as YYYY-MM-DD (London is at most an hour from UTC). */
function daysAhead(days: number): string {
	const d = new Date(Date.now() + days * 86_400_000);
	return d.toISOString().slice(0, 10);
}

test('a clinician writes a care plan with two goals and the patient reads it', async ({ page, session, browser, checkA11y, problems }) => {
	test.setTimeout(120_000);
	problems.allowed.push(httpStatusMessage(400), httpStatusMessage(409));
	const patient = await demoPatient();
	const run = Date.now().toString(36);
	const walk = `Walk the dog to the park ${run}`;
	const lift = `Lift my grandson ${run}`;
	const review = daysAhead(56);

	await page.goto(`/patients/${patient.id}/care-plan`);
	await expect(page.getByRole('heading', { name: /^Care plan: /, level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();
	await checkA11y('the staff care plan');

	// Two goals in the patient's words; the second aims no higher than where they are now.
	const goal1 = page.getByRole('group', { name: 'Goal 1' });
	await goal1.getByLabel('Activity').fill(walk);
	await goal1.getByLabel('Now (0–10)').fill('2');
	await goal1.getByLabel('Aim (0–10)').fill('8');
	if ((await page.getByRole('group', { name: 'Goal 2' }).count()) === 0) {
		await page.getByRole('button', { name: 'Add a goal' }).click();
	}
	const goal2 = page.getByRole('group', { name: 'Goal 2' });
	await goal2.getByLabel('Activity').fill(lift);
	await goal2.getByLabel('Now (0–10)').fill('4');
	await goal2.getByLabel('Aim (0–10)').fill('4');
	while ((await page.getByRole('group', { name: 'Goal 3' }).count()) > 0) {
		await page.getByRole('button', { name: 'Remove goal 3' }).click();
	}
	await page.getByLabel('Problem 1').fill('Low back pain when lifting and walking');
	await page.getByLabel('Number of sessions planned (1–52)').fill('6');
	await page.getByLabel('How often').selectOption('weekly');
	await page.getByLabel('Review date').fill(review);
	await page.getByRole('button', { name: 'Save the care plan' }).click();

	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	const link = summary.getByRole('link', { name: /The target must differ from the baseline/ });
	await expect(link).toBeVisible();
	await link.click();
	await expect(goal2.getByLabel('Aim (0–10)')).toBeFocused();
	await checkA11y('the care plan with a problem');
	await goal2.getByLabel('Aim (0–10)').fill('7');

	// Meanwhile someone else saves the plan (a new version): the save meets a conflict.
	const path = `/api/v1/patients/${patient.id}/care-plan`;
	const current = await page.request.get(path, { headers: apiHeaders(session) });
	expect(current.status()).toBe(200);
	const plan = await current.json();
	const other = await page.request.put(path, {
		headers: { ...apiHeaders(session), 'If-Match': `"${plan.version}"` },
		data: {
			problems: plan.problems.length ? plan.problems : ['Back pain'],
			goals: [{ activity: `Someone else's goal ${run}`, baseline: 1, target: 5 }],
			planned_sessions: 4,
			frequency: 'monthly',
			review_date: review
		}
	});
	expect(other.status(), await other.text()).toBe(200);

	await page.getByRole('button', { name: 'Save the care plan' }).click();
	const conflict = page.getByRole('alert').filter({ hasText: 'saved a newer version of this plan' });
	await expect(conflict).toBeVisible();
	await expect(goal1.getByLabel('Activity')).toHaveValue(walk);
	await checkA11y('the care plan after a conflict');
	await conflict.getByRole('button', { name: 'Save my changes over it' }).click();
	await expect(page.getByRole('status').filter({ hasText: /Care plan saved \(version \d+\)/ })).toBeVisible();
	const current2 = page.getByRole('region', { name: 'Current plan' });
	await expect(current2.getByText(walk)).toBeVisible();
	await expect(current2.getByText(lift)).toBeVisible();
	const versions = page.getByRole('region', { name: 'Versions' });
	await expect(versions.getByRole('listitem').first()).toContainText(`by ${session!.user.display_name}`);
	await versions.locator('summary').first().click();
	await expect(versions.getByText(`${walk}: 2 → 8`)).toBeVisible();
	await checkA11y('the saved care plan');

	// The staff page on a phone: nothing scrolls sideways.
	await page.setViewportSize({ width: 390, height: 844 });
	await checkNoHorizontalScroll(page);
	await expectAccessible(page, 'the staff care plan on a phone');

	// The patient reads it on their phone.
	const patientView = await openAs(browser, 'patient', { viewport: { width: 390, height: 844 } });
	const mine = patientView.page;
	await mine.goto('/me/care-plan');
	await expect(mine.getByRole('heading', { name: 'Your care plan', level: 1 })).toBeVisible();
	const goals = mine.getByRole('region', { name: 'Your goals' });
	await expect(goals.getByRole('listitem')).toHaveCount(2);
	await expect(goals.getByRole('listitem').nth(0)).toContainText(walk);
	await expect(goals.getByRole('listitem').nth(0)).toContainText('At the start 2');
	await expect(goals.getByRole('listitem').nth(0)).toContainText('aiming for 8 out of 10');
	await expect(goals.getByRole('listitem').nth(1)).toContainText(lift);
	const sessions = mine.getByRole('region', { name: 'Sessions' });
	await expect(sessions).toContainText('6 sessions, weekly');
	await expect(sessions).toContainText(/\d+ of 6 sessions done/);
	await expect(sessions).toContainText('We will review your plan on');
	await expect(mine.getByRole('link', { name: 'See your home programme for today' })).toHaveAttribute('href', '/me');
	await checkNoHorizontalScroll(mine);
	await expectAccessible(mine, 'the patient’s care plan');
	// The patient reads but cannot change it.
	expect(
		(
			await mine.request.put(path, {
				headers: { ...apiHeaders(patientView.session), 'If-Match': '"1"' },
				data: {}
			})
		).status()
	).toBe(403);
	await patientView.done();
});
