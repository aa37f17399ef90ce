import { api } from '$lib/api/client';
import type { Patient } from '$lib/api/types';
import { currentClinic } from '$lib/clinic';

/** The patient plus the time zone to show their times in (the clinic's). */
export async function loadPatient(
	id: string,
	signal?: AbortSignal
): Promise<{ patient: Patient; timeZone: string }> {
	const [patient, clinic] = await Promise.all([
		api.getPatient(id, { signal }),
		currentClinic().catch(() => null)
	]);
	const timeZone =
		clinic && clinic.id === patient.clinic_id && clinic.time_zone ? clinic.time_zone : 'Europe/London';
	return { patient, timeZone };
}
