// Care preferences (Treat, T3): the demo patient says "no" to touch on the neck and sets a stop
// signal on /me/preferences, reloads and finds them kept; then a clinician opens
// /patients/[id]/preferences, sees both with "Last reviewed … by <the patient>", and marks
// everything as reviewed with the patient, which names the clinician. Axe runs on every page.
// Validation, If-Match, access and versions are proved over HTTP by
// tests/integration/care_preferences_test.cpp.
import type { Page } from '@playwright/test';
import { openAs, PHONE } from './assess';
import { test, expect, apiHeaders, expectAccessible, type SignedInSession } from './fixtures';

test.use({ signInAs: 'patient' });

/** Clears the neck answer and the stop signal, so the patient's choices below are really theirs. */
async function clearNeckAndStopSignal(page: Page, session: SignedInSession, patientId: string) {
	const path = `/api/v1/patients/${patientId}/care-preferences`;
	const got = await page.request.get(path, { headers: apiHeaders(session) });
	expect(got.status(), `GET ${path}`).toBe(200);
	const current = await got.json();
	const consent = { ...(current.fields.consent_to_touch?.value ?? {}) } as Record<string, string>;
	consent.neck = 'ask_first';
	const put = await page.request.put(path, {
		headers: { ...apiHeaders(session), 'If-Match': `"${current.version}"` },
		data: { values: { consent_to_touch: consent, stop_signal: null } }
	});
	expect(put.status(), `PUT ${path}: ${await put.text()}`).toBe(200);
}

test('the patient sets their preferences and the clinician reviews them together', async ({ page, session, browser, checkA11y }) => {
	// Two people, two devices and four axe runs over a long form.
	test.slow();
	const patientId = session!.user.patient_id!;
	const patientName = session!.user.display_name;
	await clearNeckAndStopSignal(page, session!, patientId);

	// The patient, on their own page.
	await page.goto('/me');
	await page.getByRole('link', { name: 'Your care preferences' }).click();
	await expect(page).toHaveURL(/\/me\/preferences$/);
	await expect(page.getByRole('heading', { name: 'Your care preferences', level: 1 })).toBeVisible();
	await expect(page.getByText('You can change these at any time')).toBeVisible();
	const neck = page.getByRole('group', { name: 'Neck', exact: true });
	await expect(neck.getByRole('radio', { name: 'Ask me first' })).toBeChecked();
	await checkA11y('the patient’s care preferences');

	await neck.getByRole('radio', { name: 'No', exact: true }).check();
	const stopSignal = page.getByLabel('Your stop signal');
	await expect(stopSignal).toHaveValue('');
	await stopSignal.fill('hand up');
	await page.getByRole('button', { name: 'Save my preferences' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Your preferences are saved.' })).toBeVisible();
	await expect(page.locator('#care-pref-stop_signal-review')).toContainText(`by ${patientName}`);
	await checkA11y('the saved care preferences');

	await page.reload();
	await expect(neck.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
	await expect(stopSignal).toHaveValue('hand up');
	await expect(page.locator('#care-pref-consent_to_touch-review')).toHaveText(
		new RegExp(`^Last reviewed \\d{1,2} [A-Z][a-z]{2} \\d{4} by ${patientName}\\.$`)
	);

	// The clinician, with the patient, on another device.
	const clinician = await openAs(browser, 'clinician');
	const staffPage = clinician.page;
	const clinicianName = clinician.session.user.display_name;
	await staffPage.goto(`/patients/${patientId}/preferences`);
	await expect(staffPage.getByRole('heading', { name: /^Care preferences: /, level: 1 })).toBeVisible();
	const staffNeck = staffPage.getByRole('group', { name: 'Neck', exact: true });
	await expect(staffNeck.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
	await expect(staffPage.getByLabel('Your stop signal')).toHaveValue('hand up');
	await expect(staffPage.locator('#care-pref-stop_signal-review')).toContainText(`Last reviewed`);
	await expect(staffPage.locator('#care-pref-stop_signal-review')).toContainText(`by ${patientName}`);
	await expect(staffPage.getByRole('heading', { name: 'Changes' })).toBeVisible();
	// What a clinician must know before touching, first.
	const beforeTouch = staffPage.getByRole('region', { name: 'Before touching' });
	await expect(beforeTouch.getByRole('definition').first()).toBeVisible();
	await expect(beforeTouch.locator('.line', { hasText: 'Do not touch' })).toContainText('Neck');
	await expect(beforeTouch.locator('.line', { hasText: 'Stop signal' })).toContainText('hand up');
	await expectAccessible(staffPage, 'the staff care preferences');

	await staffPage.getByRole('button', { name: 'Mark all as reviewed with the patient' }).click();
	await expect(staffPage.getByRole('status').filter({ hasText: 'Everything is marked as reviewed' })).toBeVisible();
	for (const field of ['consent_to_touch', 'stop_signal', 'pressure']) {
		await expect(staffPage.locator(`#care-pref-${field}-review`)).toContainText(`by ${clinicianName}`);
	}
	// Reviewing changes no answer, and the patient's choice stays theirs.
	await expect(staffNeck.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
	await expect(staffPage.locator('#care-pref-stop_signal-review')).not.toContainText('set by the clinic');
	await expectAccessible(staffPage, 'the reviewed care preferences');
	await clinician.done();
});


test.describe('on a phone', () => {
	test.use({ ...PHONE });

	test('the preferences fit the screen and can be saved', async ({ page, checkA11y }) => {
		await page.goto('/me/preferences');
		const neck = page.getByRole('group', { name: 'Neck', exact: true });
		await expect(neck.getByRole('radio', { name: 'No', exact: true })).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
		await checkA11y('the care preferences on a phone');
		await page.getByRole('button', { name: 'Save my preferences' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Your preferences are saved.' })).toBeVisible();
	});
});
