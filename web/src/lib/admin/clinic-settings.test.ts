import { describe, expect, it } from 'vitest';
import { safetyEmailInput, safetyEmailSavedText } from './clinic-settings';

describe('safetyEmailInput', () => {
	it('sends the address without the spaces around it', () => {
		expect(safetyEmailInput('  alerts@calm.example.org ')).toBe('alerts@calm.example.org');
	});
	it('sends null for an empty box, so the alerts go to the staff again', () => {
		expect(safetyEmailInput('')).toBeNull();
		expect(safetyEmailInput('   ')).toBeNull();
	});
	it('leaves checking the address to the server', () => {
		expect(safetyEmailInput('not an address')).toBe('not an address');
	});
});

describe('safetyEmailSavedText', () => {
	it('names the address the alerts now go to', () => {
		expect(safetyEmailSavedText('alerts@calm.example.org')).toBe(
			'Saved. Safety alerts are now emailed to alerts@calm.example.org.'
		);
	});
	it('says who gets them when there is no address', () => {
		expect(safetyEmailSavedText(null)).toBe('Saved. Safety alerts are now emailed to every active admin and clinician.');
		expect(safetyEmailSavedText(undefined)).toContain('every active admin and clinician');
	});
});
