// Pure helpers for the care-preferences form and summary: the form's values per field kind, the
// change a save sends (only what differs, null for what was cleared), issue paths → fields, and
// the words a summary shows. No I/O; used by CarePreferencesForm and CarePreferencesSummary.
import type {
	CarePreferenceEntry,
	CarePreferenceField,
	CarePreferences,
	CarePreferencesChange,
	CarePreferenceValue,
	TouchConsentAnswer,
	TouchConsentMap
} from '$lib/api/treat-types';

/** What a form control holds: '' means "not chosen", an empty list or map means "nothing set". */
export type FormValue = string | string[] | boolean | Record<string, TouchConsentAnswer | ''>;
export type FormValues = Record<string, FormValue>;

export const TOUCH_ANSWERS: readonly { value: TouchConsentAnswer; label: string }[] = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'ask_first', label: 'Ask me first' },
	{ value: 'no', label: 'No' }
];

export const SECTION_HEADINGS: Record<CarePreferenceField['section'], string> = {
	trauma_informed: 'Touch, safety and choice',
	accommodations: 'Communication, senses and appointments'
};

/** The form value of one field: from its stored value, or empty. */
export function formValueOf(field: CarePreferenceField, value: CarePreferenceValue | undefined): FormValue {
	switch (field.kind) {
		case 'choice':
		case 'text':
			return typeof value === 'string' ? value : '';
		case 'choices':
			return Array.isArray(value) ? [...value] : [];
		case 'flag':
			return value === true;
		case 'touch_map':
			return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as TouchConsentMap) } : {};
	}
}

export function formValues(fields: readonly CarePreferenceField[], preferences: CarePreferences | null): FormValues {
	const out: FormValues = {};
	for (const field of fields) out[field.name] = formValueOf(field, preferences?.fields[field.name]?.value);
	return out;
}

/** The value to send for a form value; null when it says nothing (the field is then removed). */
export function valueToSend(field: CarePreferenceField, value: FormValue): CarePreferenceValue | null {
	switch (field.kind) {
		case 'choice':
			return typeof value === 'string' && value !== '' ? value : null;
		case 'text': {
			const text = typeof value === 'string' ? value.trim() : '';
			return text === '' ? null : text;
		}
		case 'choices': {
			const chosen = Array.isArray(value) ? value : [];
			const order = (field.options ?? []).map((o) => o.value);
			const sorted = order.filter((v) => chosen.includes(v));
			return sorted.length ? sorted : null;
		}
		case 'flag':
			return value === true ? true : null;
		case 'touch_map': {
			const map: TouchConsentMap = {};
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				for (const [region, answer] of Object.entries(value)) if (answer) map[region] = answer;
			}
			return Object.keys(map).length ? map : null;
		}
	}
}

function sameValue(a: CarePreferenceValue | null, b: CarePreferenceValue | null): boolean {
	if (a === null || b === null) return a === b;
	if (typeof a !== 'object' || typeof b !== 'object') return a === b;
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
	}
	const ka = Object.keys(a);
	return ka.length === Object.keys(b).length && ka.every((k) => (a as TouchConsentMap)[k] === (b as TouchConsentMap)[k]);
}

/**
 * The `values` of a save: only the fields whose form value differs from the saved one (so two
 * people editing different fields do not undo each other), null for a field that was cleared.
 * A stored `false` flag left unticked is not a change.
 */
export function changedValues(
	fields: readonly CarePreferenceField[],
	saved: CarePreferences | null,
	current: FormValues
): NonNullable<CarePreferencesChange['values']> {
	const values: NonNullable<CarePreferencesChange['values']> = {};
	for (const field of fields) {
		const stored = saved?.fields[field.name]?.value;
		const before = stored === undefined ? null : valueToSend(field, formValueOf(field, stored));
		const after = valueToSend(field, current[field.name] ?? formValueOf(field, undefined));
		if (!sameValue(before, after)) values[field.name] = after;
	}
	return values;
}

/** The field an issue path is about: `values.consent_to_touch.neck` → `consent_to_touch`. */
export function issueFieldName(path: string): string | null {
	const match = /^values\.([a-z0-9_]+)/.exec(path.trim());
	return match?.[1] ?? null;
}

/** "2 Dec 2026" in the clinic's time zone. */
export function formatReviewDate(value: string, timeZone = 'Europe/London'): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	try {
		return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date);
	} catch {
		return date.toISOString().slice(0, 10);
	}
}

/** "Last reviewed 2 Dec 2026 by Sam Clinician". */
export function reviewLine(entry: CarePreferenceEntry, timeZone?: string): string {
	return `Last reviewed ${formatReviewDate(entry.reviewed_at, timeZone)} by ${entry.reviewed_by.name}`;
}

/** A stored value in words: option labels, "Yes"/"No", the text itself. */
export function describeValue(field: CarePreferenceField, value: CarePreferenceValue, regionLabels: Record<string, string> = {}): string {
	const label = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
	switch (field.kind) {
		case 'choice':
			return typeof value === 'string' ? label(value) : '';
		case 'choices':
			return Array.isArray(value) ? value.map(label).join(', ') : '';
		case 'flag':
			return value === true ? 'Yes' : 'No';
		case 'text':
			return typeof value === 'string' ? value : '';
		case 'touch_map': {
			if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
			const parts = TOUCH_ANSWERS.map(({ value: answer, label: words }) => {
				const regions = Object.entries(value as TouchConsentMap)
					.filter(([, a]) => a === answer)
					.map(([code]) => regionLabels[code] ?? code);
				return regions.length ? `${words}: ${regions.join(', ')}` : '';
			}).filter(Boolean);
			return parts.join('; ');
		}
	}
}

export interface SummaryLine {
	/** A field name, or `touch_no` / `touch_ask_first` for the consent lines. */
	key: string;
	label: string;
	text: string;
}

/** The fields a clinician must know before touching, in this order. */
export const SUMMARY_FIELDS = [
	'stop_signal',
	'pressure',
	'chaperone',
	'clinician_gender',
	'explain_before_touch',
	'positions_to_avoid',
	'communication_mode',
	'processing_time',
	'lighting',
	'sound',
	'unscented',
	'talking',
	'music'
] as const;

/** The summary is read by clinicians: their words, not the patient's "your …". */
const SUMMARY_LABELS: Partial<Record<(typeof SUMMARY_FIELDS)[number], string>> = {
	stop_signal: 'Stop signal',
	chaperone: 'Chaperone',
	clinician_gender: 'Clinician',
	explain_before_touch: 'Explain before touching',
	communication_mode: 'Communication',
	processing_time: 'Extra time, literal wording',
	talking: 'Talking'
};

/**
 * What a clinician must know before touching: the regions with consent "no" and "ask first"
 * (in body-map order), then the stop signal, pressure, chaperone, gender, explaining, positions,
 * communication and sensory needs that are set.
 */
export function summaryLines(
	fields: readonly CarePreferenceField[],
	preferences: CarePreferences,
	regions: readonly { code: string; label: string }[]
): SummaryLine[] {
	const lines: SummaryLine[] = [];
	const consent = preferences.fields['consent_to_touch']?.value;
	if (consent && typeof consent === 'object' && !Array.isArray(consent)) {
		const map = consent as TouchConsentMap;
		const inOrder = (answer: TouchConsentAnswer) => {
			const known = regions.filter((r) => map[r.code] === answer).map((r) => r.label);
			const unknown = Object.keys(map).filter((c) => map[c] === answer && !regions.some((r) => r.code === c));
			return [...known, ...unknown];
		};
		const no = inOrder('no');
		const ask = inOrder('ask_first');
		if (no.length) lines.push({ key: 'touch_no', label: 'Do not touch', text: no.join(', ') });
		if (ask.length) lines.push({ key: 'touch_ask_first', label: 'Ask before touching', text: ask.join(', ') });
	}
	for (const name of SUMMARY_FIELDS) {
		const field = fields.find((f) => f.name === name);
		const entry = preferences.fields[name];
		if (!field || !entry) continue;
		if (field.kind === 'flag' && entry.value !== true) continue;
		lines.push({ key: name, label: SUMMARY_LABELS[name] ?? field.label, text: describeValue(field, entry.value) });
	}
	return lines;
}
