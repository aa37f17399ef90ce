import { describe, expect, it, vi } from 'vitest';
import { auditQuery, createApiClient, isUnsafeMethod, parseRetryAfter, requestHeaders } from './client';
import { ApiError } from './errors';

function recorder(response: () => Response | Promise<Response>) {
	const calls: { url: string; init: RequestInit }[] = [];
	const fetchImpl = (async (url: string, init: RequestInit) => {
		calls.push({ url, init });
		return response();
	}) as unknown as typeof fetch;
	const headers = (i = 0) => calls[i]?.init.headers as Record<string, string>;
	return { calls, headers, client: createApiClient(fetchImpl) };
}

describe('CSRF header injection', () => {
	it('marks every method but GET/HEAD/OPTIONS as unsafe', () => {
		expect(['POST', 'PUT', 'PATCH', 'DELETE'].every(isUnsafeMethod)).toBe(true);
		expect(['GET', 'HEAD', 'OPTIONS'].some(isUnsafeMethod)).toBe(false);
	});

	it('adds X-CSRF-Token to unsafe requests only, and only when a token is known', () => {
		expect(requestHeaders('POST', 'tok', true)['X-CSRF-Token']).toBe('tok');
		expect(requestHeaders('DELETE', 'tok', false)['X-CSRF-Token']).toBe('tok');
		expect(requestHeaders('GET', 'tok', false)['X-CSRF-Token']).toBeUndefined();
		expect(requestHeaders('POST', null, true)['X-CSRF-Token']).toBeUndefined();
		expect(requestHeaders('GET', null, false)['X-Requested-With']).toBe('unknot');
		expect(requestHeaders('GET', null, false)['Content-Type']).toBeUndefined();
	});

	it('sends the token the client was given on POST, PUT, PATCH and DELETE, never on GET', async () => {
		const { calls, headers, client } = recorder(() => new Response('{"id":"x","version":2}'));
		client.setCsrfToken('csrf-1');
		await client.getPatient('p1');
		await client.createPatient('c1', { given_name: 'a', family_name: 'b' });
		await client.updatePatient('p1', { phone: null }, 1);
		await client.changePassword('old password!', 'new password!!').catch(() => {});
		expect(headers(0)['X-CSRF-Token']).toBeUndefined();
		expect(headers(1)['X-CSRF-Token']).toBe('csrf-1');
		expect(headers(2)['X-CSRF-Token']).toBe('csrf-1');
		expect(calls[3]?.init.method).toBe('PUT');
		expect(headers(3)['X-CSRF-Token']).toBe('csrf-1');
		client.setCsrfToken(null);
		await client.createPatient('c1', { given_name: 'a', family_name: 'b' });
		expect(headers(4)['X-CSRF-Token']).toBeUndefined();
	});

	it('sends a text body as it is, with its own media type and the CSRF token', async () => {
		const { calls, headers, client } = recorder(() => new Response('{"imported":1}'));
		client.setCsrfToken('csrf-2');
		await expect(client.importCheckInsCsv('p1', 'date,pain\r\n')).resolves.toEqual({ imported: 1 });
		expect(calls[0]?.init.body).toBe('date,pain\r\n');
		expect(headers(0)['Content-Type']).toBe('text/csv; charset=utf-8');
		expect(headers(0)['X-CSRF-Token']).toBe('csrf-2');
	});

	it('reads a 204 as no content', async () => {
		const { calls, headers, client } = recorder(() => new Response(null, { status: 204 }));
		client.setCsrfToken('t');
		await expect(client.revokeSession('s-1')).resolves.toBeUndefined();
		expect(calls[0]?.url).toBe('/api/v1/account/sessions/s-1');
		expect(calls[0]?.init.method).toBe('DELETE');
		expect(headers(0)['X-CSRF-Token']).toBe('t');
	});
});

describe('auth handlers', () => {
	const problem = (status: number) => () =>
		new Response(JSON.stringify({ title: 'No', status }), {
			status,
			headers: { 'Content-Type': 'application/problem+json' }
		});

	it('tells the handlers about a 401 and a 403, and still throws', async () => {
		for (const status of [401, 403]) {
			const { client } = recorder(problem(status));
			const unauthenticated = vi.fn();
			const forbidden = vi.fn();
			client.setAuthHandlers({ unauthenticated, forbidden });
			const error = await client.listUsers().catch((e) => e);
			expect(error).toBeInstanceOf(ApiError);
			expect(error.status).toBe(status);
			expect(unauthenticated).toHaveBeenCalledTimes(status === 401 ? 1 : 0);
			expect(forbidden).toHaveBeenCalledTimes(status === 403 ? 1 : 0);
		}
	});

	it('leaves the sign-in form’s own 401 to the form', async () => {
		const { client } = recorder(problem(401));
		const unauthenticated = vi.fn();
		client.setAuthHandlers({ unauthenticated, forbidden: vi.fn() });
		const error = await client.signIn('a@b.c', 'x').catch((e) => e);
		expect(error.kind).toBe('unauthenticated');
		await client.getSession().catch(() => {});
		await client.changePassword('a', 'b', { handleAuth: false }).catch(() => {});
		expect(unauthenticated).not.toHaveBeenCalled();
	});

	it('reads Retry-After on a 429', async () => {
		const { client } = recorder(
			() => new Response('{"title":"Too many"}', { status: 429, headers: { 'Retry-After': '42' } })
		);
		const error = await client.signIn('a@b.c', 'x').catch((e) => e);
		expect(error.kind).toBe('throttled');
		expect(error.retryAfterSeconds).toBe(42);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('17')).toBe(17);
		expect(parseRetryAfter(null)).toBeNull();
		expect(parseRetryAfter('soon')).toBeNull();
		const now = Date.parse('2025-03-05T12:00:00Z');
		expect(parseRetryAfter('Wed, 05 Mar 2025 12:01:30 GMT', now)).toBe(90);
		expect(parseRetryAfter('Wed, 05 Mar 2025 11:00:00 GMT', now)).toBe(0);
	});
});

describe('auditQuery', () => {
	it('drops empty filters and adds paging', () => {
		expect(auditQuery({ from: '2025-01-01', actor: ' ', outcome: 'denied' }, { limit: 50, offset: 100 })).toBe(
			'from=2025-01-01&outcome=denied&limit=50&offset=100'
		);
		expect(auditQuery({})).toBe('');
	});
});
