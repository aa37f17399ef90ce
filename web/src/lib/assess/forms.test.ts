import { describe, expect, it } from 'vitest';
import type { PrecautionEntry, RedFlag } from '../api/assess-types';
import {
	ackNoteProblem,
	fieldLabel,
	issuesToProblems,
	mostUrgentAction,
	normalisePath,
	precautionInput,
	redFlagAnswers,
	redFlagProblems,
	responseWords,
	urgencyWords
} from './forms';

describe('ackNoteProblem', () => {
	it('needs at least 10 characters after trimming', () => {
		expect(ackNoteProblem('')).toMatch(/Say what you did/);
		expect(ackNoteProblem('   called   ')).toMatch(/at least 10 characters/);
		expect(ackNoteProblem('Called her')).toBeNull();
		expect(ackNoteProblem('x'.repeat(2001))).toMatch(/2000 characters or fewer/);
	});
});

describe('issue paths', () => {
	it('normalises JSON paths and pointers', () => {
		expect(normalisePath('$.answers[2].action_taken')).toBe('answers[2].action_taken');
		expect(normalisePath('/answers/2/action_taken')).toBe('answers[2].action_taken');
		expect(normalisePath('note')).toBe('note');
	});
	it('maps each issue to the most specific field, else to the form', () => {
		const problems = issuesToProblems(
			[
				{ path: 'answers[1].action_taken', code: 'required', message: 'Say what was done' },
				{ path: 'answers[0].flag', code: 'unknown', message: 'Unknown flag' },
				{ path: 'answers', code: 'missing-flag', message: 'Missing fracture' }
			],
			['answers[1].answer', 'answers[1].action_taken', 'answers[0]']
		);
		expect(problems).toEqual([
			{ field: 'answers[1].action_taken', message: 'Say what was done' },
			{ field: 'answers[0]', message: 'Unknown flag' },
			{ field: null, message: 'Missing fracture' }
		]);
	});
});

const flags: RedFlag[] = [
	{
		code: 'cauda_equina',
		name: 'Cauda equina syndrome',
		applies_when: null,
		features: [],
		notes: [],
		actions: [{ urgency: '999-ae', when: 'Any', instruction: 'A&E now' }],
		treatment_restriction: null,
		record_prompts: []
	},
	{
		code: 'fracture',
		name: 'Spinal fracture',
		applies_when: null,
		features: [],
		notes: [],
		actions: [
			{ urgency: 'urgent-gp', when: 'Suspected', instruction: 'GP' },
			{ urgency: '999-ae', when: 'Deficit', instruction: 'A&E' }
		],
		treatment_restriction: null,
		record_prompts: []
	}
];

describe('red-flag checklist', () => {
	it('needs an answer for every flag and what was done for a present one', () => {
		expect(
			redFlagProblems(flags, [
				{ answer: 'present', note: '', actionTaken: '  ' },
				{ answer: '', note: '', actionTaken: '' }
			])
		).toEqual([
			{ field: 'answers[0].action_taken', message: expect.stringMatching(/Say what was done about Cauda/) },
			{ field: 'answers[1].answer', message: 'Choose present, absent or unsure for Spinal fracture.' }
		]);
		expect(
			redFlagProblems(flags, [
				{ answer: 'present', note: '', actionTaken: 'Sent to A&E' },
				{ answer: 'unsure', note: '', actionTaken: '' }
			])
		).toEqual([]);
	});
	it('builds the request, leaving out empty notes and actions of flags that are not present', () => {
		expect(
			redFlagAnswers(flags, [
				{ answer: 'present', note: ' saddle numbness ', actionTaken: 'Sent to A&E' },
				{ answer: 'absent', note: '', actionTaken: 'left over' }
			])
		).toEqual([
			{ flag: 'cauda_equina', answer: 'present', note: 'saddle numbness', action_taken: 'Sent to A&E' },
			{ flag: 'fracture', answer: 'absent' }
		]);
	});
	it('picks the most urgent action and names urgencies', () => {
		expect(mostUrgentAction(flags[1]!.actions)?.urgency).toBe('999-ae');
		expect(mostUrgentAction([])).toBeNull();
		expect(urgencyWords('999-ae')).toBe('Emergency: 999 or A&E');
		expect(urgencyWords('other')).toBe('other');
	});
});

describe('precautions', () => {
	it('sends only what the clinician chose', () => {
		const entry: PrecautionEntry = {
			precaution: 'anticoagulants',
			situation: 'anticoagulant',
			name: 'Anticoagulants',
			situation_name: 'On an anticoagulant',
			guidance: 'g',
			response: 'r',
			pressure_cap: 'light-moderate',
			regions: [],
			excluded_regions: [],
			pressure_cap_regions: [],
			details: { anticoagulant_name: 'Apixaban', start_date: ' ' },
			note: null
		};
		expect(precautionInput(entry)).toEqual({
			precaution: 'anticoagulants',
			situation: 'anticoagulant',
			details: { anticoagulant_name: 'Apixaban' }
		});
	});
	it('labels record fields and responses in words', () => {
		expect(fieldLabel('anticoagulant_name')).toBe('Anticoagulant name');
		expect(responseWords('defer-and-refer')).toBe('Defer treatment and refer');
		expect(responseWords('new-code')).toBe('New code');
	});
});
