// Recovery codes: the way back in when the authenticator app is lost.
//
// A code is 12 characters from Crockford's base32 alphabet in lower case
// (no i, l, o or u, so nothing reads two ways), shown as "k7f3-9qx2-m4tp":
// 60 random bits each. Only their hashes are stored; each works once.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unknot::identity {

inline constexpr int kRecoveryCodeCount = 10;

// kRecoveryCodeCount fresh codes in display form.
std::vector<std::string> NewRecoveryCodes();

// The display form of what a person typed: case, spaces and hyphens are
// ignored, and the look-alikes Crockford allows are mapped (o → 0, i and
// l → 1). nullopt unless it is 12 alphabet characters.
std::optional<std::string> NormalizeRecoveryCode(std::string_view typed);

// What the database stores for a normalised code (crypto::HashToken).
std::string HashRecoveryCode(std::string_view normalized);

}  // namespace unknot::identity
