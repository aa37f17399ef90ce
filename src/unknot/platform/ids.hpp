// Public identifiers: random (version 4) UUIDs from libsodium's CSPRNG.
#pragma once

#include <string>
#include <string_view>

namespace unknot {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower-case. Thread-safe.
std::string NewUuid();
// True for the canonical 36-character lower- or upper-case hex form.
bool IsUuid(std::string_view text);
// The stored (lower-case) form; the router accepts either case in paths.
std::string CanonicalUuid(std::string_view uuid);
// A short random token for request ids (16 hex characters).
std::string NewRequestId();

}  // namespace unknot
