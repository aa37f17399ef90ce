import { describe, expect, it } from 'vitest';
import { groupScores, progressSentence } from './progress';

const r = (instrument: string, version: string, at: string, total: number | null, band: string | null) => ({
	instrument,
	instrument_version: version,
	title: instrument === 'phq9' ? 'PHQ-9' : instrument,
	completed_at: `${at}T09:00:00Z`,
	total,
	band_label: band
});

describe('groupScores', () => {
	it('groups per instrument and version, oldest first, without unscored responses', () => {
		const groups = groupScores([
			r('phq9', '1.0', '2026-11-18', 7, 'Mild'),
			r('phq9', '1.0', '2026-10-21', 16, 'Moderately severe'),
			r('phq9', '2.0', '2026-11-20', 5, 'Mild'),
			r('nprs', '1.0', '2026-11-18', null, null)
		]);
		expect(groups.map((g) => g.key)).toEqual(['phq9@1.0', 'phq9@2.0']);
		expect(groups[0]!.scores.map((s) => s.total)).toEqual([16, 7]);
	});
});

describe('progressSentence', () => {
	it('lists the scores with their bands in words', () => {
		const [g] = groupScores([
			r('phq9', '1.0', '2026-10-21', 16, 'Moderately severe'),
			r('phq9', '1.0', '2026-11-04', 12, 'Moderate'),
			r('phq9', '1.0', '2026-11-18', 7, 'Mild')
		]);
		expect(progressSentence(g!, true)).toBe(
			'Your PHQ-9 scores: 16 on 21 October 2026 (moderately severe), 12 on 4 November 2026 (moderate), then 7 on 18 November 2026 (mild). Lower scores are better.'
		);
	});
	it('handles one score and an unknown direction', () => {
		const [g] = groupScores([r('nprs', '1.0', '2026-10-21', 5, null)]);
		expect(progressSentence(g!, null)).toBe('Your nprs score: 5 on 21 October 2026.');
		expect(progressSentence(g!, false, 'staff')).toBe('Score: 5 on 21 October 2026. Higher scores are better.');
	});
});
