import { describe, expect, it } from 'vitest';
import {
	issueLines,
	issueLocation,
	localToday,
	newEntryTemplate,
	removeLabel,
	reviewState
} from './library';

describe('issueLocation', () => {
	it.each([
		['front_matter.regions[1]', 'Front matter, regions (item 2)'],
		['front_matter.duration_minutes', 'Front matter, duration minutes'],
		['front_matter', 'Front matter'],
		['body', 'Body'],
		['markdown', 'The text'],
		['', 'The text'],
		['something.else', 'something.else']
	])('%s is "%s"', (path, words) => {
		expect(issueLocation(path)).toBe(words);
	});
});

describe('issueLines', () => {
	it('gives one line per issue, in order, without repeats', () => {
		expect(
			issueLines([
				{ path: 'front_matter.title', code: 'too-long', message: 'At most 80 characters.' },
				{ path: 'body', code: 'no-steps', message: 'Give the steps as a numbered list.' },
				{ path: 'front_matter.title', code: 'too-long', message: 'At most 80 characters.' }
			])
		).toEqual([
			'Front matter, title: At most 80 characters.',
			'Body: Give the steps as a numbered list.'
		]);
		expect(issueLines(null)).toEqual([]);
	});
});

describe('reviewState', () => {
	it('is overdue before today, soon within 60 days, otherwise ok', () => {
		expect(reviewState('2026-11-30', '2026-12-01')).toBe('overdue');
		expect(reviewState('2026-12-01', '2026-12-01')).toBe('soon');
		expect(reviewState('2027-01-30', '2026-12-01')).toBe('soon');
		expect(reviewState('2027-02-01', '2026-12-01')).toBe('ok');
	});
});

describe('localToday', () => {
	it('is the local calendar date', () => {
		expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
	});
});

describe('newEntryTemplate', () => {
	it('has every front matter field and a review a year on', () => {
		const text = newEntryTemplate('2026-12-01');
		expect(text.startsWith('---\nschema_version: 1\n')).toBe(true);
		for (const key of ['slug', 'title', 'type', 'regions', 'duration_minutes', 'level', 'precautions', 'summary', 'why']) {
			expect(text).toContain(`\n${key}:`);
		}
		expect(text).toContain('review_due: 2027-12-01');
	});
});

describe('removeLabel', () => {
	it('restores a default, or removes an entry only the clinic has', () => {
		expect(removeLabel(true)).toBe('Restore the default');
		expect(removeLabel(false)).toBe('Remove from the library');
	});
});
