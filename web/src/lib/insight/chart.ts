// Chart arithmetic of the insight views: the calendar of a daily series (missing days kept as
// gaps), the 7-day mean, linear scales, SVG paths that break at gaps, the forest plot's axis and
// the severity bands of a questionnaire. Pure; tested in chart.test.ts.

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no daylight-saving surprises). */
export function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

export function dateOf(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One entry per calendar day from the first to the last date, each with the day's value or null.
 * Later entries for the same date win.
 */
export function calendar<T extends { date: string }>(
	rows: readonly T[],
	value: (row: T) => number | null
): { date: string; value: number | null }[] {
	if (rows.length === 0) return [];
	const byDay = new Map<number, number | null>();
	let first = Infinity;
	let last = -Infinity;
	for (const row of rows) {
		const d = dayNumber(row.date);
		byDay.set(d, value(row));
		first = Math.min(first, d);
		last = Math.max(last, d);
	}
	const out: { date: string; value: number | null }[] = [];
	for (let d = first; d <= last; d++) out.push({ date: dateOf(d), value: byDay.get(d) ?? null });
	return out;
}

/**
 * The trailing mean over `window` calendar days (this day and the `window − 1` before it), given
 * only when at least `minObserved` of them have a value (§5.3: 4 of 7); else null.
 */
export function rollingMean(values: readonly (number | null)[], window = 7, minObserved = 4): (number | null)[] {
	return values.map((_, i) => {
		let sum = 0;
		let n = 0;
		for (let j = Math.max(0, i - window + 1); j <= i; j++) {
			const v = values[j];
			if (v !== null && v !== undefined) {
				sum += v;
				n++;
			}
		}
		return n >= minObserved ? sum / n : null;
	});
}

export interface Scale {
	(value: number): number;
	domain: [number, number];
	range: [number, number];
}

/** A linear map from [d0, d1] to [r0, r1] (a flat domain maps to the middle of the range). */
export function linear(domain: [number, number], range: [number, number]): Scale {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	const f = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
	f.domain = domain;
	f.range = range;
	return f;
}

/** An SVG path through the points; a null breaks the line. Coordinates to one decimal. */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
	let d = '';
	let pen = false;
	values.forEach((v, i) => {
		if (v === null || v === undefined) {
			pen = false;
			return;
		}
		d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
		pen = true;
	});
	return d.trim();
}

/**
 * A closed path of the band between `low` and `high` (e.g. the baseline ribbon), one polygon per
 * run of days where both are known.
 */
export function ribbonPath(
	low: readonly (number | null)[],
	high: readonly (number | null)[],
	x: (i: number) => number,
	y: (v: number) => number
): string {
	const parts: string[] = [];
	let run: number[] = [];
	const flush = () => {
		if (run.length > 0) {
			const top = run.map((i) => `${x(i).toFixed(1)} ${y(high[i]!).toFixed(1)}`);
			const bottom = [...run].reverse().map((i) => `${x(i).toFixed(1)} ${y(low[i]!).toFixed(1)}`);
			parts.push(`M${top.join(' L')} L${bottom.join(' L')} Z`);
		}
		run = [];
	};
	for (let i = 0; i < low.length; i++) {
		if (low[i] === null || low[i] === undefined || high[i] === null || high[i] === undefined) flush();
		else run.push(i);
	}
	flush();
	return parts.join(' ');
}

/** Runs of consecutive indices where `inside(i)` holds, as [first, last] pairs. */
export function runs(n: number, inside: (i: number) => boolean): [number, number][] {
	const out: [number, number][] = [];
	let start = -1;
	for (let i = 0; i <= n; i++) {
		const on = i < n && inside(i);
		if (on && start < 0) start = i;
		if (!on && start >= 0) {
			out.push([start, i - 1]);
			start = -1;
		}
	}
	return out;
}

/**
 * The forest plot's axis: a symmetric-enough domain that holds 0 and every interval, widened to a
 * round step, with its ticks.
 */
export function forestAxis(values: readonly (number | null)[], minHalfWidth = 1): { domain: [number, number]; ticks: number[] } {
	let lo = 0;
	let hi = 0;
	for (const v of values) {
		if (v === null || v === undefined || !Number.isFinite(v)) continue;
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	lo = Math.min(lo, -minHalfWidth);
	hi = Math.max(hi, minHalfWidth);
	const span = hi - lo;
	const step = span <= 2 ? 0.5 : span <= 5 ? 1 : span <= 10 ? 2 : 5;
	const d0 = Math.floor(lo / step + 1e-9) * step;
	const d1 = Math.ceil(hi / step - 1e-9) * step;
	const ticks: number[] = [];
	for (let t = d0; t <= d1 + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
	return { domain: [d0, d1], ticks };
}

/** Evenly spaced tick indices across n days (first and last included), at most `count`. */
export function dayTicks(n: number, count = 6): number[] {
	if (n <= 0) return [];
	if (n === 1) return [0];
	const k = Math.min(count, n);
	const out = new Set<number>();
	for (let i = 0; i < k; i++) out.add(Math.round((i * (n - 1)) / (k - 1)));
	return [...out];
}

/** "24 Aug" for axis labels. */
export function shortDay(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export interface ScoreBand {
	id: string;
	label: string;
	min: number;
	max: number;
}

interface BandLike {
	id: string;
	label: string;
	when: { scale: string; min: number | null; max: number | null }[];
}

/**
 * The instrument's bands with their score ranges (the bounds of their condition on the total),
 * lowest first; [] when any band has no bounded total range, as a chart needs every band.
 */
export function scoreBands(bands: readonly BandLike[]): ScoreBand[] {
	const out: ScoreBand[] = [];
	for (const b of bands) {
		const total = b.when.find((w) => w.scale === 'total' && w.min !== null && w.max !== null);
		if (!total) return [];
		out.push({ id: b.id, label: b.label, min: total.min as number, max: total.max as number });
	}
	return out.sort((a, b) => a.min - b.min);
}

/** The band a score falls in, or null. */
export function bandOf(score: number, bands: readonly ScoreBand[]): ScoreBand | null {
	return bands.find((b) => score >= b.min && score <= b.max) ?? null;
}

/** One line of a DailyChart. */
export interface ChartLine {
	key: string;
	label: string;
	values: (number | null)[];
	colour: string;
	dash: string;
	width?: number;
}

/** One row of a ForestPlot: an estimate with its interval and a note (tier, q). */
export interface ForestRow {
	key: string;
	label: string;
	estimate: number | null;
	low: number | null;
	high: number | null;
	note: string;
}
