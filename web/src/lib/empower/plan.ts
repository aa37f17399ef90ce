// Pure logic of the patient's plan on "Today": the days the plan was done in words, and the
// optimistic change of a "Done" toggle (applied at once, rolled back if the server refuses).
import type { ProgrammeItem } from '$lib/api/empower-types';
import { addDays, daysBetween } from './calendar';

type DoneDate = ProgrammeItem['done_dates'][number];

/**
 * On how many of the `days` days ending with `today` something of the plan was marked done. A
 * plan younger than `days` counts only its own days (started yesterday: "of the last 2 days").
 */
export function planDays(
	items: readonly Pick<ProgrammeItem, 'start_date' | 'done_dates'>[],
	today: string,
	days = 7
): { done: number; days: number } {
	if (items.length === 0) return { done: 0, days: 0 };
	const earliest = items.reduce((min, i) => (i.start_date < min ? i.start_date : min), items[0]!.start_date);
	const span = Math.max(1, Math.min(days, daysBetween(earliest, today) + 1));
	const from = addDays(today, -(span - 1));
	const done = new Set<string>();
	for (const item of items) {
		for (const mark of item.done_dates) {
			if (mark.sessions > 0 && mark.date >= from && mark.date <= today) done.add(mark.date);
		}
	}
	return { done: done.size, days: span };
}

/** "You did your plan on 5 of the last 7 days." — calm words, no blame. */
export function planDaysInWords({ done, days }: { done: number; days: number }): string {
	if (days <= 1) return done > 0 ? 'You did your plan today.' : 'Your plan starts today.';
	if (done === 0) return `Nothing marked done in the last ${days} days yet.`;
	if (done === days) return `You did your plan on every one of the last ${days} days.`;
	return `You did your plan on ${done} of the last ${days} days.`;
}

/** The sessions a "Done" tick records: the day's full dosage, or one session of a weekly item. */
export function doneSessions(item: Pick<ProgrammeItem, 'dosage'>): number {
	return item.dosage.per === 'day' ? item.dosage.times : 1;
}

/** The item as it looks once `date` is marked done (`sessions` > 0) or cleared (0). */
export function withDone<T extends Pick<ProgrammeItem, 'done_dates' | 'done_today' | 'sessions_done_today'>>(
	item: T,
	date: string,
	today: string,
	sessions: number
): T {
	const others = item.done_dates.filter((d) => d.date !== date);
	const done_dates: DoneDate[] =
		sessions > 0 ? [...others, { date, sessions }].sort((a, b) => a.date.localeCompare(b.date)) : others;
	const next = { ...item, done_dates };
	if (date === today) {
		next.done_today = sessions > 0;
		next.sessions_done_today = sessions;
	}
	return next;
}
