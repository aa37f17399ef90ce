import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../client';
import { programmeApi } from './programme';

function fakeRequest() {
	const calls: { method: string; path: string; init: Record<string, unknown> | undefined }[] = [];
	const request = (async (method: string, path: string, init?: Record<string, unknown>) => {
		calls.push({ method, path, init });
		return undefined;
	}) as unknown as ApiRequest;
	return { calls, request };
}

describe('programme methods', () => {
	it('address the patient, the item and the date, with If-Match where a version guards', async () => {
		const { calls, request } = fakeRequest();
		const api = programmeApi(request);
		await api.getProgramme('p 1');
		await api.assignProgrammeItem('p1', { slug: 'body-scan', dosage: { times: 1, per: 'day' }, confirm_precautions: true });
		await api.updateProgrammeItem('p1', 'i1', { note: null }, 3);
		await api.endProgrammeItem('p1', 'i1', 4);
		await api.markProgrammeDone('p1', 'i1', '2026-03-01');
		await api.markProgrammeDone('p1', 'i1', '2026-03-01', 2);
		await api.clearProgrammeDone('p1', 'i1', '2026-03-01');
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			'GET /api/v1/patients/p%201/programme',
			'POST /api/v1/patients/p1/programme/items',
			'PATCH /api/v1/patients/p1/programme/items/i1',
			'DELETE /api/v1/patients/p1/programme/items/i1',
			'PUT /api/v1/patients/p1/programme/items/i1/done/2026-03-01',
			'PUT /api/v1/patients/p1/programme/items/i1/done/2026-03-01',
			'DELETE /api/v1/patients/p1/programme/items/i1/done/2026-03-01'
		]);
		expect(calls[1]?.init?.body).toMatchObject({ slug: 'body-scan', confirm_precautions: true });
		expect(calls[2]?.init).toMatchObject({ body: { note: null }, headers: { 'If-Match': '"3"' } });
		expect(calls[3]?.init).toMatchObject({ headers: { 'If-Match': '"4"' } });
		expect(calls[4]?.init?.body).toBeUndefined();
		expect(calls[5]?.init?.body).toEqual({ sessions: 2 });
	});
});

describe('the CSV import', () => {
	it('sends the text as text/csv to the import address', async () => {
		const { calls, request } = fakeRequest();
		await programmeApi(request).importCheckInsCsv('p1', 'date,pain\r\n');
		expect(calls[0]?.method).toBe('POST');
		expect(calls[0]?.path).toBe('/api/v1/patients/p1/check-ins/import');
		expect(calls[0]?.init?.text).toEqual({ body: 'date,pain\r\n', contentType: 'text/csv; charset=utf-8' });
		expect(calls[0]?.init?.body).toBeUndefined();
	});
});
