// Time-based one-time passwords (RFC 6238) as authenticator apps use them:
// HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch, over liboath.
//
// Pure functions (no storage): the caller keeps the secret and the last step
// it accepted (identity/mfa.hpp stores both). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"

namespace unknot::identity::totp {

inline constexpr unsigned kDigits = 6;
inline constexpr unsigned kStepSeconds = 30;
inline constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr std::string_view kIssuer = "unknot";

// A new random secret: kSecretBytes from libsodium, base32 (RFC 4648,
// upper-case; 32 characters, so no padding).
std::string NewSecret();

// otpauth://totp/unknot:<email>?secret=…&issuer=unknot&algorithm=SHA1&digits=6&period=30
// with the label and parameters percent-encoded.
std::string OtpauthUri(std::string_view secret_base32, std::string_view email);

// The step number of an instant: floor(seconds / 30).
std::int64_t StepOf(Instant at);

// The code for `at`, or nullopt when the secret is not valid base32. `digits`
// other than kDigits exist for the RFC test vectors (8 digits).
std::optional<std::string> Generate(std::string_view secret_base32, Instant at,
                                    unsigned digits = kDigits);

// Checks `code` (exactly kDigits ASCII digits) against the steps now-1, now and
// now+1 (clock drift). Returns the matching step, but only when it is later
// than `last_used_step`: a code accepted once is refused again (replay), and so
// is an older code once a newer one was used. nullopt otherwise.
std::optional<std::int64_t> AcceptCode(std::string_view secret_base32, std::string_view code,
                                       Instant now, std::optional<std::int64_t> last_used_step);

}  // namespace unknot::identity::totp
