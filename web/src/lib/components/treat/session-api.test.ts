// The session-notes section of the API client (web/src/lib/api/sections/sessions.ts): addresses,
// bodies and If-Match, with a fake request function.
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '$lib/api/client';
import { sessionsApi } from '$lib/api/sections/sessions';
import { bodyOf, formOf } from './session-model';

function fakeRequest() {
	const calls: { method: string; path: string; init: Record<string, unknown> | undefined }[] = [];
	const request = (async (method: string, path: string, init?: Record<string, unknown>) => {
		calls.push({ method, path, init });
		return undefined;
	}) as unknown as ApiRequest;
	return { calls, request };
}

describe('session-notes methods', () => {
	it('address the patient and the note, with If-Match where a version guards', async () => {
		const { calls, request } = fakeRequest();
		const api = sessionsApi(request);
		await api.listTechniques();
		await api.getSessionMap('p 1');
		await api.listSessionNotes('p1');
		await api.createSessionNote('p1');
		await api.getSessionNote('p1', 'n1');
		await api.saveSessionNote('p1', 'n1', bodyOf(formOf({ session_date: '2026-12-01' })), 3);
		await api.discardSessionNote('p1', 'n1', 4);
		await api.signSessionNote('p1', 'n1', 5);
		await api.addSessionAddendum('p1', 'n1', 'Later: felt better.');
		await api.listSessionSummaries('p1');
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /api/v1/techniques',
			'GET /api/v1/patients/p%201/session-map',
			'GET /api/v1/patients/p1/sessions',
			'POST /api/v1/patients/p1/sessions',
			'GET /api/v1/patients/p1/sessions/n1',
			'PUT /api/v1/patients/p1/sessions/n1',
			'DELETE /api/v1/patients/p1/sessions/n1',
			'POST /api/v1/patients/p1/sessions/n1/sign',
			'POST /api/v1/patients/p1/sessions/n1/addenda',
			'GET /api/v1/patients/p1/session-summaries'
		]);
		expect(calls[3]?.init?.body).toEqual({});
		expect(calls[5]?.init).toMatchObject({ headers: { 'If-Match': '"3"' }, body: { session_date: '2026-12-01', techniques: [] } });
		expect(calls[6]?.init).toMatchObject({ headers: { 'If-Match': '"4"' } });
		expect(calls[6]?.init?.body).toBeUndefined();
		expect(calls[7]?.init).toMatchObject({ headers: { 'If-Match': '"5"' }, body: {} });
		expect(calls[8]?.init?.body).toEqual({ text: 'Later: felt better.' });
	});
});
