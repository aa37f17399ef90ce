import { describe, expect, it } from 'vitest';
import type { Change } from '../api/assess-types';
import { changeLabel, formatPoints, previousText } from './change-label';

function change(over: Partial<Change>): Change {
	return {
		previous_response_id: 'r0',
		previous_total: 14,
		difference: -5,
		direction: 'better',
		mcid: null,
		reliable_change: null,
		...over
	};
}

describe('formatPoints', () => {
	it('uses the singular for one point and drops the sign', () => {
		expect(formatPoints(1)).toBe('1 point');
		expect(formatPoints(-5)).toBe('5 points');
		expect(formatPoints(2.25)).toBe('2.3 points');
		expect(formatPoints(-0.5)).toBe('0.5 points');
	});
});

describe('changeLabel', () => {
	it('says the full story of a meaningful, reliable improvement', () => {
		expect(
			changeLabel(
				change({
					mcid: { threshold_points: 5, threshold_percent: null, met: true, label: null },
					reliable_change: { threshold: 7, category: 'reliable_improvement' }
				})
			)
		).toBe('5 points better — meaningful change (MCID); reliable improvement');
	});
	it('names the MCID label when the definition has one', () => {
		expect(
			changeLabel(change({ difference: 3, direction: 'better', mcid: { threshold_points: 2.3, threshold_percent: null, met: true, label: 'medium' } }))
		).toBe('3 points better — meaningful change (MCID, medium)');
	});
	it('says when an improvement is below the MCID', () => {
		expect(
			changeLabel(
				change({
					difference: -2,
					mcid: { threshold_points: 5, threshold_percent: null, met: false, label: null },
					reliable_change: { threshold: 7, category: 'no_reliable_change' }
				})
			)
		).toBe('2 points better — below the meaningful change (MCID); not a reliable change');
	});
	it('describes getting worse without MCID wording', () => {
		expect(
			changeLabel(
				change({
					difference: 8,
					direction: 'worse',
					mcid: { threshold_points: 5, threshold_percent: null, met: false, label: null },
					reliable_change: { threshold: 7, category: 'reliable_deterioration' }
				})
			)
		).toBe('8 points worse — reliable deterioration');
	});
	it('says "No change" plainly', () => {
		expect(changeLabel(change({ difference: 0, direction: 'same' }))).toBe('No change since last time');
		expect(
			changeLabel(change({ difference: 0, direction: 'same', reliable_change: { threshold: 7, category: 'no_reliable_change' } }))
		).toBe('No change — not a reliable change');
	});
	it('keeps a bare difference when nothing else is known', () => {
		expect(changeLabel(change({ difference: 1, direction: 'worse' }))).toBe('1 point worse');
	});
});

describe('previousText', () => {
	it('shows the earlier total', () => {
		expect(previousText(change({}))).toBe('from 14');
		expect(previousText(change({ previous_total: 4.333 }))).toBe('from 4.3');
	});
});
