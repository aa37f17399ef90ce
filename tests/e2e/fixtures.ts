// Shared fixtures for the e2e tests:
// - baseURL comes from the server global-setup.ts started;
// - every test starts signed in as the demo clinician (through the API, so the browser context has
//   the session cookie); `test.use({ signInAs: 'admin' | 'patient' | null })` changes that, and
//   the `session` fixture holds the CSRF token for API calls (apiHeaders(session));
// - every test fails if the page logs a console error, throws, or violates the CSP, unless the
//   test declared that exact message as expected (e.g. the 400 of a validation round-trip);
// - checkA11y runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface PageProblems {
	consoleErrors: string[];
	pageErrors: string[];
	cspViolations: string[];
	/** Console errors matching one of these are expected by the test. */
	allowed: RegExp[];
}

export type Role = 'admin' | 'clinician' | 'patient';

/** The demo accounts `unknot serve --demo` creates (all with the same password). */
export const DEMO_PASSWORD = 'demo-password-123';
export const DEMO: Record<Role, string> = {
	admin: 'admin@demo.unknot.test',
	clinician: 'clinician@demo.unknot.test',
	patient: 'patient@demo.unknot.test'
};

export interface SignedInSession {
	csrf: string;
	user: {
		id: string;
		email: string;
		display_name: string;
		role: Role;
		clinic: { id: string; name: string };
		patient_id: string | null;
		mfa_enabled: boolean;
		mfa_required: boolean;
	};
}

type Fixtures = {
	problems: PageProblems;
	checkA11y: (label: string) => Promise<void>;
	/** Who the test starts signed in as; null: signed out. */
	signInAs: Role | null;
	/** The session the test started with (null when signInAs is null). */
	session: SignedInSession | null;
};

/** Signs in through the API; the request context (and its browser context) keeps the cookie. */
export async function apiSignIn(
	request: APIRequestContext,
	email: string,
	password: string
): Promise<SignedInSession> {
	const r = await request.post('/api/v1/session', {
		headers: { 'X-Requested-With': 'unknot', 'Content-Type': 'application/json' },
		data: { email, password }
	});
	expect(r.status(), `POST /api/v1/session as ${email}: ${await r.text()}`).toBe(200);
	const body = await r.json();
	expect(body.mfa_pending, `${email} has two-step sign-in on`).toBe(false);
	return { csrf: body.csrf_token, user: body.user };
}

/** Headers for an API call from a test: JSON, X-Requested-With and the session's CSRF token. */
export function apiHeaders(session: SignedInSession | null): Record<string, string> {
	const headers: Record<string, string> = {
		'X-Requested-With': 'unknot',
		'Content-Type': 'application/json'
	};
	if (session) headers['X-CSRF-Token'] = session.csrf;
	return headers;
}

export const test = base.extend<Fixtures>({
	baseURL: async ({}, use) => {
		const url = process.env.UNKNOT_BASE_URL;
		if (!url) throw new Error('UNKNOT_BASE_URL is not set: the global setup did not start the server');
		await use(url);
	},

	signInAs: ['clinician', { option: true }],

	session: [
		async ({ page, signInAs }, use) => {
			await use(signInAs ? await apiSignIn(page.request, DEMO[signInAs], DEMO_PASSWORD) : null);
		},
		{ auto: true }
	],

	problems: [
		async ({ page }, use) => {
			const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [], allowed: [] };
			await watchPage(page, problems);
			await use(problems);
			expectNoProblems(problems);
		},
		{ auto: true }
	],

	checkA11y: async ({ page }, use) => {
		await use((label: string) => expectAccessible(page, label));
	}
});

export { expect };

/**
 * Records console errors, uncaught errors and CSP violations of a page. The `problems` fixture does
 * this for the test's own page; tests that open a second browser context (another role on another
 * device) call it for that context's pages and then expectNoProblems.
 */
export async function watchPage(page: Page, problems: PageProblems) {
	// Runs before any page script; CDP-injected, so the page's CSP does not block it.
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(
				`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`
			);
		});
	});
	page.on('console', (msg) => {
		if (msg.type() !== 'error') return;
		// "… status of 401 (Unauthorized) @ http://…/api/v1/session": allowed patterns may name the URL.
		const text = `${msg.text()} @ ${msg.location().url}`;
		if (text.includes('Content Security Policy') || text.startsWith('CSP violation')) {
			problems.cspViolations.push(text);
		} else {
			problems.consoleErrors.push(text);
		}
	});
	page.on('pageerror', (err) => problems.pageErrors.push(err.message));
}

export function expectNoProblems(problems: PageProblems) {
	// The app asks "am I signed in?" on every page load; signed out, the answer is a 401.
	const allowed = [...problems.allowed, /status of 401\b.* @ https?:\/\/[^/]+\/api\/v1\/session$/];
	const unexpected = problems.consoleErrors.filter((t) => !allowed.some((re) => re.test(t)));
	expect(problems.cspViolations, 'CSP violations').toEqual([]);
	expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
	expect(unexpected, 'console errors').toEqual([]);
}

/** axe-core with the WCAG 2.0/2.1/2.2 A and AA rules finds nothing on the page. */
export async function expectAccessible(page: Page, label: string) {
	const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
	const summary = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes
				.slice(0, 5)
				.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`)
				.join('\n')
	);
	expect(summary, `axe-core violations on ${label}`).toEqual([]);
}

/** A console message Chromium logs for an HTTP error answer we expect (e.g. a 400 on a bad form). */
export function httpStatusMessage(status: number): RegExp {
	return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`);
}

/** A valid, random NHS number (mod 11 check digit), so each run adds a new one. */
export function randomNhsNumber(): string {
	for (;;) {
		const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
		if (digits[0] === 0) continue;
		const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
		let check = 11 - (sum % 11);
		if (check === 11) check = 0;
		if (check === 10) continue;
		return [...digits, check].join('');
	}
}

/** A family name no demo patient has. */
export function uniqueFamilyName(prefix = 'Testperson'): string {
	const letters = 'abcdefghijklmnopqrstuvwxyz';
	let s = '';
	for (let i = 0; i < 6; i++) s += letters[Math.floor(Math.random() * letters.length)];
	return `${prefix}${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** The signed-in user's clinic id, via the API (the same call the app makes). */
export async function firstClinicId(page: Page): Promise<string> {
	const r = await page.request.get('/api/v1/clinics', { headers: { 'X-Requested-With': 'unknot' } });
	expect(r.status(), 'GET /api/v1/clinics').toBe(200);
	const body = await r.json();
	expect(body.items?.length, 'clinics in the demo data').toBeGreaterThan(0);
	return body.items[0].id as string;
}


/** The patient rows on the list page. */
export function patientRows(page: Page) {
	return page.getByRole('list', { name: 'Patients' }).getByRole('listitem').filter({ has: page.locator('a.patient-link') });
}

/** Signs in through the sign-in page (the password step), waiting for the server's answer. */
export async function signInWithUi(page: Page, email: string, password: string) {
	if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session'
	);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await answered;
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOutWithUi(page: Page) {
	await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
}

/** Nothing on the page is wider than the window. */
export async function checkNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'horizontal overflow (px)').toBeLessThanOrEqual(0);
}
