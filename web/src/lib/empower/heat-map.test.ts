import { describe, expect, it } from 'vitest';
import type { CheckIn } from '$lib/api/empower-types';
import { buildHeatMap, cellLabel, cellShade, cellText, daysEnding, moveInGrid, shortDate } from './heat-map';

function checkIn(date: string, regions: string[], pain: number | null = null): CheckIn {
	const who = { id: 'u', name: 'Someone' } as CheckIn['created_by'];
	return {
		id: date,
		patient_id: 'p',
		date,
		pain,
		stress: null,
		mood: null,
		sleep: null,
		tension: null,
		regions,
		self_care_done: null,
		flare: null,
		note: null,
		late: false,
		version: 1,
		created_at: '2026-01-01T00:00:00Z',
		created_by: who,
		updated_at: '2026-01-01T00:00:00Z',
		updated_by: who
	} as CheckIn;
}

const REGIONS = [
	{ code: 'jaw', label: 'Jaw' },
	{ code: 'neck', label: 'Neck' },
	{ code: 'lower_back', label: 'Lower back' }
];

describe('the days of the heat map', () => {
	it('ends at today, oldest first, across a month and a clock change', () => {
		expect(daysEnding('2026-03-30', 3)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
		expect(daysEnding('2026-03-01', 2)).toEqual(['2026-02-28', '2026-03-01']);
	});
	it('writes a date short, with its weekday', () => {
		expect(shortDate('2026-12-01')).toBe('Tue 1 Dec');
	});
});

describe('building the grid', () => {
	const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
	const map = buildHeatMap(
		[
			checkIn('2026-03-01', ['lower_back', 'neck'], 6),
			checkIn('2026-03-03', ['lower_back', 'knee_left']),
			checkIn('2026-02-20', ['jaw'], 9) // outside the range
		],
		days,
		REGIONS
	);

	it('has a row per region reported in the range, in body-map order, unknown codes last', () => {
		expect(map.rows.map((r) => [r.code, r.label, r.count])).toEqual([
			['neck', 'Neck', 1],
			['lower_back', 'Lower back', 2],
			['knee_left', 'knee_left', 1]
		]);
		expect(map.checkedInDays).toBe(2);
	});
	it('marks painful, clear and missing days with the pain rating', () => {
		const back = map.rows[1]!;
		expect(back.cells).toEqual([
			{ date: '2026-03-01', state: 'painful', pain: 6 },
			{ date: '2026-03-02', state: 'missing', pain: null },
			{ date: '2026-03-03', state: 'painful', pain: null }
		]);
		expect(map.rows[0]!.cells.map((c) => c.state)).toEqual(['painful', 'missing', 'clear']);
		expect(back.cells.map(cellText)).toEqual(['6', '', '●']);
		expect(cellText(map.rows[0]!.cells[2]!)).toBe('·');
	});
	it('lists each day with its painful regions for the table', () => {
		expect(map.days).toEqual([
			{ date: '2026-03-01', checkedIn: true, pain: 6, regions: ['Neck', 'Lower back'] },
			{ date: '2026-03-02', checkedIn: false, pain: null, regions: [] },
			{ date: '2026-03-03', checkedIn: true, pain: null, regions: ['Lower back', 'knee_left'] }
		]);
	});
	it('is empty without check-ins', () => {
		const empty = buildHeatMap([], days, REGIONS);
		expect(empty.rows).toEqual([]);
		expect(empty.checkedInDays).toBe(0);
	});
	it('labels and shades every cell in words and numbers', () => {
		const back = map.rows[1]!;
		expect(cellLabel(back, back.cells[0]!)).toBe('Lower back, Sun 1 Mar: painful, pain 6 out of 10');
		expect(cellLabel(back, back.cells[1]!)).toBe('Lower back, Mon 2 Mar: no check-in');
		expect(cellLabel(back, back.cells[2]!)).toBe('Lower back, Tue 3 Mar: painful');
		expect(cellLabel(map.rows[0]!, map.rows[0]!.cells[2]!)).toBe('Neck, Tue 3 Mar: not painful');
		expect(back.cells.map(cellShade)).toEqual(['mid', 'none', 'marked']);
		expect(cellShade({ date: 'x', state: 'painful', pain: 7 })).toBe('high');
		expect(cellShade({ date: 'x', state: 'painful', pain: 3 })).toBe('low');
	});
});

describe('moving around the grid', () => {
	const at = { row: 1, col: 5 };
	it('moves one cell with the arrows and stops at the edges', () => {
		expect(moveInGrid(at, 'ArrowLeft', 3, 28)).toEqual({ row: 1, col: 4 });
		expect(moveInGrid(at, 'ArrowRight', 3, 28)).toEqual({ row: 1, col: 6 });
		expect(moveInGrid(at, 'ArrowUp', 3, 28)).toEqual({ row: 0, col: 5 });
		expect(moveInGrid(at, 'ArrowDown', 3, 28)).toEqual({ row: 2, col: 5 });
		expect(moveInGrid({ row: 0, col: 0 }, 'ArrowUp', 3, 28)).toEqual({ row: 0, col: 0 });
		expect(moveInGrid({ row: 2, col: 27 }, 'ArrowRight', 3, 28)).toEqual({ row: 2, col: 27 });
	});
	it('jumps to the ends, the corners and by a week', () => {
		expect(moveInGrid(at, 'Home', 3, 28)).toEqual({ row: 1, col: 0 });
		expect(moveInGrid(at, 'End', 3, 28)).toEqual({ row: 1, col: 27 });
		expect(moveInGrid(at, 'Home', 3, 28, true)).toEqual({ row: 0, col: 0 });
		expect(moveInGrid(at, 'End', 3, 28, true)).toEqual({ row: 2, col: 27 });
		expect(moveInGrid(at, 'PageUp', 3, 28)).toEqual({ row: 1, col: 0 });
		expect(moveInGrid(at, 'PageDown', 3, 28)).toEqual({ row: 1, col: 12 });
	});
	it('leaves other keys alone', () => {
		expect(moveInGrid(at, 'Tab', 3, 28)).toBeNull();
		expect(moveInGrid(at, 'a', 3, 28)).toBeNull();
	});
});
