import { describe, expect, it } from 'vitest';
import { doneSessions, planDays, planDaysInWords, withDone } from './plan';

const item = (start_date: string, done_dates: { date: string; sessions: number }[]) => ({ start_date, done_dates });

describe('planDays', () => {
	it('counts the days with anything done over the last 7 days', () => {
		const items = [
			item('2026-03-01', [
				{ date: '2026-03-20', sessions: 2 }, // before the window
				{ date: '2026-03-23', sessions: 2 },
				{ date: '2026-03-25', sessions: 1 },
				{ date: '2026-03-29', sessions: 2 }
			]),
			item('2026-03-10', [
				{ date: '2026-03-25', sessions: 1 }, // the same day counts once
				{ date: '2026-03-27', sessions: 1 }
			])
		];
		expect(planDays(items, '2026-03-29')).toEqual({ done: 4, days: 7 });
	});

	it('counts only the days since the plan started', () => {
		expect(planDays([item('2026-03-28', [{ date: '2026-03-29', sessions: 1 }])], '2026-03-29')).toEqual({ done: 1, days: 2 });
		expect(planDays([item('2026-03-29', [])], '2026-03-29')).toEqual({ done: 0, days: 1 });
		expect(planDays([], '2026-03-29')).toEqual({ done: 0, days: 0 });
	});
});

describe('planDaysInWords', () => {
	it('says it calmly', () => {
		expect(planDaysInWords({ done: 5, days: 7 })).toBe('You did your plan on 5 of the last 7 days.');
		expect(planDaysInWords({ done: 7, days: 7 })).toBe('You did your plan on every one of the last 7 days.');
		expect(planDaysInWords({ done: 0, days: 3 })).toBe('Nothing marked done in the last 3 days yet.');
		expect(planDaysInWords({ done: 1, days: 1 })).toBe('You did your plan today.');
		expect(planDaysInWords({ done: 0, days: 1 })).toBe('Your plan starts today.');
	});
});

describe('the Done toggle', () => {
	const base = {
		done_today: false,
		sessions_done_today: 0,
		done_dates: [{ date: '2026-03-27', sessions: 1 }]
	};

	it('records the day’s full dosage, or one session of a weekly item', () => {
		expect(doneSessions({ dosage: { times: 2, per: 'day' } })).toBe(2);
		expect(doneSessions({ dosage: { times: 3, per: 'week' } })).toBe(1);
	});

	it('marks and clears today, keeping the dates in order', () => {
		const marked = withDone(base, '2026-03-29', '2026-03-29', 2);
		expect(marked.done_today).toBe(true);
		expect(marked.sessions_done_today).toBe(2);
		expect(marked.done_dates).toEqual([
			{ date: '2026-03-27', sessions: 1 },
			{ date: '2026-03-29', sessions: 2 }
		]);
		const cleared = withDone(marked, '2026-03-29', '2026-03-29', 0);
		expect(cleared.done_today).toBe(false);
		expect(cleared.sessions_done_today).toBe(0);
		expect(cleared.done_dates).toEqual([{ date: '2026-03-27', sessions: 1 }]);
		expect(base.done_dates).toHaveLength(1); // the original is untouched, for a rollback
	});

	it('leaves today alone when another day changes', () => {
		const earlier = withDone(base, '2026-03-28', '2026-03-29', 1);
		expect(earlier.done_today).toBe(false);
		expect(earlier.done_dates.map((d) => d.date)).toEqual(['2026-03-27', '2026-03-28']);
	});
});
