import { describe, expect, it } from 'vitest';
import { effectSizeCell, meanChangeCell, proportionCell } from './outcomes';

const prop = (count: number, denominator: number, suppressed: boolean, p: number | null = null, lo: number | null = null, hi: number | null = null) => ({
	count,
	denominator,
	suppressed,
	proportion: p,
	ci_low: lo,
	ci_high: hi
});
const mean = (n: number, suppressed: boolean, m: number | null = null, lo: number | null = null, hi: number | null = null, es: number | null = null) => ({
	n,
	suppressed,
	mean: m,
	sd: null,
	ci_low: lo,
	ci_high: hi,
	effect_size: es,
	effect_size_label: 'within-group; not a treatment effect'
});

describe('proportionCell', () => {
	it('shows counts only below 10', () => {
		expect(proportionCell(prop(1, 1, true))).toBe('1 of 1 (fewer than 10 — counts only)');
	});
	it('shows the proportion with its Wilson CI rounded outward', () => {
		expect(proportionCell(prop(5, 12, false, 5 / 12, 0.1933, 0.6805))).toBe('42% (95% CI 19% to 69%); 5 of 12');
	});
	it('says none for an empty denominator', () => {
		expect(proportionCell(prop(0, 0, true))).toBe('none');
	});
});

describe('meanChangeCell', () => {
	it('shows the mean change with its CI', () => {
		expect(meanChangeCell(mean(12, false, -3.24, -4.11, -2.36, -0.81))).toBe('-3.2 points (95% CI -4.2 to -2.3), n = 12');
		expect(effectSizeCell(mean(12, false, -3.24, -4.11, -2.36, -0.81))).toBe(
			'effect size -0.8 (within-group; not a treatment effect)'
		);
	});
	it('withholds the mean below 10', () => {
		expect(meanChangeCell(mean(1, true))).toBe('n = 1 (fewer than 10 — counts only)');
		expect(effectSizeCell(mean(1, true))).toBe('');
	});
});
