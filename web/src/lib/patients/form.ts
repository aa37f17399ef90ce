// The patient form's values and the request bodies made from them. Pure; tested in form.test.ts.
import type { Patient, PatientCreate, PatientPatch } from '../api/types';

export const PATIENT_FIELDS = [
	'given_name',
	'family_name',
	'preferred_name',
	'birth_date',
	'nhs_number',
	'email',
	'phone'
] as const;

export type PatientField = (typeof PATIENT_FIELDS)[number];

/** Everything the user typed, as typed. */
export type PatientFormValues = Record<PatientField, string>;

export const REQUIRED_FIELDS: readonly PatientField[] = ['given_name', 'family_name'];

export const FIELD_LABELS: Record<PatientField, string> = {
	given_name: 'Given name',
	family_name: 'Family name',
	preferred_name: 'Preferred name',
	birth_date: 'Date of birth',
	nhs_number: 'NHS number',
	email: 'Email address',
	phone: 'Phone number'
};

export function emptyPatientForm(): PatientFormValues {
	return {
		given_name: '',
		family_name: '',
		preferred_name: '',
		birth_date: '',
		nhs_number: '',
		email: '',
		phone: ''
	};
}

export function patientToForm(p: Patient): PatientFormValues {
	return {
		given_name: p.given_name ?? '',
		family_name: p.family_name ?? '',
		preferred_name: p.preferred_name ?? '',
		birth_date: p.birth_date ?? '',
		nhs_number: p.nhs_number ?? '',
		email: p.email ?? '',
		phone: p.phone ?? ''
	};
}

/** The value the server should get for a field: trimmed; spaces removed from NHS numbers. */
export function normaliseField(field: PatientField, raw: string): string {
	const v = raw.trim();
	if (field === 'nhs_number') return v.replace(/[\s-]+/g, '');
	return v;
}

/** POST body: required fields always sent, optional ones only when filled in. */
export function toCreateBody(values: PatientFormValues): PatientCreate {
	const body: PatientCreate = {
		given_name: normaliseField('given_name', values.given_name),
		family_name: normaliseField('family_name', values.family_name)
	};
	for (const f of PATIENT_FIELDS) {
		if (REQUIRED_FIELDS.includes(f)) continue;
		const v = normaliseField(f, values[f]);
		if (v !== '') (body as Record<string, string>)[f] = v;
	}
	return body;
}

/**
 * Merge-patch body with only the fields that changed. A cleared optional field becomes null;
 * a cleared required field is sent as "" so the server can say why it is needed.
 */
export function diffPatient(original: Patient, values: PatientFormValues): PatientPatch {
	const patch: Record<string, string | null> = {};
	for (const f of PATIENT_FIELDS) {
		const before = original[f] ?? null;
		const after = normaliseField(f, values[f]);
		if (after === '') {
			if (REQUIRED_FIELDS.includes(f)) {
				if (before !== '') patch[f] = '';
			} else if (before !== null && before !== '') {
				patch[f] = null;
			}
		} else if (after !== before) {
			patch[f] = after;
		}
	}
	return patch as PatientPatch;
}

export interface FieldChange {
	field: PatientField;
	label: string;
	before: string | null;
	after: string | null;
}

/** What changed between two versions of a patient, in form order. */
export function changesBetween(
	before: Partial<Record<PatientField, string | null>> | null,
	after: Partial<Record<PatientField, string | null>>
): FieldChange[] {
	if (before === null) return [];
	const out: FieldChange[] = [];
	for (const f of PATIENT_FIELDS) {
		const a = before[f] ?? null;
		const b = after[f] ?? null;
		if (a !== b) out.push({ field: f, label: FIELD_LABELS[f], before: a, after: b });
	}
	return out;
}
