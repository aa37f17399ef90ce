// What the patient's page shows for one primary pair (analytics_methods §3.5, §3.9): the title,
// the tier badge ("Early look"; "Keep checking in — about N more days"), the one-sentence summary
// and the sentence of each direction. Never p, q or SE: only the server's patient wording.
// Pure; tested in patient.test.ts.
import type { InsightPair } from '$lib/api/insight-types';
import { daysNeededText, variableName } from './words';

const PAIR_TITLES: Record<string, string> = {
	'stress-pain': 'Stress and pain',
	'sleep-pain': 'Sleep and pain',
	'pain-mood': 'Pain and mood'
};

export interface PairDisplay {
	title: string;
	badge: { kind: 'early' | 'wait'; text: string } | null;
	summary: string | null;
	sentences: string[];
}

export function pairDisplay(pair: InsightPair): PairDisplay {
	const title = PAIR_TITLES[`${pair.x}-${pair.y}`] ?? `${variableName(pair.x)} and ${variableName(pair.y).toLowerCase()}`;
	if (pair.tier === 'insufficient') {
		return {
			title,
			badge: { kind: 'wait', text: `Keep checking in — ${daysNeededText(pair.days_needed) || 'a few more days'}` },
			summary: null,
			sentences: ['We need more days of check-ins before we can say anything about these two.']
		};
	}
	return {
		title,
		badge: pair.tier === 'early_look' ? { kind: 'early', text: 'Early look' } : null,
		summary: pair.summary || null,
		sentences: pair.directions.map((d) => d.message).filter((m) => m !== '')
	};
}
