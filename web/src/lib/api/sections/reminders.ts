// Check-in reminders (the patient's preference: email or none, a time, days of the week), spread
// into the client by createApiClient. The portal page and, later, the staff view share these.
import type { ApiRequest, RequestOptions } from '../client';
import type { ReminderSettings, ReminderSettingsReplace } from '../empower-types';

function remindersPath(patientId: string): string {
	return `/api/v1/patients/${encodeURIComponent(patientId)}/reminders`;
}

export function remindersApi(request: ApiRequest) {
	return {
		/** The preference (the defaults, version 0, when never saved) and the next reminder. */
		getReminders(patientId: string, opts: RequestOptions = {}) {
			return request<ReminderSettings>('GET', remindersPath(patientId), opts);
		},

		/**
		 * Replaces the preference. `version` is the one loaded ("0" the first time): a stale one is a
		 * conflict (409), as is email for a patient with no portal sign-in (issue on `channel`).
		 */
		saveReminders(patientId: string, body: ReminderSettingsReplace, version: number, opts: RequestOptions = {}) {
			return request<ReminderSettings>('PUT', remindersPath(patientId), {
				...opts,
				body,
				headers: { 'If-Match': `"${version}"` }
			});
		}
	};
}
