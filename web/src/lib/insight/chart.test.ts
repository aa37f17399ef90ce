import { describe, expect, it } from 'vitest';
import {
	bandOf,
	calendar,
	dayTicks,
	forestAxis,
	linePath,
	linear,
	ribbonPath,
	rollingMean,
	runs,
	scoreBands
} from './chart';

describe('calendar', () => {
	it('fills missing days with null, across a month end', () => {
		const rows = [
			{ date: '2026-08-30', v: 3 },
			{ date: '2026-09-02', v: 5 }
		];
		expect(calendar(rows, (r) => r.v)).toEqual([
			{ date: '2026-08-30', value: 3 },
			{ date: '2026-08-31', value: null },
			{ date: '2026-09-01', value: null },
			{ date: '2026-09-02', value: 5 }
		]);
	});
	it('is empty for no rows', () => {
		expect(calendar([], () => 1)).toEqual([]);
	});
});

describe('rollingMean', () => {
	it('averages the observed days of the last 7 once at least 4 are observed', () => {
		const v = [1, 2, 3, null, 4, 5, 6, 7];
		const m = rollingMean(v);
		expect(m.slice(0, 4)).toEqual([null, null, null, null]);
		expect(m[4]).toBe(2.5); // 1, 2, 3, 4
		expect(m[6]).toBe(3.5); // 1..6 without the gap
		expect(m[7]).toBe(4.5); // 2, 3, 4, 5, 6, 7
	});
	it('gives null when too few of the 7 days are observed', () => {
		expect(rollingMean([5, null, null, null, null, null, 5, 5, 5])[8]).toBeNull();
	});
});

describe('scales and paths', () => {
	it('maps linearly, and a flat domain to the middle', () => {
		const y = linear([0, 10], [200, 0]);
		expect(y(0)).toBe(200);
		expect(y(5)).toBe(100);
		expect(linear([3, 3], [0, 10])(3)).toBe(5);
	});
	it('breaks the line at gaps', () => {
		expect(linePath([1, 2, null, 4], (i) => i * 10, (v) => v)).toBe('M0.0 1.0 L10.0 2.0 M30.0 4.0');
	});
	it('draws one ribbon polygon per run of known days', () => {
		const d = ribbonPath([1, 1, null, 2], [3, 3, null, 4], (i) => i, (v) => v);
		expect(d).toBe('M0.0 3.0 L1.0 3.0 L1.0 1.0 L0.0 1.0 Z M3.0 4.0 L3.0 2.0 Z');
	});
	it('finds runs of days', () => {
		expect(runs(6, (i) => i === 1 || i === 2 || i === 5)).toEqual([
			[1, 2],
			[5, 5]
		]);
	});
	it('spreads day ticks with both ends', () => {
		expect(dayTicks(100, 5)).toEqual([0, 25, 50, 74, 99]);
		expect(dayTicks(1)).toEqual([0]);
		expect(dayTicks(0)).toEqual([]);
	});
});

describe('forestAxis', () => {
	it('holds zero and every interval on round ticks', () => {
		const { domain, ticks } = forestAxis([-1.23, -0.2, 0.21, 0.91]);
		expect(domain[0]).toBeLessThanOrEqual(-1.23);
		expect(domain[1]).toBeGreaterThanOrEqual(1);
		expect(ticks).toContain(0);
		expect(ticks[0]).toBe(domain[0]);
		expect(ticks[ticks.length - 1]).toBe(domain[1]);
	});
	it('ignores missing values', () => {
		expect(forestAxis([null]).domain).toEqual([-1, 1]);
	});
});

describe('scoreBands', () => {
	const total = (min: number | null, max: number | null) => [{ scale: 'total', min, max }];
	// As content/instruments/phq9.json defines them, in its own order.
	const phq9 = [
		{ id: 'severe', label: 'Severe', when: total(20, 27) },
		{ id: 'minimal', label: 'Minimal or none', when: total(0, 4) },
		{ id: 'mild', label: 'Mild', when: total(5, 9) },
		{ id: 'moderate', label: 'Moderate', when: total(10, 14) },
		{ id: 'moderately_severe', label: 'Moderately severe', when: total(15, 19) }
	];
	it('gives the bands lowest first with the ranges of their total (§5.5: 0–4 … 20–27)', () => {
		const bands = scoreBands(phq9);
		expect(bands.map((b) => [b.min, b.max])).toEqual([
			[0, 4],
			[5, 9],
			[10, 14],
			[15, 19],
			[20, 27]
		]);
		expect(bandOf(16, bands)?.label).toBe('Moderately severe');
		expect(bandOf(7, bands)?.label).toBe('Mild');
	});
	it('gives nothing when a band has no bounded total range', () => {
		expect(scoreBands([{ id: 'x', label: 'X', when: total(3, null) }])).toEqual([]);
		expect(scoreBands([{ id: 'y', label: 'Y', when: [{ scale: 'somatic', min: 0, max: 3 }] }])).toEqual([]);
	});
});
