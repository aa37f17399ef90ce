import { describe, expect, it } from 'vitest';
import {
	addDays,
	complianceCount,
	complianceInWords,
	dayDescription,
	dayStatus,
	daysBetween,
	longDate,
	monthGrid,
	monthTitle,
	moveDate,
	rangeAroundNow,
	sessionsByDate,
	shiftMonth,
	weekdayIndex
} from './calendar';

describe('calendar dates', () => {
	it('adds days across months, years and the clocks changing', () => {
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // summer time starts on the 29th
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(daysBetween('2026-03-01', '2026-03-29')).toBe(28);
		expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
	});

	it('asks for a range that holds the clinic’s today in any time zone', () => {
		// 23:30 UTC on 29 March is the 30th in London and still the 29th in New York.
		expect(rangeAroundNow(new Date('2026-03-29T23:30:00Z'))).toEqual({ from: '2026-03-28', to: '2026-03-30' });
		expect(rangeAroundNow(new Date('2026-03-29T00:10:00Z'), 28)).toEqual({ from: '2026-02-28', to: '2026-03-30' });
	});

	it('moves by months and names them in British English', () => {
		expect(shiftMonth('2026-12', 1)).toBe('2027-01');
		expect(shiftMonth('2026-01', -1)).toBe('2025-12');
		expect(monthTitle('2026-03')).toBe('March 2026');
		expect(longDate('2026-03-29')).toBe('Sunday 29 March 2026');
		expect(weekdayIndex('2026-03-30')).toBe(0); // a Monday
		expect(weekdayIndex('2026-03-29')).toBe(6); // a Sunday
	});
});

describe('monthGrid', () => {
	it('shows whole weeks, Monday first, with the neighbouring months’ days marked', () => {
		const weeks = monthGrid('2026-03'); // 1 March 2026 is a Sunday, 31 March a Tuesday
		expect(weeks).toHaveLength(6);
		expect(weeks.every((w) => w.length === 7)).toBe(true);
		expect(weeks[0]![0]).toEqual({ date: '2026-02-23', inMonth: false });
		expect(weeks[0]![6]).toEqual({ date: '2026-03-01', inMonth: true });
		expect(weeks[5]![1]).toEqual({ date: '2026-03-31', inMonth: true });
		expect(weeks[5]![6]).toEqual({ date: '2026-04-05', inMonth: false });
		expect(weeks.flat().filter((c) => c.inMonth)).toHaveLength(31);
	});

	it('needs only four rows for a February that starts on a Monday', () => {
		const weeks = monthGrid('2027-02');
		expect(weeks).toHaveLength(4);
		expect(weeks[0]![0]!.date).toBe('2027-02-01');
		expect(weeks[3]![6]!.date).toBe('2027-02-28');
	});
});

describe('what a day says', () => {
	it('tells checked in, late, none and future apart', () => {
		expect(dayStatus('2026-03-29', '2026-03-29', { late: false })).toBe('checked-in');
		expect(dayStatus('2026-03-22', '2026-03-29', { late: true })).toBe('late');
		expect(dayStatus('2026-03-28', '2026-03-29', null)).toBe('none');
		expect(dayStatus('2026-03-30', '2026-03-29', undefined)).toBe('future');
	});

	it('announces the date, today, the check-in and the sessions done', () => {
		expect(dayDescription('2026-03-29', '2026-03-29', 'checked-in', 2)).toBe(
			'Sunday 29 March 2026, today: checked in, 2 programme sessions done'
		);
		expect(dayDescription('2026-03-22', '2026-03-29', 'late', 1)).toBe(
			'Sunday 22 March 2026: checked in late, 1 programme session done'
		);
		expect(dayDescription('2026-03-28', '2026-03-29', 'none', 0)).toBe(
			'Saturday 28 March 2026: no check-in, no programme sessions done'
		);
		expect(dayDescription('2026-01-28', '2026-03-29', 'none', null)).toBe('Wednesday 28 January 2026: no check-in');
		expect(dayDescription('2026-03-30', '2026-03-29', 'future', 0)).toBe('Monday 30 March 2026: future');
	});

	it('adds up the sessions of every item per date', () => {
		const byDate = sessionsByDate([
			{ done_dates: [{ date: '2026-03-28', sessions: 2 }, { date: '2026-03-29', sessions: 1 }] },
			{ done_dates: [{ date: '2026-03-29', sessions: 3 }] }
		]);
		expect(Object.fromEntries(byDate)).toEqual({ '2026-03-28': 2, '2026-03-29': 4 });
	});
});

describe('compliance', () => {
	it('counts the check-ins of the last 28 days, today included', () => {
		const dates = ['2026-03-29', '2026-03-02', '2026-03-01', '2026-03-28', '2026-03-28', '2026-03-30'];
		expect(complianceCount(dates, '2026-03-29')).toBe(3); // 1 March is day 29 back; 30th is future
		expect(complianceCount(dates, '2026-03-29', 7)).toBe(2);
	});

	it('says it in words', () => {
		expect(complianceInWords(18)).toBe('You checked in on 18 of the last 28 days.');
		expect(complianceInWords(0)).toBe('You have not checked in during the last 28 days.');
		expect(complianceInWords(28)).toBe('You checked in on every one of the last 28 days.');
	});
});

describe('keyboard moves', () => {
	it('moves by day, week, week end and month', () => {
		expect(moveDate('2026-03-31', 'ArrowRight')).toBe('2026-04-01');
		expect(moveDate('2026-03-01', 'ArrowLeft')).toBe('2026-02-28');
		expect(moveDate('2026-03-04', 'ArrowUp')).toBe('2026-02-25');
		expect(moveDate('2026-03-29', 'ArrowDown')).toBe('2026-04-05');
		expect(moveDate('2026-03-04', 'Home')).toBe('2026-03-02');
		expect(moveDate('2026-03-04', 'End')).toBe('2026-03-08');
		expect(moveDate('2026-03-31', 'PageUp')).toBe('2026-02-28'); // clamped to the month's end
		expect(moveDate('2026-01-15', 'PageUp')).toBe('2025-12-15');
		expect(moveDate('2026-03-15', 'PageDown', true)).toBe('2027-03-15');
		expect(moveDate('2026-03-15', 'Enter')).toBeNull();
	});
});
