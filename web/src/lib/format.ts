// Pure display helpers. No I/O; tested in format.test.ts.

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

/** "Showing 21–40 of 57" for a page starting at `offset` holding `count` items. */
export function pagingText(offset: number, count: number, total: number): string {
	if (total <= 0 || count <= 0) return `Showing 0 of ${Math.max(total, 0)}`;
	const from = offset + 1;
	const to = offset + count;
	if (from === to) return `Showing ${from} of ${total}`;
	return `Showing ${from}–${to} of ${total}`;
}

export type BirthDatePrecision = 'year' | 'month' | 'day';

function precisionOf(value: string): BirthDatePrecision | null {
	if (/^\d{4}$/.test(value)) return 'year';
	if (/^\d{4}-\d{2}$/.test(value)) return 'month';
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
	return null;
}

/**
 * A date of birth shown at the precision it was recorded with:
 * "1970", "March 1970" or "5 March 1970". Unknown shapes are shown as given.
 */
export function formatBirthDate(
	value: string | null | undefined,
	precision?: BirthDatePrecision | null
): string {
	if (!value) return 'Not recorded';
	const shape = precisionOf(value);
	if (shape === null) return value;
	const effective = precision ?? shape;
	const year = value.slice(0, 4);
	if (effective === 'year') return year;
	const month = Number(value.slice(5, 7));
	const monthName = MONTHS[month - 1];
	if (!monthName) return value;
	if (effective === 'month' || shape === 'month') return `${monthName} ${year}`;
	const day = Number(value.slice(8, 10));
	if (day < 1 || day > 31) return value;
	return `${day} ${monthName} ${year}`;
}

/** An NHS number grouped 3-3-4 ("943 476 5919"); anything that is not 10 digits is shown as given. */
export function formatNhsNumber(value: string | null | undefined): string {
	if (!value) return 'Not recorded';
	const digits = value.replace(/\s+/g, '');
	if (!/^\d{10}$/.test(digits)) return value;
	return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** An instant (RFC 3339) as "5 Mar 2025, 14:03" in the given time zone (the clinic's). */
export function formatInstant(value: string, timeZone = 'Europe/London'): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	try {
		return new Intl.DateTimeFormat('en-GB', {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZone
		}).format(date);
	} catch {
		return date.toISOString();
	}
}

/** The name a person is addressed by in lists: "Family, Given (Preferred)". */
export function patientListName(p: {
	given_name: string;
	family_name: string;
	preferred_name?: string | null;
}): string {
	const preferred = p.preferred_name && p.preferred_name !== p.given_name ? ` (${p.preferred_name})` : '';
	return `${p.family_name}, ${p.given_name}${preferred}`;
}

/** "Given Family" for headings. */
export function patientFullName(p: { given_name: string; family_name: string }): string {
	return `${p.given_name} ${p.family_name}`.trim();
}

/** A calendar date "2026-11-25" as "25 November 2026"; anything else is shown as given. */
export function formatCalendarDate(value: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatBirthDate(value) : value;
}
