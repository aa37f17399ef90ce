// Who may see which page, and where each role starts. Pure; tested in routes.test.ts.
// The server decides access for real (every API call is checked); these rules only keep people
// on pages that make sense for them, so nobody lands on a page full of "no access" messages.
import type { Me, Role } from '../api/account-types';

export interface NavItem {
	href: string;
	label: string;
}

/**
 * Pages anyone may open without a session. /help lists crisis services: someone in distress must
 * never be sent to a sign-in page first.
 */
const PUBLIC_PREFIXES = ['/sign-in', '/invite/', '/reset-password', '/reset/', '/help'];

export function isPublicPath(pathname: string): boolean {
	return PUBLIC_PREFIXES.some((p) =>
		p.endsWith('/') ? pathname.startsWith(p) : pathname === p || pathname.startsWith(`${p}/`)
	);
}

export function isStaff(role: Role): boolean {
	return role === 'admin' || role === 'clinician';
}

/** Where a role starts: the staff app's patient list, or the patient portal. */
export function homeFor(role: Role): string {
	return isStaff(role) ? '/patients' : '/me';
}

/** The main navigation for a role, in order. */
export function navItems(role: Role): NavItem[] {
	if (role === 'patient') {
		return [
			{ href: '/me', label: 'Your details' },
			{ href: '/account', label: 'Account' }
		];
	}
	const items: NavItem[] = [
		{ href: '/patients', label: 'Patients' },
		{ href: '/dashboard', label: 'Dashboard' }
	];
	if (role === 'admin') {
		items.push(
			{ href: '/admin/users', label: 'Users' },
			{ href: '/admin/clinic', label: 'Clinic settings' },
			{ href: '/admin/library', label: 'Library' },
			{ href: '/admin/audit', label: 'Audit' }
		);
	}
	items.push({ href: '/account', label: 'Account' });
	return items;
}

/**
 * Whether the header offers "Need help now?": to patients and to anyone signed out (the sign-in
 * page is where a patient may be stuck). Staff screens stay quiet.
 */
export function offersHelpLink(me: Pick<Me, 'role'> | null): boolean {
	return me === null || me.role === 'patient';
}

/** True when `pathname` is the item's page or one below it. */
export function isActive(item: NavItem, pathname: string): boolean {
	return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** Staff of a clinic that requires two-step sign-in must set it up before anything else. */
export function needsMfaEnrolment(me: Pick<Me, 'role' | 'mfa_required' | 'mfa_enabled'>): boolean {
	return isStaff(me.role) && me.mfa_required && !me.mfa_enabled;
}

/** Only same-site paths are followed after signing in (never `//host` or `https://…`). */
export function safeNext(next: string | null | undefined): string | null {
	if (!next) return null;
	if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
	if (/[\u0000-\u001f]/.test(next)) return null;
	if (isPublicPath(next.split(/[?#]/, 1)[0] ?? '')) return null;
	return next;
}

/** The sign-in page, returning to `pathWithSearch` afterwards. */
export function signInHref(pathWithSearch: string): string {
	const next = safeNext(pathWithSearch);
	return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** Where to go once signed in: the page asked for, if this role may see it, else home. */
export function afterSignIn(me: Me, next: string | null | undefined): string {
	if (needsMfaEnrolment(me)) return '/account#mfa';
	const target = safeNext(next);
	if (!target) return homeFor(me.role);
	const decision = decideRoute(target.split(/[?#]/, 1)[0] ?? '/', me);
	return decision.kind === 'allow' ? target : homeFor(me.role);
}

export type RouteDecision =
	| { kind: 'allow' }
	| { kind: 'redirect'; to: string }
	| { kind: 'forbidden' };

function under(pathname: string, prefix: string): boolean {
	return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * What to do with a visit to `pathname` by `me` (null: signed out). `search` is kept in the
 * sign-in page's `next` so the visitor comes back to the same place.
 */
export function decideRoute(pathname: string, me: Me | null, search = ''): RouteDecision {
	if (isPublicPath(pathname)) {
		// A signed-in visitor has nothing to do on the sign-in page.
		if (me && under(pathname, '/sign-in')) return { kind: 'redirect', to: homeFor(me.role) };
		return { kind: 'allow' };
	}
	if (!me) return { kind: 'redirect', to: signInHref(`${pathname}${search}`) };
	if (pathname === '/') return { kind: 'redirect', to: homeFor(me.role) };
	if (under(pathname, '/account')) return { kind: 'allow' };
	if (me.role === 'patient') {
		if (under(pathname, '/me')) return { kind: 'allow' };
		if (under(pathname, '/patients') || under(pathname, '/admin') || under(pathname, '/dashboard')) {
			return { kind: 'redirect', to: '/me' };
		}
		return { kind: 'allow' };
	}
	if (needsMfaEnrolment(me)) return { kind: 'redirect', to: '/account#mfa' };
	if (under(pathname, '/me')) return { kind: 'redirect', to: homeFor(me.role) };
	if (under(pathname, '/admin') && me.role !== 'admin') return { kind: 'forbidden' };
	return { kind: 'allow' };
}

const ROLE_NAMES: Record<Role, string> = {
	admin: 'Administrator',
	clinician: 'Clinician',
	patient: 'Patient'
};

export function roleName(role: string): string {
	return ROLE_NAMES[role as Role] ?? role;
}
