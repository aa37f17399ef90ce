import { redirect } from '@sveltejs/kit';
import { decideRoute } from '$lib/auth/routes';
import { auth } from '$lib/auth/session.svelte';

// A single-page app: everything renders in the browser; the server serves index.html for every page.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/**
 * Runs before every page: asks for the session once per page load, then sends each visitor where
 * their role belongs (sign-in, staff app, patient portal, two-step set-up). Reading url.pathname
 * and url.search makes SvelteKit run it again on every navigation; the session is cached.
 */
export async function load({ url }) {
	auth.denied = false;
	let me;
	try {
		me = await auth.load();
	} catch {
		return { offline: true, forbidden: false };
	}
	const decision = decideRoute(url.pathname, me, url.search);
	if (decision.kind === 'redirect') redirect(307, decision.to);
	return { offline: false, forbidden: decision.kind === 'forbidden' };
}
