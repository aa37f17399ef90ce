import { describe, expect, it } from 'vitest';
import type { Patient } from '../api/types';
import {
	changesBetween,
	diffPatient,
	emptyPatientForm,
	patientToForm,
	toCreateBody
} from './form';

const patient: Patient = {
	id: '0b6c1f8e-2f7a-4c43-9a55-1a2b3c4d5e6f',
	clinic_id: '9f0e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
	version: 3,
	given_name: 'Margaret',
	family_name: 'Okafor',
	preferred_name: 'Maggie',
	birth_date: '1970-03',
	birth_date_precision: 'month',
	nhs_number: '9434765919',
	email: 'maggie@example.org',
	phone: null,
	created_at: '2025-01-01T10:00:00Z',
	updated_at: '2025-02-01T10:00:00Z'
};

describe('diffPatient', () => {
	it('sends nothing when nothing changed', () => {
		expect(diffPatient(patient, patientToForm(patient))).toEqual({});
	});

	it('sends only the changed fields', () => {
		const values = { ...patientToForm(patient), family_name: 'Okafor-Smith', phone: '01632 960000' };
		expect(diffPatient(patient, values)).toEqual({
			family_name: 'Okafor-Smith',
			phone: '01632 960000'
		});
	});

	it('clears an optional field with null', () => {
		const values = { ...patientToForm(patient), preferred_name: '   ', email: '' };
		expect(diffPatient(patient, values)).toEqual({ preferred_name: null, email: null });
	});

	it('does not send null for an optional field that was already empty', () => {
		const values = { ...patientToForm(patient), phone: '' };
		expect(diffPatient(patient, values)).toEqual({});
	});

	it('sends an emptied required field as "" so the server can explain', () => {
		const values = { ...patientToForm(patient), given_name: ' ' };
		expect(diffPatient(patient, values)).toEqual({ given_name: '' });
	});

	it('ignores whitespace-only differences and spaces inside NHS numbers', () => {
		const values = {
			...patientToForm(patient),
			given_name: ' Margaret ',
			nhs_number: '943 476 5919'
		};
		expect(diffPatient(patient, values)).toEqual({});
	});

	it('sends a more precise date of birth', () => {
		const values = { ...patientToForm(patient), birth_date: '1970-03-05' };
		expect(diffPatient(patient, values)).toEqual({ birth_date: '1970-03-05' });
	});
});

describe('toCreateBody', () => {
	it('always sends the names and only filled-in optional fields', () => {
		const values = {
			...emptyPatientForm(),
			given_name: ' Ada ',
			family_name: 'Lovelace',
			nhs_number: '943 476 5919',
			email: ''
		};
		expect(toCreateBody(values)).toEqual({
			given_name: 'Ada',
			family_name: 'Lovelace',
			nhs_number: '9434765919'
		});
	});
});

describe('changesBetween', () => {
	it('lists changed fields in form order with labels', () => {
		const newer = { ...patient, family_name: 'Smith', phone: '01632 960000' };
		expect(changesBetween(patient, newer)).toEqual([
			{ field: 'family_name', label: 'Family name', before: 'Okafor', after: 'Smith' },
			{ field: 'phone', label: 'Phone number', before: null, after: '01632 960000' }
		]);
	});

	it('has nothing to compare for the first version', () => {
		expect(changesBetween(null, patient)).toEqual([]);
	});
});
