// THE SAFETY FLOW (A5): a clinician sends an intake pack; the patient, on a phone, answers PHQ-9
// item 9 with "Several days" and sees crisis support at once (before the pack is even sent); the
// clinician sees the alert at the top of the staff landing page and can close it only with a note.
import { test, expect, firstClinicId, checkNoHorizontalScroll as noSideways, expectAccessible as checkA11yOn } from './fixtures';
import { answer, demoPatient, next, openAs, PHONE, uniqueTitle } from './assess';

test('a safety answer shows the patient crisis support and gives the clinician an alert to acknowledge', async ({
	page,
	browser,
	checkA11y
}) => {
	test.setTimeout(120_000);
	const { id: patientId, name: patientName } = await demoPatient();
	const title = uniqueTitle('Intake pack');

	// --- the clinician sends PHQ-9 + GAD-7 + body map ---------------------------------------------
	await page.goto(`/patients/${patientId}/assessments`);
	await expect(page.getByRole('heading', { level: 1, name: /^Assessments: / })).toBeVisible();
	const send = page.getByRole('region', { name: 'Send an assessment' });
	await send.getByRole('checkbox', { name: /PHQ-9/ }).check();
	await send.getByRole('checkbox', { name: /GAD-7/ }).check();
	await send.getByRole('checkbox', { name: /Include the body map/ }).check();
	await send.getByLabel(/^Title/).fill(title);
	await checkA11y('the assessments page with a pack ready to send');
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/assessments'));
	await send.getByRole('button', { name: 'Send to the patient' }).click();
	const created = await posted;
	expect(created.status()).toBe(201);
	expect(created.request().postDataJSON()).toMatchObject({ instruments: ['phq9', 'gad7'], body_map: true, title });
	await expect(page.getByRole('status').filter({ hasText: `Sent “${title}”` })).toBeVisible();
	const assessments = page.getByRole('list', { name: 'Assessments, newest first' });
	await expect(assessments.getByRole('listitem').filter({ hasText: title })).toContainText('Sent, not started');

	// --- the patient answers on a phone ---------------------------------------------------------
	const patient = await openAs(browser, 'patient', PHONE);
	const p = patient.page;
	await p.goto('/me');
	await expect(p.getByRole('region', { name: 'Questionnaires to do' })).toBeVisible();
	await checkA11yOn(p, 'the portal with a questionnaire to do');
	await p.getByRole('link', { name: `Start: ${title}` }).click();
	await expect(p.getByText('Question 1 of 17')).toBeVisible();
	await expect(p.getByRole('progressbar')).toHaveAttribute('value', '1');
	await expect(p.getByText('Time period: the last 2 weeks.')).toBeVisible();
	await expect(p.getByText(/© Pfizer Inc\./)).toBeVisible();
	await checkA11yOn(p, 'the first question on a phone');
	await noSideways(p);

	for (let i = 1; i <= 8; i++) {
		await answer(p, 'Not at all');
		await next(p);
	}
	await expect(p.getByText('Question 9 of 17')).toBeVisible();
	await expect(p.getByRole('region', { name: 'Help is available now' })).toHaveCount(0);

	// Item 9: the panel appears on the answer itself, not after the save.
	await p.getByRole('radio', { name: 'Several days' }).check();
	const crisis = p.getByRole('region', { name: 'Help is available now' });
	await expect(crisis).toBeVisible();
	await expect(crisis).toBeFocused();
	await expect(crisis.locator('a[href^="tel:"]').first()).toBeVisible();
	await expect(crisis.locator('a[href="tel:999"]')).toBeVisible();
	await expect(crisis.locator('a[href^="sms:"]')).toBeVisible();
	await expect(crisis).toContainText('Last checked');
	await expect(crisis).not.toContainText(/risk score|PHQ|item 9/i);
	const telBox = await crisis.locator('a[href^="tel:"]').first().boundingBox();
	expect(telBox!.height).toBeGreaterThanOrEqual(44);
	await expect(p.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
	await checkA11yOn(p, 'the crisis panel on a phone');
	await noSideways(p);

	// The panel stays while the patient carries on (PHQ-9's difficulty item, GAD-7, body map, review).
	await next(p);
	await expect(p.getByText('Question 10 of 17')).toBeVisible();
	await expect(crisis).toBeVisible();
	await answer(p, 'Not difficult at all');
	await next(p);
	await expect(p.getByText('Question 11 of 17')).toBeVisible();
	await expect(crisis).toBeVisible();
	for (let i = 0; i < 7; i++) {
		await answer(p, 'Not at all');
		await next(p);
	}
	await expect(p.getByRole('heading', { name: 'Where do you feel pain or tension?' })).toBeVisible();
	await p.getByLabel('Neck', { exact: true }).selectOption('4');
	await expect(p.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
	await checkA11yOn(p, 'the body map step on a phone');
	await next(p);
	await expect(p.getByRole('heading', { name: 'Check and send your answers' })).toBeVisible();
	await expect(p.getByText('You have answered every question.')).toBeVisible();
	await p.getByRole('button', { name: 'Send my answers' }).click();
	await expect(p).toHaveURL(/\/me\/assessments\/[0-9a-f-]{36}\/done$/);
	await expect(p.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
	await expect(p.getByRole('region', { name: 'Help is available now' })).toBeVisible();
	await expect(p.getByRole('region', { name: 'Help is available now' }).locator('a[href^="tel:"]').first()).toBeVisible();
	await checkA11yOn(p, 'the thank-you page with crisis support');
	await noSideways(p);
	await patient.done();

	// --- the clinician sees the alert first, and must say what was done --------------------------
	await page.goto('/');
	await expect(page).toHaveURL(/\/patients$/);
	const alerts = page.getByRole('region', { name: /open safety alerts?$/ });
	await expect(alerts).toBeVisible();
	// At the top: before the search box and the patient list.
	const alertsBox = await alerts.boundingBox();
	const searchBox = await page.getByLabel('Search by name').boundingBox();
	expect(alertsBox!.y).toBeLessThan(searchBox!.y);
	const alert = alerts.getByRole('article').filter({ hasText: patientName }).filter({ hasText: 'PHQ-9' }).first();
	await expect(alert).toContainText(/Item 9/);
	await expect(alert.getByRole('link', { name: patientName })).toHaveAttribute('href', `/patients/${patientId}`);
	await checkA11y('the staff landing page with an open alert');

	await alert.getByRole('button', { name: 'Acknowledge' }).click();
	const note = alert.getByLabel('What did you do?');
	await expect(note).toBeFocused();
	await alert.getByRole('button', { name: 'Acknowledge alert' }).click();
	const summary = alert.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	await expect(summary).toContainText('Say what you did');
	await expect(note).toHaveAttribute('aria-invalid', 'true');
	await checkA11y('the acknowledgement form with an error');

	await note.fill('Phoned her at 14:10; she is safe and has the crisis numbers. GP informed.');
	const acked = page.waitForResponse((r) => r.url().includes('/acknowledge'));
	await alert.getByRole('button', { name: 'Acknowledge alert' }).click();
	expect((await acked).status()).toBe(200);
	await expect(page.getByRole('status').filter({ hasText: 'acknowledged' })).toBeVisible();

	// Gone from the open alerts, here and on a fresh load.
	const alertId = (await (await acked).json()).id as string;
	const open = await page.request.get(`/api/v1/clinics/${await firstClinicId(page)}/alerts`, {
		headers: { 'X-Requested-With': 'unknot' }
	});
	expect(((await open.json()).items as { id: string }[]).map((a) => a.id)).not.toContain(alertId);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible();
	await expect(page.locator(`article:has-text("Phoned her at 14:10")`)).toHaveCount(0);
});
