import { describe, expect, it } from 'vitest';
import {
	formatBirthDate,
	formatInstant,
	formatNhsNumber,
	pagingText,
	patientFullName,
	patientListName
} from './format';

describe('pagingText', () => {
	it('describes a middle page with an en dash', () => {
		expect(pagingText(20, 20, 57)).toBe('Showing 21–40 of 57');
	});
	it('describes the last, partial page', () => {
		expect(pagingText(40, 17, 57)).toBe('Showing 41–57 of 57');
	});
	it('describes the first page', () => {
		expect(pagingText(0, 8, 8)).toBe('Showing 1–8 of 8');
	});
	it('uses a single number for a one-item page', () => {
		expect(pagingText(20, 1, 21)).toBe('Showing 21 of 21');
	});
	it('handles an empty result', () => {
		expect(pagingText(0, 0, 0)).toBe('Showing 0 of 0');
	});
});

describe('formatBirthDate', () => {
	it('shows a year-only date as the year', () => {
		expect(formatBirthDate('1970', 'year')).toBe('1970');
	});
	it('shows a month-precision date as month and year', () => {
		expect(formatBirthDate('1970-03', 'month')).toBe('March 1970');
	});
	it('shows a full date without a leading zero', () => {
		expect(formatBirthDate('1970-03-05', 'day')).toBe('5 March 1970');
	});
	it('infers the precision when none is given', () => {
		expect(formatBirthDate('1999-12', null)).toBe('December 1999');
		expect(formatBirthDate('2001-01-31')).toBe('31 January 2001');
	});
	it('never shows more precision than recorded', () => {
		expect(formatBirthDate('1970-03-05', 'month')).toBe('March 1970');
		expect(formatBirthDate('1970-03-05', 'year')).toBe('1970');
	});
	it('says when nothing is recorded', () => {
		expect(formatBirthDate(null, null)).toBe('Not recorded');
		expect(formatBirthDate('', null)).toBe('Not recorded');
	});
	it('shows unexpected shapes as given', () => {
		expect(formatBirthDate('05/03/1970', null)).toBe('05/03/1970');
		expect(formatBirthDate('1970-13', null)).toBe('1970-13');
	});
});

describe('formatNhsNumber', () => {
	it('groups ten digits 3-3-4', () => {
		expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
	});
	it('regroups a number that already has spaces', () => {
		expect(formatNhsNumber('943 4765 919')).toBe('943 476 5919');
	});
	it('leaves other values alone', () => {
		expect(formatNhsNumber('12345')).toBe('12345');
	});
	it('says when nothing is recorded', () => {
		expect(formatNhsNumber(null)).toBe('Not recorded');
	});
});

describe('formatInstant', () => {
	it('shows UK summer time in Europe/London', () => {
		expect(formatInstant('2025-07-01T13:05:00Z', 'Europe/London')).toBe('1 Jul 2025, 14:05');
	});
	it('shows GMT in winter', () => {
		expect(formatInstant('2025-01-15T09:30:00.123456Z', 'Europe/London')).toBe('15 Jan 2025, 09:30');
	});
	it('returns unparseable input unchanged', () => {
		expect(formatInstant('yesterday')).toBe('yesterday');
	});
});

describe('patient names', () => {
	it('lists family name first and adds a different preferred name', () => {
		expect(
			patientListName({ given_name: 'Margaret', family_name: 'Okafor', preferred_name: 'Maggie' })
		).toBe('Okafor, Margaret (Maggie)');
	});
	it('omits a preferred name that equals the given name', () => {
		expect(
			patientListName({ given_name: 'Sam', family_name: 'Lee', preferred_name: 'Sam' })
		).toBe('Lee, Sam');
	});
	it('joins given and family name for headings', () => {
		expect(patientFullName({ given_name: 'Sam', family_name: 'Lee' })).toBe('Sam Lee');
	});
});
