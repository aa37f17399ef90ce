// Treat (issue 7): session notes, the session map and the patient's session summaries. Spread into
// the client by createApiClient. Writes to a note carry its version in If-Match: a stale one is a
// conflict (409), as is any change to a signed note and treating a region the patient said no to.
import type { ApiRequest, RequestOptions } from '../client';
import type {
	SessionAddendum,
	SessionMap,
	SessionNote,
	SessionNoteSummary,
	SessionNoteUpdate,
	SessionSummary,
	Technique
} from '../treat-types';

const enc = encodeURIComponent;

function sessionsPath(patientId: string): string {
	return `/api/v1/patients/${enc(patientId)}/sessions`;
}

function notePath(patientId: string, sessionId: string): string {
	return `${sessionsPath(patientId)}/${enc(sessionId)}`;
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function sessionsApi(request: ApiRequest) {
	return {
		/** The configurable list of techniques a note can record. */
		listTechniques(opts: RequestOptions = {}) {
			return request<{ items: Technique[] }>('GET', '/api/v1/techniques', opts);
		},

		/** Every body-map region as do not treat / ask first / fine, with the reasons (staff). */
		getSessionMap(patientId: string, opts: RequestOptions = {}) {
			return request<SessionMap>('GET', `/api/v1/patients/${enc(patientId)}/session-map`, opts);
		},

		/** The patient's notes, drafts and signed, newest first (staff). */
		listSessionNotes(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: SessionNoteSummary[] }>('GET', sessionsPath(patientId), opts);
		},

		/** Starts a draft note (staff); the answer is the new draft. */
		createSessionNote(patientId: string, body: Partial<SessionNoteUpdate> = {}, opts: RequestOptions = {}) {
			return request<SessionNote>('POST', sessionsPath(patientId), { ...opts, body });
		},

		getSessionNote(patientId: string, sessionId: string, opts: RequestOptions = {}) {
			return request<SessionNote>('GET', notePath(patientId, sessionId), opts);
		},

		/** Saves a draft; `version` is the one loaded. */
		saveSessionNote(patientId: string, sessionId: string, body: SessionNoteUpdate, version: number, opts: RequestOptions = {}) {
			return request<SessionNote>('PUT', notePath(patientId, sessionId), { ...opts, body, headers: ifMatch(version) });
		},

		/** Deletes a draft (never a signed note). */
		discardSessionNote(patientId: string, sessionId: string, version: number, opts: RequestOptions = {}) {
			return request<void>('DELETE', notePath(patientId, sessionId), { ...opts, headers: ifMatch(version) });
		},

		/** Signs the stored draft at `version`; after this the note cannot change. */
		signSessionNote(patientId: string, sessionId: string, version: number, opts: RequestOptions = {}) {
			return request<SessionNote>('POST', `${notePath(patientId, sessionId)}/sign`, {
				...opts,
				body: {},
				headers: ifMatch(version)
			});
		},

		/** Adds a correction or later note to a signed note. */
		addSessionAddendum(patientId: string, sessionId: string, text: string, opts: RequestOptions = {}) {
			return request<SessionAddendum>('POST', `${notePath(patientId, sessionId)}/addenda`, { ...opts, body: { text } });
		},

		/** What the patient reads: signed notes' summaries, newest first (the patient, staff). */
		listSessionSummaries(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: SessionSummary[] }>('GET', `/api/v1/patients/${enc(patientId)}/session-summaries`, opts);
		}
	};
}
