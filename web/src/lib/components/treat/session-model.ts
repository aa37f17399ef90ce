// Pure logic of the session screen and the note editor: the session map grouped by status, the
// editor's form state and the body it saves, the ratings in words, which conflict a 409 is, and the
// server's consent messages as error-summary items that link to the region's checkbox. No I/O;
// tested in session-model.test.ts.
import type { Problem } from '$lib/api/types';
import type {
	SessionMapRegion,
	SessionMapStatus,
	SessionNote,
	SessionNoteUpdate,
	SessionRatingKey,
	SessionRatings
} from '$lib/api/treat-types';

export const RATING_KEYS: readonly SessionRatingKey[] = ['pain', 'tension', 'stress'];

export const RATING_NAMES: Record<SessionRatingKey, string> = {
	pain: 'Pain',
	tension: 'Tension',
	stress: 'Stress'
};

/** The groups of the session map, in the order a clinician must read them. */
export const MAP_GROUPS: readonly { status: SessionMapStatus; title: string; hint: string }[] = [
	{ status: 'do_not_treat', title: 'Do not treat', hint: 'The patient said no, or a precaution rules it out.' },
	{ status: 'ask_first', title: 'Ask first', hint: 'Ask the patient today before touching here.' },
	{ status: 'fine', title: 'Fine', hint: 'The patient said yes and no precaution rules it out.' }
];

export const STATUS_WORDS: Record<SessionMapStatus, string> = {
	do_not_treat: 'Do not treat',
	ask_first: 'Ask first',
	fine: 'Fine'
};

/** The regions of each status, keeping the map's order (the body map's keyboard order). */
export function groupRegions(regions: readonly SessionMapRegion[]): Record<SessionMapStatus, SessionMapRegion[]> {
	const out: Record<SessionMapStatus, SessionMapRegion[]> = { do_not_treat: [], ask_first: [], fine: [] };
	for (const r of regions) (out[r.status] ?? out.ask_first).push(r);
	return out;
}

/** Why a region has its status, in one line: its reasons, then any pressure cap. */
export function reasonText(region: Pick<SessionMapRegion, 'reasons' | 'pressure_cap'>): string {
	const parts = region.reasons.map((r) => `${r.source === 'consent' ? 'Consent' : 'Precaution'}: ${r.text}`);
	if (region.pressure_cap) parts.push(`Pressure no more than ${region.pressure_cap}.`);
	return parts.join(' ');
}

export interface ReasonGroup {
	/** The shared reason line ('' when none). */
	text: string;
	regions: SessionMapRegion[];
}

/**
 * Regions that share the same reason line, together (in order of first appearance), so that 20
 * regions with "no answer recorded yet" read as one line, not 20.
 */
export function reasonGroups(regions: readonly SessionMapRegion[]): ReasonGroup[] {
	const out = new Map<string, ReasonGroup>();
	for (const r of regions) {
		const text = reasonText(r);
		const group = out.get(text);
		if (group) group.regions.push(r);
		else out.set(text, { text, regions: [r] });
	}
	return [...out.values()];
}

/** The reason most regions of a group share, when at least two share it; else null. */
export function commonReason(regions: readonly SessionMapRegion[]): string | null {
	let best: ReasonGroup | null = null;
	for (const g of reasonGroups(regions)) if (!best || g.regions.length > best.regions.length) best = g;
	return best && best.regions.length >= 2 && best.text !== '' ? best.text : null;
}

export function emptyRatings(): SessionRatings {
	return {
		pain: { before: null, after: null },
		tension: { before: null, after: null },
		stress: { before: null, after: null }
	};
}

/** A rating as the editor's select holds it: '' (not rated) or '0'…'10'. */
export type RatingText = '' | `${number}`;

export interface NoteForm {
	session_date: string;
	subjective: string;
	objective: string;
	assessment: string;
	plan: string;
	techniques: string[];
	regions_treated: string[];
	ask_first_confirmed: string[];
	consent_confirmed: boolean;
	screen_completed: boolean;
	ratings: Record<SessionRatingKey, { before: string; after: string }>;
	advice: string;
	programme_changes: string;
	patient_summary: string;
}

const ratingText = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** A stored note as the editor's form (absent members as blanks). */
export function formOf(note: Partial<SessionNote>): NoteForm {
	const r = note.ratings ?? emptyRatings();
	return {
		session_date: note.session_date ?? '',
		subjective: note.subjective ?? '',
		objective: note.objective ?? '',
		assessment: note.assessment ?? '',
		plan: note.plan ?? '',
		techniques: [...(note.techniques ?? [])],
		regions_treated: [...(note.regions_treated ?? [])],
		ask_first_confirmed: [...(note.ask_first_confirmed ?? [])],
		consent_confirmed: note.consent_confirmed ?? false,
		screen_completed: note.screen_completed ?? false,
		ratings: Object.fromEntries(
			RATING_KEYS.map((k) => [k, { before: ratingText(r[k]?.before), after: ratingText(r[k]?.after) }])
		) as NoteForm['ratings'],
		advice: note.advice ?? '',
		programme_changes: note.programme_changes ?? '',
		patient_summary: note.patient_summary ?? ''
	};
}

function ratingValue(text: string): number | null {
	const t = text.trim();
	if (t === '') return null;
	const n = Number(t);
	return Number.isInteger(n) ? n : null;
}

/**
 * The PUT body of the form: texts trimmed, ratings as numbers or null, and an "ask first"
 * agreement only for a region that is still ticked as treated (unticking a region drops it).
 */
export function bodyOf(form: NoteForm): SessionNoteUpdate {
	const treated = new Set(form.regions_treated);
	return {
		session_date: form.session_date.trim(),
		subjective: form.subjective.trim(),
		objective: form.objective.trim(),
		assessment: form.assessment.trim(),
		plan: form.plan.trim(),
		techniques: [...form.techniques],
		regions_treated: [...form.regions_treated],
		ask_first_confirmed: form.ask_first_confirmed.filter((c) => treated.has(c)),
		consent_confirmed: form.consent_confirmed,
		screen_completed: form.screen_completed,
		ratings: Object.fromEntries(
			RATING_KEYS.map((k) => [k, { before: ratingValue(form.ratings[k].before), after: ratingValue(form.ratings[k].after) }])
		) as SessionRatings,
		advice: form.advice.trim(),
		programme_changes: form.programme_changes.trim(),
		patient_summary: form.patient_summary.trim()
	};
}

/** True when the form would save something other than `note` holds. */
export function isChanged(form: NoteForm, note: Partial<SessionNote>): boolean {
	return JSON.stringify(bodyOf(form)) !== JSON.stringify(bodyOf(formOf(note)));
}

/** `list` with `code` in or out, keeping the order of `order` (the map's or the technique list's). */
export function toggled(list: readonly string[], code: string, on: boolean, order: readonly string[] = []): string[] {
	const set = new Set(list);
	if (on) set.add(code);
	else set.delete(code);
	const rank = new Map(order.map((c, i) => [c, i] as const));
	return [...set].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
}

/** The ticked regions of one status, in the map's order. */
export function chosenWithStatus(
	chosen: readonly string[],
	regions: readonly SessionMapRegion[],
	status: SessionMapStatus
): SessionMapRegion[] {
	const set = new Set(chosen);
	return regions.filter((r) => r.status === status && set.has(r.code));
}

// --- errors ----------------------------------------------------------------------------------

export type ConflictKind = 'consent-refused' | 'consent-confirmation-required' | 'note-signed' | 'stale';

/** Which 409 this is, from the problem's type (`…/problems/<name>`); anything else is a stale version. */
export function conflictKind(problem: Pick<Problem, 'type'> | null | undefined): ConflictKind {
	const type = problem?.type ?? '';
	const name = type.slice(type.lastIndexOf('/') + 1);
	if (name === 'consent-refused') return 'consent-refused';
	if (name === 'consent-confirmation-required') return 'consent-confirmation-required';
	if (name === 'note-signed') return 'note-signed';
	return 'stale';
}

export interface SummaryItem {
	field: string | null;
	message: string;
}

/** The editor's id of a region's "treated" checkbox and of its "agreed today" checkbox. */
export const regionFieldId = (code: string) => `session-region-${code}`;
export const agreedFieldId = (code: string) => `session-agreed-${code}`;

/**
 * A consent problem (409) as error-summary items: the server's detail has one sentence per region
 * ("Neck: the patient has said no to touch here."); each sentence links to the checkbox of the
 * ticked region it names. Refused regions link to "treated", confirmation to "agreed today".
 */
export function consentItems(
	kind: 'consent-refused' | 'consent-confirmation-required',
	detail: string,
	chosen: readonly SessionMapRegion[]
): SummaryItem[] {
	const field = (code: string) => (kind === 'consent-refused' ? `region:${code}` : `agreed:${code}`);
	const sentences = detail
		.split(/(?<=\.)\s+/)
		.map((s) => s.trim())
		.filter(Boolean);
	const items: SummaryItem[] = sentences.map((message) => {
		const region = chosen.find((r) => message.toLowerCase().startsWith(`${r.label.toLowerCase()}:`));
		return { field: region ? field(region.code) : null, message };
	});
	if (items.length > 0) return items;
	// No detail: say it ourselves, one item per ticked region of that status.
	return chosen.map((r) => ({
		field: field(r.code),
		message:
			kind === 'consent-refused'
				? `${r.label}: the patient has said no to touch here.`
				: `${r.label}: confirm the patient agreed to treatment here today.`
	}));
}

/** The element id an error-summary item's field points to. */
export function summaryFieldId(field: string): string {
	if (field.startsWith('region:')) return regionFieldId(field.slice(7));
	if (field.startsWith('agreed:')) return agreedFieldId(field.slice(7));
	const rating = /^ratings\.(pain|tension|stress)\.(before|after)/.exec(field);
	if (rating) return `session-rating-${rating[1]}-${rating[2]}`;
	if (field === 'ratings') return 'session-rating-pain-before';
	if (field === 'techniques') return 'session-techniques';
	if (field === 'regions_treated') return 'session-regions';
	if (field === 'ask_first_confirmed') return 'session-regions';
	return `session-${field.replace(/_/g, '-')}`;
}

/** The form fields server issues map to (`issuesToProblems` picks the longest that matches). */
export const NOTE_FIELDS: readonly string[] = [
	'session_date',
	'subjective',
	'objective',
	'assessment',
	'plan',
	'techniques',
	'regions_treated',
	'ask_first_confirmed',
	'consent_confirmed',
	'screen_completed',
	'ratings',
	...RATING_KEYS.flatMap((k) => [`ratings.${k}.before`, `ratings.${k}.after`]),
	'advice',
	'programme_changes',
	'patient_summary'
];

/**
 * What must be true before signing, checked before asking the server (which checks again): the
 * consent check ticked, and a summary when the patient asked for one.
 */
export function signProblems(form: NoteForm, summaryRequired: boolean): SummaryItem[] {
	const out: SummaryItem[] = [];
	if (!form.consent_confirmed) {
		out.push({ field: 'consent_confirmed', message: 'Confirm that the patient gave consent today before signing.' });
	}
	if (summaryRequired && form.patient_summary.trim() === '') {
		out.push({
			field: 'patient_summary',
			message: 'Write a summary for the patient: they asked for a written summary after each session.'
		});
	}
	return out;
}

// --- ratings in words and across sessions -------------------------------------------------------

/** "6 before, 3 after", "6 before" or "not rated". */
export function ratingPairWords(pair: { before: number | null; after: number | null } | undefined): string {
	const b = pair?.before ?? null;
	const a = pair?.after ?? null;
	if (b === null && a === null) return 'not rated';
	if (a === null) return `${b} before`;
	if (b === null) return `${a} after`;
	return `${b} before, ${a} after`;
}

/** The change from before to after as plain words, for the patient: "down 3", "up 1", "no change". */
export function ratingChangeWords(pair: { before: number | null; after: number | null } | undefined): string | null {
	const b = pair?.before ?? null;
	const a = pair?.after ?? null;
	if (b === null || a === null) return null;
	if (a === b) return 'no change';
	return a < b ? `down ${b - a}` : `up ${a - b}`;
}

export interface RatingPoint {
	date: string;
	before: number | null;
	after: number | null;
}

type RatedItem = { session_date: string; status?: string; ratings?: SessionRatings | null };

/** Signed sessions oldest first (by date; on one day, in the order they happened: lists come newest first). */
function signedOldestFirst<T extends RatedItem>(items: readonly T[]): T[] {
	return items
		.map((item, i) => ({ item, i }))
		.filter(({ item }) => (item.status ?? 'signed') === 'signed')
		.sort((x, y) => x.item.session_date.localeCompare(y.item.session_date) || y.i - x.i)
		.map(({ item }) => item);
}

/**
 * One series per rating for the before/after chart: the sessions oldest first (by date, then
 * as listed), leaving out drafts and sessions with no rating of that kind.
 */
export function ratingSeries(items: readonly RatedItem[]): Record<SessionRatingKey, RatingPoint[]> {
	const signed = signedOldestFirst(items);
	const out = {} as Record<SessionRatingKey, RatingPoint[]>;
	for (const k of RATING_KEYS) {
		out[k] = signed
			.map((s) => ({ date: s.session_date, before: s.ratings?.[k]?.before ?? null, after: s.ratings?.[k]?.after ?? null }))
			.filter((p) => p.before !== null || p.after !== null);
	}
	return out;
}

/** The chart's table: signed sessions with at least one rating, oldest first, every rating (null: not rated). */
export function ratingRows(items: readonly RatedItem[]): { date: string; ratings: SessionRatings }[] {
	return signedOldestFirst(items)
		.map((s) => ({
			date: s.session_date,
			ratings: Object.fromEntries(
				RATING_KEYS.map((k) => [k, { before: s.ratings?.[k]?.before ?? null, after: s.ratings?.[k]?.after ?? null }])
			) as SessionRatings
		}))
		.filter((row) => RATING_KEYS.some((k) => row.ratings[k].before !== null || row.ratings[k].after !== null));
}

/** "3 sessions" / "1 session". */
export function sessionsWord(n: number): string {
	return `${n} ${n === 1 ? 'session' : 'sessions'}`;
}

/** The labels of codes, from a list of {code, label}; unknown codes as given. */
export function labelsOf(codes: readonly string[], known: readonly { code: string; label: string }[]): string[] {
	const byCode = new Map(known.map((k) => [k.code, k.label] as const));
	return codes.map((c) => byCode.get(c) ?? c);
}
