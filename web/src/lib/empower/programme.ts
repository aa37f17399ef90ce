// Pure logic of home programmes: a dosage in plain words, adherence in words and numbers, the
// dosage form's values and their checks, and the names of precaution matches.
import type { Adherence, Dosage, LibraryEntrySummary } from '$lib/api/empower-types';

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** 45 → "45 seconds", 60 → "1 minute", 90 → "1 minute 30 seconds". */
export function durationInWords(seconds: number): string {
	if (seconds < 60) return plural(seconds, 'second');
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}

/** 1 → "once a day", 2 → "twice a week", 3 → "3 times a day". */
export function frequencyInWords(times: number, per: Dosage['per']): string {
	const count = times === 1 ? 'once' : times === 2 ? 'twice' : `${times} times`;
	return `${count} a ${per}`;
}

/**
 * A dosage as a sentence a patient or clinician reads at a glance, e.g.
 * "3 sets of 10 repetitions, holding each for 30 seconds, twice a day for 6 weeks".
 */
export function dosageInWords(d: Dosage): string {
	const parts: string[] = [];
	const sets = d.sets ?? null;
	const reps = d.reps ?? null;
	if (sets !== null && reps !== null) parts.push(`${plural(sets, 'set')} of ${plural(reps, 'repetition')}`);
	else if (sets !== null) parts.push(plural(sets, 'set'));
	else if (reps !== null) parts.push(plural(reps, 'repetition'));
	if (d.hold_seconds) {
		parts.push(`${reps !== null ? 'holding each' : 'holding'} for ${durationInWords(d.hold_seconds)}`);
	}
	let frequency = frequencyInWords(d.times, d.per);
	if (d.weeks) frequency += ` for ${plural(d.weeks, 'week')}`;
	parts.push(frequency);
	const text = parts.join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A session count that may be fractional (a per-week item expects times/7 a day). */
export function sessionsCount(n: number): string {
	if (Number.isInteger(n)) return String(n);
	const rounded = Math.round(n * 10) / 10;
	return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** How much of what was expected was done, in a few calm words (no blame). */
export function adherenceWord(ratio: number | null): string {
	if (ratio === null) return 'Nothing expected yet';
	if (ratio >= 1) return 'All done';
	if (ratio >= 0.75) return 'Most done';
	if (ratio >= 0.4) return 'Some done';
	if (ratio > 0) return 'A little done';
	return 'None done';
}

/** 0.857 → "86%"; null → "–". */
export function percent(ratio: number | null): string {
	return ratio === null ? '–' : `${Math.round(ratio * 100)}%`;
}

/**
 * Adherence in words and numbers, e.g. "Most done: 12 of 14 sessions (86%) in the last 7 days";
 * "Nothing expected yet in the last 7 days" when no session was expected.
 */
export function adherenceInWords(a: Adherence, days: number): string {
	const span = `in the last ${plural(days, 'day')}`;
	if (a.ratio === null) return `Nothing expected yet ${span}`;
	const expected = sessionsCount(a.expected);
	const noun = a.expected === 1 ? 'session' : 'sessions';
	return `${adherenceWord(a.ratio)}: ${a.done} of ${expected} ${noun} (${percent(a.ratio)}) ${span}`;
}

/** The dosage form: text inputs, so a half-typed number is kept as typed. */
export interface DosageForm {
	sets: string;
	reps: string;
	hold_seconds: string;
	times: string;
	per: Dosage['per'];
	weeks: string;
}

export const DOSAGE_LIMITS = {
	sets: { min: 1, max: 20 },
	reps: { min: 1, max: 100 },
	hold_seconds: { min: 1, max: 600 },
	times: { min: 1, max: 50 },
	weeks: { min: 1, max: 52 }
} as const;

/** The largest `times` for a period: 12 a day or 50 a week. */
export function maxTimes(per: Dosage['per']): number {
	return per === 'day' ? 12 : 50;
}

export function emptyDosageForm(): DosageForm {
	return { sets: '', reps: '', hold_seconds: '', times: '1', per: 'day', weeks: '' };
}

export function dosageFormOf(d: Dosage): DosageForm {
	const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
	return {
		sets: text(d.sets),
		reps: text(d.reps),
		hold_seconds: text(d.hold_seconds),
		times: String(d.times),
		per: d.per,
		weeks: text(d.weeks)
	};
}

export type DosageField = keyof DosageForm;

export const DOSAGE_LABELS: Record<Exclude<DosageField, 'per'>, string> = {
	sets: 'Sets',
	reps: 'Repetitions',
	hold_seconds: 'Hold (seconds)',
	times: 'Times',
	weeks: 'For how many weeks'
};

/**
 * The dosage the form describes, or the problems with it (one message per field). The server
 * checks again; this only saves a round trip for the obvious slips.
 */
export function parseDosageForm(
	form: DosageForm
): { ok: true; dosage: Dosage } | { ok: false; errors: Partial<Record<DosageField, string>> } {
	const errors: Partial<Record<DosageField, string>> = {};
	const read = (field: Exclude<DosageField, 'per'>, required: boolean): number | null => {
		const raw = form[field].trim();
		const label = DOSAGE_LABELS[field];
		if (raw === '') {
			if (required) errors[field] = `Enter how many ${label.toLowerCase()}.`;
			return null;
		}
		const limits = DOSAGE_LIMITS[field];
		const max = field === 'times' ? maxTimes(form.per) : limits.max;
		if (!/^\d+$/.test(raw)) {
			errors[field] = `${label} must be a whole number from ${limits.min} to ${max}.`;
			return null;
		}
		const n = Number.parseInt(raw, 10);
		if (n < limits.min || n > max) {
			errors[field] = `${label} must be from ${limits.min} to ${max}${field === 'times' ? ` a ${form.per}` : ''}.`;
			return null;
		}
		return n;
	};
	const dosage: Dosage = {
		sets: read('sets', false),
		reps: read('reps', false),
		hold_seconds: read('hold_seconds', false),
		times: read('times', true) ?? 1,
		per: form.per,
		weeks: read('weeks', false)
	};
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, dosage };
}

/** The precautions content as the names a match code needs (see RedFlagsContent.precautions). */
export interface PrecautionNames {
	code: string;
	name: string;
	situations: { code: string; name: string }[];
}

/**
 * A precaution match in words: "recent_surgery" → "Recent surgery",
 * "pregnancy.positioning" → "Pregnancy: Positioning"; unknown codes are shown as they are.
 */
export function precautionMatchName(code: string, precautions: readonly PrecautionNames[]): string {
	const [precaution = '', situation] = code.split('.', 2);
	const p = precautions.find((x) => x.code === precaution);
	if (!p) return code;
	if (!situation) return p.name;
	const s = p.situations.find((x) => x.code === situation);
	return `${p.name}: ${s ? s.name : situation}`;
}

/**
 * The codes of a 409 precaution-match answer: one issue per match, code `precaution-match`, its
 * message naming the match in single quotes. Falls back to the message when no code is quoted.
 */
export function precautionMatchesOf(issues: readonly { code: string; message: string }[]): {
	code: string | null;
	message: string;
}[] {
	return issues
		.filter((i) => i.code === 'precaution-match')
		.map((i) => ({ code: /'([a-z0-9_]+(?:\.[a-z0-9_]+)?)'/.exec(i.message)?.[1] ?? null, message: i.message }));
}

export interface LibraryFilter {
	text: string;
	type: LibraryEntrySummary['type'] | '';
	region: string;
}

/** The library entries a picker shows for a search text, a type and a region ("" = any). */
export function filterLibrary<E extends Pick<LibraryEntrySummary, 'slug' | 'title' | 'summary' | 'type' | 'regions'>>(
	entries: readonly E[],
	filter: LibraryFilter
): E[] {
	const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
	return entries.filter((e) => {
		if (filter.type && e.type !== filter.type) return false;
		if (filter.region && !e.regions.includes(filter.region)) return false;
		const haystack = `${e.title} ${e.summary} ${e.slug}`.toLowerCase();
		return words.every((w) => haystack.includes(w));
	});
}

export type ProgrammeField = 'slug' | Exclude<DosageField, 'per'> | 'per' | 'note';

/**
 * The form field an issue of the programme API points at: `dosage.sets` → `sets`, a bare
 * `dosage` → `times` (the one required number), `slug` and `note` as they are; null otherwise.
 */
export function programmeIssueField(path: string): ProgrammeField | null {
	const p = path.trim();
	if (p === 'slug' || p === 'note') return p;
	if (p === 'dosage') return 'times';
	const m = /^dosage\.([a-z_]+)$/.exec(p);
	if (m) {
		const f = m[1];
		if (f === 'sets' || f === 'reps' || f === 'hold_seconds' || f === 'times' || f === 'per' || f === 'weeks') return f;
	}
	return null;
}

/**
 * The entry's precaution references the patient's recorded precautions meet (as the server
 * decides): `recent_surgery` matches any situation of it, `pregnancy.positioning` only that one.
 */
export function matchPrecautions(
	entryPrecautions: readonly string[],
	patient: readonly { precaution: string; situation: string }[]
): string[] {
	return entryPrecautions.filter((ref) =>
		patient.some((p) => ref === p.precaution || ref === `${p.precaution}.${p.situation}`)
	);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
	const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface DoneDate {
	date: string;
	sessions: number;
}

/** The item's done marks, when the server sends them (`done_dates`, the last 28 days). */
export function doneDatesOf(item: object): DoneDate[] | null {
	const v = (item as { done_dates?: unknown }).done_dates;
	return Array.isArray(v) ? (v as DoneDate[]) : null;
}

/**
 * One item's adherence over the `days` days ending `today`, by the server's rules: active from
 * start_date until it ended or its weeks ran out (exclusive); `times` a day or times/7 a day
 * expected; at most `times` sessions a day count. Null without done marks to count from.
 */
export function itemAdherence(
	item: { dosage: Dosage; start_date: string; ended_on: string | null },
	done: readonly DoneDate[] | null,
	today: string,
	days: number
): Adherence | null {
	if (done === null) return null;
	const from = addDays(today, -(days - 1));
	const first = item.start_date > from ? item.start_date : from;
	let end: string | null = item.ended_on;
	if (item.dosage.weeks) {
		const planned = addDays(item.start_date, 7 * item.dosage.weeks);
		if (end === null || planned < end) end = planned;
	}
	const last = end !== null && addDays(end, -1) < today ? addDays(end, -1) : today;
	const activeDays = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
	if (activeDays <= 0) return { done: 0, expected: 0, ratio: null };
	const perDay = item.dosage.per === 'day' ? item.dosage.times : item.dosage.times / 7;
	const expected = perDay * activeDays;
	let count = 0;
	for (const mark of done) {
		if (mark.date >= first && mark.date <= last) count += Math.max(0, Math.min(mark.sessions, item.dosage.times));
	}
	const round2 = (v: number) => Math.round(v * 100) / 100;
	return { done: count, expected: round2(expected), ratio: expected > 0 ? round2(Math.min(1, count / expected)) : null };
}
