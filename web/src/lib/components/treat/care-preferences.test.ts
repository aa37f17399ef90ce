import { describe, expect, it } from 'vitest';
import type { CarePreferenceField, CarePreferences } from '$lib/api/treat-types';
import { changedValues, describeValue, formValues, issueFieldName, summaryLines, valueToSend } from './care-preferences';

const FIELDS: CarePreferenceField[] = [
	{ name: 'consent_to_touch', label: 'Where you are happy to be touched', help: '', kind: 'touch_map', section: 'trauma_informed' },
	{ name: 'stop_signal', label: 'Your stop signal', help: '', kind: 'text', section: 'trauma_informed' },
	{
		name: 'pressure',
		label: 'Pressure',
		help: '',
		kind: 'choice',
		section: 'trauma_informed',
		options: [
			{ value: 'light', label: 'Light' },
			{ value: 'medium', label: 'Medium' },
			{ value: 'firm', label: 'Firm' }
		]
	},
	{
		name: 'positions_to_avoid',
		label: 'Positions to avoid',
		help: '',
		kind: 'choices',
		section: 'trauma_informed',
		options: [
			{ value: 'prone', label: 'Lying face down' },
			{ value: 'supine', label: 'Lying on my back' },
			{ value: 'seated', label: 'Sitting' }
		]
	},
	{ name: 'unscented', label: 'Unscented products only', help: '', kind: 'flag', section: 'accommodations' },
	{ name: 'processing_time', label: 'Extra time and clear wording', help: '', kind: 'flag', section: 'accommodations' }
];

const [TOUCH, STOP, PRESSURE, POSITIONS, UNSCENTED] = FIELDS as [
	CarePreferenceField,
	CarePreferenceField,
	CarePreferenceField,
	CarePreferenceField,
	CarePreferenceField,
	CarePreferenceField
];

const entry = (value: unknown) => ({
	value: value as never,
	reviewed_at: '2026-12-01T10:00:00.000000Z',
	reviewed_by: { id: 'u1', name: 'Sam Clinician' },
	set_by: 'patient' as const
});

const SAVED: CarePreferences = {
	version: 3,
	updated_at: '2026-12-01T10:00:00.000000Z',
	updated_by: { id: 'u1', name: 'Sam Clinician' },
	fields: {
		consent_to_touch: entry({ neck: 'no', lower_back: 'ask_first', left_shoulder: 'yes' }),
		pressure: entry('light'),
		stop_signal: entry('hand up'),
		processing_time: entry(false)
	}
};

const REGIONS = [
	{ code: 'neck', label: 'Neck' },
	{ code: 'left_shoulder', label: 'Left shoulder' },
	{ code: 'lower_back', label: 'Lower back' }
];

describe('care preferences form values', () => {
	it('round-trips the saved values with nothing to send', () => {
		const form = formValues(FIELDS, SAVED);
		expect(form.pressure).toBe('light');
		expect(form.positions_to_avoid).toEqual([]);
		expect(form.unscented).toBe(false);
		expect(changedValues(FIELDS, SAVED, form)).toEqual({});
	});

	it('sends only what changed, null for what was cleared', () => {
		const form = formValues(FIELDS, SAVED);
		form.pressure = 'firm';
		form.stop_signal = '   ';
		form.consent_to_touch = { neck: 'no', lower_back: '', left_shoulder: 'yes', right_knee: 'ask_first' };
		form.positions_to_avoid = ['seated', 'prone'];
		form.unscented = true;
		expect(changedValues(FIELDS, SAVED, form)).toEqual({
			pressure: 'firm',
			stop_signal: null,
			consent_to_touch: { neck: 'no', left_shoulder: 'yes', right_knee: 'ask_first' },
			positions_to_avoid: ['prone', 'seated'],
			unscented: true
		});
	});

	it('starts empty with nothing saved', () => {
		const form = formValues(FIELDS, null);
		expect(changedValues(FIELDS, null, form)).toEqual({});
		form.consent_to_touch = { neck: 'no' };
		expect(changedValues(FIELDS, null, form)).toEqual({ consent_to_touch: { neck: 'no' } });
	});

	it('treats empty values as nothing to say', () => {
		expect(valueToSend(STOP, '  hi  ')).toBe('hi');
		expect(valueToSend(PRESSURE, '')).toBeNull();
		expect(valueToSend(POSITIONS, [])).toBeNull();
		expect(valueToSend(TOUCH, { neck: '' })).toBeNull();
		expect(valueToSend(UNSCENTED, false)).toBeNull();
	});
});

describe('issue paths', () => {
	it('name the field the issue is about', () => {
		expect(issueFieldName('values.consent_to_touch.neck')).toBe('consent_to_touch');
		expect(issueFieldName('values.positions_to_avoid[1]')).toBe('positions_to_avoid');
		expect(issueFieldName('values.pressure')).toBe('pressure');
		expect(issueFieldName('reviewed[0]')).toBeNull();
		expect(issueFieldName('If-Match')).toBeNull();
	});
});

describe('summary', () => {
	it('puts consent first, in body-map order, then what is set', () => {
		const lines = summaryLines(FIELDS, SAVED, REGIONS);
		expect(lines).toEqual([
			{ key: 'touch_no', label: 'Do not touch', text: 'Neck' },
			{ key: 'touch_ask_first', label: 'Ask before touching', text: 'Lower back' },
			{ key: 'stop_signal', label: 'Stop signal', text: 'hand up' },
			{ key: 'pressure', label: 'Pressure', text: 'Light' }
		]);
	});

	it('describes values in words', () => {
		expect(describeValue(TOUCH, { neck: 'no', left_shoulder: 'yes' }, { neck: 'Neck', left_shoulder: 'Left shoulder' })).toBe(
			'Yes: Left shoulder; No: Neck'
		);
		expect(describeValue(POSITIONS, ['prone', 'seated'])).toBe('Lying face down, Sitting');
		expect(describeValue(UNSCENTED, true)).toBe('Yes');
	});
});
