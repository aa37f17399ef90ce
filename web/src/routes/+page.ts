import { redirect } from '@sveltejs/kit';

// The home page is the patient list for now.
export function load() {
	redirect(307, '/patients');
}
