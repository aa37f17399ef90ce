// A small typed client for the unknot REST API (/api/v1), built on fetch.
// Every failure becomes an ApiError; problem documents are parsed into it.
//
// Sessions: the server keeps the session in an HttpOnly cookie; every unsafe request (POST, PUT,
// PATCH, DELETE) must also carry the session's CSRF token in X-CSRF-Token. The token is kept in
// memory only (never in storage) and comes from the session answers (see $lib/auth/session).
// A 401 or 403 is reported to the auth handlers (sign in again / "no access" page) unless the
// caller handles it itself (`handleAuth: false`, e.g. the sign-in form's own 401).
import { ApiError, parseProblem } from './errors';
import type {
	AuditFilters,
	AuditPage,
	Invitation,
	PatientInvitation,
	RecoveryCodes,
	SessionInfo,
	SignedIn,
	SignInResult,
	TotpEnrolment,
	User,
	UserInvite
} from './account-types';
import type {
	Clinic,
	ClinicPatch,
	Patient,
	PatientCreate,
	PatientPage,
	PatientPatch,
	PatientVersion
} from './types';
import type {
	Alert,
	Assessment,
	AssessmentCreate,
	AssessmentSummary,
	BodyMap,
	BodyMapContent,
	CrisisSupport,
	Draft,
	DraftSaved,
	Formulation,
	Instrument,
	InstrumentSummary,
	PrecautionEntryInput,
	Precautions,
	RedFlagAnswerInput,
	RedFlagScreen,
	RedFlagsContent,
	Response as InstrumentResponse,
	ResponseCorrection,
	ResponseVersion
} from './assess-types';
import type {
	CheckIn,
	CheckInCreate,
	CheckInList,
	CheckInValues,
	LibraryEntry,
	LibraryEntrySummary
} from './empower-types';

import { libraryAdminApi } from './sections/library-admin';
import { programmeApi } from './sections/programme';
import { remindersApi } from './sections/reminders';
import { insightApi } from './sections/insight';
import { carePreferencesApi } from './sections/care-preferences';
import { carePlanApi } from './sections/care-plan';
import { sessionsApi } from './sections/sessions';

type Fetch = typeof fetch;

/** The client's one request function, handed to the section modules in ./sections/. */
export type ApiRequest = <T>(method: Method, path: string, init?: RequestInit_) => Promise<T>;

/** One request's extras: a JSON `body`, or a `text` body with its own media type (CSV uploads). */
type RequestInit_ = RequestOptions & {
	body?: unknown;
	text?: { body: string; contentType: string };
	headers?: Record<string, string>;
};

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ListPatientsParams {
	q?: string;
	limit?: number;
	offset?: number;
}

export interface RequestOptions {
	signal?: AbortSignal;
	/** false: the caller deals with 401/403 itself; the auth handlers are not told. */
	handleAuth?: boolean;
}

export interface AuthHandlers {
	/** The session is missing or has ended (401). */
	unauthenticated(error: ApiError): void;
	/** The account may not do this (403). */
	forbidden(error: ApiError): void;
}

/** Methods that change state, and so need the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
	return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * The headers of one request: X-Requested-With always, X-CSRF-Token on unsafe methods when a
 * token is known, JSON Content-Type when there is a body, then the caller's extra headers.
 */
export function requestHeaders(
	method: string,
	csrfToken: string | null,
	hasBody: boolean,
	extra: Record<string, string> = {}
): Record<string, string> {
	const headers: Record<string, string> = {
		Accept: 'application/json, application/problem+json',
		'X-Requested-With': 'unknot'
	};
	if (csrfToken && isUnsafeMethod(method)) headers['X-CSRF-Token'] = csrfToken;
	if (hasBody) headers['Content-Type'] = 'application/json';
	return { ...headers, ...extra };
}

/** A Retry-After header (delay in seconds, or an HTTP date) as whole seconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
	if (value === null) return null;
	const v = value.trim();
	if (/^\d+$/.test(v)) return Number.parseInt(v, 10);
	const when = Date.parse(v);
	if (Number.isNaN(when)) return null;
	return Math.max(0, Math.ceil((when - nowMs) / 1000));
}

/** The query string of the audit filters, without empty values ("" when there are none). */
export function auditQuery(filters: AuditFilters, paging?: { limit: number; offset: number }): string {
	const query = new URLSearchParams();
	for (const key of ['from', 'to', 'actor', 'action', 'patient_id', 'outcome'] as const) {
		const value = filters[key]?.trim();
		if (value) query.set(key, value);
	}
	if (paging) {
		query.set('limit', String(paging.limit));
		query.set('offset', String(paging.offset));
	}
	return query.toString();
}

export function createApiClient(fetchImpl: Fetch = (...args) => fetch(...args), base = '') {
	let csrfToken: string | null = null;
	let handlers: AuthHandlers | null = null;

	async function request<T>(
		method: Method,
		path: string,
		init: RequestInit_ = {}
	): Promise<T> {
		const hasBody = init.body !== undefined || init.text !== undefined;
		const extra = init.text ? { ...init.headers, 'Content-Type': init.text.contentType } : init.headers;
		const headers = requestHeaders(method, csrfToken, hasBody, extra);
		const body = init.text ? init.text.body : hasBody ? JSON.stringify(init.body) : undefined;

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
			const error = new ApiError(
				response.status,
				parseProblem(json, response.status),
				undefined,
				parseRetryAfter(response.headers.get('Retry-After'))
			);
			if (init.handleAuth !== false && handlers) {
				if (error.status === 401) handlers.unauthenticated(error);
				else if (error.status === 403) handlers.forbidden(error);
			}
			throw error;
		}
		if (json === undefined) {
			// 202 Accepted and 204 No Content carry nothing to read.
			if (text === '' && (response.status === 204 || response.status === 202)) {
				return undefined as T;
			}
			throw new ApiError(response.status, null, 'The server sent a response we could not read');
		}
		return json as T;
	}

	const id = encodeURIComponent;

	return {
		/** The CSRF token sent with unsafe requests (null: none known, e.g. signed out). */
		setCsrfToken(token: string | null) {
			csrfToken = token;
		},

		setAuthHandlers(h: AuthHandlers | null) {
			handlers = h;
		},

		// --- session ---------------------------------------------------------------------
		getSession(opts: RequestOptions = {}) {
			return request<SignedIn>('GET', '/api/v1/session', { handleAuth: false, ...opts });
		},

		signIn(email: string, password: string, opts: RequestOptions = {}) {
			return request<SignInResult>('POST', '/api/v1/session', {
				handleAuth: false,
				...opts,
				body: { email, password }
			});
		},

		/** The second step: a 6-digit code, or one recovery code. */
		verifySecondFactor(second: { code: string } | { recovery_code: string }, opts: RequestOptions = {}) {
			return request<SignedIn>('POST', '/api/v1/session/mfa', {
				handleAuth: false,
				...opts,
				body: second
			});
		},

		signOut(opts: RequestOptions = {}) {
			return request<void>('DELETE', '/api/v1/session', { handleAuth: false, ...opts });
		},

		// --- account ---------------------------------------------------------------------
		listSessions(opts: RequestOptions = {}) {
			return request<{ items: SessionInfo[] }>('GET', '/api/v1/account/sessions', opts);
		},

		revokeSession(sessionId: string, opts: RequestOptions = {}) {
			return request<void>('DELETE', `/api/v1/account/sessions/${id(sessionId)}`, opts);
		},

		revokeOtherSessions(opts: RequestOptions = {}) {
			return request<void>('DELETE', '/api/v1/account/sessions', opts);
		},

		changePassword(current_password: string, new_password: string, opts: RequestOptions = {}) {
			return request<void>('PUT', '/api/v1/account/password', {
				...opts,
				body: { current_password, new_password }
			});
		},

		startTotpEnrolment(opts: RequestOptions = {}) {
			return request<TotpEnrolment>('POST', '/api/v1/account/mfa/totp', opts);
		},

		confirmTotp(code: string, opts: RequestOptions = {}) {
			return request<RecoveryCodes>('POST', '/api/v1/account/mfa/totp/confirm', {
				...opts,
				body: { code }
			});
		},

		disableTotp(password: string, opts: RequestOptions = {}) {
			return request<void>('DELETE', '/api/v1/account/mfa/totp', { ...opts, body: { password } });
		},

		regenerateRecoveryCodes(password: string, opts: RequestOptions = {}) {
			return request<RecoveryCodes>('POST', '/api/v1/account/mfa/recovery-codes', {
				...opts,
				body: { password }
			});
		},

		// --- invitations and password resets (public) ----------------------------------------
		getInvitation(token: string, opts: RequestOptions = {}) {
			return request<Invitation>('GET', `/api/v1/invitations/${id(token)}`, {
				handleAuth: false,
				...opts
			});
		},

		acceptInvitation(token: string, password: string, opts: RequestOptions = {}) {
			return request<SignedIn>('POST', `/api/v1/invitations/${id(token)}/accept`, {
				handleAuth: false,
				...opts,
				body: { password }
			});
		},

		requestPasswordReset(email: string, opts: RequestOptions = {}) {
			return request<void>('POST', '/api/v1/password-resets', {
				handleAuth: false,
				...opts,
				body: { email }
			});
		},

		resetPassword(token: string, password: string, opts: RequestOptions = {}) {
			return request<void>('POST', `/api/v1/password-resets/${id(token)}`, {
				handleAuth: false,
				...opts,
				body: { password }
			});
		},

		// --- users and the clinic (admin) -------------------------------------------------------
		listUsers(opts: RequestOptions = {}) {
			return request<{ items: User[] }>('GET', '/api/v1/users', opts);
		},

		inviteUser(body: UserInvite, opts: RequestOptions = {}) {
			return request<User>('POST', '/api/v1/users', { ...opts, body });
		},

		updateUser(
			userId: string,
			patch: { disabled?: boolean; display_name?: string },
			opts: RequestOptions = {}
		) {
			return request<User>('PATCH', `/api/v1/users/${id(userId)}`, { ...opts, body: patch });
		},

		getClinic(clinicId: string, opts: RequestOptions = {}) {
			return request<Clinic>('GET', `/api/v1/clinics/${id(clinicId)}`, opts);
		},

		/** Merge-patch of the clinic's settings: absent = unchanged, null = cleared. */
		updateClinic(clinicId: string, patch: ClinicPatch, opts: RequestOptions = {}) {
			return request<Clinic>('PATCH', `/api/v1/clinics/${id(clinicId)}`, { ...opts, body: patch });
		},

		// --- audit (admin) ----------------------------------------------------------------------
		listAuditEvents(
			filters: AuditFilters,
			paging: { limit: number; offset: number },
			opts: RequestOptions = {}
		) {
			return request<AuditPage>('GET', `/api/v1/audit-events?${auditQuery(filters, paging)}`, opts);
		},

		// --- clinics and patients ------------------------------------------------------------
		listClinics(opts: RequestOptions = {}) {
			return request<{ items: Clinic[] }>('GET', '/api/v1/clinics', opts);
		},

		listPatients(clinicId: string, params: ListPatientsParams = {}, opts: RequestOptions = {}) {
			const query = new URLSearchParams();
			if (params.q) query.set('q', params.q);
			query.set('limit', String(params.limit ?? 20));
			query.set('offset', String(params.offset ?? 0));
			return request<PatientPage>('GET', `/api/v1/clinics/${id(clinicId)}/patients?${query}`, opts);
		},

		createPatient(clinicId: string, body: PatientCreate, opts: RequestOptions = {}) {
			return request<Patient>('POST', `/api/v1/clinics/${id(clinicId)}/patients`, { ...opts, body });
		},

		getPatient(patientId: string, opts: RequestOptions = {}) {
			return request<Patient>('GET', `/api/v1/patients/${id(patientId)}`, opts);
		},

		/** Merge-patch: absent = unchanged, null = clear. `version` guards against lost updates. */
		updatePatient(patientId: string, patch: PatientPatch, version: number, opts: RequestOptions = {}) {
			return request<Patient>('PATCH', `/api/v1/patients/${id(patientId)}`, {
				...opts,
				body: patch,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		getPatientHistory(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: PatientVersion[] }>(
				'GET',
				`/api/v1/patients/${id(patientId)}/history`,
				opts
			);
		},

		/** Emails the patient a link to set a password for the patient portal. */
		invitePatient(patientId: string, email: string | null, opts: RequestOptions = {}) {
			return request<PatientInvitation>('POST', `/api/v1/patients/${id(patientId)}/invitation`, {
				...opts,
				body: email ? { email } : {}
			});
		},

		// --- assess: content --------------------------------------------------------------------
		listInstruments(opts: RequestOptions = {}) {
			return request<{ items: InstrumentSummary[] }>('GET', '/api/v1/instruments', opts);
		},

		getInstrument(instrumentId: string, opts: RequestOptions = {}) {
			return request<Instrument>('GET', `/api/v1/instruments/${id(instrumentId)}`, opts);
		},

		/** Public: crisis support must never sit behind a sign-in, so a 401 here means nothing. */
		getCrisisSupport(opts: RequestOptions = {}) {
			return request<CrisisSupport>('GET', '/api/v1/content/crisis', { handleAuth: false, ...opts });
		},

		getBodyMapContent(opts: RequestOptions = {}) {
			return request<BodyMapContent>('GET', '/api/v1/content/body-map', opts);
		},

		getRedFlagsContent(opts: RequestOptions = {}) {
			return request<RedFlagsContent>('GET', '/api/v1/content/red-flags', opts);
		},

		// --- assess: assessments ----------------------------------------------------------------
		sendAssessment(patientId: string, body: AssessmentCreate, opts: RequestOptions = {}) {
			return request<Assessment>('POST', `/api/v1/patients/${id(patientId)}/assessments`, {
				...opts,
				body
			});
		},

		listAssessments(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: AssessmentSummary[] }>(
				'GET',
				`/api/v1/patients/${id(patientId)}/assessments`,
				opts
			);
		},

		getAssessment(assessmentId: string, opts: RequestOptions = {}) {
			return request<Assessment>('GET', `/api/v1/assessments/${id(assessmentId)}`, opts);
		},

		/** Saves the answers so far; the answer says at once whether a safety rule fired. */
		saveDraft(assessmentId: string, draft: Draft, opts: RequestOptions = {}) {
			return request<DraftSaved>('PUT', `/api/v1/assessments/${id(assessmentId)}/draft`, {
				...opts,
				body: draft
			});
		},

		submitAssessment(assessmentId: string, draft: Draft | null, opts: RequestOptions = {}) {
			return request<Assessment>('POST', `/api/v1/assessments/${id(assessmentId)}/submit`, {
				...opts,
				body: draft ?? {}
			});
		},

		cancelAssessment(assessmentId: string, opts: RequestOptions = {}) {
			return request<Assessment>('POST', `/api/v1/assessments/${id(assessmentId)}/cancel`, opts);
		},

		listResponses(patientId: string, instrument?: string, opts: RequestOptions = {}) {
			const query = instrument ? `?instrument=${id(instrument)}` : '';
			return request<{ items: InstrumentResponse[] }>(
				'GET',
				`/api/v1/patients/${id(patientId)}/responses${query}`,
				opts
			);
		},

		/** Staff: new answers and the reason; `version` guards against lost updates. */
		correctResponse(
			responseId: string,
			correction: ResponseCorrection,
			version: number,
			opts: RequestOptions = {}
		) {
			return request<InstrumentResponse>('PATCH', `/api/v1/responses/${id(responseId)}`, {
				...opts,
				body: correction,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Every version of a response, newest first (staff). */
		getResponseHistory(responseId: string, opts: RequestOptions = {}) {
			return request<{ items: ResponseVersion[] }>(
				'GET',
				`/api/v1/responses/${id(responseId)}/history`,
				opts
			);
		},

		listBodyMaps(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: BodyMap[] }>('GET', `/api/v1/patients/${id(patientId)}/body-maps`, opts);
		},

		// --- assess: safety alerts --------------------------------------------------------------
		listClinicAlerts(
			clinicId: string,
			status: 'open' | 'acknowledged' | 'all' = 'open',
			opts: RequestOptions = {}
		) {
			return request<{ items: Alert[] }>(
				'GET',
				`/api/v1/clinics/${id(clinicId)}/alerts?status=${status}`,
				opts
			);
		},

		listPatientAlerts(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: Alert[] }>('GET', `/api/v1/patients/${id(patientId)}/alerts`, opts);
		},

		acknowledgeAlert(alertId: string, note: string, opts: RequestOptions = {}) {
			return request<Alert>('POST', `/api/v1/alerts/${id(alertId)}/acknowledge`, {
				...opts,
				body: { note }
			});
		},

		// --- assess: red flags, precautions, formulation ---------------------------------------
		listRedFlagScreens(patientId: string, opts: RequestOptions = {}) {
			return request<{ items: RedFlagScreen[] }>(
				'GET',
				`/api/v1/patients/${id(patientId)}/red-flags`,
				opts
			);
		},

		recordRedFlagScreen(patientId: string, answers: RedFlagAnswerInput[], opts: RequestOptions = {}) {
			return request<RedFlagScreen>('POST', `/api/v1/patients/${id(patientId)}/red-flags`, {
				...opts,
				body: { answers }
			});
		},

		getPrecautions(patientId: string, opts: RequestOptions = {}) {
			return request<Precautions>('GET', `/api/v1/patients/${id(patientId)}/precautions`, opts);
		},

		/** Replaces the list; `version` (0 when never recorded) guards against lost updates. */
		savePrecautions(
			patientId: string,
			items: PrecautionEntryInput[],
			version: number,
			opts: RequestOptions = {}
		) {
			return request<Precautions>('PUT', `/api/v1/patients/${id(patientId)}/precautions`, {
				...opts,
				body: { items },
				headers: { 'If-Match': `"${version}"` }
			});
		},

		getFormulation(patientId: string, opts: RequestOptions = {}) {
			return request<Formulation>('GET', `/api/v1/patients/${id(patientId)}/formulation`, opts);
		},

		// --- empower: daily check-ins, self-care library ---------------------------------------
		/** Newest first; `from`/`to` are local dates (YYYY-MM-DD). */
		listCheckIns(patientId: string, range: { from?: string; to?: string } = {}, opts: RequestOptions = {}) {
			const query = new URLSearchParams();
			if (range.from) query.set('from', range.from);
			if (range.to) query.set('to', range.to);
			const qs = query.toString();
			return request<CheckInList>(
				'GET',
				`/api/v1/patients/${id(patientId)}/check-ins${qs ? `?${qs}` : ''}`,
				opts
			);
		},

		/** The same `idempotencyKey` on a retry answers the stored check-in instead of a second one. */
		createCheckIn(patientId: string, checkIn: CheckInCreate, idempotencyKey: string, opts: RequestOptions = {}) {
			return request<CheckIn>('POST', `/api/v1/patients/${id(patientId)}/check-ins`, {
				...opts,
				body: checkIn,
				headers: { 'Idempotency-Key': idempotencyKey }
			});
		},

		/** Replaces every value of the check-in of `date`; `version` guards against lost updates. */
		updateCheckIn(patientId: string, date: string, values: CheckInValues, version: number, opts: RequestOptions = {}) {
			return request<CheckIn>('PUT', `/api/v1/patients/${id(patientId)}/check-ins/${id(date)}`, {
				...opts,
				body: values,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** The address of the CSV export (a plain link: the browser downloads it with the cookie). */
		checkInsCsvUrl(patientId: string) {
			return `${base}/api/v1/patients/${id(patientId)}/check-ins.csv`;
		},

		listLibrary(opts: RequestOptions = {}) {
			return request<{ items: LibraryEntrySummary[] }>('GET', '/api/v1/library', opts);
		},

		getLibraryEntry(slug: string, opts: RequestOptions = {}) {
			return request<LibraryEntry>('GET', `/api/v1/library/${id(slug)}`, opts);
		},

		...programmeApi(request),
		...libraryAdminApi(request),
		...remindersApi(request),
		...insightApi(request),
		...carePreferencesApi(request),
		...carePlanApi(request),
		...sessionsApi(request)
	};
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api = createApiClient();
