// Two-step sign-in routes of the account page (all allow_without_mfa, so a
// staff member whose clinic requires MFA can still enrol):
//
//   POST   /api/v1/account/mfa/totp                → 200 {"secret","otpauth_uri","qr_svg"}
//                                                    (starts or restarts an unconfirmed enrolment;
//                                                    409 while TOTP is on)
//   POST   /api/v1/account/mfa/totp/confirm        {code} → 200 {"recovery_codes":[10]}
//   DELETE /api/v1/account/mfa/totp                {password} → 204 (409 when the clinic
//                                                    requires MFA for staff)
//   POST   /api/v1/account/mfa/recovery-codes      {password} → 200 {"recovery_codes":[10]}
//                                                    (the old codes stop working)
//
// A wrong password is a 400 with an issue on "password" ("wrong-password")
// and counts against the account's sign-in throttle (429 + Retry-After when
// locked). Every step is audited: mfa.enrol, mfa.confirm, mfa.disable,
// mfa.recovery_codes, with outcome "failure" when refused.
#pragma once

#include "unknot/identity/authenticator.hpp"

namespace unknot::identity {

// `db`, `clock` and `authenticator` must outlive `router`.
void RegisterMfaRoutes(http::Router& router, db::Database& db, const Clock& clock,
                       const Authenticator& authenticator);

}  // namespace unknot::identity
