import { describe, expect, it } from 'vitest';
import { errorSummaryItems, issueField, problemToFieldErrors } from './problem-fields';
import { PATIENT_FIELDS } from './patients/form';

describe('issueField', () => {
	it.each([
		['nhs_number', 'nhs_number'],
		['/nhs_number', 'nhs_number'],
		['$.nhs_number', 'nhs_number'],
		['body.birth_date', 'birth_date'],
		['#/email', 'email'],
		['items[3].answer', 'items'],
		['', '']
	])('maps %j to %j', (path, field) => {
		expect(issueField(path)).toBe(field);
	});
});

describe('problemToFieldErrors', () => {
	it('puts each issue next to its field and keeps unknown ones for the summary', () => {
		const errors = problemToFieldErrors(
			[
				{ path: 'nhs_number', code: 'checksum', message: 'NHS number is not valid' },
				{ path: 'birth_date', code: 'future', message: 'Date of birth must be in the past' },
				{ path: '', code: 'other', message: 'Something else' },
				{ path: 'clinic', code: 'x', message: 'Unknown field' }
			],
			PATIENT_FIELDS
		);
		expect(errors.byField).toEqual({
			nhs_number: ['NHS number is not valid'],
			birth_date: ['Date of birth must be in the past']
		});
		expect(errors.general).toEqual(['Something else', 'Unknown field']);
	});

	it('keeps several messages for one field but drops exact repeats', () => {
		const errors = problemToFieldErrors(
			[
				{ path: '/email', code: 'a', message: 'Too long' },
				{ path: 'email', code: 'b', message: 'Not an email address' },
				{ path: 'email', code: 'b', message: 'Not an email address' }
			],
			PATIENT_FIELDS
		);
		expect(errors.byField.email).toEqual(['Too long', 'Not an email address']);
	});

	it('uses the fallback message when there are no issues', () => {
		expect(problemToFieldErrors([], PATIENT_FIELDS, 'Please check the form').general).toEqual([
			'Please check the form'
		]);
		expect(problemToFieldErrors(undefined, PATIENT_FIELDS).general).toEqual([]);
	});
});

describe('errorSummaryItems', () => {
	it('lists field errors in form order, then general ones', () => {
		const errors = problemToFieldErrors(
			[
				{ path: 'phone', code: 'a', message: 'Phone problem' },
				{ path: '', code: 'b', message: 'General problem' },
				{ path: 'given_name', code: 'c', message: 'Enter a given name' }
			],
			PATIENT_FIELDS
		);
		expect(errorSummaryItems(errors, PATIENT_FIELDS)).toEqual([
			{ field: 'given_name', message: 'Enter a given name' },
			{ field: 'phone', message: 'Phone problem' },
			{ field: null, message: 'General problem' }
		]);
	});
});
