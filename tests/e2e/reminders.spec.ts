// Check-in reminders (E5): the demo patient finds "Reminders" from their page, turns on email
// reminders for weekdays at 08:30, sees the next reminder in words and the address, and finds it
// kept after a reload; a bad choice (email with no days) is explained, keeps what they ticked and
// saves nothing. Axe runs on every state. Delivery into the mail outbox is proved by the
// integration test (tests/integration/reminders_test.cpp), not here.
import { test, expect, httpStatusMessage } from './fixtures';

test.use({ signInAs: 'patient' });

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const WEEKEND = ['Saturday', 'Sunday'];

test('the patient turns on email reminders for weekdays at 08:30', async ({ page, checkA11y }) => {
	await page.goto('/me');
	await page.getByRole('link', { name: 'Reminders', exact: true }).click();
	await expect(page).toHaveURL(/\/me\/reminders$/);
	await expect(page.getByRole('heading', { name: 'Check-in reminders', level: 1 })).toBeVisible();
	const form = page.getByRole('main');
	await expect(form.getByRole('radio', { name: 'By email' })).toBeVisible();
	await checkA11y('the reminder settings');

	await form.getByRole('radio', { name: 'By email' }).check();
	await expect(form.getByText(/To patient@demo\.unknot\.test/)).toBeVisible();
	await form.getByLabel('Time').fill('08:30');
	const days = form.getByRole('group', { name: 'Days' });
	await days.getByRole('button', { name: 'Weekdays' }).click();
	await expect(days.getByRole('button', { name: 'Weekdays' })).toHaveAttribute('aria-pressed', 'true');
	for (const day of WEEKDAYS) await expect(days.getByRole('checkbox', { name: day })).toBeChecked();
	for (const day of WEEKEND) await expect(days.getByRole('checkbox', { name: day })).not.toBeChecked();
	await form.getByRole('button', { name: 'Save reminder settings' }).click();

	await expect(page.getByRole('status').filter({ hasText: 'Your reminders are saved.' })).toBeVisible();
	const summary = page.locator('#reminders-summary');
	// The next weekday 08:30 in London: today, tomorrow or a named day, never a raw timestamp.
	await expect(summary).toHaveText(
		/^Your next reminder is (today|tomorrow|on (Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} [A-Z][a-z]+) at 08:30\. Reminders go on weekdays at 08:30, by email to patient@demo\.unknot\.test\.$/
	);
	await checkA11y('the saved reminder settings');

	await page.reload();
	await expect(summary).toContainText('Reminders go on weekdays at 08:30');
	await expect(form.getByRole('radio', { name: 'By email' })).toBeChecked();
	await expect(form.getByLabel('Time')).toHaveValue('08:30');
	for (const day of WEEKDAYS) await expect(days.getByRole('checkbox', { name: day })).toBeChecked();
	for (const day of WEEKEND) await expect(days.getByRole('checkbox', { name: day })).not.toBeChecked();
});

test('email with no days is explained and changes nothing', async ({ page, problems, checkA11y }) => {
	// The refused save is the point of this test.
	problems.allowed.push(httpStatusMessage(400));
	await page.goto('/me/reminders');
	const form = page.getByRole('main');
	await expect(form.getByRole('radio', { name: 'By email' })).toBeVisible();
	await form.getByRole('radio', { name: 'By email' }).check();
	await form.getByLabel('Time').fill('07:45');
	const days = form.getByRole('group', { name: 'Days' });
	for (const day of [...WEEKDAYS, ...WEEKEND]) await days.getByRole('checkbox', { name: day }).uncheck();
	await form.getByRole('button', { name: 'Save reminder settings' }).click();

	const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(problem).toBeVisible();
	await expect(problem.getByRole('link', { name: 'Choose at least one day for email reminders.' })).toBeVisible();
	await expect(problem).toBeFocused();
	// Nothing typed is lost.
	await expect(form.getByLabel('Time')).toHaveValue('07:45');
	await expect(form.getByRole('radio', { name: 'By email' })).toBeChecked();
	await checkA11y('the explained problem');

	// The link leads to the days.
	await problem.getByRole('link', { name: 'Choose at least one day for email reminders.' }).click();
	await expect(days.getByRole('checkbox', { name: 'Monday' })).toBeFocused();

	// Nothing was saved: a reload shows the settings as they were.
	await page.reload();
	await expect(form.getByLabel('Time')).not.toHaveValue('07:45');
	await expect(page.locator('#reminders-summary')).not.toContainText('07:45');
});
