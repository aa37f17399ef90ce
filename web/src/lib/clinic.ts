import { api } from './api/client';
import type { Clinic } from './api/types';

let cached: Promise<Clinic | null> | null = null;

/** The clinic this app works with for now: the first one the server lists (null if none). */
export function currentClinic(): Promise<Clinic | null> {
	if (!cached) {
		const p = api.listClinics().then((r) => r.items[0] ?? null);
		cached = p;
		// Do not remember failures: the next attempt (Retry) asks again.
		p.catch(() => {
			if (cached === p) cached = null;
		});
	}
	return cached;
}
