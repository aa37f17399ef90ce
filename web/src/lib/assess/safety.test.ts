import { describe, expect, it } from 'vitest';
import { draftFiresSafetyRule, firedSafetyRules, itemScore } from './safety';
import { gad2, nprs, phq9 } from './fixtures.test-data';

describe('itemScore', () => {
	const item9 = phq9.items[8]!;
	it('reads a choice option score by its code', () => {
		expect(itemScore(item9, 'several_days')).toBe(1);
		expect(itemScore(item9, 'not_at_all')).toBe(0);
	});
	it('is null for unanswered and unknown answers', () => {
		expect(itemScore(item9, null)).toBeNull();
		expect(itemScore(item9, undefined)).toBeNull();
		expect(itemScore(item9, 'sometimes')).toBeNull();
		expect(itemScore(item9, 2)).toBeNull();
	});
	it('uses an integer item value as its score', () => {
		expect(itemScore(nprs.items[0]!, 7)).toBe(7);
		expect(itemScore(nprs.items[0]!, '7')).toBeNull();
	});
});

describe('firedSafetyRules', () => {
	it('fires PHQ-9 item 9 for any answer above "Not at all", whatever the total', () => {
		expect(firedSafetyRules(phq9, { phq9_9: 'several_days' }).map((r) => r.id)).toEqual(['self_harm_thoughts']);
		expect(firedSafetyRules(phq9, { phq9_9: 'nearly_every_day' })).toHaveLength(1);
	});
	it('does not fire for "Not at all" or no answer', () => {
		expect(firedSafetyRules(phq9, { phq9_9: 'not_at_all' })).toEqual([]);
		expect(firedSafetyRules(phq9, { phq9_9: null })).toEqual([]);
		expect(firedSafetyRules(phq9, {})).toEqual([]);
		expect(firedSafetyRules(phq9, undefined)).toEqual([]);
	});
	it('ignores rules that are not safety rules, and scale rules', () => {
		const all3 = Object.fromEntries(phq9.items.slice(0, 8).map((i) => [i.link_id, 'nearly_every_day']));
		expect(firedSafetyRules(phq9, all3)).toEqual([]);
	});
	it('honours both ends of a range', () => {
		expect(firedSafetyRules(nprs, { nprs: 8 })).toEqual([]);
		expect(firedSafetyRules(nprs, { nprs: 9 })).toHaveLength(1);
		expect(firedSafetyRules(nprs, { nprs: 10 })).toHaveLength(1);
	});
	it('has nothing to fire for an instrument without safety rules', () => {
		expect(firedSafetyRules(gad2, { gad2_1: 'nearly_every_day' })).toEqual([]);
	});
});

describe('draftFiresSafetyRule', () => {
	it('looks at every instrument of the pack', () => {
		const draft = { answers: { gad2: { gad2_1: 'nearly_every_day' }, phq9: { phq9_9: 'several_days' } } };
		expect(draftFiresSafetyRule([gad2, phq9], draft)).toBe(true);
		expect(draftFiresSafetyRule([gad2], draft)).toBe(false);
		expect(draftFiresSafetyRule([gad2, phq9], { answers: {} })).toBe(false);
	});
});
