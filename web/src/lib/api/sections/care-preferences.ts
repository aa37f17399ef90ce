// Care preferences (Treat, issue 7), spread into the client by createApiClient. The patient's page
// (/me/preferences), the staff page (/patients/[id]/preferences) and the session screen share these.
import type { ApiRequest, RequestOptions } from '../client';
import type {
	CarePreferenceFieldList,
	CarePreferences,
	CarePreferencesChange,
	CarePreferencesVersionList
} from '../treat-types';

function preferencesPath(patientId: string): string {
	return `/api/v1/patients/${encodeURIComponent(patientId)}/care-preferences`;
}

export function carePreferencesApi(request: ApiRequest) {
	return {
		/** The field table the forms are built from (anyone signed in). */
		getCarePreferenceFields(opts: RequestOptions = {}) {
			return request<CarePreferenceFieldList>('GET', '/api/v1/care-preference-fields', opts);
		},

		/** The fields that are set, with review stamps (version 0 and `{}` when none). */
		getCarePreferences(patientId: string, opts: RequestOptions = {}) {
			return request<CarePreferences>('GET', preferencesPath(patientId), opts);
		},

		/**
		 * Changes the fields named in `values` (null removes one) and refreshes the review stamps of
		 * those in `reviewed`. `version` is the one loaded ("0" the first time): a stale one is a
		 * conflict (409); every invalid value is a 400 with an issue on `values.<name>`.
		 */
		saveCarePreferences(patientId: string, body: CarePreferencesChange, version: number, opts: RequestOptions = {}) {
			return request<CarePreferences>('PUT', preferencesPath(patientId), {
				...opts,
				body,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Every version, newest first (staff). */
		getCarePreferencesVersions(patientId: string, opts: RequestOptions = {}) {
			return request<CarePreferencesVersionList>('GET', `${preferencesPath(patientId)}/versions`, opts);
		}
	};
}
