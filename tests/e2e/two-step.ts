// Two-step sign-in helpers: enrol through the account page like a person with an authenticator
// app (the code comes from totp.ts), and sign in with a code through the API.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { apiHeaders, type SignedInSession } from './fixtures';
import { msUntilNextStep, totp } from './totp';

// A code may count only once (RFC 6238 §5.2), so never send the same one twice.
const used = new Map<string, Set<string>>();

/** A code for `secret` that has not been sent yet (waits for the next 30-second step if needed). */
export async function unusedCode(secret: string): Promise<string> {
	const seen = used.get(secret) ?? new Set<string>();
	used.set(secret, seen);
	for (;;) {
		const code = totp(secret);
		if (!seen.has(code)) {
			seen.add(code);
			return code;
		}
		await new Promise((r) => setTimeout(r, msUntilNextStep() + 250));
	}
}

/** The key shown for typing by hand, without the grouping spaces. */
export async function shownSecret(page: Page): Promise<string> {
	const text = await page.getByTestId('totp-secret').innerText();
	return text.replace(/\s+/g, '');
}

/**
 * Turns on two-step sign-in from the account page of the signed-in user. Returns the secret and
 * the recovery codes shown.
 */
export async function enrolTotpWithUi(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
	await page.goto('/account#mfa');
	const section = page.getByRole('region', { name: 'Two-step sign-in' });
	await section.getByRole('button', { name: 'Set up two-step sign-in' }).click();
	const secret = await shownSecret(page);
	await section.getByLabel('Enter the 6-digit code the app shows').fill(await unusedCode(secret));
	await section.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	const codes = section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
	await expect(codes.first()).toBeVisible();
	const recoveryCodes = (await codes.allInnerTexts()).map((c) => c.trim());
	await section.getByRole('button', { name: 'I have saved these' }).click();
	await expect(section.getByRole('status').filter({ hasText: 'Two-step sign-in is on' })).toBeVisible();
	return { secret, recoveryCodes };
}

/** Signs in through the API with a password and a TOTP code. */
export async function apiSignInWithTotp(
	api: APIRequestContext,
	account: { email: string; password: string; secret?: string }
): Promise<SignedInSession> {
	if (!account.secret) throw new Error(`${account.email}: no TOTP secret known`);
	const first = await api.post('/api/v1/session', {
		headers: apiHeaders(null),
		data: { email: account.email, password: account.password }
	});
	expect(first.status(), await first.text()).toBe(200);
	expect((await first.json()).mfa_pending).toBe(true);
	const second = await api.post('/api/v1/session/mfa', {
		headers: apiHeaders(null),
		data: { code: await unusedCode(account.secret) }
	});
	expect(second.status(), `POST /api/v1/session/mfa: ${await second.text()}`).toBe(200);
	const body = await second.json();
	return { csrf: body.csrf_token, user: body.user };
}
