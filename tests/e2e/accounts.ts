// Fresh accounts for tests that change an account (password, two-step sign-in), so the demo
// accounts every other test signs in with stay as they are. A fresh member of staff is invited by
// the demo admin and accepts the emailed invitation, as a real one would.
import { expect, request, type APIRequestContext } from '@playwright/test';
import { apiHeaders, apiSignIn, DEMO, DEMO_PASSWORD, type SignedInSession } from './fixtures';
import { INVITE_LINK, pathOf, waitForLink } from './mail';

export interface Account {
	email: string;
	password: string;
	name: string;
	id: string;
}

let counter = 0;

/** An address no account has yet (e2e-<time>-<n>@example.org). */
export function uniqueEmail(prefix = 'e2e'): string {
	counter += 1;
	return `${prefix}-${Date.now().toString(36)}-${counter}@example.org`;
}

/** A separate API client with its own cookies (another "device"). */
export async function newApiContext(userAgent?: string): Promise<APIRequestContext> {
	return request.newContext({
		baseURL: process.env.UNKNOT_BASE_URL,
		...(userAgent ? { userAgent } : {})
	});
}

export async function asAdmin<T>(fn: (api: APIRequestContext, session: SignedInSession) => Promise<T>): Promise<T> {
	const api = await newApiContext();
	try {
		return await fn(api, await apiSignIn(api, DEMO.admin, DEMO_PASSWORD));
	} finally {
		await api.dispose();
	}
}

/** Invites a member of staff as the demo admin and accepts the emailed link with a password. */
export async function freshStaff(role: 'clinician' | 'admin' = 'clinician', name?: string): Promise<Account> {
	const email = uniqueEmail(role);
	const displayName = name ?? `Test ${role} ${counter}`;
	const user = await asAdmin(async (api, session) => {
		const r = await api.post('/api/v1/users', {
			headers: apiHeaders(session),
			data: { email, display_name: displayName, role }
		});
		expect(r.status(), `POST /api/v1/users: ${await r.text()}`).toBe(201);
		return (await r.json()) as { id: string };
	});
	const { link } = await waitForLink(email, INVITE_LINK);
	const password = `e2e password ${Math.random().toString(36).slice(2, 10)}`;
	const api = await newApiContext();
	try {
		const r = await api.post(`/api/v1${pathOf(link).replace('/invite/', '/invitations/')}/accept`, {
			headers: apiHeaders(null),
			data: { password }
		});
		expect(r.status(), `accepting the invitation: ${await r.text()}`).toBe(200);
	} finally {
		await api.dispose();
	}
	return { email, password, name: displayName, id: user.id };
}
