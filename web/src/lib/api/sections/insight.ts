// Insight (issue 6): the patient's view of how stress, sleep, mood and pain follow each other, the
// staff view with every §3.6 record and the flare analysis, and the clinic's outcome dashboard.
// Spread into the client by createApiClient.
import type { ApiRequest, RequestOptions } from '../client';
import type { ClinicOutcomes, InsightClinicianView, InsightPatientView } from '../insight-types';

const id = encodeURIComponent;

export function insightApi(request: ApiRequest) {
	return {
		/** The patient's own view (no p, q or SE); the patient themself and staff of their clinic. */
		getInsights(patientId: string, opts: RequestOptions = {}) {
			return request<InsightPatientView>('GET', `/api/v1/patients/${id(patientId)}/insights`, opts);
		},

		/** Staff: all 26 records, both-directions statements, episodes, data quality. */
		getInsightDetail(patientId: string, opts: RequestOptions = {}) {
			return request<InsightClinicianView>('GET', `/api/v1/patients/${id(patientId)}/insights/detail`, opts);
		},

		/** Staff: caseload, open alerts and outcome change of the clinic. */
		getClinicOutcomes(clinicId: string, opts: RequestOptions = {}) {
			return request<ClinicOutcomes>('GET', `/api/v1/clinics/${id(clinicId)}/outcomes`, opts);
		}
	};
}
