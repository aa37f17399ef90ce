import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../api/account-types';
import {
	afterSignIn,
	decideRoute,
	homeFor,
	isActive,
	isPublicPath,
	navItems,
	needsMfaEnrolment,
	offersHelpLink,
	safeNext,
	signInHref
} from './routes';

function me(role: Role, extra: Partial<Me> = {}): Me {
	return {
		id: 'u1',
		email: `${role}@example.org`,
		display_name: role,
		role,
		clinic: { id: 'c1', name: 'Clinic' },
		patient_id: role === 'patient' ? 'p1' : null,
		mfa_enabled: false,
		mfa_required: false,
		...extra
	};
}

describe('homeFor', () => {
	it.each([
		['admin', '/patients'],
		['clinician', '/patients'],
		['patient', '/me']
	] as const)('%s starts at %s', (role, home) => {
		expect(homeFor(role)).toBe(home);
	});
});

describe('navItems', () => {
	const labels = (role: Role) => navItems(role).map((i) => i.label);
	it('gives clinicians the patient list, the dashboard and their account', () => {
		expect(labels('clinician')).toEqual(['Patients', 'Dashboard', 'Account']);
	});
	it('adds Users, Clinic settings, Library and Audit for admins', () => {
		expect(labels('admin')).toEqual(['Patients', 'Dashboard', 'Users', 'Clinic settings', 'Library', 'Audit', 'Account']);
		expect(navItems('admin').map((i) => i.href)).toEqual([
			'/patients',
			'/dashboard',
			'/admin/users',
			'/admin/clinic',
			'/admin/library',
			'/admin/audit',
			'/account'
		]);
	});
	it('gives patients the portal only', () => {
		expect(navItems('patient')).toEqual([
			{ href: '/me', label: 'Your details' },
			{ href: '/account', label: 'Account' }
		]);
	});
	it('marks an item active on its page and the pages below it only', () => {
		const item = { href: '/patients', label: 'Patients' };
		expect(isActive(item, '/patients')).toBe(true);
		expect(isActive(item, '/patients/123/edit')).toBe(true);
		expect(isActive(item, '/patientsx')).toBe(false);
	});
});

describe('offersHelpLink', () => {
	it('offers "Need help now?" to patients and to visitors who are signed out', () => {
		expect(offersHelpLink(null)).toBe(true);
		expect(offersHelpLink(me('patient'))).toBe(true);
	});
	it('keeps staff screens quiet', () => {
		expect(offersHelpLink(me('clinician'))).toBe(false);
		expect(offersHelpLink(me('admin'))).toBe(false);
	});
});

describe('public pages', () => {
	it.each(['/sign-in', '/invite/abc', '/reset-password', '/reset/abc', '/help'])('%s is public', (p) => {
		expect(isPublicPath(p)).toBe(true);
	});
	it.each(['/', '/patients', '/me', '/account', '/invite', '/reset', '/sign-inx', '/admin/users', '/helpdesk'])(
		'%s is not public',
		(p) => {
			expect(isPublicPath(p)).toBe(false);
		}
	);
});

describe('safeNext and signInHref', () => {
	it('keeps same-site paths with their query', () => {
		expect(safeNext('/patients?q=ann')).toBe('/patients?q=ann');
	});
	it.each([null, '', 'https://evil.example/', '//evil.example/x', '/\\evil', 'patients', '/sign-in', '/a\nb'])(
		'refuses %j',
		(value) => {
			expect(safeNext(value)).toBeNull();
		}
	);
	it('encodes the way back', () => {
		expect(signInHref('/patients?q=a b')).toBe('/sign-in?next=%2Fpatients%3Fq%3Da%20b');
		expect(signInHref('/')).toBe('/sign-in');
	});
});

describe('decideRoute', () => {
	it('sends a signed-out visitor to sign in, remembering where they were going', () => {
		expect(decideRoute('/patients/1', null, '?x=1')).toEqual({
			kind: 'redirect',
			to: '/sign-in?next=%2Fpatients%2F1%3Fx%3D1'
		});
		expect(decideRoute('/', null)).toEqual({ kind: 'redirect', to: '/sign-in' });
	});
	it('lets anyone open the public pages, but not the sign-in page once signed in', () => {
		expect(decideRoute('/invite/t', null)).toEqual({ kind: 'allow' });
		expect(decideRoute('/reset/t', me('patient'))).toEqual({ kind: 'allow' });
		expect(decideRoute('/sign-in', me('clinician'))).toEqual({ kind: 'redirect', to: '/patients' });
	});
	it('opens the crisis-support page for everyone, signed in or not, without a detour', () => {
		expect(decideRoute('/help', null)).toEqual({ kind: 'allow' });
		expect(decideRoute('/help', me('patient'))).toEqual({ kind: 'allow' });
		expect(decideRoute('/help', me('clinician'))).toEqual({ kind: 'allow' });
		// Not even the two-step set-up comes first.
		expect(decideRoute('/help', me('admin', { mfa_required: true }))).toEqual({ kind: 'allow' });
	});
	it('sends / to each role’s home', () => {
		expect(decideRoute('/', me('admin'))).toEqual({ kind: 'redirect', to: '/patients' });
		expect(decideRoute('/', me('patient'))).toEqual({ kind: 'redirect', to: '/me' });
	});
	it('keeps patients in the portal', () => {
		expect(decideRoute('/patients', me('patient'))).toEqual({ kind: 'redirect', to: '/me' });
		expect(decideRoute('/patients/p2/edit', me('patient'))).toEqual({ kind: 'redirect', to: '/me' });
		expect(decideRoute('/admin/audit', me('patient'))).toEqual({ kind: 'redirect', to: '/me' });
		expect(decideRoute('/dashboard', me('patient'))).toEqual({ kind: 'redirect', to: '/me' });
		expect(decideRoute('/me', me('patient'))).toEqual({ kind: 'allow' });
		expect(decideRoute('/account', me('patient'))).toEqual({ kind: 'allow' });
	});
	it('keeps staff out of the portal, and clinicians out of the admin pages', () => {
		expect(decideRoute('/me', me('clinician'))).toEqual({ kind: 'redirect', to: '/patients' });
		expect(decideRoute('/admin/users', me('clinician'))).toEqual({ kind: 'forbidden' });
		expect(decideRoute('/admin/users', me('admin'))).toEqual({ kind: 'allow' });
		expect(decideRoute('/patients', me('clinician'))).toEqual({ kind: 'allow' });
	});
	it('sends staff who must set up two-step sign-in to the account page first', () => {
		const pending = me('clinician', { mfa_required: true });
		expect(needsMfaEnrolment(pending)).toBe(true);
		expect(decideRoute('/patients', pending)).toEqual({ kind: 'redirect', to: '/account#mfa' });
		expect(decideRoute('/admin/users', me('admin', { mfa_required: true }))).toEqual({
			kind: 'redirect',
			to: '/account#mfa'
		});
		expect(decideRoute('/account', pending)).toEqual({ kind: 'allow' });
		const enrolled = me('clinician', { mfa_required: true, mfa_enabled: true });
		expect(needsMfaEnrolment(enrolled)).toBe(false);
		expect(decideRoute('/patients', enrolled)).toEqual({ kind: 'allow' });
		// Patients are never asked.
		expect(needsMfaEnrolment(me('patient', { mfa_required: true }))).toBe(false);
	});
});

describe('afterSignIn', () => {
	it('follows next when the role may see it, else goes home', () => {
		expect(afterSignIn(me('clinician'), '/patients?q=a')).toBe('/patients?q=a');
		expect(afterSignIn(me('clinician'), null)).toBe('/patients');
		expect(afterSignIn(me('patient'), '/patients')).toBe('/me');
		expect(afterSignIn(me('clinician'), '/admin/audit')).toBe('/patients');
		expect(afterSignIn(me('admin'), '//evil.example')).toBe('/patients');
	});
	it('goes to the two-step set-up when the clinic requires it', () => {
		expect(afterSignIn(me('admin', { mfa_required: true }), '/patients')).toBe('/account#mfa');
	});
});
