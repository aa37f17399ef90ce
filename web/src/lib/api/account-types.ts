// Types for the accounts, access-control and audit API (issue 3), taken from the generated
// OpenAPI types (schema.d.ts, made by `npm run gen:api`) like the ones in types.ts.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
/** The signed-in user, as GET/POST /api/v1/session return it. */
export type Me = Schemas['Me'];
/** A session answer that signs in (session, MFA step, invitation acceptance). */
export type SignedIn = Schemas['SignedIn'];
/** POST /api/v1/session: either signed in, or a second factor is needed first. */
export type SignInResult = (SignedIn & { mfa_pending: false }) | { mfa_pending: true };
export type SessionInfo = Schemas['AccountSession'];
export type User = Schemas['User'];
export type UserInvite = Schemas['UserCreate'];
export type TotpEnrolment = Schemas['TotpEnrolment'];
export type RecoveryCodes = Schemas['RecoveryCodes'];
export type Invitation = Schemas['Invitation'];
export type PatientInvitation = Schemas['InvitationCreated'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditPage = Schemas['AuditEventPage'];

/** Filters of the audit list and its CSV export (all optional). */
export interface AuditFilters {
	from?: string;
	to?: string;
	actor?: string;
	action?: string;
	patient_id?: string;
	outcome?: string;
}
