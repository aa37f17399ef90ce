import { describe, expect, it } from 'vitest';
import { ApiError, kindForStatus, parseProblem } from './errors';
import { createApiClient } from './client';

describe('parseProblem', () => {
	it('reads a full problem document', () => {
		const p = parseProblem(
			{
				type: 'https://unknot.example/problems/validation',
				title: 'Some values need attention',
				status: 400,
				detail: 'Two fields',
				issues: [{ path: 'nhs_number', code: 'checksum', message: 'Not a valid NHS number' }]
			},
			400
		);
		expect(p).toEqual({
			type: 'https://unknot.example/problems/validation',
			title: 'Some values need attention',
			status: 400,
			detail: 'Two fields',
			issues: [{ path: 'nhs_number', code: 'checksum', message: 'Not a valid NHS number' }]
		});
	});

	it('fills defaults and drops malformed issues', () => {
		const p = parseProblem({ title: 'Conflict', issues: [{ path: 'x' }, 7, { message: 'm' }] }, 409);
		expect(p).toEqual({
			type: 'about:blank',
			title: 'Conflict',
			status: 409,
			detail: '',
			issues: [{ path: '', code: '', message: 'm' }]
		});
	});

	it('rejects values that are not problem documents', () => {
		expect(parseProblem('nope', 500)).toBeNull();
		expect(parseProblem([], 500)).toBeNull();
		expect(parseProblem({ items: [] }, 500)).toBeNull();
	});
});

describe('kindForStatus', () => {
	it.each([
		[0, 'network'],
		[400, 'invalid'],
		[403, 'forbidden'],
		[404, 'not-found'],
		[409, 'conflict'],
		[412, 'conflict'],
		[503, 'server'],
		[418, 'other']
	] as const)('%i is %s', (status, kind) => {
		expect(kindForStatus(status)).toBe(kind);
	});
});

describe('api client', () => {
	function recorder(response: () => Response | Promise<Response>) {
		const calls: { url: string; init: RequestInit }[] = [];
		const fetchImpl = (async (url: string, init: RequestInit) => {
			calls.push({ url, init });
			return response();
		}) as unknown as typeof fetch;
		return { calls, client: createApiClient(fetchImpl) };
	}

	it('sends X-Requested-With on reads and no Content-Type without a body', async () => {
		const { calls, client } = recorder(
			() => new Response(JSON.stringify({ items: [], total: 0, limit: 20, offset: 20 }))
		);
		await client.listPatients('c1', { q: 'ann', offset: 20 });
		expect(calls[0]?.url).toBe('/api/v1/clinics/c1/patients?q=ann&limit=20&offset=20');
		const headers = calls[0]?.init.headers as Record<string, string>;
		expect(headers['X-Requested-With']).toBe('unknot');
		expect(headers['Content-Type']).toBeUndefined();
	});

	it('sends JSON, If-Match and X-Requested-With on a PATCH', async () => {
		const { calls, client } = recorder(() => new Response('{"id":"p1"}'));
		await client.updatePatient('p1', { phone: null }, 4);
		const init = calls[0]?.init;
		const headers = init?.headers as Record<string, string>;
		expect(init?.method).toBe('PATCH');
		expect(init?.body).toBe('{"phone":null}');
		expect(headers['Content-Type']).toBe('application/json');
		expect(headers['If-Match']).toBe('"4"');
		expect(headers['X-Requested-With']).toBe('unknot');
	});

	it('turns a problem response into a typed ApiError', async () => {
		const { client } = recorder(
			() =>
				new Response(
					JSON.stringify({
						type: 'about:blank',
						title: 'Invalid',
						status: 400,
						issues: [{ path: 'email', code: 'format', message: 'Enter an email address' }]
					}),
					{ status: 400, headers: { 'Content-Type': 'application/problem+json' } }
				)
		);
		const error = await client.createPatient('c1', { given_name: 'a', family_name: 'b' }).catch((e) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.kind).toBe('invalid');
		expect(error.issues).toEqual([
			{ path: 'email', code: 'format', message: 'Enter an email address' }
		]);
	});

	it('reports a 403 without a body as forbidden', async () => {
		const { client } = recorder(() => new Response('Forbidden', { status: 403 }));
		const error = await client.listClinics().catch((e) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.kind).toBe('forbidden');
		expect(error.problem).toBeNull();
	});

	it('reports a failed fetch as a network error', async () => {
		const { client } = recorder(() => {
			throw new TypeError('Failed to fetch');
		});
		const error = await client.listClinics().catch((e) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.kind).toBe('network');
		expect(error.status).toBe(0);
	});
});
