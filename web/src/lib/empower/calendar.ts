// Pure logic of the patient's check-in calendar: calendar-date arithmetic (UTC, so daylight saving
// never shifts a day), the month grid (weeks as rows, Monday first), what each day says, the
// keyboard moves of the grid, and compliance in words. Dates are YYYY-MM-DD strings throughout;
// "today" always comes from the server (the clinic's local date), never from the browser's zone.

/** YYYY-MM-DD → a Date at UTC midnight of that calendar day. */
function utcDay(date: string): Date {
	const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d));
}

function iso(day: Date): string {
	return day.toISOString().slice(0, 10);
}

/** `date` moved by `n` calendar days (negative: back). */
export function addDays(date: string, n: number): string {
	const day = utcDay(date);
	day.setUTCDate(day.getUTCDate() + n);
	return iso(day);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / 86_400_000);
}

/**
 * A date range sure to contain the clinic's today whatever its time zone (UTC−12 to UTC+14): the
 * UTC date one day either side. Ask the server for this range, then use the `today` it answers.
 */
export function rangeAroundNow(at: Date, daysBack = 0): { from: string; to: string } {
	const utc = iso(at);
	return { from: addDays(utc, -1 - daysBack), to: addDays(utc, 1) };
}

/** The month (YYYY-MM) a date falls in. */
export function monthOf(date: string): string {
	return date.slice(0, 7);
}

/** `month` (YYYY-MM) moved by `n` months. */
export function shiftMonth(month: string, n: number): string {
	const [y = 1970, m = 1] = month.split('-').map(Number);
	return iso(new Date(Date.UTC(y, m - 1 + n, 1))).slice(0, 7);
}

/** "March 2026". */
export function monthTitle(month: string): string {
	return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
		utcDay(`${month}-01`)
	);
}

/** "Sunday 29 March 2026" (built from parts: engines differ on the comma after the weekday). */
export function longDate(date: string): string {
	const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(utcDay(date));
	const day = Number(date.slice(8, 10));
	return `${WEEKDAYS[weekdayIndex(date)]!.long} ${day} ${month} ${date.slice(0, 4)}`;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
	return (utcDay(date).getUTCDay() + 6) % 7;
}

/** The column headings of the grid, Monday first: short and full names. */
export const WEEKDAYS: readonly { short: string; long: string }[] = [
	{ short: 'Mon', long: 'Monday' },
	{ short: 'Tue', long: 'Tuesday' },
	{ short: 'Wed', long: 'Wednesday' },
	{ short: 'Thu', long: 'Thursday' },
	{ short: 'Fri', long: 'Friday' },
	{ short: 'Sat', long: 'Saturday' },
	{ short: 'Sun', long: 'Sunday' }
];

export interface CalendarCell {
	date: string;
	/** False for the days of the previous or next month that fill the first and last week. */
	inMonth: boolean;
}

/** The weeks (rows of 7, Monday first) that show `month` (YYYY-MM) whole. */
export function monthGrid(month: string): CalendarCell[][] {
	const first = `${month}-01`;
	const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
	let day = addDays(first, -weekdayIndex(first));
	const end = addDays(last, 6 - weekdayIndex(last));
	const weeks: CalendarCell[][] = [];
	while (day <= end) {
		const week: CalendarCell[] = [];
		for (let i = 0; i < 7; i++) {
			week.push({ date: day, inMonth: monthOf(day) === month });
			day = addDays(day, 1);
		}
		weeks.push(week);
	}
	return weeks;
}

export type DayStatus = 'checked-in' | 'late' | 'none' | 'future';

/** What a day says: a check-in (on time or entered late), none, or not yet come. */
export function dayStatus(date: string, today: string, checkIn: { late: boolean } | null | undefined): DayStatus {
	if (checkIn) return checkIn.late ? 'late' : 'checked-in';
	return date > today ? 'future' : 'none';
}

export const DAY_STATUS_WORDS: Record<DayStatus, string> = {
	'checked-in': 'checked in',
	late: 'checked in late',
	none: 'no check-in',
	future: 'future'
};

/** "2 programme sessions done", "1 programme session done", "no programme sessions done". */
export function sessionsInWords(sessions: number): string {
	if (sessions <= 0) return 'no programme sessions done';
	return `${sessions} programme ${sessions === 1 ? 'session' : 'sessions'} done`;
}

/**
 * What a day of the calendar announces, e.g. "Sunday 29 March 2026, today: checked in, 2 programme
 * sessions done". `sessions` is null when unknown (outside the programme's window, no programme).
 */
export function dayDescription(date: string, today: string, status: DayStatus, sessions: number | null): string {
	const parts = [DAY_STATUS_WORDS[status]];
	if (sessions !== null && status !== 'future') parts.push(sessionsInWords(sessions));
	return `${longDate(date)}${date === today ? ', today' : ''}: ${parts.join(', ')}`;
}

/** Sessions done per date over a programme's items (their `done_dates`). */
export function sessionsByDate(items: readonly { done_dates: readonly { date: string; sessions: number }[] }[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const item of items) {
		for (const mark of item.done_dates) out.set(mark.date, (out.get(mark.date) ?? 0) + mark.sessions);
	}
	return out;
}

/** How many of the `days` days ending with `today` have a check-in. */
export function complianceCount(checkedIn: Iterable<string>, today: string, days = 28): number {
	const from = addDays(today, -(days - 1));
	let count = 0;
	for (const date of new Set(checkedIn)) if (date >= from && date <= today) count++;
	return count;
}

/** "You checked in on 18 of the last 28 days." */
export function complianceInWords(count: number, days = 28): string {
	if (count === 0) return `You have not checked in during the last ${days} days.`;
	if (count === days) return `You checked in on every one of the last ${days} days.`;
	return `You checked in on ${count} of the last ${days} days.`;
}

/**
 * Where a key moves the focus in the grid (a date), or null for keys the grid leaves alone: the
 * arrows move a day or a week, Home/End to the start/end of the week, Page Up/Down a month
 * (Shift: a year), clamped to the target month's last day.
 */
export function moveDate(date: string, key: string, shiftKey = false): string | null {
	switch (key) {
		case 'ArrowLeft':
			return addDays(date, -1);
		case 'ArrowRight':
			return addDays(date, 1);
		case 'ArrowUp':
			return addDays(date, -7);
		case 'ArrowDown':
			return addDays(date, 7);
		case 'Home':
			return addDays(date, -weekdayIndex(date));
		case 'End':
			return addDays(date, 6 - weekdayIndex(date));
		case 'PageUp':
		case 'PageDown': {
			const months = (key === 'PageUp' ? -1 : 1) * (shiftKey ? 12 : 1);
			const month = shiftMonth(monthOf(date), months);
			const lastDay = addDays(`${shiftMonth(month, 1)}-01`, -1);
			const day = `${month}-${date.slice(8, 10)}`;
			return day > lastDay ? lastDay : day;
		}
		default:
			return null;
	}
}
