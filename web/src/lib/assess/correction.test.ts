import { describe, expect, it } from 'vitest';
import type { ResponseVersion } from '../api/assess-types';
import {
	changedItems,
	correctionBody,
	correctionFields,
	correctionNote,
	correctionProblems,
	versionAuthorText,
	versionTotal
} from './correction';
import { issuesToProblems } from './forms';

const ORDER = ['q1', 'q2', 'q3'];
const instrument = { items: ORDER.map((link_id) => ({ link_id, type: 'choice' as const, scored: true })) };

function version(over: Partial<ResponseVersion>): ResponseVersion {
	return {
		version: 2,
		author: { id: 'u1', name: 'Sam Lee' },
		recorded_at: '2026-03-05T14:03:00Z',
		reason: 'Typed in the wrong box',
		answers: {},
		score: {
			instrument: 'x',
			version: '1',
			total: { score: 7, prorated: false, answered: 3, missing: [] },
			subscales: {},
			band: null,
			alerts: [],
			issues: []
		},
		...over
	};
}

describe('changedItems', () => {
	it('lists the items whose answer changed, in the instrument’s order', () => {
		expect(changedItems({ q1: 'a', q2: 'b', q3: 'c' }, { q3: 'x', q1: 'a', q2: 'y' }, ORDER)).toEqual(['q2', 'q3']);
	});
	it('treats missing, null and blank text as the same "no answer"', () => {
		expect(changedItems({ q1: null }, { q2: '  ' }, ORDER)).toEqual([]);
		expect(changedItems({ q1: 'a' }, { q1: null }, ORDER)).toEqual(['q1']);
	});
	it('tells a number from the same digits as text apart, and ignores spaces around text', () => {
		expect(changedItems({ q1: 3 }, { q1: 3 }, ORDER)).toEqual([]);
		expect(changedItems({ q1: 'well' }, { q1: ' well ' }, ORDER)).toEqual([]);
		expect(changedItems({ q1: 3 }, { q1: 4 }, ORDER)).toEqual(['q1']);
	});
	it('keeps items the instrument does not list at the end', () => {
		expect(changedItems({ old: 'a' }, {}, ORDER)).toEqual(['old']);
	});
});

describe('correctionProblems', () => {
	it('asks for a change and a reason', () => {
		expect(correctionProblems({ q1: 'a' }, { q1: 'a' }, ' ', ORDER)).toEqual([
			{ field: null, message: 'Change at least one answer, or cancel the correction.' },
			{ field: 'reason', message: 'Say why the answers are being corrected.' }
		]);
	});
	it('keeps the reason within the server’s limit', () => {
		expect(correctionProblems({ q1: 'a' }, { q1: 'b' }, 'x'.repeat(501), ORDER)).toEqual([
			{ field: 'reason', message: 'Keep the reason to 500 characters or fewer.' }
		]);
	});
	it('lets a changed answer with a reason through', () => {
		expect(correctionProblems({ q1: 'a' }, { q1: 'b' }, 'Patient pressed the wrong option', ORDER)).toEqual([]);
	});
});

describe('correctionBody', () => {
	it('sends every item of the instrument, null where unanswered, and the trimmed reason', () => {
		expect(correctionBody(instrument, { q1: 'a', q3: '  ', extra: 'z' }, '  Wrong box  ')).toEqual({
			answers: { q1: 'a', q2: null, q3: null },
			reason: 'Wrong box'
		});
	});
});

describe('the server’s issues on the form', () => {
	it('puts an item’s issue on that item and the reason’s on the reason', () => {
		const problems = issuesToProblems(
			[
				{ path: 'answers.q2', code: 'not-allowed', message: 'q2: not an option.' },
				{ path: 'reason', code: 'too-long', message: 'Too long.' },
				{ path: 'answers', code: 'required', message: 'Send the answers.' }
			],
			correctionFields(instrument)
		);
		expect(problems).toEqual([
			{ field: 'answers.q2', message: 'q2: not an option.' },
			{ field: 'reason', message: 'Too long.' },
			{ field: null, message: 'Send the answers.' }
		]);
	});
});

describe('correctionNote', () => {
	it('says nothing of a response never corrected', () => {
		expect(correctionNote({ version: 1 }, null, 'Europe/London')).toBeNull();
	});
	it('says who corrected it, when and why', () => {
		const history = [version({}), version({ version: 1, reason: null, author: { id: 'u0', name: 'Pat' } })];
		expect(correctionNote({ version: 2 }, history, 'Europe/London')).toBe(
			'Version 2 — corrected by Sam Lee on 5 Mar 2026, 14:03: Typed in the wrong box'
		);
	});
	it('leaves out a missing reason, and still says "corrected" without the history', () => {
		expect(correctionNote({ version: 3 }, [version({ version: 3, reason: null })], 'Europe/London')).toBe(
			'Version 3 — corrected by Sam Lee on 5 Mar 2026, 14:03'
		);
		expect(correctionNote({ version: 2 }, null, 'Europe/London')).toBe('Version 2 (corrected)');
	});
});

describe('versions in the history', () => {
	it('says who recorded the first version and who corrected the later ones', () => {
		expect(versionAuthorText(version({ version: 1 }))).toBe('Recorded by Sam Lee');
		expect(versionAuthorText(version({ version: 2 }))).toBe('Corrected by Sam Lee');
	});
	it('reads a numeric total only', () => {
		expect(versionTotal(version({}))).toBe(7);
		const unscored = version({});
		unscored.score.total.score = null;
		expect(versionTotal(unscored)).toBeNull();
	});
});
