// Correcting a questionnaire response (staff): what the form checks before sending, the body of
// PATCH /responses/{id}, and how versions are described. Pure; tested in correction.test.ts.
import type {
	AnswerValue,
	Instrument,
	Response,
	ResponseCorrection,
	ResponseVersion
} from '../api/assess-types';
import { formatInstant } from '../format';
import type { FormProblem } from './forms';
import { isAnswered } from './steps';

export const CORRECTION_REASON_MAX = 500;

export type Answers = Record<string, AnswerValue>;

/** The form's field for an item ("answers.phq9_3", as the server names it in its issues). */
export function answerField(linkId: string): string {
	return `answers.${linkId}`;
}

/** Every field of the form, for mapping the server's issues: the items in order, then the reason. */
export function correctionFields(instrument: Pick<Instrument, 'items'>): string[] {
	return [...instrument.items.map((i) => answerField(i.link_id)), 'reason'];
}

/** An answer as the form compares it: blank text and missing are both "no answer". */
function comparable(value: AnswerValue | undefined): AnswerValue {
	if (!isAnswered(value)) return null;
	return typeof value === 'string' ? value.trim() : (value as number);
}

/** The link ids whose answer differs between two sets of answers, in `order`. */
export function changedItems(before: Answers, after: Answers, order: readonly string[]): string[] {
	const ids = [...order, ...Object.keys({ ...before, ...after }).filter((id) => !order.includes(id))];
	return ids.filter((id) => comparable(before[id]) !== comparable(after[id]));
}

/** What stops the correction being sent, in form order; empty when it may go. */
export function correctionProblems(before: Answers, after: Answers, reason: string, order: readonly string[]): FormProblem[] {
	const problems: FormProblem[] = [];
	if (changedItems(before, after, order).length === 0) {
		problems.push({ field: null, message: 'Change at least one answer, or cancel the correction.' });
	}
	const r = reason.trim();
	if (r === '') problems.push({ field: 'reason', message: 'Say why the answers are being corrected.' });
	else if (r.length > CORRECTION_REASON_MAX) {
		problems.push({ field: 'reason', message: `Keep the reason to ${CORRECTION_REASON_MAX} characters or fewer.` });
	}
	return problems;
}

/** The PATCH body: every item of the instrument (null where unanswered) and the trimmed reason. */
export function correctionBody(instrument: Pick<Instrument, 'items'>, answers: Answers, reason: string): ResponseCorrection {
	const out: Answers = {};
	for (const item of instrument.items) out[item.link_id] = comparable(answers[item.link_id]);
	return { answers: out, reason: reason.trim() };
}

/**
 * "Version 2 — corrected by Sam Lee on 5 Mar 2025, 14:03: typed in the wrong box"; null for a
 * response never corrected. Without the history (it failed to load) it still says it was corrected.
 */
export function correctionNote(
	response: Pick<Response, 'version'>,
	history: readonly ResponseVersion[] | null,
	timeZone: string
): string | null {
	if (response.version <= 1) return null;
	const latest = history?.find((v) => v.version === response.version);
	if (!latest) return `Version ${response.version} (corrected)`;
	const reason = latest.reason?.trim();
	return `Version ${latest.version} — corrected by ${latest.author.name} on ${formatInstant(latest.recorded_at, timeZone)}${reason ? `: ${reason}` : ''}`;
}

/** "Corrected by Sam Lee" or, for the first version, "Recorded by Alex Kay". */
export function versionAuthorText(version: Pick<ResponseVersion, 'version' | 'author'>): string {
	return `${version.version > 1 ? 'Corrected' : 'Recorded'} by ${version.author.name}`;
}

/** A version's total, when the instrument has a numeric one. */
export function versionTotal(version: Pick<ResponseVersion, 'score'>): number | null {
	const total = version.score?.total?.score;
	return typeof total === 'number' ? total : null;
}
