import { describe, expect, it } from 'vitest';
import { backFillDates, badLinesText, importProblemText, importProblems, importedText } from './check-in-import';

describe('import problems', () => {
	const issues = [
		{ path: 'lines[5].flare', message: 'Write yes, no, or leave it empty.' },
		{ path: 'lines[3].pain', message: 'Give a whole number from 0 to 10, or leave it empty.' },
		{ path: 'body', message: 'The file is empty.' },
		{ path: 'lines[3]', message: 'Expected 9 columns.' },
		{ path: 'lines[12].date', message: 'Give the date as YYYY-MM-DD.' }
	];
	it('reads line and column from each path, sorted by line, keeping the server order within a line', () => {
		const problems = importProblems(issues);
		expect(problems.map((p) => [p.line, p.column])).toEqual([
			[3, 'pain'],
			[3, null],
			[5, 'flare'],
			[12, 'date'],
			[null, null]
		]);
		expect(problems.map(importProblemText)).toEqual([
			'Line 3, pain: Give a whole number from 0 to 10, or leave it empty.',
			'Line 3: Expected 9 columns.',
			'Line 5, flare: Write yes, no, or leave it empty.',
			'Line 12, date: Give the date as YYYY-MM-DD.',
			'The file is empty.'
		]);
	});
	it('names the bad lines once each', () => {
		const problems = importProblems(issues);
		expect(badLinesText(problems)).toBe('lines 3, 5 and 12');
		expect(badLinesText(importProblems([issues[0]!]))).toBe('line 5');
		expect(badLinesText(importProblems([issues[2]!]))).toBe('');
	});
	it('says how many were imported', () => {
		expect(importedText(1)).toBe('Imported 1 check-in.');
		expect(importedText(12)).toBe('Imported 12 check-ins.');
		expect(importedText(0)).toBe('The file had no check-ins to import.');
	});
});

describe('back-fill dates', () => {
	it('offers today and the 7 days before, newest first, named in words', () => {
		const dates = backFillDates('2026-12-02');
		expect(dates).toHaveLength(8);
		expect(dates[0]).toEqual({ date: '2026-12-02', label: 'Today, Wed 2 Dec' });
		expect(dates[1]).toEqual({ date: '2026-12-01', label: 'Yesterday, Tue 1 Dec' });
		expect(dates[7]).toEqual({ date: '2026-11-25', label: 'Wed 25 Nov' });
	});
});
