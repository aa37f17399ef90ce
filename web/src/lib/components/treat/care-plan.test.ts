import { describe, expect, it } from 'vitest';
import type { CarePlan } from '$lib/api/treat-types';
import {
	formFromPlan,
	frequencyWords,
	goalWords,
	planFieldId,
	planInput,
	planProblems,
	sessionsWords,
	versionSummary,
	wholeNumber
} from './care-plan';

const PLAN: CarePlan = {
	version: 2,
	problems: ['Neck pain', 'Poor sleep'],
	goals: [
		{ activity: 'Sit at my desk all day', baseline: 3, target: 7, current: 5 },
		{ activity: 'Carry the shopping', baseline: 4, target: 8, current: null }
	],
	planned_sessions: 6,
	frequency: 'weekly',
	programme_note: null,
	review_date: '2027-01-13',
	sessions_done: 2,
	updated_at: '2026-12-02T05:00:00Z',
	updated_by: { id: 'u', name: 'Demo Clinician' }
};

const EMPTY: CarePlan = {
	version: 0,
	problems: [],
	goals: [],
	planned_sessions: null,
	frequency: null,
	programme_note: null,
	review_date: null,
	sessions_done: 0,
	updated_at: null,
	updated_by: null
};

describe('care plan form', () => {
	it('starts a new plan with one empty problem and goal', () => {
		const form = formFromPlan(EMPTY);
		expect(form.problems).toEqual(['']);
		expect(form.goals).toEqual([{ activity: '', baseline: '', target: '' }]);
		expect(form.frequency).toBe('weekly');
	});

	it('round-trips a stored plan through the form', () => {
		const body = planInput(formFromPlan(PLAN));
		expect(body).toEqual({
			problems: ['Neck pain', 'Poor sleep'],
			goals: [
				{ activity: 'Sit at my desk all day', baseline: 3, target: 7 },
				{ activity: 'Carry the shopping', baseline: 4, target: 8 }
			],
			planned_sessions: 6,
			frequency: 'weekly',
			programme_note: null,
			review_date: '2027-01-13'
		});
	});

	it('sends null for numbers that are not whole, and trims text', () => {
		expect(wholeNumber(' 7 ')).toBe(7);
		expect(wholeNumber('7.5')).toBeNull();
		expect(wholeNumber('')).toBeNull();
		const form = formFromPlan(EMPTY);
		form.problems = ['  ', ' Back pain '];
		form.goals[0] = { activity: ' Walk ', baseline: 'x', target: '6' };
		const body = planInput(form);
		expect(body.problems).toEqual(['Back pain']);
		expect(body.goals[0]).toEqual({ activity: 'Walk', baseline: null, target: 6 });
		expect(body.planned_sessions).toBeNull();
		expect(body.review_date).toBeNull();
	});

	it('maps server issues back to the form, skipping blank problem lines', () => {
		const form = formFromPlan(EMPTY);
		form.problems = ['', 'x'.repeat(400)];
		form.goals = [
			{ activity: 'Walk', baseline: '3', target: '3' },
			{ activity: '', baseline: '1', target: '2' }
		];
		const problems = planProblems(
			[
				{ path: 'problems[0]', code: 'too-long', message: 'Too long.' },
				{ path: 'goals[0].target', code: 'same-as-baseline', message: 'Differ.' },
				{ path: 'goals[1].activity', code: 'required', message: 'Words.' },
				{ path: 'review_date', code: 'in-the-past', message: 'Past.' },
				{ path: 'goals', code: 'too-many', message: 'Five.' }
			],
			form
		);
		expect(problems.map((p) => p.field)).toEqual(['problems[1]', 'goals[0].target', 'goals[1].activity', 'review_date', 'goals']);
		expect(problems.map((p) => planFieldId(p.field!))).toEqual([
			'plan-problem-1',
			'plan-goal-0-target',
			'plan-goal-1-activity',
			'plan-review-date',
			'plan-goals'
		]);
	});
});

describe('care plan words', () => {
	it('says the frequency, sessions and goals plainly', () => {
		expect(frequencyWords('fortnightly')).toBe('Every two weeks');
		expect(frequencyWords(null)).toBe('');
		expect(sessionsWords(2, 6)).toBe('2 of 6 sessions done');
		expect(sessionsWords(1, null)).toBe('1 session done');
		expect(goalWords(PLAN.goals[0]!)).toBe(
			'When we set this goal: 3 out of 10. Aiming for: 7 out of 10. Your latest rating: 5 out of 10.'
		);
		expect(goalWords(PLAN.goals[1]!)).not.toContain('latest');
		expect(versionSummary({ ...PLAN, programme_note: null, planned_sessions: 6, frequency: 'weekly', review_date: '2027-01-13' })).toBe(
			'2 problems, 2 goals, 6 sessions weekly, review 2027-01-13'
		);
	});
});
