// The error summary and per-field messages of the set-a-new-password forms (invitation, reset,
// account). Pure.
import type { Issue } from '../api/types';
import { issueField } from '../problem-fields';
import { newPasswordProblems } from './messages';

export interface PasswordFormErrors {
	items: { field: string | null; message: string }[];
	byField: { password?: string; repeat?: string };
}

export const NO_ERRORS: PasswordFormErrors = { items: [], byField: {} };

/** Checks typed before sending: length and the repeat. Null when both are fine. */
export function checkNewPassword(password: string, repeat: string): PasswordFormErrors | null {
	const byField = newPasswordProblems(password, repeat);
	const items: PasswordFormErrors['items'] = [];
	if (byField.password) items.push({ field: 'password', message: byField.password });
	if (byField.repeat) items.push({ field: 'repeat', message: byField.repeat });
	return items.length ? { items, byField } : null;
}

/**
 * The server's issues about the new password (path `password` or `new_password`) on the password
 * field; anything else in the summary only.
 */
export function serverPasswordErrors(issues: readonly Issue[], fallback: string): PasswordFormErrors {
	const byField: PasswordFormErrors['byField'] = {};
	const items: PasswordFormErrors['items'] = [];
	for (const issue of issues) {
		const field = issueField(issue.path ?? '');
		if (field === 'password' || field === 'new_password') {
			byField.password = byField.password ? `${byField.password} ${issue.message}` : issue.message;
			items.push({ field: 'password', message: issue.message });
		} else {
			items.push({ field: null, message: issue.message });
		}
	}
	if (items.length === 0) items.push({ field: null, message: fallback });
	return { items, byField };
}
