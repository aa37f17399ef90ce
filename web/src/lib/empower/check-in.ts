// Pure logic of the daily check-in: the rating scales and their anchors, the date arithmetic of
// the history, an idempotent submit that keeps its key across retries, and the chart's scaling.
import type { CheckIn, CheckInValues } from '$lib/api/empower-types';

export type RatingKey = 'pain' | 'stress' | 'mood' | 'sleep' | 'tension';

export interface RatingScale {
	key: RatingKey;
	/** The question, in plain words. */
	question: string;
	/** Short name for tables and the chart. */
	short: string;
	/** What 0 means. */
	low: string;
	/** What 10 means. */
	high: string;
}

/** The five 0–10 ratings, in the order the form asks them. Anchors at both ends (NRS style). */
export const RATING_SCALES: readonly RatingScale[] = [
	{ key: 'pain', question: 'How much pain do you have today?', short: 'Pain', low: 'No pain', high: 'Worst imaginable' },
	{ key: 'stress', question: 'How stressed do you feel today?', short: 'Stress', low: 'Not stressed', high: 'Extremely stressed' },
	{ key: 'mood', question: 'How is your mood today?', short: 'Mood', low: 'Very low', high: 'Very good' },
	{ key: 'sleep', question: 'How well did you sleep last night?', short: 'Sleep', low: 'Very badly', high: 'Very well' },
	{ key: 'tension', question: 'How tense do your muscles feel today?', short: 'Tension', low: 'Not tense', high: 'Extremely tense' }
];

export const RATING_VALUES: readonly number[] = Array.from({ length: 11 }, (_, i) => i);

/** The accessible name of one option, e.g. "0, No pain" at the ends and plain "5" between. */
export function ratingOptionLabel(scale: RatingScale, value: number): string {
	if (value === 0) return `0, ${scale.low}`;
	if (value === 10) return `10, ${scale.high}`;
	return String(value);
}

/** The consensus definition of a flare (Costa et al. 2019), shown as help text. */
export const FLARE_HELP =
	'A flare-up is a worsening of your condition that lasts from hours to weeks, is difficult to tolerate and generally affects your usual activities and/or emotions.';

/**
 * A local calendar date (YYYY-MM-DD) in `timeZone`. The portal takes the zone (and "today") from
 * the server's check-in list (`today`, `time_zone`): never assume the clinic's zone.
 */
export function localDate(at: Date, timeZone: string): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The `count` dates ending at `today` (YYYY-MM-DD), newest first. */
export function lastDays(today: string, count: number): string[] {
	const [y = 1970, m = 1, d = 1] = today.split('-').map(Number);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		// UTC arithmetic: calendar days only, no daylight-saving surprises.
		const day = new Date(Date.UTC(y, m - 1, d - i));
		out.push(day.toISOString().slice(0, 10));
	}
	return out;
}

/** The values of a stored check-in, as the form edits them and PUT sends them. */
export function valuesOf(c: CheckIn): CheckInValues {
	return {
		pain: c.pain,
		stress: c.stress,
		mood: c.mood,
		sleep: c.sleep,
		tension: c.tension,
		regions: [...c.regions],
		self_care_done: c.self_care_done,
		flare: c.flare,
		note: c.note
	};
}

/**
 * A submit that may be retried: the Idempotency-Key is made on the first try and reused by every
 * retry of the same body, so a retry after a lost answer stores once. Changed answers get a new
 * key (the server refuses a reused key with another body); `reset()` after success starts afresh.
 */
export function idempotentSubmit<T>(
	send: (key: string) => Promise<T>,
	newKey: () => string = () => crypto.randomUUID()
) {
	let key: string | null = null;
	let sentBody: string | null = null;
	return {
		/** `body` is what will be sent, serialised: it decides whether this is a retry. */
		async submit(body: string): Promise<T> {
			if (key === null || body !== sentBody) {
				key = newKey();
				sentBody = body;
			}
			return send(key);
		},
		reset() {
			key = null;
			sentBody = null;
		},
		get key() {
			return key;
		}
	};
}

export interface ChartBox {
	width: number;
	height: number;
	pad: number;
}

/** The x of the i-th of n points, spread evenly across the box (one point sits in the middle). */
export function chartX(i: number, n: number, box: ChartBox): number {
	const inner = box.width - 2 * box.pad;
	if (n <= 1) return box.pad + inner / 2;
	return box.pad + (inner * i) / (n - 1);
}

/** The y of a 0–10 rating: 0 at the bottom, 10 at the top; out-of-range values are clamped. */
export function chartY(value: number, box: ChartBox): number {
	const v = Math.min(10, Math.max(0, value));
	const inner = box.height - 2 * box.pad;
	return box.pad + inner * (1 - v / 10);
}

/** The SVG path of one rating over the points (oldest first); gaps (null) break the line. */
export function chartPath(values: readonly (number | null)[], box: ChartBox): string {
	let d = '';
	let pen = false;
	values.forEach((v, i) => {
		if (v === null) {
			pen = false;
			return;
		}
		const x = chartX(i, values.length, box).toFixed(1);
		const y = chartY(v, box).toFixed(1);
		d += `${pen ? 'L' : 'M'}${x} ${y} `;
		pen = true;
	});
	return d.trim();
}
