// A small typed client for the unknot REST API (/api/v1), built on fetch.
// Every failure becomes an ApiError; problem documents are parsed into it.
import { ApiError, parseProblem } from './errors';
import type {
	Clinic,
	Patient,
	PatientCreate,
	PatientPage,
	PatientPatch,
	PatientVersion
} from './types';

type Fetch = typeof fetch;

export interface ListPatientsParams {
	q?: string;
	limit?: number;
	offset?: number;
}

export interface RequestOptions {
	signal?: AbortSignal;
}

export function createApiClient(fetchImpl: Fetch = (...args) => fetch(...args), base = '') {
	async function request<T>(
		method: 'GET' | 'POST' | 'PATCH',
		path: string,
		init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}
	): Promise<T> {
		const headers: Record<string, string> = {
			Accept: 'application/json, application/problem+json',
			'X-Requested-With': 'unknot',
			...init.headers
		};
		let body: string | undefined;
		if (init.body !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(init.body);
		}

		let response: Response;
		try {
			response = await fetchImpl(`${base}${path}`, {
				method,
				headers,
				body,
				signal: init.signal,
				credentials: 'same-origin',
				cache: 'no-store'
			});
		} catch (cause) {
			if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
			throw new ApiError(0, null, 'The server could not be reached');
		}

		const text = await response.text().catch(() => '');
		let json: unknown = undefined;
		if (text !== '') {
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
		}
		if (!response.ok) {
			throw new ApiError(response.status, parseProblem(json, response.status));
		}
		if (json === undefined) {
			throw new ApiError(response.status, null, 'The server sent a response we could not read');
		}
		return json as T;
	}

	return {
		listClinics(opts: RequestOptions = {}) {
			return request<{ items: Clinic[] }>('GET', '/api/v1/clinics', opts);
		},

		listPatients(clinicId: string, params: ListPatientsParams = {}, opts: RequestOptions = {}) {
			const query = new URLSearchParams();
			if (params.q) query.set('q', params.q);
			query.set('limit', String(params.limit ?? 20));
			query.set('offset', String(params.offset ?? 0));
			return request<PatientPage>(
				'GET',
				`/api/v1/clinics/${encodeURIComponent(clinicId)}/patients?${query}`,
				opts
			);
		},

		createPatient(clinicId: string, body: PatientCreate, opts: RequestOptions = {}) {
			return request<Patient>('POST', `/api/v1/clinics/${encodeURIComponent(clinicId)}/patients`, {
				...opts,
				body
			});
		},

		getPatient(id: string, opts: RequestOptions = {}) {
			return request<Patient>('GET', `/api/v1/patients/${encodeURIComponent(id)}`, opts);
		},

		/** Merge-patch: absent = unchanged, null = clear. `version` guards against lost updates. */
		updatePatient(id: string, patch: PatientPatch, version: number, opts: RequestOptions = {}) {
			return request<Patient>('PATCH', `/api/v1/patients/${encodeURIComponent(id)}`, {
				...opts,
				body: patch,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		getPatientHistory(id: string, opts: RequestOptions = {}) {
			return request<{ items: PatientVersion[] }>(
				'GET',
				`/api/v1/patients/${encodeURIComponent(id)}/history`,
				opts
			);
		}
	};
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api = createApiClient();
