import { describe, expect, it } from 'vitest';
import { daysNeededText, pairLabel, reasonText, tierLabel, verdictLabel } from './words';

describe('insight words', () => {
	it('labels the pairs by their lag definition', () => {
		expect(pairLabel({ model: 'M1', x: 'stress', y: 'pain', lag_definition: 'x(t-1)->y(t)' })).toBe('Stress(t−1) → Pain(t)');
		expect(pairLabel({ model: 'M1', x: 'sleep', y: 'pain', lag_definition: 'sleep(night before t)->y(t)' })).toBe(
			'Sleep (night before t) → Pain(t)'
		);
		expect(pairLabel({ model: 'M1', x: 'pain', y: 'sleep', lag_definition: 'x(t)->sleep(night after t)' })).toBe(
			'Pain(t) → Sleep (night after t)'
		);
		expect(pairLabel({ model: 'M2', x: 'stress', y: 'pain', lag_definition: 'x(t)~y(t)' })).toBe('Stress ~ Pain (same day)');
	});
	it('names tiers, verdicts and reasons', () => {
		expect(tierLabel('early_look')).toBe('Early look');
		expect(verdictLabel('clear_positive')).toBe('Clear, positive');
		expect(reasonText(null)).toBe('eligible');
		expect(reasonText('too_few_pairs')).toBe('fewer than 28 usable pairs');
		expect(reasonText('something_new')).toBe('something new');
	});
	it('counts the days still needed', () => {
		expect(daysNeededText(0)).toBe('');
		expect(daysNeededText(1)).toBe('about 1 more day');
		expect(daysNeededText(12)).toBe('about 12 more days');
	});
});
