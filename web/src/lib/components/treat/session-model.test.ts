import { describe, expect, it } from 'vitest';
import type { SessionMapRegion, SessionNote } from '$lib/api/treat-types';
import {
	bodyOf,
	chosenWithStatus,
	commonReason,
	reasonGroups,
	reasonText,
	conflictKind,
	consentItems,
	emptyRatings,
	formOf,
	groupRegions,
	isChanged,
	labelsOf,
	ratingChangeWords,
	ratingPairWords,
	ratingRows,
	ratingSeries,
	sessionsWord,
	signProblems,
	summaryFieldId,
	toggled
} from './session-model';

const region = (code: string, label: string, status: SessionMapRegion['status']): SessionMapRegion => ({
	code,
	label,
	status,
	reasons: [],
	pressure_cap: null
});

const MAP: SessionMapRegion[] = [
	region('neck', 'Neck', 'do_not_treat'),
	region('upper_back', 'Upper back', 'fine'),
	region('lower_back', 'Lower back', 'ask_first'),
	region('left_shoulder', 'Left shoulder', 'fine'),
	region('jaw', 'Jaw', 'ask_first')
];

const NOTE: SessionNote = {
	id: 'n1',
	patient_id: 'p1',
	clinician: { id: 'c1', name: 'Sam Clinician' },
	status: 'draft',
	version: 2,
	created_at: '2026-12-01T10:00:00Z',
	updated_at: '2026-12-01T10:05:00Z',
	signed_at: null,
	signed_by: null,
	addenda: [],
	session_date: '2026-12-01',
	subjective: 'Stiff',
	objective: '',
	assessment: '',
	plan: '',
	techniques: ['massage'],
	regions_treated: ['lower_back'],
	ask_first_confirmed: ['lower_back'],
	consent_confirmed: false,
	screen_completed: true,
	ratings: { pain: { before: 6, after: 3 }, tension: { before: 7, after: null }, stress: { before: null, after: null } },
	advice: '',
	programme_changes: '',
	patient_summary: ''
};

describe('groupRegions', () => {
	it('puts each region in its status group, keeping the map order', () => {
		const g = groupRegions(MAP);
		expect(g.do_not_treat.map((r) => r.code)).toEqual(['neck']);
		expect(g.ask_first.map((r) => r.code)).toEqual(['lower_back', 'jaw']);
		expect(g.fine.map((r) => r.code)).toEqual(['upper_back', 'left_shoulder']);
	});

	it('treats an unknown status as ask first (never as fine)', () => {
		const odd = { ...region('hip', 'Hip', 'fine'), status: 'maybe' as unknown as SessionMapRegion['status'] };
		expect(groupRegions([odd]).ask_first.map((r) => r.code)).toEqual(['hip']);
	});
});

describe('reasons', () => {
	const why = (code: string, text: string, cap: SessionMapRegion['pressure_cap'] = null): SessionMapRegion => ({
		...region(code, code.toUpperCase(), 'ask_first'),
		reasons: [{ source: 'consent', text }],
		pressure_cap: cap
	});

	it('says the reasons and the cap in one line', () => {
		expect(reasonText(why('neck', 'No answer yet.', 'light'))).toBe('Consent: No answer yet. Pressure no more than light.');
		expect(reasonText({ reasons: [{ source: 'precaution', text: 'Recent surgery.' }], pressure_cap: null })).toBe('Precaution: Recent surgery.');
		expect(reasonText({ reasons: [], pressure_cap: null })).toBe('');
	});

	it('puts regions with the same reason together, in order of first appearance', () => {
		const groups = reasonGroups([why('a', 'No answer yet.'), why('b', 'Asked to be asked.'), why('c', 'No answer yet.')]);
		expect(groups.map((g) => [g.text, g.regions.map((r) => r.code)])).toEqual([
			['Consent: No answer yet.', ['a', 'c']],
			['Consent: Asked to be asked.', ['b']]
		]);
	});

	it('finds the reason most regions share, only when two or more do', () => {
		expect(commonReason([why('a', 'X.'), why('b', 'Y.'), why('c', 'X.')])).toBe('Consent: X.');
		expect(commonReason([why('a', 'X.'), why('b', 'Y.')])).toBeNull();
		expect(commonReason([])).toBeNull();
	});
});

describe('formOf and bodyOf', () => {
	it('round-trips a stored note', () => {
		const body = bodyOf(formOf(NOTE));
		expect(body.ratings).toEqual(NOTE.ratings);
		expect(body.techniques).toEqual(['massage']);
		expect(body.ask_first_confirmed).toEqual(['lower_back']);
		expect(body.session_date).toBe('2026-12-01');
		expect(isChanged(formOf(NOTE), NOTE)).toBe(false);
	});

	it('blanks missing members and trims texts', () => {
		const form = formOf({});
		expect(form.ratings.pain).toEqual({ before: '', after: '' });
		form.subjective = '  Better today  ';
		form.ratings.stress.after = '0';
		const body = bodyOf(form);
		expect(body.subjective).toBe('Better today');
		expect(body.ratings?.stress).toEqual({ before: null, after: 0 });
		expect(body.ratings?.pain).toEqual({ before: null, after: null });
	});

	it('drops an agreement for a region no longer ticked', () => {
		const form = formOf(NOTE);
		form.regions_treated = [];
		expect(bodyOf(form).ask_first_confirmed).toEqual([]);
		expect(isChanged(form, NOTE)).toBe(true);
	});
});

describe('toggled', () => {
	it('adds and removes, ordered like the map', () => {
		const order = MAP.map((r) => r.code);
		expect(toggled(['jaw'], 'neck', true, order)).toEqual(['neck', 'jaw']);
		expect(toggled(['neck', 'jaw'], 'neck', false, order)).toEqual(['jaw']);
		expect(toggled(['jaw'], 'jaw', true, order)).toEqual(['jaw']);
	});
});

describe('chosenWithStatus', () => {
	it('gives the ticked regions of one status', () => {
		expect(chosenWithStatus(['jaw', 'neck', 'upper_back'], MAP, 'ask_first').map((r) => r.code)).toEqual(['jaw']);
		expect(chosenWithStatus(['jaw', 'neck'], MAP, 'do_not_treat').map((r) => r.code)).toEqual(['neck']);
	});
});

describe('conflictKind', () => {
	it('tells the conflicts apart by problem type', () => {
		expect(conflictKind({ type: 'https://unknot.example/problems/consent-refused' })).toBe('consent-refused');
		expect(conflictKind({ type: '/problems/consent-confirmation-required' })).toBe('consent-confirmation-required');
		expect(conflictKind({ type: 'https://x/problems/note-signed' })).toBe('note-signed');
		expect(conflictKind({ type: 'https://x/problems/version-mismatch' })).toBe('stale');
		expect(conflictKind(null)).toBe('stale');
	});
});

describe('consentItems', () => {
	const chosen = [region('neck', 'Neck', 'do_not_treat'), region('jaw', 'Jaw', 'do_not_treat')];

	it('links each sentence of the detail to the region it names', () => {
		const items = consentItems(
			'consent-refused',
			'Neck: the patient has said no to touch here. Jaw: the patient has said no to touch here.',
			chosen
		);
		expect(items).toEqual([
			{ field: 'region:neck', message: 'Neck: the patient has said no to touch here.' },
			{ field: 'region:jaw', message: 'Jaw: the patient has said no to touch here.' }
		]);
		expect(summaryFieldId(items[0]!.field!)).toBe('session-region-neck');
	});

	it('keeps a sentence it cannot place, unlinked', () => {
		expect(consentItems('consent-refused', 'Something else.', chosen)).toEqual([{ field: null, message: 'Something else.' }]);
	});

	it('says it itself when the server gave no detail', () => {
		const items = consentItems('consent-confirmation-required', '', [region('jaw', 'Jaw', 'ask_first')]);
		expect(items).toEqual([{ field: 'agreed:jaw', message: 'Jaw: confirm the patient agreed to treatment here today.' }]);
		expect(summaryFieldId('agreed:jaw')).toBe('session-agreed-jaw');
	});
});

describe('summaryFieldId', () => {
	it('maps server paths to the editor ids', () => {
		expect(summaryFieldId('ratings.pain.after')).toBe('session-rating-pain-after');
		expect(summaryFieldId('patient_summary')).toBe('session-patient-summary');
		expect(summaryFieldId('techniques')).toBe('session-techniques');
		expect(summaryFieldId('regions_treated')).toBe('session-regions');
	});
});

describe('signProblems', () => {
	it('needs the consent check, and a summary when the patient asked for one', () => {
		const form = formOf(NOTE);
		expect(signProblems(form, true).map((p) => p.field)).toEqual(['consent_confirmed', 'patient_summary']);
		expect(signProblems(form, false).map((p) => p.field)).toEqual(['consent_confirmed']);
		form.consent_confirmed = true;
		form.patient_summary = '   ';
		expect(signProblems(form, true).map((p) => p.field)).toEqual(['patient_summary']);
		form.patient_summary = 'We worked on your lower back.';
		expect(signProblems(form, true)).toEqual([]);
	});
});

describe('ratings in words', () => {
	it('says before and after plainly', () => {
		expect(ratingPairWords({ before: 6, after: 3 })).toBe('6 before, 3 after');
		expect(ratingPairWords({ before: 6, after: null })).toBe('6 before');
		expect(ratingPairWords({ before: null, after: 0 })).toBe('0 after');
		expect(ratingPairWords({ before: null, after: null })).toBe('not rated');
		expect(ratingPairWords(undefined)).toBe('not rated');
	});

	it('gives the change only when both are there', () => {
		expect(ratingChangeWords({ before: 6, after: 3 })).toBe('down 3');
		expect(ratingChangeWords({ before: 2, after: 3 })).toBe('up 1');
		expect(ratingChangeWords({ before: 4, after: 4 })).toBe('no change');
		expect(ratingChangeWords({ before: null, after: 4 })).toBeNull();
	});
});

describe('ratingSeries', () => {
	it('orders signed sessions oldest first and leaves out drafts and unrated kinds', () => {
		const r = (pain: [number | null, number | null]) => ({ ...emptyRatings(), pain: { before: pain[0], after: pain[1] } });
		const series = ratingSeries([
			{ session_date: '2026-11-20', status: 'signed', ratings: r([5, 3]) },
			{ session_date: '2026-11-27', status: 'draft', ratings: r([9, 9]) },
			{ session_date: '2026-11-13', status: 'signed', ratings: r([7, 5]) },
			{ session_date: '2026-11-06', status: 'signed', ratings: r([null, null]) }
		]);
		expect(series.pain).toEqual([
			{ date: '2026-11-13', before: 7, after: 5 },
			{ date: '2026-11-20', before: 5, after: 3 }
		]);
		expect(series.stress).toEqual([]);
	});

	it('keeps two sessions on one day in the order they happened (the list is newest first)', () => {
		const rating = (b: number) => ({ ...emptyRatings(), pain: { before: b, after: null } });
		const series = ratingSeries([
			{ session_date: '2026-11-20', ratings: rating(2) },
			{ session_date: '2026-11-20', ratings: rating(8) }
		]);
		expect(series.pain.map((p) => p.before)).toEqual([8, 2]);
	});
});

describe('ratingRows', () => {
	it('gives every rating of each signed, rated session, oldest first', () => {
		const rows = ratingRows([
			{ session_date: '2026-11-20', status: 'signed', ratings: { ...emptyRatings(), stress: { before: 4, after: 2 } } },
			{ session_date: '2026-11-19', status: 'draft', ratings: { ...emptyRatings(), pain: { before: 1, after: 1 } } },
			{ session_date: '2026-11-13', status: 'signed', ratings: emptyRatings() },
			{ session_date: '2026-11-06', status: 'signed', ratings: null }
		]);
		expect(rows).toEqual([{ date: '2026-11-20', ratings: { ...emptyRatings(), stress: { before: 4, after: 2 } } }]);
	});
});

describe('small words', () => {
	it('counts sessions and names codes', () => {
		expect(sessionsWord(1)).toBe('1 session');
		expect(sessionsWord(3)).toBe('3 sessions');
		expect(labelsOf(['massage', 'odd'], [{ code: 'massage', label: 'Massage' }])).toEqual(['Massage', 'odd']);
	});
});

describe('wantsWrittenSummary', () => {
	it('is true only when the preference is set to true', async () => {
		const { wantsWrittenSummary } = await import('./session-preferences');
		expect(wantsWrittenSummary({ fields: { written_summary: { value: true } } })).toBe(true);
		expect(wantsWrittenSummary({ fields: { written_summary: { value: false } } })).toBe(false);
		expect(wantsWrittenSummary({ fields: {} })).toBe(false);
		expect(wantsWrittenSummary(null)).toBe(false);
	});
});
