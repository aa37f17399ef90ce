// Invitations and password resets: single-use email links that let a person
// set a password (account_tokens.hpp), with their emails queued in the same
// transaction (platform/mail/outbox.hpp).
//
// Routes (RegisterInvitationRoutes):
//   POST /api/v1/patients/{id:uuid}/invitation   staff of the patient's clinic {email?}
//                                                → 201 {"user_id","email","expires_at"}
//   GET  /api/v1/invitations/{token}             PUBLIC → 200 {"email","display_name",
//                                                "clinic_name","role"} or 404
//   POST /api/v1/invitations/{token}/accept      PUBLIC {password} → 200 {"user":Me,
//                                                "csrf_token"} + session cookie (signed in)
//   POST /api/v1/password-resets                 PUBLIC {email} → 202, whether or not the
//                                                address is known; throttled per address
//   POST /api/v1/password-resets/{token}         PUBLIC {password} → 204; every session of
//                                                the user ends
// Unknown, used and expired tokens all answer the same 404. Every step is
// audited (invitation.create, invitation.accept, password_reset.request,
// password_reset.complete; outcome "failure"/"denied" when refused).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/user_store.hpp"

namespace unknot::identity {

inline constexpr std::chrono::hours kInvitationLifetime{7 * 24};
inline constexpr std::chrono::hours kPasswordResetLifetime{1};

struct InvitationRequest {
  std::int64_t clinic_id = 0;
  Role role = Role::kPatient;
  std::string email;  // as typed; normalised here
  std::string display_name;
  std::optional<std::int64_t> patient_id;  // required for role patient, absent for staff
  std::string public_url;                  // base of the link; empty gives a path-only link
  std::string actor;                       // who invites (user uuid, "cli"), for the log
};

struct InvitationResult {
  User user;  // the account, created or reused
  bool created = false;
  std::string link;  // <public_url>/invite/<token>: shown once (CLI), else only emailed
  Instant expires_at = 0;
};

// Creates the account without a password (or reuses the one that was invited
// before and never accepted, updating its email and name), issues an
// invitation token (older links stop working) and queues the email, all in
// the caller's write transaction. The caller records its own audit event.
// Errors: kInvalid (issues on email, display_name); kConflict when the email
// belongs to another account (issue on "email", "duplicate"), or the account
// already has a password or is disabled.
Result<InvitationResult> CreateInvitation(db::Session& session, const InvitationRequest& request,
                                          Instant now);

// An invitation that can still be accepted, and its token row.
struct InvitationInfo {
  User user;
  std::int64_t token_id = 0;
};

// kNotFound (one message for unknown, used and expired links, and for
// accounts disabled or already with a password).
Error InvitationGone();
Result<InvitationInfo> LookUpInvitation(db::Session& session, std::string_view token, Instant now);
// Uses up the token and sets the password (hashed by the caller, outside the
// transaction: identity/password.hpp). Returns the user as now stored.
Result<User> AcceptInvitation(db::Session& session, std::string_view token,
                              std::string_view password_hash, Instant now);

// `<public_url>/<kind>/<token>` ("invite" or "reset"), without a doubled slash.
std::string AccountLink(std::string_view public_url, std::string_view kind, std::string_view token);

// `public_url` is the base of the links in emails. `db`, `clock` and
// `authenticator` must outlive `router`.
void RegisterInvitationRoutes(http::Router& router, db::Database& db, const Clock& clock,
                              const Authenticator& authenticator, std::string public_url);

}  // namespace unknot::identity
