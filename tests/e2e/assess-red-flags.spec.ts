// Red flags (A4): a present flag shows its action prominently and needs "What was done"; the
// recorded screen appears in the history with who and when.
import { test, expect, httpStatusMessage } from './fixtures';
import { freshPatient } from './assess';

test('recording a present red flag shows its action and keeps the screen in the history', async ({
	page,
	session,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(422));
	const patient = await freshPatient(page, session);
	await page.goto(`/patients/${patient.id}/red-flags`);
	await expect(page.getByRole('heading', { level: 1, name: `Red flags: ${patient.name}` })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Red flags' })).toHaveAttribute('aria-current', 'page');
	await expect(page.getByText('No red-flag screens recorded yet.')).toBeVisible();
	await checkA11y('the red-flag checklist');

	const form = page.getByRole('region', { name: 'Screen for red flags' });
	const groups = form.getByRole('group');
	const cauda = form.getByRole('group', { name: /Cauda equina/ });
	await expect(cauda).toContainText('Numbness or tingling in the saddle');

	// Nothing chosen: every flag needs an answer.
	await form.getByRole('button', { name: 'Record this screen' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	const flagCount = await groups.count();
	expect(flagCount).toBeGreaterThan(1);
	await expect(summary.getByRole('link')).toHaveCount(flagCount);

	// Present: the action appears at once, in the safety style, and "What was done" is required.
	await cauda.getByRole('radio', { name: 'Present' }).check();
	const action = cauda.locator('.red-flag-action');
	await expect(action).toBeVisible();
	await expect(action).toContainText('Emergency: 999 or A&E');
	await expect(action).toContainText('Do not send home');
	for (let i = 0; i < flagCount; i++) {
		const group = groups.nth(i);
		if (!(await group.getByRole('radio', { name: 'Present' }).isChecked())) {
			await group.getByRole('radio', { name: 'Absent' }).check();
		}
	}
	await expect(cauda.getByRole('radio', { name: 'Present' })).toBeChecked();
	await form.getByRole('button', { name: 'Record this screen' }).click();
	await expect(summary).toContainText('Say what was done about Cauda equina');
	const done = cauda.getByLabel('What was done');
	await expect(done).toHaveAttribute('aria-invalid', 'true');
	await checkA11y('the checklist with a present flag and a problem');

	await done.fill('Sent to A&E, called ahead to the on-call team.');
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/red-flags'));
	await form.getByRole('button', { name: 'Record this screen' }).click();
	const answer = await posted;
	expect(answer.status()).toBe(201);
	const body = answer.request().postDataJSON();
	expect(body.answers.find((a: { flag: string }) => a.flag === 'cauda_equina')).toEqual({
		flag: 'cauda_equina',
		answer: 'present',
		action_taken: 'Sent to A&E, called ahead to the on-call team.'
	});

	const recorded = page.getByRole('status').filter({ hasText: 'Screen recorded' });
	await expect(recorded).toBeVisible();
	await expect(recorded.locator('.red-flag-action')).toContainText('Cauda equina');
	const history = page.getByRole('list', { name: 'Red-flag screens, newest first' });
	await expect(history.getByRole('listitem').first()).toContainText('Present: Cauda equina');
	await expect(history.getByRole('listitem').first()).toContainText('What was done: Sent to A&E');
	await expect(history.getByRole('listitem').first()).toContainText(session!.user.display_name);
	await checkA11y('the red-flag page after recording');

	// The summary shows it first, with its action.
	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Summary' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}$`));
	await expect(page.getByRole('heading', { level: 3, name: 'Red flags' })).toBeVisible();
	await expect(page.locator('.red-flag-action').filter({ hasText: 'Cauda equina' })).toBeVisible();
	await checkA11y('the patient summary with a red flag');
});
