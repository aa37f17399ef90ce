// Password hashing (Argon2id through libsodium's crypto_pwhash_str) and the
// rules a new password must meet.
//
// Hashes use at least libsodium's interactive limits; NeedsRehash tells a
// sign-in to re-hash a password stored with weaker parameters. Hashing takes
// tens of milliseconds and kPasswordMemoryBytes of memory: call it outside
// database transactions. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "unknot/platform/error.hpp"

namespace unknot::identity {

inline constexpr std::size_t kMinPasswordLength = 12;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // refuses absurd inputs before hashing

// Adds "too-short" / "too-long" issues at `path` (e.g. "new_password").
void CheckNewPassword(std::string_view password, std::string_view path, IssueList& issues);

// The encoded Argon2id hash ("$argon2id$v=19$m=…"). kInternal only when the
// system is out of memory.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view stored_hash, std::string_view password);
bool NeedsRehash(std::string_view stored_hash);
// Verifies `password` against a fixed dummy hash and discards the answer, so
// a sign-in for an unknown email costs as long as one for a known email.
void VerifyAgainstDummy(std::string_view password);

}  // namespace unknot::identity
