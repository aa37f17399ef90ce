// Daily check-ins (E3–E5): the patient checks in on a phone with one thumb, sees "Saved for today"
// and changes it; the clinician sees it in the table and downloads the CSV; the self-care library
// lists its entries and opens one. Axe runs on every page visited.
import { test, expect, apiHeaders } from './fixtures';
import { PHONE, freshPatient } from './assess';

test.describe('the patient on a phone', () => {
	test.use({ signInAs: 'patient', ...PHONE });

	test('checks in for today, then changes it', async ({ page, checkA11y }) => {
		await page.goto('/me');
		const today = page.getByRole('region', { name: 'Today' });
		await expect(today.getByRole('group', { name: 'How much pain do you have today?' })).toBeVisible();
		await checkA11y('the check-in form');

		// The ratings are radios: the arrow keys move within a group.
		const pain = today.getByRole('group', { name: 'How much pain do you have today?' });
		await pain.getByRole('radio', { name: '0, No pain' }).focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
		await expect(pain.getByRole('radio', { name: '4', exact: true })).toBeChecked();
		await today.getByRole('group', { name: 'How is your mood today?' }).getByRole('radio', { name: '7', exact: true }).check();
		await today.getByRole('checkbox', { name: 'Lower back' }).check();
		await today.getByRole('group', { name: 'Are you having a flare-up today?' }).getByRole('radio', { name: 'No' }).check();
		await expect(today.getByText(/lasts from hours to weeks/)).toBeVisible();
		await today.getByLabel(/^Anything else\?/).fill('Walked to the shop');
		await today.getByRole('button', { name: 'Save today’s check-in' }).click();

		await expect(today.getByRole('status')).toHaveText('Saved for today');
		await expect(today.getByText('4 out of 10')).toBeVisible();
		await checkA11y('the saved check-in');

		await today.getByRole('button', { name: 'Change today’s check-in' }).click();
		await expect(pain.getByRole('radio', { name: '4', exact: true })).toBeChecked();
		await pain.getByRole('radio', { name: '6', exact: true }).check();
		await today.getByRole('button', { name: 'Save changes' }).click();
		await expect(today.getByRole('status')).toHaveText('Saved for today');
		await expect(today.getByText('6 out of 10')).toBeVisible();

		await today.getByRole('link', { name: 'Your last 4 weeks' }).click();
		await expect(page.getByRole('heading', { name: 'Your check-ins' })).toBeVisible();
		const table = page.getByRole('table', { name: /last 4 weeks/ });
		await expect(table.getByRole('row')).toHaveCount(29);
		await expect(table.getByRole('row').nth(1)).toContainText('Yes');
		await checkA11y('the check-in history');
	});

	test('reads the self-care library', async ({ page, checkA11y }) => {
		await page.goto('/me/library');
		await expect(page.getByRole('heading', { name: 'Self-care library', level: 1 })).toBeVisible();
		const first = page.getByRole('main').getByRole('listitem').getByRole('link').first();
		await expect(first).toBeVisible();
		await checkA11y('the library list');
		const title = (await first.textContent())?.trim() ?? '';
		await first.click();
		await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Why this may help' })).toBeVisible();
		await checkA11y('a library entry');
	});
});

test('the clinician sees the check-ins, the chart and the CSV', async ({ page, session, checkA11y }) => {
	const patient = await freshPatient(page, session);
	const r = await page.request.post(`/api/v1/patients/${patient.id}/check-ins`, {
		headers: { ...apiHeaders(session), 'Idempotency-Key': crypto.randomUUID() },
		data: { pain: 5, stress: 3, mood: 6, sleep: 4, tension: 7, flare: true, regions: ['lower_back'], note: 'Stiff morning' }
	});
	expect(r.status(), `POST check-in: ${await r.text()}`).toBe(201);

	await page.goto(`/patients/${patient.id}`);
	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Check-ins' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/check-ins$`));
	const table = page.getByRole('table', { name: /Check-ins, newest first/ });
	await expect(table.getByRole('row').nth(1)).toContainText('Stiff morning');
	await expect(page.getByRole('img', { name: /Ratings over time/ })).toBeVisible();
	await checkA11y('the clinician check-ins page');

	const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
	const csv = await page.request.get(href!);
	expect(csv.status()).toBe(200);
	expect((await csv.text()).split(/\r?\n/)[0]).toBe('date,pain,stress,mood,sleep,tension,flare,regions,note');
});
