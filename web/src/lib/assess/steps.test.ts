import { describe, expect, it } from 'vitest';
import type { Draft } from '../api/assess-types';
import {
	answeredCount,
	buildSteps,
	normaliseDraft,
	progressText,
	questionLabel,
	questionTotal,
	recallFor,
	recallWords,
	resumeIndex,
	totalPositions,
	unansweredSteps,
	withAnswer
} from './steps';
import { gad2, nprs, phq9, scoringOnly } from './fixtures.test-data';

const empty = (): Draft => normaliseDraft(null, ['phq9', 'gad2']);

describe('buildSteps', () => {
	it('runs the instruments in order, then the body map, then the review', () => {
		const steps = buildSteps([phq9, gad2], true, false);
		expect(steps).toHaveLength(9 + 2 + 1 + 1);
		expect(steps[0]).toMatchObject({ kind: 'question', itemNumber: 1, position: 1 });
		expect(steps[9]).toMatchObject({ kind: 'question', itemNumber: 1, position: 10 });
		expect(steps[11]).toEqual({ kind: 'body-map', position: 12 });
		expect(steps[12]).toEqual({ kind: 'review' });
		expect(totalPositions(steps)).toBe(12);
	});
	it('leaves scoring-only instruments out of the portal but not out of clinic entry', () => {
		expect(buildSteps([scoringOnly, gad2], false, false)).toHaveLength(3);
		expect(buildSteps([scoringOnly, gad2], false, true)).toHaveLength(5);
	});
});

describe('progressText', () => {
	const steps = buildSteps([phq9, gad2], true, false);
	it('counts questions across the pack, as the server counts them (body map apart)', () => {
		expect(questionTotal(steps)).toBe(11);
		expect(progressText(steps[2]!, questionTotal(steps))).toBe('Question 3 of 11');
	});
	it('names the body-map step and nothing for the review', () => {
		expect(progressText(steps[11]!, 11)).toBe('Last step: body map');
		expect(progressText(steps[12]!, 11)).toBe('');
	});
});

describe('resumeIndex', () => {
	const steps = buildSteps([phq9, gad2], true, false);
	it('starts at the beginning when nothing is answered', () => {
		expect(resumeIndex(steps, empty())).toBe(0);
	});
	it('continues after the last answered question', () => {
		let d = withAnswer(empty(), 'phq9', 'phq9_1', 'not_at_all');
		d = withAnswer(d, 'phq9', 'phq9_2', 'several_days');
		d = withAnswer(d, 'phq9', 'phq9_3', 'several_days');
		expect(resumeIndex(steps, d)).toBe(3);
	});
	it('does not send someone back to a question they skipped', () => {
		let d = withAnswer(empty(), 'phq9', 'phq9_1', 'not_at_all');
		d = withAnswer(d, 'phq9', 'phq9_4', 'several_days');
		expect(resumeIndex(steps, d)).toBe(4);
	});
	it('moves into the next instrument and to the review at the end', () => {
		expect(resumeIndex(steps, withAnswer(empty(), 'phq9', 'phq9_9', 'not_at_all'))).toBe(9);
		const withMap = { ...empty(), body_map: [{ region: 'neck', intensity: 4 }] };
		expect(resumeIndex(steps, withMap)).toBe(12);
	});
	it('treats a cleared answer as unanswered', () => {
		const d = withAnswer(withAnswer(empty(), 'phq9', 'phq9_1', 'not_at_all'), 'phq9', 'phq9_1', null);
		expect(resumeIndex(steps, d)).toBe(0);
	});
});

describe('unansweredSteps and answeredCount', () => {
	it('lists what is left, with labels and positions, and counts questions only', () => {
		const steps = buildSteps([gad2], true, false);
		const d = { ...normaliseDraft(null, ['gad2']), answers: { gad2: { gad2_1: 'not_at_all', gad2_2: ' ' } } };
		expect(unansweredSteps(steps, d)).toEqual([
			{ index: 1, position: 2, label: 'Worrying' },
			{ index: 2, position: 3, label: 'Where you feel pain or tension (optional)' }
		]);
		expect(answeredCount(steps, d)).toBe(1);
	});
	it('counts 0 as an answer', () => {
		const steps = buildSteps([nprs], false, false);
		const d = withAnswer(normaliseDraft(null, ['nprs']), 'nprs', 'nprs', 0);
		expect(unansweredSteps(steps, d)).toEqual([]);
	});
});

describe('questionLabel', () => {
	it('uses the text, or the item number and theme for scoring-only items', () => {
		expect(questionLabel(gad2.items[0]!, 1)).toBe('Nervous');
		expect(questionLabel(scoringOnly.items[0]!, 1)).toBe('Item 1: Leg pain spread');
		expect(questionLabel(scoringOnly.items[1]!, 2)).toBe('Item 2');
	});
});

describe('normaliseDraft', () => {
	it('fills in missing parts and keeps what was saved', () => {
		expect(normaliseDraft(null, ['a'])).toEqual({ answers: { a: {} }, body_map: [], recall: {} });
		const saved = { answers: { a: { x: 'y' } }, body_map: [{ region: 'neck', intensity: 3 }], recall: { a: 'P1W' } };
		expect(normaliseDraft(saved, ['a', 'b'])).toEqual({ ...saved, answers: { a: { x: 'y' }, b: {} } });
	});
});

describe('recall periods', () => {
	it('says ISO periods in words', () => {
		expect(recallWords('P2W')).toBe('the last 2 weeks');
		expect(recallWords('PT24H')).toBe('the last 24 hours');
		expect(recallWords('now')).toBe('right now');
		expect(recallWords('P3D')).toBe('the last 3 days');
		expect(recallWords('P1M')).toBe('the last month');
		expect(recallWords('P6M')).toBe('the last 6 months');
		expect(recallWords('whenever')).toBe('whenever');
	});
	it('uses the chosen period only when the instrument allows it', () => {
		expect(recallFor(nprs, { recall: {} })).toBe('PT24H');
		expect(recallFor(nprs, { recall: { nprs: 'now' } })).toBe('now');
		expect(recallFor(nprs, { recall: { nprs: 'P2W' } })).toBe('PT24H');
	});
});
