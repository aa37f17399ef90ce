import {
	test,
	expect,
	apiHeaders,
	firstClinicId,
	httpStatusMessage,
	uniqueFamilyName,
	type SignedInSession
} from './fixtures';
import type { Page } from '@playwright/test';

async function createPatient(page: Page, session: SignedInSession | null, family: string) {
	const clinic = await firstClinicId(page);
	const r = await page.request.post(`/api/v1/clinics/${clinic}/patients`, {
		headers: apiHeaders(session),
		data: { given_name: 'Grace', family_name: family, birth_date: '1972' }
	});
	expect(r.status(), `POST patient: ${await r.text()}`).toBe(201);
	return (await r.json()) as { id: string; version: number };
}

test('editing a field saves a new version that the history shows', async ({ page, session, checkA11y }) => {
	const family = uniqueFamilyName('Editcase');
	const created = await createPatient(page, session, family);

	await page.goto(`/patients/${created.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Grace ${family}`);
	const history = page.getByRole('list', { name: 'Versions' });
	await expect(history.locator(':scope > li')).toHaveCount(1);
	await checkA11y('the patient page');

	await page.getByRole('link', { name: 'Edit details' }).click();
	await expect(page).toHaveURL(new RegExp(`/patients/${created.id}/edit$`));
	await expect(page.locator('#field-family_name')).toHaveValue(family);
	await checkA11y('the edit form');

	// The PATCH carries only the changed field and the version it was based on.
	const patchSeen = page.waitForRequest((r) => r.method() === 'PATCH');
	await page.getByLabel(/Phone number/).fill('01632 960001');
	await page.getByRole('button', { name: 'Save changes' }).click();
	const patch = await patchSeen;
	expect(patch.postDataJSON()).toEqual({ phone: '01632 960001' });
	const headers = await patch.allHeaders();
	expect(headers['if-match']).toBe(`"${created.version}"`);
	expect(headers['content-type']).toContain('application/json');
	expect(headers['x-requested-with']).toBe('unknot');
	// The session's CSRF token rides on every change.
	expect(headers['x-csrf-token']).toBe(session!.csrf);

	await expect(page).toHaveURL(new RegExp(`/patients/${created.id}$`));
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	// The server keeps phone numbers as digits, separators removed (see api/openapi.yaml).
	await expect(page.getByRole('region', { name: 'Details' })).toContainText('01632960001');

	const versions = history.locator(':scope > li');
	await expect(versions).toHaveCount(2);
	await expect(versions.nth(0)).toContainText('Version 2');
	await expect(versions.nth(0)).toContainText('Phone number');
	await expect(versions.nth(0)).toContainText('01632960001');
	await expect(versions.nth(1)).toContainText('Version 1');
	await checkA11y('the patient page with history');
});

test('an edit that clashes with a newer version explains and offers to reload', async ({
	page,
	session,
	problems,
	checkA11y
}) => {
	problems.allowed.push(httpStatusMessage(409), httpStatusMessage(412));
	const family = uniqueFamilyName('Clashcase');
	const created = await createPatient(page, session, family);

	await page.goto(`/patients/${created.id}/edit`);
	await expect(page.locator('#field-family_name')).toHaveValue(family);

	// Someone else saves first.
	const r = await page.request.patch(`/api/v1/patients/${created.id}`, {
		headers: { ...apiHeaders(session), 'If-Match': `"${created.version}"` },
		data: { preferred_name: 'Gracie' }
	});
	expect(r.status(), `concurrent PATCH: ${await r.text()}`).toBe(200);

	await page.getByLabel(/Email address/).fill('grace@example.org');
	await page.getByRole('button', { name: 'Save changes' }).click();
	const notice = page.getByRole('alert').filter({ hasText: 'This record was changed somewhere else' });
	await expect(notice).toBeVisible();
	await expect(notice).toBeFocused();
	await expect(page.getByLabel(/Email address/)).toHaveValue('grace@example.org');
	await checkA11y('the edit form after a conflict');

	await notice.getByRole('button', { name: 'Load the latest version' }).click();
	await expect(page.locator('#field-preferred_name')).toHaveValue('Gracie');
	await expect(page.getByLabel(/Email address/)).toHaveValue('');
});

test('clearing a required name shows the problem on that field', async ({ page, session, problems }) => {
	problems.allowed.push(httpStatusMessage(400));
	const created = await createPatient(page, session, uniqueFamilyName('Requiredcase'));
	await page.goto(`/patients/${created.id}/edit`);
	await page.locator('#field-given_name').fill('');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
	await expect(page.locator('#field-given_name')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#field-given_name-error')).toHaveText(/\S/);
});
