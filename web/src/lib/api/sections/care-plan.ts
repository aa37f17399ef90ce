// Care plan (Treat, issue 7), spread into the client by createApiClient. The staff page
// (/patients/[id]/care-plan) writes it; the patient's page (/me/care-plan) reads it.
import type { ApiRequest, RequestOptions } from '../client';
import type { CarePlan, CarePlanInput, CarePlanVersionList } from '../treat-types';

function carePlanPath(patientId: string): string {
	return `/api/v1/patients/${encodeURIComponent(patientId)}/care-plan`;
}

export function carePlanApi(request: ApiRequest) {
	return {
		/** The plan with sessions done and current PSFS ratings (version 0 and empty when none). */
		getCarePlan(patientId: string, opts: RequestOptions = {}) {
			return request<CarePlan>('GET', carePlanPath(patientId), opts);
		},

		/**
		 * Saves the plan as a new version (staff). `version` is the one loaded ("0" the first time):
		 * a stale one is a conflict (409); every broken rule is a 400 with an issue on its path
		 * (`goals[1].target`); nothing is stored then.
		 */
		saveCarePlan(patientId: string, body: CarePlanInput, version: number, opts: RequestOptions = {}) {
			return request<CarePlan>('PUT', carePlanPath(patientId), {
				...opts,
				body,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Every version, newest first (staff). */
		getCarePlanVersions(patientId: string, opts: RequestOptions = {}) {
			return request<CarePlanVersionList>('GET', `${carePlanPath(patientId)}/versions`, opts);
		}
	};
}
