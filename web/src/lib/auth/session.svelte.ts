// The signed-in user and the session's CSRF token, kept in memory for this page load.
// On every page load the app asks GET /api/v1/session once (the cookie is HttpOnly, so only the
// server can say whether it is still good); the sign-in, MFA and invitation answers update it.
import { goto } from '$app/navigation';
import { api } from '$lib/api/client';
import { isApiError } from '$lib/api/errors';
import type { Me, SignedIn } from '$lib/api/account-types';
import { forgetClinic } from '$lib/clinic';
import { needsMfaEnrolment, signInHref } from './routes';

class Auth {
	/** The signed-in user; null when signed out (or not known yet). */
	me = $state<Me | null>(null);
	/** A message for the sign-in page ("Please sign in again"), shown once. */
	notice = $state<string | null>(null);
	/** True while the current page is one this account may not see (a 403). */
	denied = $state(false);

	#loaded: Promise<Me | null> | null = null;
	#leaving = false;

	/** The session, asked for once per page load. Network failures are thrown (and not kept). */
	load(): Promise<Me | null> {
		if (!this.#loaded) {
			const p = this.#fetch();
			this.#loaded = p;
			p.catch(() => {
				if (this.#loaded === p) this.#loaded = null;
			});
		}
		return this.#loaded;
	}

	/** Asks the server again (after a change to the account, or a 403). */
	refresh(): Promise<Me | null> {
		this.#loaded = null;
		return this.load();
	}

	async #fetch(): Promise<Me | null> {
		try {
			this.signedIn(await api.getSession());
		} catch (error) {
			if (isApiError(error) && error.status === 401) this.clear();
			else throw error;
		}
		return this.me;
	}

	/** A session answer (sign-in, MFA step, invitation accepted). */
	signedIn(answer: SignedIn) {
		api.setCsrfToken(answer.csrf_token);
		if (this.me && this.me.id !== answer.user.id) forgetClinic();
		this.me = answer.user;
		this.#loaded = Promise.resolve(answer.user);
		this.#leaving = false;
	}

	clear() {
		api.setCsrfToken(null);
		this.me = null;
		this.#loaded = Promise.resolve(null);
		forgetClinic();
	}

	/** Signs out here; the server ends the session and clears the cookie. */
	async signOut(): Promise<void> {
		try {
			await api.signOut();
		} catch (error) {
			// Already signed out (401) is fine; anything else is the caller's to report.
			if (!(isApiError(error) && error.status === 401)) throw error;
		}
		this.clear();
		this.notice = 'You have signed out.';
		await goto('/sign-in');
	}

	/**
	 * After a 401/403 from a call that checks a password or code (so the answer may mean "wrong
	 * password"): true when the session is still good; otherwise starts signing in again.
	 */
	async stillSignedIn(): Promise<boolean> {
		let me: Me | null;
		try {
			me = await this.refresh();
		} catch {
			return true; // No answer: let the caller show its own message.
		}
		if (!me) this.sessionEnded();
		return me !== null;
	}

	/** A 401 from any call: the session ended (idle timeout, revoked elsewhere). */
	sessionEnded() {
		if (this.#leaving) return;
		this.#leaving = true;
		const here = `${location.pathname}${location.search}`;
		this.clear();
		this.notice = 'Please sign in again. For your security, sessions end after a while without use.';
		void goto(signInHref(here), { replaceState: true }).finally(() => (this.#leaving = false));
	}

	/** A 403 from any call: show "no access" — unless the clinic now asks for two-step sign-in. */
	async forbidden() {
		let me: Me | null = this.me;
		try {
			me = await this.refresh();
		} catch {
			// Keep what we knew; the page below still says there is no access.
		}
		if (me && needsMfaEnrolment(me) && location.pathname !== '/account') {
			await goto('/account#mfa');
			return;
		}
		if (me) this.denied = true;
	}
}

export const auth = new Auth();

api.setAuthHandlers({
	unauthenticated: () => auth.sessionEnded(),
	forbidden: () => void auth.forbidden()
});
