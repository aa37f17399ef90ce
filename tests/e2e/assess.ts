// Helpers for the Assess e2e specs: the demo patient's record, packs sent through the API, and a
// second signed-in browser context for another role (the patient on a phone while the clinician
// stays on a desktop), with the same console/CSP guard as the test's own page.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newApiContext } from './accounts';
import {
	apiHeaders,
	apiSignIn,
	DEMO,
	DEMO_PASSWORD,
	expect,
	expectNoProblems,
	firstClinicId,
	uniqueFamilyName,
	watchPage,
	type PageProblems,
	type Role,
	type SignedInSession
} from './fixtures';

/** The phone the portal is designed for first. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/** The record linked to patient@demo.unknot.test (from the patient's own session), with its name. */
export async function demoPatient(): Promise<{ id: string; name: string }> {
	const api = await newApiContext();
	try {
		const session = await apiSignIn(api, DEMO.patient, DEMO_PASSWORD);
		const id = session.user.patient_id;
		expect(id, 'the demo patient account is linked to a record').toBeTruthy();
		const r = await api.get(`/api/v1/patients/${id}`, { headers: apiHeaders(session) });
		expect(r.status(), 'the patient reads their own record').toBe(200);
		const record = (await r.json()) as { given_name: string; family_name: string };
		return { id: id!, name: `${record.given_name} ${record.family_name}` };
	} finally {
		await api.dispose();
	}
}

/** A fresh patient of the demo clinic, so a test's records start empty. */
export async function freshPatient(page: Page, session: SignedInSession | null): Promise<{ id: string; name: string }> {
	const clinic = await firstClinicId(page);
	const family = uniqueFamilyName('Assess');
	const r = await page.request.post(`/api/v1/clinics/${clinic}/patients`, {
		headers: apiHeaders(session),
		data: { given_name: 'Robin', family_name: family, birth_date: '1980' }
	});
	expect(r.status(), `POST patient: ${await r.text()}`).toBe(201);
	return { id: (await r.json()).id as string, name: `Robin ${family}` };
}

/** Sends a pack as the demo clinician through the API; returns the assessment id. */
export async function sendPackAsClinician(
	patientId: string,
	body: { instruments: string[]; body_map?: boolean; title?: string }
): Promise<string> {
	const api = await newApiContext();
	try {
		const session = await apiSignIn(api, DEMO.clinician, DEMO_PASSWORD);
		const r = await api.post(`/api/v1/patients/${patientId}/assessments`, { headers: apiHeaders(session), data: body });
		expect(r.status(), `POST assessments: ${await r.text()}`).toBe(201);
		return (await r.json()).id as string;
	} finally {
		await api.dispose();
	}
}

/** A unique pack title, so a test finds its own pack among others on the same record. */
export function uniqueTitle(prefix: string): string {
	return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * A new browser context signed in as a demo role (its own cookies: another person on another
 * device), with a watched page. Call `done()` at the end: it checks the page logged no problems.
 */
export async function openAs(
	browser: Browser,
	role: Role,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<{ context: BrowserContext; page: Page; session: SignedInSession; problems: PageProblems; done: () => Promise<void> }> {
	const context = await browser.newContext({
		baseURL: process.env.UNKNOT_BASE_URL,
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		...options
	});
	const page = await context.newPage();
	const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [], allowed: [] };
	await watchPage(page, problems);
	const session = await apiSignIn(page.request, DEMO[role], DEMO_PASSWORD);
	return {
		context,
		page,
		session,
		problems,
		done: async () => {
			await context.close();
			expectNoProblems(problems);
		}
	};
}

/** Chooses an answer on the current question screen and waits for the draft to be saved. */
export async function answer(page: Page, option: string | RegExp) {
	await page.getByRole('radio', { name: option, exact: typeof option === 'string' }).check();
	await expect(page.getByRole('status').filter({ hasText: /^\s*✓?\s*Saved\s*$/ })).toBeVisible();
}

export async function next(page: Page) {
	await page.getByRole('button', { name: /^(Next|Check answers)$/ }).click();
}

/**
 * Sends the demo patient a PHQ-9 pack as the clinician and saves a draft as the patient with item 9
 * "several_days": the server raises a safety alert on that save. Returns the assessment id.
 */
export async function raiseSafetyAlertAsDemoPatient(title: string): Promise<string> {
	const { id: patientId } = await demoPatient();
	const assessmentId = await sendPackAsClinician(patientId, { instruments: ['phq9'], title });
	const api = await newApiContext();
	try {
		const session = await apiSignIn(api, DEMO.patient, DEMO_PASSWORD);
		const r = await api.put(`/api/v1/assessments/${assessmentId}/draft`, {
			headers: apiHeaders(session),
			data: { answers: { phq9: { phq9_9: 'several_days' } }, body_map: [], recall: {} }
		});
		expect(r.status(), `PUT draft: ${await r.text()}`).toBe(200);
		expect((await r.json()).safety.crisis_support, 'the draft fires the safety rule').toBe(true);
	} finally {
		await api.dispose();
	}
	return assessmentId;
}

/** Acknowledges every open alert of a patient as the demo clinician (a clinician acting on them). */
export async function acknowledgeOpenAlerts(patientId: string): Promise<void> {
	const api = await newApiContext();
	try {
		const session = await apiSignIn(api, DEMO.clinician, DEMO_PASSWORD);
		const r = await api.get(`/api/v1/patients/${patientId}/alerts`, { headers: apiHeaders(session) });
		expect(r.status(), 'GET patient alerts').toBe(200);
		const open = ((await r.json()).items as { id: string; status: string }[]).filter((a) => a.status === 'open');
		for (const alert of open) {
			const ack = await api.post(`/api/v1/alerts/${alert.id}/acknowledge`, {
				headers: apiHeaders(session),
				data: { note: 'Phoned the patient; they are safe and have the crisis numbers.' }
			});
			expect(ack.status(), `acknowledging ${alert.id}: ${await ack.text()}`).toBe(200);
		}
	} finally {
		await api.dispose();
	}
}

/** Withdraws a pack as the demo clinician, so it leaves the patient's to-do list. */
export async function cancelPackAsClinician(assessmentId: string): Promise<void> {
	const api = await newApiContext();
	try {
		const session = await apiSignIn(api, DEMO.clinician, DEMO_PASSWORD);
		const r = await api.post(`/api/v1/assessments/${assessmentId}/cancel`, { headers: apiHeaders(session) });
		expect(r.status(), `cancel: ${await r.text()}`).toBe(200);
	} finally {
		await api.dispose();
	}
}
