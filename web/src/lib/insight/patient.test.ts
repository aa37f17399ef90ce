import { describe, expect, it } from 'vitest';
import type { InsightPair } from '$lib/api/insight-types';
import { pairDisplay } from './patient';

function pair(tier: InsightPair['tier'], extra: Partial<InsightPair> = {}): InsightPair {
	return {
		x: 'stress',
		y: 'pain',
		tier,
		days_needed: tier === 'insufficient' ? 12 : 0,
		n_pairs: tier === 'insufficient' ? 16 : 77,
		both_directions: false,
		summary: 'In your check-ins, higher stress tended to be followed by higher pain the next day.',
		directions: [
			{ x: 'stress', y: 'pain', verdict: 'clear_positive', message: 'After days when your stress was higher…', contrast_delta: 0.6, contrast_ci_low: 0.2, contrast_ci_high: 1 },
			{ x: 'pain', y: 'stress', verdict: 'not_shown', message: '', contrast_delta: null, contrast_ci_low: null, contrast_ci_high: null }
		],
		...extra
	};
}

describe('pairDisplay', () => {
	it('asks for more days when there are too few', () => {
		const d = pairDisplay(pair('insufficient'));
		expect(d.title).toBe('Stress and pain');
		expect(d.badge).toEqual({ kind: 'wait', text: 'Keep checking in — about 12 more days' });
		expect(d.summary).toBeNull();
		expect(d.sentences.join(' ')).not.toMatch(/after days/i);
	});
	it('marks an early look', () => {
		expect(pairDisplay(pair('early_look')).badge).toEqual({ kind: 'early', text: 'Early look' });
	});
	it('shows the summary and the non-empty sentences otherwise', () => {
		const d = pairDisplay(pair('established'));
		expect(d.badge).toBeNull();
		expect(d.summary).toMatch(/followed by higher pain/);
		expect(d.sentences).toEqual(['After days when your stress was higher…']);
	});
	it('names the other primary pairs', () => {
		expect(pairDisplay(pair('standard', { x: 'sleep', y: 'pain' })).title).toBe('Sleep and pain');
		expect(pairDisplay(pair('standard', { x: 'pain', y: 'mood' })).title).toBe('Pain and mood');
		expect(pairDisplay(pair('standard', { x: 'tension', y: 'mood' })).title).toBe('Tension and mood');
	});
});
