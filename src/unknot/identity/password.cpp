#include "unknot/identity/password.hpp"

#include <sodium.h>

#include <array>

namespace unknot::identity {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

const std::string& DummyHash() {
  // Made once with the current parameters, so verifying against it costs what a real one does.
  static const std::string hash = [] {
    auto made = HashPassword("unknot-dummy-password-for-timing");
    return made ? *made : std::string();
  }();
  return hash;
}

}  // namespace

void CheckNewPassword(std::string_view password, std::string_view path, IssueList& issues) {
  if (password.size() > kMaxPasswordBytes) {
    issues.Add(std::string(path), "too-long", "The password is too long.");
  } else if (CodePoints(password) < kMinPasswordLength) {
    issues.Add(
        std::string(path), "too-short",
        "The password needs at least " + std::to_string(kMinPasswordLength) + " characters.");
  }
}

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("crypto_pwhash_str failed (out of memory)");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  EnsureSodium();
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (password.size() > kMaxPasswordBytes) return false;
  const std::string hash(stored_hash);  // crypto_pwhash_str_verify wants a C string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored_hash) {
  EnsureSodium();
  const std::string hash(stored_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void VerifyAgainstDummy(std::string_view password) {
  (void)VerifyPassword(DummyHash(), password.substr(0, kMaxPasswordBytes));
}

}  // namespace unknot::identity
