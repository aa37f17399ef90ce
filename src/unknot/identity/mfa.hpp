// Second factors: TOTP credentials and recovery codes (tables totp_credential
// and recovery_code, migration 0003).
//
// Enrolment is two steps: Start makes a secret (unconfirmed, restartable);
// Confirm checks a first code from the app, switches the credential on and
// hands out recovery codes. Every function runs inside the caller's write
// transaction, so the change and its audit event commit together.
//
// Errors: kConflict when the state does not allow the step (already enabled,
// nothing to confirm, not enabled); kInvalid with an issue on "code"
// ("wrong-code") for a code that does not match.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

struct TotpEnrolment {
  std::string secret;       // base32, for typing into an app
  std::string otpauth_uri;  // otpauth://totp/unknot:<email>?…
  std::string qr_svg;       // the URI as an accessible SVG QR code
};

// Starts or restarts an unconfirmed enrolment with a new secret. kConflict
// when the user already has a confirmed credential (disable it first).
Result<TotpEnrolment> StartTotpEnrolment(db::Session& session, std::int64_t user_id,
                                         std::string_view email, Instant now);

// Confirms the pending enrolment with a current code and returns fresh
// recovery codes (display form; only their hashes are kept).
Result<std::vector<std::string>> ConfirmTotp(db::Session& session, std::int64_t user_id,
                                             std::string_view code, Instant now);

// Removes the credential (confirmed or not) and every recovery code.
Result<void> DisableTotp(db::Session& session, std::int64_t user_id);

// Replaces every recovery code; kConflict unless TOTP is confirmed.
Result<std::vector<std::string>> ReplaceRecoveryCodes(db::Session& session, std::int64_t user_id);

// The second sign-in step. `code_or_recovery` is a 6-digit TOTP code (accepted
// once: its step is remembered) or an unused recovery code (then used up).
// false for anything else, or when the user has no confirmed credential.
Result<bool> VerifySecondFactor(db::Session& session, std::int64_t user_id,
                                std::string_view code_or_recovery, Instant now);

// Whether the user has a confirmed TOTP credential. Fails closed: a storage
// error answers true, so sign-in asks for a code rather than skip the step.
bool HasConfirmedTotp(db::Session& session, std::int64_t user_id);

}  // namespace unknot::identity
