// Questionnaire progress for the insight views: a patient's scored responses grouped per
// instrument and version (never across versions), oldest first, with each score's band, and the
// plain-words summary the patient reads. Pure; tested in progress.test.ts.
import { formatCalendarDate } from '$lib/format';

export interface ScoredLike {
	instrument: string;
	instrument_version: string;
	title: string;
	completed_at: string;
	total: number | null;
	band_label: string | null;
}

export interface ProgressScore {
	date: string;
	total: number;
	band: string | null;
}

export interface ProgressGroup {
	key: string;
	instrument: string;
	version: string;
	title: string;
	scores: ProgressScore[];
}

/** Scored responses per instrument and version, oldest first; unscored ones are left out. */
export function groupScores(responses: readonly ScoredLike[]): ProgressGroup[] {
	const groups = new Map<string, ProgressGroup>();
	for (const r of responses) {
		if (r.total === null) continue;
		const key = `${r.instrument}@${r.instrument_version}`;
		let g = groups.get(key);
		if (!g) {
			g = { key, instrument: r.instrument, version: r.instrument_version, title: r.title, scores: [] };
			groups.set(key, g);
		}
		g.scores.push({ date: r.completed_at.slice(0, 10), total: r.total, band: r.band_label });
	}
	for (const g of groups.values()) g.scores.sort((a, b) => a.date.localeCompare(b.date));
	return [...groups.values()];
}

/** "16 on 21 October 2026 (moderately severe)" */
export function scoreWords(s: ProgressScore): string {
	const band = s.band ? ` (${s.band.toLowerCase()})` : '';
	return `${s.total} on ${formatCalendarDate(s.date)}${band}`;
}

/**
 * The patient's sentence: every score in order, then what the direction means. No verdicts, no
 * thresholds: just the scores and their bands in words.
 */
export function progressSentence(
	g: ProgressGroup,
	higherIsWorse: boolean | null,
	audience: 'patient' | 'staff' = 'patient'
): string {
	if (g.scores.length === 0) return '';
	const list = g.scores.map(scoreWords);
	const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')}, then ${list[list.length - 1]}`;
	const meaning = higherIsWorse === null ? '' : higherIsWorse ? ' Lower scores are better.' : ' Higher scores are better.';
	const scores = `score${list.length > 1 ? 's' : ''}`;
	if (audience === 'staff') return `${scores.charAt(0).toUpperCase()}${scores.slice(1)}: ${joined}.${meaning}`;
	return `Your ${g.title} ${scores}: ${joined}.${meaning}`;
}
