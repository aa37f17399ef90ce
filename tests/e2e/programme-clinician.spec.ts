// The clinician's side of Empower (issue 5 items 2, 3, 6 and 7): the home programme of the demo
// patient (assign two library entries, one only after confirming a precaution match; change a
// dosage, meeting a stale version on the way; end an item), then a patient's check-ins (enter one
// for yesterday on their behalf, import a CSV with a bad row and then a good one, and read the
// painful areas over time with the keyboard). Axe runs on every page state that matters.
import type { Page } from '@playwright/test';
import { test, expect, apiHeaders, checkNoHorizontalScroll, httpStatusMessage, type SignedInSession } from './fixtures';
import { demoPatient, freshPatient } from './assess';

type PrecautionEntry = {
	precaution: string;
	situation: string;
	regions: string[];
	details: Record<string, string>;
	note?: string | null;
};

async function getJson<T>(page: Page, session: SignedInSession | null, path: string): Promise<T> {
	const r = await page.request.get(path, { headers: apiHeaders(session) });
	expect(r.status(), `GET ${path}: ${await r.text()}`).toBe(200);
	return (await r.json()) as T;
}

async function putPrecautions(page: Page, session: SignedInSession | null, patientId: string, items: unknown[], version: number) {
	const r = await page.request.put(`/api/v1/patients/${patientId}/precautions`, {
		headers: { ...apiHeaders(session), 'If-Match': `"${version}"` },
		data: { items }
	});
	expect(r.status(), `PUT precautions: ${await r.text()}`).toBe(200);
	return (await r.json()) as { version: number };
}

function asInput(e: PrecautionEntry) {
	return { precaution: e.precaution, situation: e.situation, regions: e.regions, details: e.details, note: e.note ?? null };
}

test('the clinician assigns, changes and ends home programme items', async ({ page, session, checkA11y, problems }) => {
	test.setTimeout(120_000);
	problems.allowed.push(httpStatusMessage(409));
	const patient = await demoPatient();

	// Other specs read the demo patient's Today: the items this test adds are ended at the end (an
	// item ended the day it started counts for no day, so adherence is untouched).
	type Listed = { items: { id: string; slug: string; version: number }[] };
	const programmePath = `/api/v1/patients/${patient.id}/programme`;
	const earlier = new Set((await getJson<Listed>(page, session, programmePath)).items.map((i) => i.id));

	// A recorded precaution the doorway stretch lists (recent_surgery), kept apart from whatever the
	// demo patient already has, and put back at the end.
	const before = await getJson<{ version: number; items: PrecautionEntry[] }>(page, session, `/api/v1/patients/${patient.id}/precautions`);
	const others = before.items.filter((e) => e.precaution !== 'recent_surgery').map(asInput);
	const withSurgery = await putPrecautions(
		page,
		session,
		patient.id,
		[...others, { precaution: 'recent_surgery', situation: 'operation_site', regions: [], details: {} }],
		before.version
	);

	try {
		await page.goto(`/patients/${patient.id}`);
		await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Programme' }).click();
		await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/programme$`));
		await expect(page.getByRole('heading', { name: `Programme: ${patient.name}`, level: 1 })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Home programme adherence' })).toBeVisible();
		const add = page.getByRole('region', { name: 'Add to programme' });
		await expect(add.getByRole('radio', { name: /Belly breathing/ })).toBeVisible();
		await checkA11y('the programme page');

		// 1. The normal path: find it by searching, give a dosage and a note.
		await add.getByLabel('Search').fill('belly');
		await expect(add.getByText('1 entry shown')).toBeVisible();
		await add.getByRole('radio', { name: /Belly breathing/ }).check();
		await add.getByLabel(/^Repetitions/).fill('5');
		await add.getByLabel('How often').fill('2');
		await add.getByLabel(/^For how many weeks/).fill('4');
		await expect(add.getByText('The patient will read: 5 repetitions, twice a day for 4 weeks')).toBeVisible();
		await add.getByLabel(/^Note for the patient/).fill('Sitting up is fine.');
		await add.getByRole('button', { name: 'Add to programme' }).click();
		await expect(page.getByRole('status')).toHaveText('Added “Belly breathing” to the programme.');
		const belly = page.getByRole('article', { name: 'Belly breathing' });
		await expect(belly).toContainText('5 repetitions, twice a day for 4 weeks');
		await expect(belly).toContainText('Sitting up is fine.');
		await expect(belly).toContainText('Last 28 days');

		// 2. An entry whose precautions meet the patient's: flagged in the list, refused until confirmed.
		await add.getByLabel('Search').fill('');
		await add.getByLabel('Type').selectOption({ label: 'Stretch' });
		await add.getByLabel('Body area').selectOption({ label: 'Chest' });
		const doorwayChoice = add.getByRole('radio', { name: /Doorway chest opener/ });
		await expect(doorwayChoice).toHaveAccessibleDescription(/Needs care: Recent surgery/);
		await doorwayChoice.check();
		await add.getByLabel(/^Sets/).fill('2');
		await add.getByLabel(/^Repetitions/).fill('3');
		await add.getByLabel(/^Hold/).fill('20');
		await add.getByLabel('How often').fill('1');
		const assigned = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/programme/items'));
		await add.getByRole('button', { name: 'Add to programme' }).click();
		expect((await assigned).status()).toBe(409);
		const check = add.getByRole('alert').filter({ hasText: 'Check the patient' });
		await expect(check.getByRole('heading', { name: 'Check the patient\'s precautions first' })).toBeVisible();
		await expect(check.getByRole('listitem')).toHaveText(['Recent surgery (recent_surgery)']);
		await expect(check).toBeFocused();
		await checkA11y('the precaution confirmation');
		const confirmed = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/programme/items'));
		await check.getByRole('button', { name: 'Assign anyway' }).click();
		expect((await confirmed).postDataJSON()).toMatchObject({ slug: 'doorway-chest-opener', confirm_precautions: true });
		await expect(page.getByRole('status')).toHaveText('Added “Doorway chest opener” to the programme.');
		const doorway = page.getByRole('article', { name: 'Doorway chest opener' });
		await expect(doorway).toContainText('2 sets of 3 repetitions, holding each for 20 seconds, once a day');
		await expect(doorway).toContainText('Needs care: Recent surgery (confirmed when assigned)');
		await checkA11y('the programme with two items');

		// 3. Change a dosage; someone else changed the item meanwhile, so the first save is refused.
		await belly.getByRole('button', { name: 'Change dosage or note for Belly breathing' }).click();
		await expect(belly.getByLabel(/^Sets/)).toBeFocused();
		const programme = await getJson<Listed>(page, session, programmePath);
		const bellyItem = programme.items.find((i) => i.slug === 'belly-breathing')!;
		const elsewhere = await page.request.patch(`/api/v1/patients/${patient.id}/programme/items/${bellyItem.id}`, {
			headers: { ...apiHeaders(session), 'If-Match': `"${bellyItem.version}"` },
			data: { note: 'Sitting up or lying on your side is fine.' }
		});
		expect(elsewhere.status(), await elsewhere.text()).toBe(200);
		await belly.getByLabel('How often').fill('3');
		await belly.getByRole('button', { name: 'Save changes' }).click();
		await expect(belly.getByRole('alert')).toContainText('changed since you loaded it');
		await belly.getByRole('button', { name: 'Load the latest programme' }).click();
		await expect(belly).toContainText('Sitting up or lying on your side is fine.');
		await belly.getByRole('button', { name: 'Change dosage or note for Belly breathing' }).click();
		await belly.getByLabel('How often').fill('3');
		await checkA11y('the item editor');
		await belly.getByRole('button', { name: 'Save changes' }).click();
		await expect(page.getByRole('status')).toHaveText('Saved the changes to “Belly breathing”.');
		await expect(belly).toContainText('5 repetitions, 3 times a day for 4 weeks');
		await expect(belly.getByRole('button', { name: 'Change dosage or note for Belly breathing' })).toBeFocused();

		// 4. End the doorway stretch, after a confirmation.
		await doorway.getByRole('button', { name: 'End Doorway chest opener' }).click();
		await expect(doorway.getByRole('button', { name: 'Yes, end it' })).toBeFocused();
		await doorway.getByRole('button', { name: 'Yes, end it' }).click();
		await expect(page.getByRole('status')).toHaveText('Ended “Doorway chest opener”. Its history is kept.');
		await expect(doorway).toHaveCount(0);
		await expect(belly).toBeVisible();
		await checkA11y('the programme after ending an item');
	} finally {
		for (const item of (await getJson<Listed>(page, session, programmePath)).items) {
			if (earlier.has(item.id)) continue;
			const r = await page.request.delete(`${programmePath}/items/${item.id}`, {
				headers: { ...apiHeaders(session), 'If-Match': `"${item.version}"` }
			});
			expect(r.status(), `ending ${item.slug}: ${await r.text()}`).toBe(200);
		}
		const now = await getJson<{ version: number }>(page, session, `/api/v1/patients/${patient.id}/precautions`);
		await putPrecautions(page, session, patient.id, before.items.map(asInput), now.version);
		expect(now.version).toBeGreaterThanOrEqual(withSurgery.version);
	}
});

test('the clinician enters and imports check-ins and reads the heat map', async ({ page, session, checkA11y, problems }) => {
	test.setTimeout(120_000);
	problems.allowed.push(httpStatusMessage(400));
	const patient = await freshPatient(page, session);
	const { date: today } = await getJson<{ date: string }>(page, session, `/api/v1/patients/${patient.id}/programme`);
	const day = (back: number) => {
		const [y, m, d] = today.split('-').map(Number);
		return new Date(Date.UTC(y!, m! - 1, d! - back)).toISOString().slice(0, 10);
	};

	await page.goto(`/patients/${patient.id}/check-ins`);
	await expect(page.getByRole('heading', { name: `Check-ins: ${patient.name}`, level: 1 })).toBeVisible();
	await expect(page.getByText('No home programme yet.')).toBeVisible();
	await checkA11y('the empty check-ins page');

	// Enter yesterday's check-in on the patient's behalf.
	await page.getByRole('button', { name: 'Enter a check-in' }).click();
	const form = page.getByRole('form', { name: 'Enter a check-in' });
	await expect(form.getByLabel('Date')).toBeFocused();
	await form.getByLabel('Date').selectOption({ label: (await form.getByLabel('Date').locator('option').nth(1).textContent())! });
	await expect(form.getByText(/marked late/)).toBeVisible();
	await form.getByRole('group', { name: 'How much pain do you have today?' }).getByRole('radio', { name: '6', exact: true }).check();
	await form.getByRole('checkbox', { name: 'Lower back' }).check();
	await form.getByRole('checkbox', { name: 'Neck' }).check();
	await form.getByLabel(/^Note/).fill('Told us by phone');
	await checkA11y('the staff check-in form');
	const created = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/check-ins'));
	await form.getByRole('button', { name: 'Save the check-in' }).click();
	const sent = await created;
	expect(sent.postDataJSON()).toMatchObject({ date: day(1), pain: 6, note: 'Told us by phone' });
	expect(sent.headers()['idempotency-key']).toBeTruthy();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`Saved the check-in for`);
	const table = page.getByRole('table', { name: /Check-ins, newest first/ });
	await expect(table.getByRole('row').nth(1)).toContainText(`${day(1)} (late)`);
	await expect(table.getByRole('row').nth(1)).toContainText('Told us by phone');

	// Import: one bad row (line 3) means nothing is imported.
	const header = 'date,pain,stress,mood,sleep,tension,flare,regions,note';
	const upload = (name: string, lines: string[]) =>
		page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });
	await upload('bad.csv', [header, `${day(4)},3,2,6,5,4,no,neck,`, `${day(3)},11,2,6,5,4,maybe,lower_back,`]);
	const refused = page.waitForResponse((r) => r.url().endsWith('/check-ins/import'));
	await page.getByRole('button', { name: 'Import the file' }).click();
	const answer = await refused;
	expect(answer.status()).toBe(400);
	expect(answer.request().headers()['content-type']).toContain('text/csv');
	const bad = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
	await expect(bad).toBeFocused();
	await expect(bad).toContainText('bad.csv has problems on line 3');
	await expect(bad.getByRole('listitem')).toHaveCount(2);
	await expect(bad.getByRole('listitem').filter({ hasText: /^Line 3, pain: / })).toHaveCount(1);
	await expect(bad.getByRole('listitem').filter({ hasText: /^Line 3, flare: / })).toHaveCount(1);
	await expect(table.getByRole('row')).toHaveCount(2);
	await checkA11y('the import problems');

	await upload('good.csv', [header, `${day(4)},3,2,6,5,4,no,neck,`, `${day(3)},7,2,6,5,4,yes,lower_back;neck,"Long day, sore"`]);
	await page.getByRole('button', { name: 'Import the file' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 check-ins.');
	await expect(bad).toHaveCount(0);
	await expect(table.getByRole('row')).toHaveCount(4);
	await expect(table).toContainText('Long day, sore');

	// The heat map: numbers in the cells, a label for each, one tab stop and the arrow keys.
	const grid = page.getByRole('grid', { name: /Painful areas by day/ });
	await expect(grid.getByRole('rowheader')).toHaveText(['Neck', 'Lower back']);
	const back = grid.getByRole('row', { name: /Lower back/ });
	await expect(back.getByRole('gridcell', { name: /Lower back, .*: painful, pain 7 out of 10/ })).toHaveText(/7/);
	await expect(back.getByRole('gridcell', { name: /: no check-in$/ }).first()).toBeVisible();
	await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
	const todayNeck = grid.getByRole('gridcell', { name: /^Neck, .*: no check-in$/ }).last();
	await todayNeck.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(grid.getByRole('gridcell', { name: /^Neck, .*: painful, pain 6 out of 10$/ })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(grid.getByRole('gridcell', { name: /^Lower back, .*: painful, pain 6 out of 10$/ })).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await expect(page.locator(':focus')).toHaveAccessibleName(/^Lower back, .*: no check-in$/);
	await page.keyboard.press('ArrowLeft');
	await expect(grid.getByRole('gridcell', { name: /^Lower back, .*: painful, pain 7 out of 10$/ })).toBeFocused();
	await page.getByText('Show the same as a table, one day per row').click();
	const byDay = page.getByRole('table', { name: 'Painful areas by day, newest first' });
	await expect(byDay.getByRole('row').nth(4)).toContainText('Neck, Lower back');
	await checkA11y('the check-ins page with the heat map');

	// On a phone the grid scrolls inside its box, not the page.
	await page.setViewportSize({ width: 390, height: 844 });
	await checkNoHorizontalScroll(page);
	await page.goto(`/patients/${patient.id}/programme`);
	await expect(page.getByRole('heading', { name: 'Add to programme' })).toBeVisible();
	await checkNoHorizontalScroll(page);
});
