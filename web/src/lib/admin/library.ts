// The library editor's small decisions (admins edit the clinic's self-care entries). Pure; tested
// in library.test.ts.
import type { Issue } from '$lib/api/types';
import type { LibraryEntrySourceKind } from '$lib/api/empower-types';

/** Where an issue is in the entry's text, in words: "Front matter, regions (item 2)", "Body". */
export function issueLocation(path: string | null | undefined): string {
	const p = (path ?? '').trim();
	if (p === '' || p === 'markdown') return 'The text';
	if (p === 'body') return 'Body';
	if (p === 'front_matter') return 'Front matter';
	const field = /^front_matter\.([a-z_]+)(?:\[(\d+)\])?$/.exec(p);
	if (field) {
		const name = field[1]!.replace(/_/g, ' ');
		return field[2] === undefined
			? `Front matter, ${name}`
			: `Front matter, ${name} (item ${Number(field[2]) + 1})`;
	}
	return p;
}

/** One line per issue for the error summary: "Front matter, title: At most 80 characters." */
export function issueLines(issues: readonly Issue[] | null | undefined): string[] {
	const lines: string[] = [];
	for (const issue of issues ?? []) {
		const line = `${issueLocation(issue.path)}: ${issue.message}`;
		if (!lines.includes(line)) lines.push(line);
	}
	return lines;
}

export const SOURCE_LABELS: Record<LibraryEntrySourceKind, string> = {
	default: 'Default',
	clinic: 'Clinic’s own'
};

export type ReviewState = 'overdue' | 'soon' | 'ok';

/** How soon an entry's review is due, from `today` (both YYYY-MM-DD): within 60 days is soon. */
export function reviewState(reviewDue: string, today: string): ReviewState {
	if (reviewDue < today) return 'overdue';
	const due = Date.parse(`${reviewDue}T00:00:00Z`);
	const now = Date.parse(`${today}T00:00:00Z`);
	if (Number.isNaN(due) || Number.isNaN(now)) return 'ok';
	return (due - now) / 86_400_000 <= 60 ? 'soon' : 'ok';
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The starting text of a new entry: every field the front matter needs, to fill in. */
export function newEntryTemplate(today: string): string {
	const [year, month, day] = today.split('-');
	const reviewDue = `${Number(year) + 1}-${month}-${day}`;
	return [
		'---',
		'schema_version: 1',
		'slug: ',
		'title: ',
		'type: education',
		'regions: []',
		'duration_minutes: 5',
		'level: gentle',
		'precautions: []',
		'summary: ',
		'why: ',
		`review_due: ${reviewDue}`,
		'---',
		''
	].join('\n');
}

/** What the removal button does for an entry the clinic has its own version of. */
export function removeLabel(hasDefault: boolean): string {
	return hasDefault ? 'Restore the default' : 'Remove from the library';
}

/** The confirmation shown before removing the clinic's version. */
export function removeQuestion(hasDefault: boolean): string {
	return hasDefault
		? 'Go back to the default text? The clinic’s version stays in the history.'
		: 'Take this entry out of the clinic’s library? Its history is kept, and programme items that use it keep their title as the slug.';
}
