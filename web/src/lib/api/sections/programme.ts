// Home programmes (the patient's self-care plan) and the staff CSV import of check-ins, spread into
// the client by createApiClient. The patient's Today and the clinician's programme page share
// these methods.
import type { ApiRequest, RequestOptions } from '../client';
import type {
	CheckInImport,
	Programme,
	ProgrammeItem,
	ProgrammeItemCreate,
	ProgrammeItemPatch
} from '../empower-types';

const id = encodeURIComponent;

function programmePath(patientId: string): string {
	return `/api/v1/patients/${id(patientId)}/programme`;
}

function itemPath(patientId: string, itemId: string): string {
	return `${programmePath(patientId)}/items/${id(itemId)}`;
}

export function programmeApi(request: ApiRequest) {
	return {
		/** Today's programme: active items with adherence; `date` is the clinic's today. */
		getProgramme(patientId: string, opts: RequestOptions = {}) {
			return request<Programme>('GET', programmePath(patientId), opts);
		},

		/**
		 * Staff: assigns a library entry. A 409 whose issues have code `precaution-match` means the
		 * entry's precautions meet the patient's; send again with `confirm_precautions: true`.
		 */
		assignProgrammeItem(patientId: string, body: ProgrammeItemCreate, opts: RequestOptions = {}) {
			return request<ProgrammeItem>('POST', `${programmePath(patientId)}/items`, { ...opts, body });
		},

		/** Staff: changes dosage and/or note; `version` (the item's) guards against lost updates. */
		updateProgrammeItem(
			patientId: string,
			itemId: string,
			patch: ProgrammeItemPatch,
			version: number,
			opts: RequestOptions = {}
		) {
			return request<ProgrammeItem>('PATCH', itemPath(patientId, itemId), {
				...opts,
				body: patch,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Staff: ends the item from today; its history and done marks stay. */
		endProgrammeItem(patientId: string, itemId: string, version: number, opts: RequestOptions = {}) {
			return request<ProgrammeItem>('DELETE', itemPath(patientId, itemId), {
				...opts,
				headers: { 'If-Match': `"${version}"` }
			});
		},

		/** Marks the item done on `date` (YYYY-MM-DD); without `sessions`, the day's full dosage. */
		markProgrammeDone(
			patientId: string,
			itemId: string,
			date: string,
			sessions?: number | null,
			opts: RequestOptions = {}
		) {
			const init = sessions ? { ...opts, body: { sessions } } : opts;
			return request<void>('PUT', `${itemPath(patientId, itemId)}/done/${id(date)}`, init);
		},

		/** Removes the done mark of `date`; no mark is not an error. */
		clearProgrammeDone(patientId: string, itemId: string, date: string, opts: RequestOptions = {}) {
			return request<void>('DELETE', `${itemPath(patientId, itemId)}/done/${id(date)}`, opts);
		},

		/**
		 * Staff: imports check-ins from CSV text (the export's columns). All or nothing: a 400 lists
		 * every bad row, paths like `lines[3].pain` (the header is line 1).
		 */
		importCheckInsCsv(patientId: string, csv: string, opts: RequestOptions = {}) {
			return request<CheckInImport>('POST', `/api/v1/patients/${id(patientId)}/check-ins/import`, {
				...opts,
				text: { body: csv, contentType: 'text/csv; charset=utf-8' }
			});
		}
	};
}
