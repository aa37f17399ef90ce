import { api } from './api/client';
import type { Clinic } from './api/types';

let cached: Promise<Clinic | null> | null = null;

/** The signed-in user's clinic (the server lists only that one; null if none). */
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

/** Forget the clinic (signed out, another user, or the clinic's settings changed). */
export function forgetClinic() {
	cached = null;
}
