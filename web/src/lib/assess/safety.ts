// Client-side safety-rule evaluation. Pure; tested in safety.test.ts.
//
// Why on the client at all: the crisis panel must appear the moment a patient gives an answer
// that fires a safety rule (PHQ-9 item 9 above "Not at all"), not after a debounced save has gone
// to the server and back — and not at all if the network is down. The server evaluates the same
// rules on every draft save and raises the clinician alert; this only decides what to SHOW.
// It never decides anything the clinician sees.
import type { AlertRule, AnswerValue, Draft, Instrument, InstrumentItem } from '../api/assess-types';

/**
 * The score an answer carries, as the server's scoring uses it for item rules: a choice item's
 * option score, an integer item's value; null for unanswered, unknown codes and text items.
 * (Reverse-scored items are not described in the Instrument schema; no safety item uses one.)
 */
export function itemScore(item: InstrumentItem, value: AnswerValue | undefined): number | null {
	if (value === null || value === undefined) return null;
	if (item.type === 'choice') {
		const option = (item.options ?? []).find((o) => o.code === value);
		return option && typeof option.score === 'number' ? option.score : null;
	}
	if (item.type === 'integer') {
		return typeof value === 'number' && Number.isFinite(value) ? value : null;
	}
	return null;
}

function inRange(rule: AlertRule, value: number): boolean {
	const { min, max } = rule;
	return (min === null || min === undefined || value >= min) && (max === null || max === undefined || value <= max);
}

/**
 * The instrument's safety rules that the answers fire. Only item rules are checked here; a rule on
 * a scale (a total) is left to the server, whose draft answer then says `crisis_support`.
 */
export function firedSafetyRules(
	instrument: Pick<Instrument, 'items' | 'alerts'>,
	answers: Record<string, AnswerValue> | undefined
): AlertRule[] {
	if (!answers) return [];
	const fired: AlertRule[] = [];
	for (const rule of instrument.alerts) {
		if (rule.kind !== 'safety' || !rule.item) continue;
		const item = instrument.items.find((i) => i.link_id === rule.item);
		if (!item) continue;
		const score = itemScore(item, answers[rule.item]);
		if (score !== null && inRange(rule, score)) fired.push(rule);
	}
	return fired;
}

/** True when any instrument's answers in the draft fire a safety rule. */
export function draftFiresSafetyRule(
	instruments: readonly Pick<Instrument, 'id' | 'items' | 'alerts'>[],
	draft: Pick<Draft, 'answers'>
): boolean {
	return instruments.some((i) => firedSafetyRules(i, draft.answers[i.id]).length > 0);
}
