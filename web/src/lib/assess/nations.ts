// Which parts of the UK a crisis line serves, in words for the crisis panel. Pure; tested in
// nations.test.ts. A line for the whole UK gets no label: only the exceptions need pointing out,
// so someone in Scotland is not told to call a number that only works in England.
import type { CrisisLine } from '../api/assess-types';

export type Nation = CrisisLine['nations'][number];

/** The four nations in the order people usually list them. */
const NATION_NAMES: Record<Nation, string> = {
	england: 'England',
	wales: 'Wales',
	scotland: 'Scotland',
	northern_ireland: 'Northern Ireland'
};
const ALL_NATIONS = Object.keys(NATION_NAMES) as Nation[];

/** "England and Wales", "A, B and C". */
function listInWords(names: readonly string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * "Scotland only", "England and Wales", "England, Wales and Scotland"; null when the line serves
 * all four nations (or the content names none, which the content check does not allow).
 */
export function nationsLabel(nations: readonly string[]): string | null {
	const served = ALL_NATIONS.filter((n) => nations.includes(n));
	if (served.length === 0 || served.length === ALL_NATIONS.length) return null;
	const names = served.map((n) => NATION_NAMES[n]);
	return names.length === 1 ? `${names[0]} only` : listInWords(names);
}
