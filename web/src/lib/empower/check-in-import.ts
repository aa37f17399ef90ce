// Pure logic of the staff CSV import of check-ins: the server's issues ("lines[3].pain", the header
// is line 1) as rows a clinician can fix in the file, and the back-fill dates staff may enter.
import { lastDays } from './check-in';
import { shortDate } from './heat-map';

export const CSV_COLUMNS = 'date,pain,stress,mood,sleep,tension,flare,regions,note';

export interface ImportProblem {
	/** The file's line (the header is line 1); null when the issue names no line. */
	line: number | null;
	/** The column, when the issue names one. */
	column: string | null;
	message: string;
}

/** Each issue with its line and column, by line then in the server's order; nameless last. */
export function importProblems(issues: readonly { path: string; message: string }[]): ImportProblem[] {
	const out = issues.map((issue, index) => {
		const m = /^lines\[(\d+)\](?:\.([a-z_]+))?$/.exec(issue.path.trim());
		return {
			index,
			line: m ? Number.parseInt(m[1]!, 10) : null,
			column: m?.[2] ?? null,
			message: issue.message
		};
	});
	out.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.index - b.index);
	return out.map(({ line, column, message }) => ({ line, column, message }));
}

/** "Line 3, pain: Give a whole number…"; "Line 1: …"; the message alone without a line. */
export function importProblemText(p: ImportProblem): string {
	if (p.line === null) return p.message;
	return `Line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}`;
}

/** The lines with problems, e.g. "lines 3 and 5", "line 4", "lines 2, 3 and 9". */
export function badLinesText(problems: readonly ImportProblem[]): string {
	const lines = [...new Set(problems.map((p) => p.line).filter((l): l is number => l !== null))];
	if (lines.length === 0) return '';
	if (lines.length === 1) return `line ${lines[0]}`;
	return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

/** "Imported 1 check-in." / "Imported 12 check-ins." / nothing to import. */
export function importedText(count: number): string {
	if (count === 0) return 'The file had no check-ins to import.';
	return `Imported ${count} ${count === 1 ? 'check-in' : 'check-ins'}.`;
}

/** The dates staff may enter a check-in for: today and the 7 days before it, newest first. */
export function backFillDates(today: string): { date: string; label: string }[] {
	return lastDays(today, 8).map((date, i) => ({
		date,
		label: i === 0 ? `Today, ${shortDate(date)}` : i === 1 ? `Yesterday, ${shortDate(date)}` : shortDate(date)
	}));
}
