// Maps a problem document's issues onto form fields (GOV.UK error pattern).
import type { Issue } from './api/types';

export interface FieldErrors<F extends string> {
	/** Messages per field, in the order the server sent them. */
	byField: Partial<Record<F, string[]>>;
	/** Messages that belong to no known field (shown only in the summary). */
	general: string[];
}

/**
 * The field an issue path points at. Accepts `nhs_number`, `/nhs_number` (JSON Pointer),
 * `$.nhs_number`, `body.nhs_number`, `nhs_number[0]` and `nhs_number.sub`.
 */
export function issueField(path: string): string {
	let p = path.trim();
	if (p.startsWith('#')) p = p.slice(1);
	if (p.startsWith('$')) p = p.slice(1);
	p = p.replace(/^[./]+/, '');
	if (p.startsWith('body.') || p.startsWith('body/')) p = p.slice(5);
	const first = p.split(/[./[]/, 1)[0] ?? '';
	return first;
}

export function problemToFieldErrors<F extends string>(
	issues: readonly Issue[] | null | undefined,
	fields: readonly F[],
	fallbackMessage?: string
): FieldErrors<F> {
	const byField: Partial<Record<F, string[]>> = {};
	const general: string[] = [];
	const known = new Set<string>(fields);
	for (const issue of issues ?? []) {
		const field = issueField(issue.path ?? '');
		if (known.has(field)) {
			const list = (byField[field as F] ??= []);
			if (!list.includes(issue.message)) list.push(issue.message);
		} else if (!general.includes(issue.message)) {
			general.push(issue.message);
		}
	}
	if (Object.keys(byField).length === 0 && general.length === 0 && fallbackMessage) {
		general.push(fallbackMessage);
	}
	return { byField, general };
}

/** Summary entries in form order, then the general ones (no link). */
export function errorSummaryItems<F extends string>(
	errors: FieldErrors<F>,
	fields: readonly F[]
): { field: F | null; message: string }[] {
	const items: { field: F | null; message: string }[] = [];
	for (const f of fields) {
		for (const message of errors.byField[f] ?? []) items.push({ field: f, message });
	}
	for (const message of errors.general) items.push({ field: null, message });
	return items;
}
