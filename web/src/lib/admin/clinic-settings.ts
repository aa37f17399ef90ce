// The clinic settings form's small decisions. Pure; tested in clinic-settings.test.ts.

/** What the safety-email box sends: the address as typed (trimmed), or null when left empty. */
export function safetyEmailInput(typed: string): string | null {
	const value = typed.trim();
	return value === '' ? null : value;
}

/** What the page says once saved, so the admin knows exactly who will get the alerts. */
export function safetyEmailSavedText(saved: string | null | undefined): string {
	return saved
		? `Saved. Safety alerts are now emailed to ${saved}.`
		: 'Saved. Safety alerts are now emailed to every active admin and clinician.';
}
