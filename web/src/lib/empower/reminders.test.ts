import { describe, expect, it } from 'vitest';
import {
	EVERY_DAY,
	WEEKDAYS,
	clockTime,
	dayShortcut,
	describeDays,
	inWeekOrder,
	nextReminderWords,
	reminderSummary
} from './reminders';

const LONDON = 'Europe/London';

describe('days', () => {
	it('puts the days in week order, each once', () => {
		expect(inWeekOrder(['sun', 'mon', 'fri', 'mon'])).toEqual(['mon', 'fri', 'sun']);
	});
	it('recognises the shortcuts whatever the order', () => {
		expect(dayShortcut([...EVERY_DAY].reverse())).toBe('every-day');
		expect(dayShortcut(['fri', 'thu', 'wed', 'tue', 'mon'])).toBe('weekdays');
		expect(dayShortcut(['sun', 'sat'])).toBe('weekends');
		expect(dayShortcut(['mon', 'tue'])).toBeNull();
		expect(dayShortcut([])).toBeNull();
		expect(WEEKDAYS).toHaveLength(5);
	});
	it('says the days in words', () => {
		expect(describeDays(EVERY_DAY)).toBe('every day');
		expect(describeDays(WEEKDAYS)).toBe('on weekdays');
		expect(describeDays(['sat', 'sun'])).toBe('at weekends');
		expect(describeDays(['thu'])).toBe('on Thursdays');
		expect(describeDays(['thu', 'mon'])).toBe('on Mondays and Thursdays');
		expect(describeDays(['fri', 'mon', 'wed'])).toBe('on Mondays, Wednesdays and Fridays');
		expect(describeDays([])).toBe('on no days');
	});
});

describe('nextReminderWords', () => {
	it('says today, tomorrow or the day and date, in the clinic’s zone', () => {
		// Friday 23 October 2026, 07:00 BST.
		const now = new Date('2026-10-23T06:00:00Z');
		expect(nextReminderWords('2026-10-23T07:30:00.000000Z', now, LONDON)).toBe('today at 08:30');
		expect(nextReminderWords('2026-10-24T07:30:00Z', now, LONDON)).toBe('tomorrow at 08:30');
		// Monday after the clocks went back: 08:30 GMT.
		expect(nextReminderWords('2026-10-26T08:30:00Z', now, LONDON)).toBe('on Monday 26 October at 08:30');
	});
	it('counts days by the clinic’s calendar, not the browser’s or UTC', () => {
		// 23:30 UTC on 28 March is still the 28th in London (GMT); 00:30 UTC on the 30th is 01:30 BST.
		const now = new Date('2026-03-28T23:30:00Z');
		expect(nextReminderWords('2026-03-29T23:30:00Z', now, LONDON)).toBe('on Monday 30 March at 00:30');
		expect(nextReminderWords('2026-03-29T07:30:00Z', now, LONDON)).toBe('tomorrow at 08:30');
		// In New York the same instants fall on other dates and times.
		expect(nextReminderWords('2026-03-29T12:30:00Z', now, 'America/New_York')).toBe('tomorrow at 08:30');
	});
	it('calls a due reminder not yet sent "today"', () => {
		const now = new Date('2026-10-23T09:00:00Z');
		expect(nextReminderWords('2026-10-23T07:30:00Z', now, LONDON)).toBe('today at 08:30');
	});
	it('gives 24-hour clock times', () => {
		expect(clockTime(new Date('2026-01-05T00:05:00Z'), LONDON)).toBe('00:05');
		expect(clockTime(new Date('2026-07-05T22:59:00Z'), LONDON)).toBe('23:59');
	});
});

describe('reminderSummary', () => {
	const now = new Date('2026-10-23T06:00:00Z');
	it('says when reminders are off', () => {
		expect(reminderSummary({ channel: 'none', days: EVERY_DAY, time: '19:00', email: 'a@example.org', next_at: null }, now, LONDON)).toBe(
			'Reminders are off. We will not email you about check-ins.'
		);
	});
	it('gives the next reminder, the days and the address', () => {
		expect(
			reminderSummary({ channel: 'email', days: WEEKDAYS, time: '08:30', email: 'a@example.org', next_at: '2026-10-23T07:30:00Z' }, now, LONDON)
		).toBe('Your next reminder is today at 08:30. Reminders go on weekdays at 08:30, by email to a@example.org.');
	});
	it('explains when none can go', () => {
		expect(reminderSummary({ channel: 'email', days: ['mon'], time: '08:30', email: null, next_at: null }, now, LONDON)).toBe(
			'Reminders are on (on Mondays at 08:30), but there is no email address to send them to.'
		);
		expect(reminderSummary({ channel: 'email', days: ['mon'], time: '08:30', email: 'a@example.org', next_at: null }, now, LONDON)).toMatch(
			/none can be sent/
		);
	});
});
