import { describe, expect, it } from 'vitest';
import type { BodyRegion } from '../api/assess-types';
import {
	intensityLevel,
	intensityOf,
	intensityWords,
	markedRegions,
	parseIntensity,
	regionsForView,
	shapeCentre,
	withIntensity
} from './body-map';

describe('parseIntensity', () => {
	it('accepts whole numbers 0–10', () => {
		expect(parseIntensity('0')).toBe(0);
		expect(parseIntensity('7')).toBe(7);
		expect(parseIntensity(' 10 ')).toBe(10);
		expect(parseIntensity(4)).toBe(4);
	});
	it('reads empty as "not marked"', () => {
		expect(parseIntensity('')).toBeNull();
		expect(parseIntensity('  ')).toBeNull();
		expect(parseIntensity(null)).toBeNull();
		expect(parseIntensity(undefined)).toBeNull();
	});
	it('rejects anything else', () => {
		for (const bad of ['11', '-1', '2.5', 'ten', '1e1', '007', 2.5]) {
			expect(parseIntensity(bad), String(bad)).toBeUndefined();
		}
	});
});

describe('withIntensity', () => {
	const order = ['head', 'neck', 'lower_back'];
	it('adds, replaces and removes, keeping the content order', () => {
		let e = withIntensity([], 'lower_back', 6, order);
		e = withIntensity(e, 'head', 2, order);
		expect(e).toEqual([
			{ region: 'head', intensity: 2 },
			{ region: 'lower_back', intensity: 6 }
		]);
		e = withIntensity(e, 'head', 5, order);
		expect(intensityOf(e, 'head')).toBe(5);
		e = withIntensity(e, 'head', null, order);
		expect(e).toEqual([{ region: 'lower_back', intensity: 6 }]);
		expect(intensityOf(e, 'head')).toBeNull();
	});
	it('keeps 0 as a recorded value', () => {
		expect(withIntensity([], 'neck', 0, order)).toEqual([{ region: 'neck', intensity: 0 }]);
	});
});

describe('intensity display', () => {
	it('bands intensities for colour, always with words', () => {
		expect([null, 0, 1, 3, 4, 6, 7, 10].map(intensityLevel)).toEqual([
			'none', 'none', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'severe'
		]);
		expect(intensityWords(7)).toBe('7 out of 10');
		expect(intensityWords(null)).toBe('not marked');
	});
	it('orders marked regions strongest first and drops zeros', () => {
		expect(
			markedRegions([
				{ region: 'a', intensity: 2 },
				{ region: 'b', intensity: 0 },
				{ region: 'c', intensity: 8 }
			]).map((r) => r.region)
		).toEqual(['c', 'a']);
	});
});

describe('views', () => {
	const regions: BodyRegion[] = [
		{ code: 'jaw', label: 'Jaw', view: 'front', front: { kind: 'ellipse', cx: 100, cy: 58, rx: 14, ry: 6 }, back: null },
		{ code: 'upper_back', label: 'Upper back', view: 'back', front: null, back: { kind: 'rect', x: 70, y: 84, width: 60, height: 50 } }
	];
	it('draws each region on the views it has a shape for', () => {
		expect(regionsForView(regions, 'front').map((r) => r.region.code)).toEqual(['jaw']);
		expect(regionsForView(regions, 'back').map((r) => r.region.code)).toEqual(['upper_back']);
	});
	it('finds the centre of a shape', () => {
		expect(shapeCentre(regions[0]!.front!)).toEqual({ x: 100, y: 58 });
		expect(shapeCentre(regions[1]!.back!)).toEqual({ x: 100, y: 109 });
	});
});
