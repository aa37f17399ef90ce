import { describe, expect, it } from 'vitest';
import { interval, level, percent, points, proportionText, signedPoints, twoSignificant } from './format';

describe('points', () => {
	it('shows one decimal and never "-0.0"', () => {
		expect(points(0.5560803509397167)).toBe('0.6');
		expect(points(-0.04)).toBe('0.0');
		expect(points(null)).toBe('–');
		expect(points(-0.363, 2)).toBe('-0.36');
	});
	it('adds a sign for estimates', () => {
		expect(signedPoints(0.21)).toBe('+0.2');
		expect(signedPoints(-0.34)).toBe('-0.3');
		expect(signedPoints(0.01)).toBe('0.0');
	});
});

describe('interval (§3.7: rounded outward)', () => {
	it('rounds the low end down and the high end up', () => {
		expect(interval(0.20578913155020834, 0.9063715703292252)).toBe('0.2 to 1.0');
		expect(interval(-0.8009466591176578, 0.11477266819100429)).toBe('-0.9 to 0.2');
		expect(interval(-1.2350109232254796, -0.217318970105299)).toBe('-1.3 to -0.2');
	});
	it('keeps exact one-decimal ends as they are', () => {
		expect(interval(0.2, 1.0)).toBe('0.2 to 1.0');
		expect(interval(-0.3, 0.3)).toBe('-0.3 to 0.3');
	});
	it('rounds to two decimals for coefficients', () => {
		expect(interval(-0.6175054616127398, -0.1086594850526495, 2)).toBe('-0.62 to -0.10');
	});
	it('shows a dash when an end is missing', () => {
		expect(interval(null, 1)).toBe('–');
	});
});

describe('twoSignificant (p and q as the clinician line writes them)', () => {
	it.each([
		[0.005773136963697269, '.0058'],
		[0.013299570194028252, '.013'],
		[0.0996, '.10'],
		[0.5105397960710945, '.51'],
		[2.7038907880224206e-6, '.0000027'],
		[1.0248387836758498e-11, '1.0e-11'],
		[3.1131093708500225e-7, '3.1e-07'],
		[0, '0'],
		[1, '1.0']
	])('%s → %s', (value, text) => {
		expect(twoSignificant(value)).toBe(text);
	});
	it('says n/a for a missing value', () => {
		expect(twoSignificant(null)).toBe('n/a');
	});
});

describe('level and percent', () => {
	it('drops a trailing .0 from 0–10 levels', () => {
		expect(level(6)).toBe('6');
		expect(level(5.5)).toBe('5.5');
	});
	it('shows whole percentages', () => {
		expect(percent(89.0)).toBe('89%');
		expect(percent(null)).toBe('–');
	});
	it('shows a proportion with its Wilson CI rounded outward', () => {
		expect(proportionText(0.4237, 0.2812, 0.5791)).toBe('42% (95% CI 28% to 58%)');
		expect(proportionText(null, null, null)).toBe('–');
	});
});
