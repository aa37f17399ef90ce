// Pure logic of the check-in reminder settings: the days of the week and their shortcuts, and the
// next reminder in words, in the clinic's time zone (never the browser's).
import type { ReminderDay } from '$lib/api/empower-types';

export interface DayOption {
	code: ReminderDay;
	/** "Monday" */
	label: string;
	/** "Mondays", for sentences. */
	plural: string;
}

/** Monday first, as the server lists them. */
export const DAYS: readonly DayOption[] = [
	{ code: 'mon', label: 'Monday', plural: 'Mondays' },
	{ code: 'tue', label: 'Tuesday', plural: 'Tuesdays' },
	{ code: 'wed', label: 'Wednesday', plural: 'Wednesdays' },
	{ code: 'thu', label: 'Thursday', plural: 'Thursdays' },
	{ code: 'fri', label: 'Friday', plural: 'Fridays' },
	{ code: 'sat', label: 'Saturday', plural: 'Saturdays' },
	{ code: 'sun', label: 'Sunday', plural: 'Sundays' }
];

export const EVERY_DAY: readonly ReminderDay[] = DAYS.map((d) => d.code);
export const WEEKDAYS: readonly ReminderDay[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const WEEKENDS: readonly ReminderDay[] = ['sat', 'sun'];

/** The chosen days in week order, each once. */
export function inWeekOrder(days: readonly ReminderDay[]): ReminderDay[] {
	const chosen = new Set(days);
	return EVERY_DAY.filter((d) => chosen.has(d));
}

function sameDays(a: readonly ReminderDay[], b: readonly ReminderDay[]): boolean {
	const x = inWeekOrder(a);
	const y = inWeekOrder(b);
	return x.length === y.length && x.every((d, i) => d === y[i]);
}

/** Which shortcut the days match, if any. */
export function dayShortcut(days: readonly ReminderDay[]): 'every-day' | 'weekdays' | 'weekends' | null {
	if (sameDays(days, EVERY_DAY)) return 'every-day';
	if (sameDays(days, WEEKDAYS)) return 'weekdays';
	if (sameDays(days, WEEKENDS)) return 'weekends';
	return null;
}

/** "every day", "on weekdays", "on Mondays and Thursdays", "on no days". */
export function describeDays(days: readonly ReminderDay[]): string {
	switch (dayShortcut(days)) {
		case 'every-day':
			return 'every day';
		case 'weekdays':
			return 'on weekdays';
		case 'weekends':
			return 'at weekends';
		default:
			break;
	}
	const names = inWeekOrder(days).map((code) => DAYS.find((d) => d.code === code)!.plural);
	if (names.length === 0) return 'on no days';
	if (names.length === 1) return `on ${names[0]}`;
	return `on ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
function dateIn(at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Days from calendar date `a` to `b` (both YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "08:30": the 24-hour clock time of an instant in `timeZone`. */
export function clockTime(at: Date, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
	const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
	const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
	return `${hour}:${minute}`;
}

/**
 * When the next reminder goes, in words and in the clinic's zone: "today at 08:30", "tomorrow at
 * 08:30", "on Monday 7 December at 08:30". A reminder that is due but not yet sent (an instant a
 * little in the past) is "today at 08:30" too.
 */
export function nextReminderWords(nextAt: string, now: Date, timeZone: string): string {
	const at = new Date(nextAt);
	const time = clockTime(at, timeZone);
	const days = daysBetween(dateIn(now, timeZone), dateIn(at, timeZone));
	if (days <= 0) return `today at ${time}`;
	if (days === 1) return `tomorrow at ${time}`;
	const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
	return `on ${day} at ${time}`;
}

export interface ReminderSummaryInput {
	channel: 'none' | 'email';
	days: readonly ReminderDay[];
	time: string;
	email: string | null;
	next_at: string | null;
}

/** One plain sentence about the saved settings, for the top of the page. */
export function reminderSummary(s: ReminderSummaryInput, now: Date, timeZone: string): string {
	if (s.channel === 'none') return 'Reminders are off. We will not email you about check-ins.';
	const when = `${describeDays(s.days)} at ${s.time}`;
	if (!s.next_at) {
		return s.email
			? `Reminders are on (${when}), but none can be sent at the moment. Please ask the clinic.`
			: `Reminders are on (${when}), but there is no email address to send them to.`;
	}
	return `Your next reminder is ${nextReminderWords(s.next_at, now, timeZone)}. Reminders go ${when}, by email to ${s.email}.`;
}
