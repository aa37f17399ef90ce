// Treat (issue 7 item 7): a clinician records a session for a patient whose consent says "no" to
// the neck. The consent is set on the staff preferences page; the session screen shows the neck
// under "Do not treat"; ticking the neck in a new note is refused with a clear message and nothing
// is saved; without it the note is filled in, signed and given an addendum; the patient then reads
// the summary in the portal on a phone. A second test walks the same pages on a phone (no sideways
// scroll), recovers a save that met a newer version, and discards a draft. Axe runs on every page
// visited.
import type { Page } from '@playwright/test';
import {
	test,
	expect,
	apiHeaders,
	checkNoHorizontalScroll,
	expectAccessible,
	httpStatusMessage,
	type SignedInSession
} from './fixtures';
import { PHONE, demoPatient, openAs } from './assess';

type MapRegion = { code: string; label: string; status: 'do_not_treat' | 'ask_first' | 'fine' };
type Note = { id: string; version: number; status: string; regions_treated: string[]; subjective: string };

async function getJson<T>(page: Page, session: SignedInSession | null, path: string): Promise<T> {
	const r = await page.request.get(path, { headers: apiHeaders(session) });
	expect(r.status(), `GET ${path}: ${await r.text()}`).toBe(200);
	return (await r.json()) as T;
}

/** Today in the clinic's zone (the demo clinic is in Europe/London), as YYYY-MM-DD. */
function londonToday(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

test('a session for a patient who said no to the neck: refused, then signed, amended and read by the patient', async ({
	page,
	browser,
	session,
	checkA11y,
	problems
}) => {
	test.setTimeout(120_000);
	problems.allowed.push(httpStatusMessage(409));
	const patient = await demoPatient();
	const marker = `Gentle work on your back ${Date.now().toString(36)}`;

	// 1. Consent: "no" to the neck, on the staff preferences page.
	await page.goto(`/patients/${patient.id}/preferences`);
	await expect(page.getByRole('heading', { name: `Care preferences: ${patient.name}`, level: 1 })).toBeVisible();
	const neckConsent = page.getByRole('group', { name: 'Neck', exact: true });
	await neckConsent.getByRole('radio', { name: 'No', exact: true }).check();
	await checkA11y('the staff preferences page');
	await page.getByRole('button', { name: 'Save care preferences' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The care preferences are saved.' })).toBeVisible();
	const prefs = await getJson<{ fields: { consent_to_touch?: { value: Record<string, string> } } }>(
		page,
		session,
		`/api/v1/patients/${patient.id}/care-preferences`
	);
	expect(prefs.fields.consent_to_touch?.value.neck).toBe('no');

	// 2. The session screen: safety first, then the map with the neck under "Do not treat".
	await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Session', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/session$`));
	await expect(page.getByRole('heading', { name: `Session: ${patient.name}`, level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Red flags and precautions', level: 2 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Care preferences', level: 2 })).toBeVisible();
	const doNotTreat = page.getByRole('region', { name: /^Do not treat/ });
	await expect(doNotTreat.getByText('Neck', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Last session', level: 2 })).toBeVisible();
	await expect(page.getByRole('img', { name: /Pain and stress over the last 14 days/ }).or(page.getByText('No check-ins in the last 14 days.'))).toBeVisible();
	await checkA11y('the session screen');

	// 3. A new note; the neck is ticked with the keyboard and the save is refused.
	await page.getByRole('button', { name: 'Start a session note' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/sessions/[0-9a-f-]{36}$`));
	const noteId = page.url().split('/').pop()!;
	await expect(page.getByRole('heading', { name: `Session note: ${patient.name}`, level: 1 })).toBeVisible();
	const form = page.getByRole('form', { name: 'Session note' });
	await expect(form.getByLabel('Date of the session')).toHaveValue(londonToday());
	await checkA11y('a new draft note');
	const created = await getJson<Note>(page, session, `/api/v1/patients/${patient.id}/sessions/${noteId}`);

	await form.getByLabel(/^Subjective/).fill(marker);
	const neck = form.getByRole('checkbox', { name: 'Neck', exact: true });
	await neck.focus();
	await page.keyboard.press('Space');
	await expect(neck).toBeChecked();
	const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/sessions/${noteId}`));
	await form.getByRole('button', { name: 'Save draft' }).click();
	expect((await refused).status()).toBe(409);
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Nothing was saved.');
	const refusal = summary.getByRole('link', { name: 'Neck: the patient has said no to touch here.' });
	await expect(refusal).toBeVisible();
	await checkA11y('the consent refusal');
	// The message leads to the checkbox; what was typed is still there; nothing was stored.
	await refusal.focus();
	await page.keyboard.press('Enter');
	await expect(neck).toBeFocused();
	await expect(form.getByLabel(/^Subjective/)).toHaveValue(marker);
	const unchanged = await getJson<Note>(page, session, `/api/v1/patients/${patient.id}/sessions/${noteId}`);
	expect(unchanged.version).toBe(created.version);
	expect(unchanged.regions_treated).toEqual([]);
	expect(unchanged.subjective).toBe(created.subjective);

	// 4. Without the neck: treat a region the patient said yes to (and one to ask about, agreed today).
	await page.keyboard.press('Space');
	await expect(neck).not.toBeChecked();
	const map = await getJson<{ regions: MapRegion[] }>(page, session, `/api/v1/patients/${patient.id}/session-map`);
	const fine = map.regions.find((r) => r.status === 'fine');
	const askFirst = map.regions.find((r) => r.status === 'ask_first');
	if (fine) await form.getByRole('checkbox', { name: fine.label, exact: true }).check();
	if (askFirst) {
		await form.getByRole('checkbox', { name: askFirst.label, exact: true }).check();
		await form.getByRole('checkbox', { name: `${askFirst.label}: the patient agreed to treatment here today` }).check();
	}
	await form.getByLabel(/^Objective/).fill('Tight upper trapezius both sides.');
	await form.getByLabel(/^Assessment/).fill('Tension-type pattern, improving.');
	await form.getByLabel(/^Plan/).fill('Weekly for three more sessions.');
	await form.getByRole('checkbox', { name: 'Massage', exact: true }).check();
	await form.getByRole('checkbox', { name: 'Breathing', exact: true }).check();
	await form.getByLabel('Pain before').selectOption('6');
	await form.getByLabel('Pain after').selectOption('3');
	await form.getByLabel('Tension before').selectOption('7');
	await form.getByLabel('Tension after').selectOption('4');
	await form.getByLabel('Stress before').selectOption('5');
	await form.getByLabel('Stress after').selectOption('3');
	await form.getByLabel(/^Pre-treatment screen completed today/).check();
	await form.getByLabel(/^Advice given/).fill('Warm shower, then the shoulder rolls twice a day.');
	await form.getByLabel(/^Summary for the patient/).fill(marker);
	await form.getByRole('button', { name: 'Save draft' }).click();
	await expect(form.getByRole('status')).toContainText('Draft saved');
	await checkA11y('the saved draft');

	// Signing needs the consent check first: the page says so before asking the server.
	await form.getByRole('button', { name: 'Sign the note' }).click();
	await expect(summary.getByRole('link', { name: /Confirm that the patient gave consent today/ })).toBeVisible();
	await form.getByLabel(/^Consent confirmed/).check();
	await form.getByRole('button', { name: 'Sign the note' }).click();
	const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
	await expect(dialog).toContainText('A signed note cannot be changed');
	await checkA11y('the sign dialog');
	await dialog.getByRole('button', { name: 'Yes, sign the note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The note is signed.' })).toBeVisible();
	await expect(page.getByText(/Signed session note from/)).toBeVisible();
	await expect(page.getByRole('form', { name: 'Session note' })).toHaveCount(0);
	const signedNote = await getJson<Note>(page, session, `/api/v1/patients/${patient.id}/sessions/${noteId}`);
	expect(signedNote.status).toBe('signed');
	expect(signedNote.regions_treated).not.toContain('neck');
	await checkA11y('the signed note');

	// 5. An addendum, with its author and time.
	const addenda = page.getByRole('region', { name: 'Addenda' });
	await expect(addenda).toContainText('No addenda.');
	await addenda.getByLabel('Addendum', { exact: true }).fill('Patient phoned: felt looser the next day.');
	await addenda.getByRole('button', { name: 'Add addendum' }).click();
	await expect(addenda.getByRole('status')).toContainText('Addendum added');
	const first = addenda.getByRole('listitem').filter({ hasText: 'Patient phoned: felt looser the next day.' });
	await expect(first).toContainText('Addendum 1');
	await expect(first).toContainText(`by ${session!.user.display_name}`);
	await checkA11y('the note with its addendum');

	// The list of notes shows it, with the before/after chart and its table.
	await page.getByRole('link', { name: 'All session notes' }).click();
	await expect(page.getByRole('heading', { name: `Sessions: ${patient.name}`, level: 1 })).toBeVisible();
	await expect(page.getByRole('img', { name: /^Pain before and after each session/ })).toBeVisible();
	await expect(page.getByRole('table', { name: /Ratings before and after each session/ })).toBeVisible();
	await checkA11y('the session notes list');

	// 6. The patient reads the summary in the portal, on a phone.
	const patientSide = await openAs(browser, 'patient', PHONE);
	try {
		await patientSide.page.goto('/me/sessions');
		await expect(patientSide.page.getByRole('heading', { name: 'Your session summaries', level: 1 })).toBeVisible();
		const mine = patientSide.page.getByRole('article').filter({ hasText: marker });
		await expect(mine).toBeVisible();
		await expect(mine).toContainText('Warm shower, then the shoulder rolls twice a day.');
		await expect(mine).toContainText('Pain: 6 before, 3 after (down 3)');
		await expect(mine).not.toContainText('Tight upper trapezius');
		await expectAccessible(patientSide.page, 'the patient’s session summaries');
		await checkNoHorizontalScroll(patientSide.page);
	} finally {
		await patientSide.done();
	}
});

test.describe('on a phone', () => {
	test.use({ ...PHONE });

	test('the session pages fit the screen; a stale save is recovered and the draft discarded', async ({ page, session, checkA11y, problems }) => {
		test.setTimeout(90_000);
		problems.allowed.push(httpStatusMessage(409));
		const patient = await demoPatient();

		await page.goto(`/patients/${patient.id}/session`);
		await expect(page.getByRole('heading', { name: 'Session map', level: 2 })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Last session', level: 2 })).toBeVisible();
		await checkNoHorizontalScroll(page);
		await checkA11y('the session screen on a phone');

		await page.getByRole('button', { name: 'Start a session note' }).click();
		await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/sessions/[0-9a-f-]{36}$`));
		const noteId = page.url().split('/').pop()!;
		await expect(page.getByRole('form', { name: 'Session note' })).toBeVisible();
		await checkNoHorizontalScroll(page);
		await checkA11y('the note editor on a phone');

		// Someone else saves the draft meanwhile: the save is refused, nothing typed is lost, and
		// "Save my version" saves over theirs.
		const theirs = await page.request.put(`/api/v1/patients/${patient.id}/sessions/${noteId}`, {
			headers: { ...apiHeaders(session), 'If-Match': '"1"' },
			data: { session_date: londonToday(), subjective: 'Saved elsewhere' }
		});
		expect(theirs.status(), `PUT elsewhere: ${await theirs.text()}`).toBe(200);
		const form = page.getByRole('form', { name: 'Session note' });
		await form.getByLabel(/^Subjective/).fill('Mine, typed on the phone');
		await form.getByRole('button', { name: 'Save draft' }).click();
		const stale = page.getByRole('alert').filter({ hasText: 'Someone else saved this note while you were writing' });
		await expect(stale).toBeVisible();
		await expect(form.getByLabel(/^Subjective/)).toHaveValue('Mine, typed on the phone');
		await checkNoHorizontalScroll(page);
		await checkA11y('the stale-version notice on a phone');
		await stale.getByRole('button', { name: 'Save my version' }).click();
		await expect(form.getByRole('status')).toContainText('Draft saved');
		const saved = await getJson<Note>(page, session, `/api/v1/patients/${patient.id}/sessions/${noteId}`);
		expect(saved.subjective).toBe('Mine, typed on the phone');
		expect(saved.version).toBe(3);

		// Leaving by a link with unsaved changes asks first; saying no keeps the page and the text.
		await form.getByLabel(/^Objective/).fill('Not saved yet');
		let asked = '';
		page.once('dialog', (d) => {
			asked = d.message();
			void d.dismiss();
		});
		await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Sessions' }).click();
		await expect.poll(() => asked).toContain('Leave this note?');
		await expect(page).toHaveURL(new RegExp(`/sessions/${noteId}$`));
		await expect(form.getByLabel(/^Objective/)).toHaveValue('Not saved yet');

		// Discarding is its own confirmation: no second question.
		await page.getByRole('button', { name: 'Discard draft' }).click();
		const dialog = page.getByRole('dialog', { name: 'Discard this draft?' });
		await expect(dialog).toBeVisible();
		await checkNoHorizontalScroll(page);
		await dialog.getByRole('button', { name: 'Yes, discard it' }).click();
		await expect(page).toHaveURL(new RegExp(`/patients/${patient.id}/sessions$`));
		await expect(page.getByRole('status').filter({ hasText: 'The draft note was discarded.' })).toBeVisible();
		const gone = await page.request.get(`/api/v1/patients/${patient.id}/sessions/${noteId}`, { headers: apiHeaders(session) });
		expect(gone.status()).toBe(404);
		await checkNoHorizontalScroll(page);
		await checkA11y('the session notes on a phone');

		// A signed note (the demo has some), read-only, on a phone.
		await page.getByRole('list', { name: 'Session notes' }).getByRole('link').first().click();
		await expect(page.getByText(/Signed session note from/)).toBeVisible();
		await checkNoHorizontalScroll(page);
		await checkA11y('a signed note on a phone');
	});
});
