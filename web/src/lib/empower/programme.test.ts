import { describe, expect, it } from 'vitest';
import type { LibraryEntrySummary } from '$lib/api/empower-types';
import {
	addDays,
	doneDatesOf,
	itemAdherence,
	adherenceInWords,
	adherenceWord,
	dosageFormOf,
	dosageInWords,
	durationInWords,
	emptyDosageForm,
	filterLibrary,
	frequencyInWords,
	matchPrecautions,
	parseDosageForm,
	percent,
	precautionMatchName,
	precautionMatchesOf,
	programmeIssueField,
	sessionsCount
} from './programme';

describe('dosage in words', () => {
	it('reads sets, repetitions, hold, frequency and weeks as one sentence', () => {
		expect(dosageInWords({ sets: 3, reps: 10, hold_seconds: 30, times: 2, per: 'day', weeks: 6 })).toBe(
			'3 sets of 10 repetitions, holding each for 30 seconds, twice a day for 6 weeks'
		);
	});
	it('uses singulars for one', () => {
		expect(dosageInWords({ sets: 1, reps: 1, hold_seconds: 1, times: 1, per: 'week', weeks: 1 })).toBe(
			'1 set of 1 repetition, holding each for 1 second, once a week for 1 week'
		);
	});
	it('leaves out what is not set and starts with a capital', () => {
		expect(dosageInWords({ times: 1, per: 'day' })).toBe('Once a day');
		expect(dosageInWords({ sets: null, reps: null, hold_seconds: null, times: 3, per: 'week', weeks: null })).toBe(
			'3 times a week'
		);
		expect(dosageInWords({ reps: 8, times: 2, per: 'day' })).toBe('8 repetitions, twice a day');
		expect(dosageInWords({ sets: 2, times: 1, per: 'day' })).toBe('2 sets, once a day');
	});
	it('says "holding" without repetitions, and minutes for long holds', () => {
		expect(dosageInWords({ hold_seconds: 90, times: 1, per: 'day' })).toBe('Holding for 1 minute 30 seconds, once a day');
		expect(durationInWords(120)).toBe('2 minutes');
		expect(durationInWords(61)).toBe('1 minute 1 second');
		expect(durationInWords(45)).toBe('45 seconds');
	});
	it('names the frequency', () => {
		expect(frequencyInWords(1, 'week')).toBe('once a week');
		expect(frequencyInWords(2, 'week')).toBe('twice a week');
		expect(frequencyInWords(12, 'day')).toBe('12 times a day');
	});
});

describe('adherence in words', () => {
	it('gives the words, the numbers and the span', () => {
		expect(adherenceInWords({ done: 12, expected: 14, ratio: 0.86 }, 7)).toBe(
			'Most done: 12 of 14 sessions (86%) in the last 7 days'
		);
		expect(adherenceInWords({ done: 0, expected: 1, ratio: 0 }, 28)).toBe('None done: 0 of 1 session (0%) in the last 28 days');
	});
	it('says nothing was expected when the ratio is null', () => {
		expect(adherenceInWords({ done: 0, expected: 0, ratio: null }, 7)).toBe('Nothing expected yet in the last 7 days');
	});
	it('rounds fractional expectations of weekly items', () => {
		expect(adherenceInWords({ done: 2, expected: 2.57, ratio: 0.78 }, 7)).toBe(
			'Most done: 2 of 2.6 sessions (78%) in the last 7 days'
		);
		expect(sessionsCount(3)).toBe('3');
		expect(sessionsCount(2.99)).toBe('3');
		expect(sessionsCount(0.43)).toBe('0.4');
	});
	it('bands the ratio at the edges', () => {
		expect(adherenceWord(1)).toBe('All done');
		expect(adherenceWord(0.75)).toBe('Most done');
		expect(adherenceWord(0.74)).toBe('Some done');
		expect(adherenceWord(0.4)).toBe('Some done');
		expect(adherenceWord(0.39)).toBe('A little done');
		expect(adherenceWord(0.01)).toBe('A little done');
		expect(adherenceWord(0)).toBe('None done');
		expect(percent(0.857)).toBe('86%');
		expect(percent(null)).toBe('–');
	});
});

describe('the dosage form', () => {
	it('round-trips a dosage', () => {
		const d = { sets: 3, reps: 10, hold_seconds: null, times: 2, per: 'day' as const, weeks: 4 };
		const form = dosageFormOf(d);
		expect(form).toEqual({ sets: '3', reps: '10', hold_seconds: '', times: '2', per: 'day', weeks: '4' });
		expect(parseDosageForm(form)).toEqual({ ok: true, dosage: d });
	});
	it('reports every bad field at once', () => {
		const r = parseDosageForm({ sets: '0', reps: 'ten', hold_seconds: '601', times: '', per: 'day', weeks: '53' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['hold_seconds', 'reps', 'sets', 'times', 'weeks']);
		expect(r.errors.sets).toBe('Sets must be from 1 to 20.');
		expect(r.errors.reps).toBe('Repetitions must be a whole number from 1 to 100.');
	});
	it('limits times to 12 a day but 50 a week', () => {
		expect(parseDosageForm({ ...emptyDosageForm(), times: '13' }).ok).toBe(false);
		expect(parseDosageForm({ ...emptyDosageForm(), times: '13', per: 'week' }).ok).toBe(true);
		expect(parseDosageForm({ ...emptyDosageForm(), times: '51', per: 'week' }).ok).toBe(false);
	});
	it('trims spaces and leaves optional fields null', () => {
		expect(parseDosageForm({ ...emptyDosageForm(), sets: ' 2 ' })).toEqual({
			ok: true,
			dosage: { sets: 2, reps: null, hold_seconds: null, times: 1, per: 'day', weeks: null }
		});
	});
});

describe('precaution matches', () => {
	const names = [
		{ code: 'pregnancy', name: 'Pregnancy', situations: [{ code: 'positioning', name: 'Positioning in later pregnancy' }] },
		{ code: 'recent_surgery', name: 'Recent surgery', situations: [] }
	];
	it('names a precaution and a situation', () => {
		expect(precautionMatchName('recent_surgery', names)).toBe('Recent surgery');
		expect(precautionMatchName('pregnancy.positioning', names)).toBe('Pregnancy: Positioning in later pregnancy');
		expect(precautionMatchName('pregnancy.other', names)).toBe('Pregnancy: other');
		expect(precautionMatchName('dvt.known', names)).toBe('dvt.known');
	});
	it('matches a whole precaution or one situation, in the entry order', () => {
		const patient = [
			{ precaution: 'pregnancy', situation: 'first_trimester' },
			{ precaution: 'recent_surgery', situation: 'operation_site' }
		];
		expect(matchPrecautions(['pregnancy.positioning', 'recent_surgery', 'pregnancy', 'dvt'], patient)).toEqual([
			'recent_surgery',
			'pregnancy'
		]);
		expect(matchPrecautions(['pregnancy.first_trimester'], patient)).toEqual(['pregnancy.first_trimester']);
		expect(matchPrecautions(['recent_surgery'], [])).toEqual([]);
	});
	it('reads the codes out of a 409 answer and ignores other issues', () => {
		const issues = [
			{ path: 'slug', code: 'precaution-match', message: "This entry needs care with the patient's precaution 'recent_surgery'. Send …" },
			{ path: 'slug', code: 'precaution-match', message: 'No quotes here' },
			{ path: 'slug', code: 'unknown-slug', message: "Not 'this'" }
		];
		expect(precautionMatchesOf(issues)).toEqual([
			{ code: 'recent_surgery', message: issues[0]!.message },
			{ code: null, message: 'No quotes here' }
		]);
	});
});

describe('the library picker', () => {
	const entry = (slug: string, type: LibraryEntrySummary['type'], regions: string[], title = slug) => ({
		slug,
		title,
		type,
		regions,
		summary: `About ${title}`
	});
	const all = [
		entry('neck-side-stretch', 'stretch', ['neck', 'shoulders'], 'Neck side stretch'),
		entry('belly-breathing', 'breathing', [], 'Belly breathing'),
		entry('shoulder-rolls', 'stretch', ['shoulders'], 'Shoulder rolls')
	];
	it('filters by type, region and every word of the text', () => {
		expect(filterLibrary(all, { text: '', type: '', region: '' })).toHaveLength(3);
		expect(filterLibrary(all, { text: '', type: 'stretch', region: 'shoulders' }).map((e) => e.slug)).toEqual([
			'neck-side-stretch',
			'shoulder-rolls'
		]);
		expect(filterLibrary(all, { text: 'NECK stretch', type: '', region: '' }).map((e) => e.slug)).toEqual(['neck-side-stretch']);
		expect(filterLibrary(all, { text: 'breath', type: 'stretch', region: '' })).toEqual([]);
	});
});

describe('issue paths', () => {
	it('maps the server paths onto the form fields', () => {
		expect(programmeIssueField('dosage.sets')).toBe('sets');
		expect(programmeIssueField('dosage.hold_seconds')).toBe('hold_seconds');
		expect(programmeIssueField('dosage.per')).toBe('per');
		expect(programmeIssueField('dosage')).toBe('times');
		expect(programmeIssueField('slug')).toBe('slug');
		expect(programmeIssueField('note')).toBe('note');
		expect(programmeIssueField('dosage.colour')).toBeNull();
		expect(programmeIssueField('confirm_precautions')).toBeNull();
	});
});

describe('per-item adherence from the done marks', () => {
	const daily = { dosage: { times: 2, per: 'day' as const }, start_date: '2026-03-01', ended_on: null };
	it('counts the active days of the window and caps a day at its times', () => {
		// Started 3 days before today: 4 active days in the last 7, 2 a day expected.
		const done = [
			{ date: '2026-03-01', sessions: 2 },
			{ date: '2026-03-02', sessions: 5 },
			{ date: '2026-02-20', sessions: 2 }
		];
		expect(itemAdherence(daily, done, '2026-03-04', 7)).toEqual({ done: 4, expected: 8, ratio: 0.5 });
	});
	it('stops at the end and at the planned weeks, and expects times/7 a day for a weekly item', () => {
		const ended = { ...daily, ended_on: '2026-03-03' }; // active 1st and 2nd only
		expect(itemAdherence(ended, [{ date: '2026-03-03', sessions: 2 }], '2026-03-10', 28)).toEqual({ done: 0, expected: 4, ratio: 0 });
		const weekly = { dosage: { times: 3, per: 'week' as const, weeks: 1 }, start_date: '2026-03-01', ended_on: null };
		expect(itemAdherence(weekly, [{ date: '2026-03-02', sessions: 1 }], '2026-03-20', 28)).toEqual({ done: 1, expected: 3, ratio: 0.33 });
		expect(itemAdherence(weekly, [], '2026-03-20', 7)).toEqual({ done: 0, expected: 0, ratio: null });
	});
	it('caps the ratio at 1 and needs the marks', () => {
		const weekly = { dosage: { times: 1, per: 'week' as const }, start_date: '2026-03-01', ended_on: null };
		expect(itemAdherence(weekly, [{ date: '2026-03-01', sessions: 1 }], '2026-03-01', 7)).toEqual({ done: 1, expected: 0.14, ratio: 1 });
		expect(itemAdherence(daily, null, '2026-03-04', 7)).toBeNull();
	});
	it('reads done_dates only when the server sent them', () => {
		expect(doneDatesOf({ done_dates: [{ date: '2026-03-01', sessions: 1 }] })).toHaveLength(1);
		expect(doneDatesOf({})).toBeNull();
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});
});
