import type { Issue, Problem } from './types';

/** Why a request failed, from the user's point of view. */
export type ApiErrorKind =
	| 'network' // the server could not be reached at all
	| 'unauthenticated' // 401: no session, or it has ended
	| 'forbidden' // 403: this account may not do this
	| 'not-found' // 404
	| 'conflict' // 409/412: the record changed elsewhere, or a duplicate
	| 'invalid' // 400/422: the request had problems the user can fix
	| 'throttled' // 429: too many attempts; see retryAfterSeconds
	| 'server' // 5xx
	| 'other';

/** A failed API call. `problem` holds the server's problem document when it sent one. */
export class ApiError extends Error {
	readonly kind: ApiErrorKind;
	readonly status: number;
	readonly problem: Problem | null;
	/** From a Retry-After header (429, 503), in whole seconds; null when the server sent none. */
	readonly retryAfterSeconds: number | null;

	constructor(
		status: number,
		problem: Problem | null,
		message?: string,
		retryAfterSeconds: number | null = null
	) {
		super(message ?? problem?.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
		this.name = 'ApiError';
		this.status = status;
		this.problem = problem;
		this.kind = kindForStatus(status);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	get issues(): Issue[] {
		return this.problem?.issues ?? [];
	}
}

export function kindForStatus(status: number): ApiErrorKind {
	if (status === 0) return 'network';
	if (status === 401) return 'unauthenticated';
	if (status === 403) return 'forbidden';
	if (status === 429) return 'throttled';
	if (status === 404) return 'not-found';
	if (status === 409 || status === 412) return 'conflict';
	if (status === 400 || status === 422) return 'invalid';
	if (status >= 500) return 'server';
	return 'other';
}

export function isApiError(value: unknown): value is ApiError {
	return value instanceof ApiError;
}

/**
 * Reads a problem document (RFC 9457) out of an unknown JSON value.
 * Returns null when the value does not look like one; drops malformed issues.
 */
export function parseProblem(value: unknown, fallbackStatus: number): Problem | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	if (typeof v.title !== 'string' && typeof v.type !== 'string' && !Array.isArray(v.issues)) {
		return null;
	}
	const issues: Issue[] = Array.isArray(v.issues)
		? v.issues.flatMap((raw): Issue[] => {
				if (typeof raw !== 'object' || raw === null) return [];
				const i = raw as Record<string, unknown>;
				if (typeof i.message !== 'string') return [];
				return [
					{
						path: typeof i.path === 'string' ? i.path : '',
						code: typeof i.code === 'string' ? i.code : '',
						message: i.message
					}
				];
			})
		: [];
	const problem: Problem = {
		type: typeof v.type === 'string' ? v.type : 'about:blank',
		title: typeof v.title === 'string' ? v.title : '',
		status: typeof v.status === 'number' ? v.status : fallbackStatus,
		detail: typeof v.detail === 'string' ? v.detail : '',
		issues
	};
	return problem;
}
