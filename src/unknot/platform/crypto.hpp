// Small cryptographic helpers over libsodium: random tokens, their hashes,
// and constant-time comparison. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace unknot::crypto {

// A random token of `bytes` bytes (default 32 = 256 bits), base64url without padding.
std::string RandomToken(std::size_t bytes = 32);
// Hex BLAKE2b-256 of a token: what the database stores instead of the token.
std::string HashToken(std::string_view token);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace unknot::crypto
