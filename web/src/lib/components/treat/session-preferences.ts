// What the note editor needs from the patient's care preferences: whether they asked for a written
// summary after each session (then the summary for the patient is required to sign; the server
// checks this again at sign).
import { api } from '$lib/api/client';

/** True when the stored preferences say written_summary = true. */
export function wantsWrittenSummary(prefs: { fields?: Record<string, { value?: unknown } | null | undefined> } | null | undefined): boolean {
	return prefs?.fields?.written_summary?.value === true;
}

/** Whether the patient asked for a written summary (GET …/care-preferences). */
export async function writtenSummaryWanted(patientId: string, signal?: AbortSignal): Promise<boolean> {
	return wantsWrittenSummary(await api.getCarePreferences(patientId, { signal }));
}
