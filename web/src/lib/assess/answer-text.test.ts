import { describe, expect, it } from 'vitest';
import { answerText, itemName } from './answer-text';

const definition = {
	items: [
		{
			link_id: 'q1',
			text: 'Little interest or pleasure in doing things',
			type: 'choice' as const,
			scored: true,
			options: [
				{ code: 'not_at_all', text: 'Not at all', score: 0 },
				{ code: 'several_days', text: 'Several days', score: 1 }
			]
		},
		{ link_id: 'q2', text: null, theme: 'Sleep', type: 'integer' as const, scored: true }
	]
};

describe('answerText', () => {
	it('gives a choice’s words and score', () => {
		expect(answerText(definition, 'q1', 'several_days')).toBe('Several days (1)');
	});
	it('shows numbers, unknown codes and missing answers plainly', () => {
		expect(answerText(definition, 'q2', 4)).toBe('4');
		expect(answerText(definition, 'q1', 'gone')).toBe('gone');
		expect(answerText(definition, 'q1', null)).toBe('No answer');
		expect(answerText(definition, 'q1', undefined)).toBe('No answer');
		expect(answerText(null, 'q1', 'several_days')).toBe('several_days');
	});
});

describe('itemName', () => {
	it('numbers the question and uses its words, or its theme for a scoring-only item', () => {
		expect(itemName(definition, 'q1')).toBe('1. Little interest or pleasure in doing things');
		expect(itemName(definition, 'q2')).toBe('2. Item 2: Sleep');
	});
	it('falls back to the link id', () => {
		expect(itemName(null, 'q1')).toBe('q1');
		expect(itemName(definition, 'q9')).toBe('q9');
	});
});
