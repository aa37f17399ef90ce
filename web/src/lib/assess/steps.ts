// The screens of an assessment pack, where a person is in it, and where to resume. Pure; tested in
// steps.test.ts. One question per screen, instruments in the order the clinician chose, then the
// body map (when the pack has one), then a review screen before submitting.
import type { AnswerValue, Draft, Instrument, InstrumentItem } from '../api/assess-types';

export type Step =
	| {
			kind: 'question';
			instrument: Instrument;
			item: InstrumentItem;
			/** 1-based position among the instrument's own items ("item 9 of PHQ-9"). */
			itemNumber: number;
			/** 1-based position among everything to answer, body map included. */
			position: number;
	  }
	| { kind: 'body-map'; position: number }
	| { kind: 'review' };

/** Text-less (scoring-only) instruments can be completed with a clinician only. */
export function canCompleteInPortal(instrument: Pick<Instrument, 'licence'>): boolean {
	// Absent means the server did not say: treat as not completable, the safe way round.
	return instrument.licence.text_available === true;
}

/**
 * Every screen of the pack. `staff`: a clinician entering answers in clinic, who also gets the
 * scoring-only instruments (a patient never sees those; they are left for the appointment).
 */
export function buildSteps(instruments: readonly Instrument[], bodyMap: boolean, staff: boolean): Step[] {
	const steps: Step[] = [];
	let position = 0;
	for (const instrument of instruments) {
		if (!staff && !canCompleteInPortal(instrument)) continue;
		instrument.items.forEach((item, i) => {
			position += 1;
			steps.push({ kind: 'question', instrument, item, itemNumber: i + 1, position });
		});
	}
	if (bodyMap) steps.push({ kind: 'body-map', position: position + 1 });
	steps.push({ kind: 'review' });
	return steps;
}

/** How many screens come before the review (the progress bar's maximum; body map included). */
export function totalPositions(steps: readonly Step[]): number {
	return steps.filter((s) => s.kind !== 'review').length;
}

/** How many questions there are (the N of "Question n of N", as the server's question_count). */
export function questionTotal(steps: readonly Step[]): number {
	return steps.filter((s) => s.kind === 'question').length;
}

export function answerOf(draft: Pick<Draft, 'answers'>, instrumentId: string, linkId: string): AnswerValue {
	return draft.answers[instrumentId]?.[linkId] ?? null;
}

export function isAnswered(value: AnswerValue | undefined): boolean {
	if (value === null || value === undefined) return false;
	if (typeof value === 'string') return value.trim() !== '';
	return Number.isFinite(value);
}

/** Body map: done once any region is marked, or once the person moved past it (see resume). */
export function stepAnswered(step: Step, draft: Draft): boolean {
	if (step.kind === 'question') {
		return isAnswered(answerOf(draft, step.instrument.id, step.item.link_id));
	}
	if (step.kind === 'body-map') return draft.body_map.length > 0;
	return false;
}

/**
 * Where to pick up after a reload: the screen after the last one answered (people answer in order,
 * and someone who skipped question 2 on purpose should not be sent back to it on every visit);
 * the first screen when nothing is answered; the review screen when the last screen was answered.
 */
export function resumeIndex(steps: readonly Step[], draft: Draft): number {
	let last = -1;
	steps.forEach((step, i) => {
		if (stepAnswered(step, draft)) last = i;
	});
	return Math.min(last + 1, steps.length - 1);
}

/** "Question 3 of 16" (questions only), "Last step: body map"; empty for the review screen. */
export function progressText(step: Step, questions: number): string {
	if (step.kind === 'question') return `Question ${step.position} of ${questions}`;
	if (step.kind === 'body-map') return 'Last step: body map';
	return '';
}

export interface Unanswered {
	index: number;
	position: number;
	label: string;
}

/** The screens still without an answer, for the review screen ("Question 4: Feeling tired…"). */
export function unansweredSteps(steps: readonly Step[], draft: Draft): Unanswered[] {
	const out: Unanswered[] = [];
	steps.forEach((step, index) => {
		if (step.kind === 'review' || stepAnswered(step, draft)) return;
		if (step.kind === 'question') {
			out.push({ index, position: step.position, label: questionLabel(step.item, step.itemNumber) });
		} else {
			out.push({ index, position: step.position, label: 'Where you feel pain or tension (optional)' });
		}
	});
	return out;
}

/** The words of a question, or for a scoring-only item its number and theme. */
export function questionLabel(item: InstrumentItem, itemNumber: number): string {
	if (item.text) return item.text;
	return item.theme ? `Item ${itemNumber}: ${item.theme}` : `Item ${itemNumber}`;
}

/** The number of questions answered, as the summary lists show it. */
export function answeredCount(steps: readonly Step[], draft: Draft): number {
	return steps.filter((s) => s.kind === 'question' && stepAnswered(s, draft)).length;
}

/** A copy of the draft with one answer set (null clears it). */
export function withAnswer(draft: Draft, instrumentId: string, linkId: string, value: AnswerValue): Draft {
	return {
		...draft,
		answers: { ...draft.answers, [instrumentId]: { ...(draft.answers[instrumentId] ?? {}), [linkId]: value } }
	};
}

/** A draft with an entry for every instrument of the pack, whatever the server sent. */
export function normaliseDraft(draft: Partial<Draft> | null | undefined, instrumentIds: readonly string[]): Draft {
	const answers: Draft['answers'] = {};
	for (const id of instrumentIds) answers[id] = { ...(draft?.answers?.[id] ?? {}) };
	return {
		answers,
		body_map: Array.isArray(draft?.body_map) ? [...draft.body_map] : [],
		recall: { ...(draft?.recall ?? {}) }
	};
}

const RECALL_WORDS: Record<string, string> = {
	now: 'right now',
	today: 'today',
	PT24H: 'the last 24 hours',
	P1D: 'the last day',
	P1W: 'the past week',
	P7D: 'the past 7 days',
	P2W: 'the last 2 weeks',
	P14D: 'the last 14 days',
	P1M: 'the last month',
	P4W: 'the last 4 weeks'
};

/** A recall period in plain words: "P2W" → "the last 2 weeks". Unknown codes are shown as given. */
export function recallWords(code: string): string {
	const known = RECALL_WORDS[code];
	if (known) return known;
	const m = /^P(?:T(\d+)H|(\d+)([DWMY]))$/.exec(code);
	if (!m) return code;
	if (m[1]) return `the last ${m[1]} hours`;
	const n = Number(m[2]);
	const unit = { D: 'day', W: 'week', M: 'month', Y: 'year' }[m[3] as 'D' | 'W' | 'M' | 'Y'];
	return n === 1 ? `the last ${unit}` : `the last ${n} ${unit}s`;
}

/** The recall period that applies to an instrument in this draft. */
export function recallFor(instrument: Pick<Instrument, 'id' | 'recall_period'>, draft: Pick<Draft, 'recall'>): string {
	const period = instrument.recall_period;
	if (!period) return '';
	const chosen = draft.recall[instrument.id];
	return chosen && period.options.includes(chosen) ? chosen : period.default;
}

/** The recall periods a clinician may choose between (none when the instrument has just one). */
export function recallOptions(instrument: Pick<Instrument, 'recall_period'>): string[] {
	const options = instrument.recall_period?.options ?? [];
	return options.length > 1 ? options : [];
}
