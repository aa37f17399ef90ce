// The clinic's self-care library (admins): an admin edits an entry's title, sees every problem of a
// bad edit listed first (nothing saved, nothing lost), fixes it, previews and saves, sees the
// history, and the demo patient's library shows the new title; restoring the default brings the
// shipped text back. An admin also adds an entry of the clinic's own from the template and takes it
// out again. Axe runs on every page state.
import { asAdmin } from './accounts';
import { openAs } from './assess';
import { test, expect, apiHeaders, httpStatusMessage } from './fixtures';

test.use({ signInAs: 'admin' });

const SLUG = 'body-scan';
const NEW_TITLE = 'Body scan before you sleep';

// Leave the demo clinic with the shipped text, whatever happened in the test.
test.afterEach(async () => {
	await asAdmin(async (api, session) => {
		const r = await api.get(`/api/v1/library/${SLUG}/source`, { headers: apiHeaders(session) });
		expect(r.status(), `GET source: ${await r.text()}`).toBe(200);
		const source = await r.json();
		if (source.source !== 'clinic') return;
		const removed = await api.delete(`/api/v1/library/${SLUG}`, {
			headers: { ...apiHeaders(session), 'If-Match': `"${source.version}"` }
		});
		expect(removed.status(), `restoring the default: ${await removed.text()}`).toBe(204);
	});
});

function withTitle(text: string, title: string): string {
	return text.replace(/^title: .*$/m, `title: ${title}`);
}

test('an admin edits a library entry, fixes a problem, and the patient sees the new title', async ({
	page,
	browser,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(400));
	await page.goto('/patients');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
	await expect(page).toHaveURL(/\/admin\/library$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Self-care library' })).toBeVisible();
	const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Body scan', exact: true }) });
	await expect(row).toContainText('Default');
	await checkA11y('the admin library list');

	await row.getByRole('link', { name: 'Body scan', exact: true }).click();
	await expect(page).toHaveURL(/\/admin\/library\/body-scan$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Edit: Body scan' })).toBeVisible();
	await expect(page.getByText('Patients see the default text shipped with unknot.')).toBeVisible();
	const text = page.getByLabel('The entry: front matter and body');
	await expect(text).toHaveValue(/^---\nschema_version: 1\nslug: body-scan\n/);
	await checkA11y('the entry editor');
	const original = await text.inputValue();

	// A title far too long and a region that does not exist: both listed, nothing saved or lost.
	const bad = withTitle(original, 'x'.repeat(90)).replace('regions: []', 'regions: [tail]');
	await text.fill(bad);
	const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/library/'));
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	expect((await refused).status()).toBe(400);
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Front matter, title: At most 80 characters.');
	await expect(summary).toContainText('Front matter, regions (item 1):');
	await expect(summary).toContainText('Nothing was saved');
	await expect(text).toHaveAttribute('aria-invalid', 'true');
	await expect(text).toHaveValue(bad);
	await checkA11y('the editor with problems');
	await summary.getByRole('link', { name: /Front matter, title/ }).click();
	await expect(text).toBeFocused();

	// Fixed: the preview shows it as patients will see it, then it is saved as version 1.
	await text.fill(withTitle(original, NEW_TITLE));
	await page.getByRole('button', { name: 'Preview' }).click();
	const preview = page.getByRole('region', { name: 'Preview: how patients will see it' });
	await expect(preview).toContainText(NEW_TITLE);
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
	await checkA11y('the preview');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: `Saved. Version 1 of “${NEW_TITLE}”` })).toBeVisible();
	await expect(text).not.toHaveAttribute('aria-invalid');
	await expect(page.getByText('Patients see the clinic’s own text, version 1')).toBeVisible();
	const history = page.getByRole('region', { name: 'History' });
	await expect(history).toContainText('Version 1: saved by Demo Admin');
	await history.getByText('Show the text of version 1').click();
	await expect(history.locator('pre')).toContainText(`title: ${NEW_TITLE}`);
	await checkA11y('the saved entry with its history');

	// The demo patient's library (same clinic) shows the clinic's title.
	const patient = await openAs(browser, 'patient');
	await patient.page.goto('/me/library');
	await expect(patient.page.getByRole('link', { name: NEW_TITLE })).toBeVisible();
	await patient.page.getByRole('link', { name: NEW_TITLE }).click();
	await expect(patient.page.getByRole('heading', { level: 1, name: NEW_TITLE })).toBeVisible();

	// Restoring the default: the shipped text is back for everyone; the history keeps both versions.
	await page.getByRole('button', { name: 'Restore the default' }).click();
	const yes = page.getByRole('button', { name: 'Yes, restore the default' });
	await expect(yes).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'The default text is back.' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Edit: Body scan' })).toBeVisible();
	await expect(text).toHaveValue(original);
	await expect(history).toContainText('Version 2: removed');
	await checkA11y('the entry after restoring the default');
	await patient.page.goto('/me/library');
	await expect(patient.page.getByRole('link', { name: 'Body scan', exact: true })).toBeVisible();
	await expect(patient.page.getByRole('link', { name: NEW_TITLE })).toHaveCount(0);
	await patient.done();
});

test('an admin adds an entry of their own from the template, then takes it out again', async ({ page, checkA11y }) => {
	const slug = `e2e-note-${Date.now()}`;
	await page.goto('/admin/library');
	await page.getByRole('link', { name: 'Add an entry' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a library entry' })).toBeVisible();
	await checkA11y('the new-entry page');

	const text = page.getByLabel('The entry: front matter and body');
	const filled = (await text.inputValue())
		.replace(/^slug: $/m, `slug: ${slug}`)
		.replace(/^title: $/m, 'title: A note from our clinic')
		.replace(/^summary: $/m, 'summary: Where to park and how to find us.')
		.replace(/^why: $/m, 'why: Knowing the way makes the first visit calmer.');
	await text.fill(`${filled}\nWe are on the first floor, next to the lift.\n`);
	await page.getByRole('button', { name: 'Add to the library' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/library/${slug}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Edit: A note from our clinic' })).toBeVisible();
	await checkA11y('the added entry');

	await page.getByRole('button', { name: 'Remove from the library' }).click();
	await page.getByRole('button', { name: 'Yes, remove from the library' }).click();
	await expect(page).toHaveURL(/\/admin\/library$/);
	await expect(page.getByText('“A note from our clinic” has been taken out of the clinic’s library.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'A note from our clinic' })).toHaveCount(0);
});
