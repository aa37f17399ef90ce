// Wording of the change since the previous score, for clinicians. Pure; tested in
// change-label.test.ts. Example: "5 points better — meaningful change (MCID); reliable improvement".
// The server decides the facts (difference, direction, MCID met, reliable-change category); this
// only says them in plain words, so the rules live in one place (assess/outcome_change).
import type { Change } from '../api/assess-types';

/** A score difference as people say it: whole numbers plainly, others to one decimal place. */
export function formatPoints(value: number): string {
	const abs = Math.abs(value);
	const text = Number.isInteger(abs) ? String(abs) : abs.toFixed(1).replace(/\.0$/, '');
	return `${text} ${text === '1' ? 'point' : 'points'}`;
}

function mcidPart(change: Change): string | null {
	const mcid = change.mcid;
	if (!mcid || mcid.met === null) return null;
	const name = mcid.label ? `MCID, ${mcid.label}` : 'MCID';
	if (mcid.met) return `meaningful change (${name})`;
	// "Not met" only says something about an improvement: MCID thresholds describe getting better.
	return change.direction === 'better' ? `below the meaningful change (${name})` : null;
}

const RELIABLE_WORDS: Record<NonNullable<Change['reliable_change']>['category'], string> = {
	reliable_improvement: 'reliable improvement',
	reliable_deterioration: 'reliable deterioration',
	no_reliable_change: 'not a reliable change'
};

/** The full label; "No change since last time" when the totals are equal. */
export function changeLabel(change: Change): string {
	const head =
		change.direction === 'same' || change.difference === 0
			? 'No change'
			: `${formatPoints(change.difference)} ${change.direction === 'better' ? 'better' : 'worse'}`;
	const details = [mcidPart(change), change.reliable_change ? RELIABLE_WORDS[change.reliable_change.category] : null]
		.filter((p): p is string => p !== null);
	if (details.length === 0) return head === 'No change' ? 'No change since last time' : head;
	return `${head} — ${details.join('; ')}`;
}

/** The previous score, for a screen reader and a tooltip-free hint: "from 14". */
export function previousText(change: Change): string {
	const previous = Number.isInteger(change.previous_total)
		? String(change.previous_total)
		: change.previous_total.toFixed(1);
	return `from ${previous}`;
}
