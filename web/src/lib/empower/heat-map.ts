// Pure logic of the regions-over-time heat map: which body-map regions were painful on which day,
// as a grid of cells that carry a number or a mark (never colour alone), each with a label a screen
// reader reads, and the arrow-key movement around the grid.
import type { CheckIn } from '$lib/api/empower-types';
import { lastDays } from './check-in';

export type CellState = 'painful' | 'clear' | 'missing';

export interface HeatCell {
	date: string;
	state: CellState;
	/** The day's overall pain rating (0–10) when the region was painful and pain was rated. */
	pain: number | null;
}

export interface HeatRow {
	code: string;
	label: string;
	cells: HeatCell[];
	/** Days in the range the region was reported painful. */
	count: number;
}

export interface HeatDay {
	date: string;
	checkedIn: boolean;
	pain: number | null;
	/** The painful regions' labels that day (content order). */
	regions: string[];
}

export interface HeatMap {
	/** Oldest first. */
	days: HeatDay[];
	/** Regions reported painful at least once in the range, in the body map's order. */
	rows: HeatRow[];
	checkedInDays: number;
}

/** `count` days ending at `today`, oldest first. */
export function daysEnding(today: string, count: number): string[] {
	return lastDays(today, count).reverse();
}

/**
 * The grid for `days` (oldest first). Rows follow the body map's region order; a region code the
 * body map does not know is kept (labelled with its code) after the known ones.
 */
export function buildHeatMap(
	checkIns: readonly CheckIn[],
	days: readonly string[],
	regions: readonly { code: string; label: string }[]
): HeatMap {
	const byDate = new Map<string, CheckIn>();
	for (const c of checkIns) byDate.set(c.date, c);
	const inRange = days.map((d) => byDate.get(d)).filter((c): c is CheckIn => c !== undefined);

	const reported = new Set<string>();
	for (const c of inRange) for (const r of c.regions) reported.add(r);
	const known = regions.filter((r) => reported.has(r.code));
	const knownCodes = new Set(regions.map((r) => r.code));
	const unknown = [...reported]
		.filter((code) => !knownCodes.has(code))
		.sort()
		.map((code) => ({ code, label: code }));
	const order = [...known, ...unknown];
	const labelOf = new Map(order.map((r) => [r.code, r.label]));

	const rows: HeatRow[] = order.map((r) => {
		let count = 0;
		const cells = days.map((date): HeatCell => {
			const c = byDate.get(date);
			if (!c) return { date, state: 'missing', pain: null };
			if (c.regions.includes(r.code)) {
				count++;
				return { date, state: 'painful', pain: c.pain };
			}
			return { date, state: 'clear', pain: null };
		});
		return { code: r.code, label: r.label, cells, count };
	});

	const dayList: HeatDay[] = days.map((date) => {
		const c = byDate.get(date);
		return {
			date,
			checkedIn: c !== undefined,
			pain: c?.pain ?? null,
			regions: c ? order.filter((r) => c.regions.includes(r.code)).map((r) => labelOf.get(r.code) ?? r.code) : []
		};
	});
	return { days: dayList, rows, checkedInDays: inRange.length };
}

/** What a cell shows: the pain number, a mark when painful but pain not rated, a dot, or nothing. */
export function cellText(cell: HeatCell): string {
	if (cell.state === 'painful') return cell.pain === null ? '●' : String(cell.pain);
	if (cell.state === 'clear') return '·';
	return '';
}

/** "Tue 2 Dec" for a YYYY-MM-DD date (calendar day, no time zone involved). */
export function shortDate(date: string): string {
	const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
	return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y, m - 1, d))
	);
}

/** What a screen reader says for a cell, e.g. "Neck, Tue 2 Dec: painful, pain 6 out of 10". */
export function cellLabel(row: { label: string }, cell: HeatCell): string {
	const where = `${row.label}, ${shortDate(cell.date)}`;
	if (cell.state === 'missing') return `${where}: no check-in`;
	if (cell.state === 'clear') return `${where}: not painful`;
	return cell.pain === null ? `${where}: painful` : `${where}: painful, pain ${cell.pain} out of 10`;
}

/** A heat-map cell's shade class by the day's pain (a second cue; the number is the first). */
export function cellShade(cell: HeatCell): 'none' | 'low' | 'mid' | 'high' | 'marked' {
	if (cell.state !== 'painful') return 'none';
	if (cell.pain === null) return 'marked';
	if (cell.pain >= 7) return 'high';
	if (cell.pain >= 4) return 'mid';
	return 'low';
}

export interface GridPosition {
	row: number;
	col: number;
}

/**
 * Where focus goes for a key in a grid of `rows` × `cols` (the ARIA grid pattern): arrows move
 * one cell and stop at the edges, Home/End go to the row's ends, Ctrl+Home/End to the grid's
 * corners, PageUp/PageDown move a week (7 columns). Null: the key is not the grid's.
 */
export function moveInGrid(
	at: GridPosition,
	key: string,
	rows: number,
	cols: number,
	ctrl = false
): GridPosition | null {
	const clamp = (v: number, max: number) => Math.max(0, Math.min(max - 1, v));
	switch (key) {
		case 'ArrowLeft':
			return { row: at.row, col: clamp(at.col - 1, cols) };
		case 'ArrowRight':
			return { row: at.row, col: clamp(at.col + 1, cols) };
		case 'ArrowUp':
			return { row: clamp(at.row - 1, rows), col: at.col };
		case 'ArrowDown':
			return { row: clamp(at.row + 1, rows), col: at.col };
		case 'Home':
			return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
		case 'End':
			return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
		case 'PageUp':
			return { row: at.row, col: clamp(at.col - 7, cols) };
		case 'PageDown':
			return { row: at.row, col: clamp(at.col + 7, cols) };
		default:
			return null;
	}
}
