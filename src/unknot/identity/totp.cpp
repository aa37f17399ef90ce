#include "unknot/identity/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <ctime>
#include <memory>

namespace unknot::identity::totp {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

void EnsureLibraries() {
  // Both initialisers are idempotent; the static makes them run once, thread-safely.
  static const bool ready = sodium_init() >= 0 && oath_init() == OATH_OK;
  (void)ready;
}

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

// Raw secret bytes; nullopt for invalid base32.
std::optional<std::string> DecodeSecret(std::string_view secret_base32) {
  EnsureLibraries();
  char* raw = nullptr;
  std::size_t raw_length = 0;
  const int rc = oath_base32_decode(secret_base32.data(), secret_base32.size(), &raw, &raw_length);
  std::unique_ptr<char, FreeDeleter> owned(raw);
  if (rc != OATH_OK || raw == nullptr || raw_length == 0) return std::nullopt;
  return std::string(raw, raw_length);
}

bool IsDigits(std::string_view code, std::size_t length) {
  if (code.size() != length) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// RFC 3986 unreserved characters stay; everything else is %XX.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

time_t Seconds(Instant at) {
  return static_cast<time_t>(at / kMicrosPerSecond);
}

}  // namespace

std::string NewSecret() {
  EnsureLibraries();
  std::array<char, kSecretBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  char* encoded = nullptr;
  std::size_t encoded_length = 0;
  const int rc = oath_base32_encode(raw.data(), raw.size(), &encoded, &encoded_length);
  std::unique_ptr<char, FreeDeleter> owned(encoded);
  sodium_memzero(raw.data(), raw.size());
  if (rc != OATH_OK || encoded == nullptr) std::abort();  // only on allocation failure
  std::string secret(encoded, encoded_length);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string OtpauthUri(std::string_view secret_base32, std::string_view email) {
  std::string label = std::string(kIssuer) + ":" + std::string(email);
  return "otpauth://totp/" + PercentEncode(label) + "?secret=" + std::string(secret_base32) +
         "&issuer=" + PercentEncode(kIssuer) + "&algorithm=SHA1&digits=" + std::to_string(kDigits) +
         "&period=" + std::to_string(kStepSeconds);
}

std::int64_t StepOf(Instant at) {
  const std::int64_t seconds = at / kMicrosPerSecond;
  return seconds / static_cast<std::int64_t>(kStepSeconds);
}

std::optional<std::string> Generate(std::string_view secret_base32, Instant at, unsigned digits) {
  const auto secret = DecodeSecret(secret_base32);
  if (!secret) return std::nullopt;
  std::array<char, 16> output{};
  const int rc = oath_totp_generate(secret->data(), secret->size(), Seconds(at), kStepSeconds,
                                    OATH_TOTP_DEFAULT_START_TIME, digits, output.data());
  if (rc != OATH_OK) return std::nullopt;
  return std::string(output.data());
}

std::optional<std::int64_t> AcceptCode(std::string_view secret_base32, std::string_view code,
                                       Instant now, std::optional<std::int64_t> last_used_step) {
  if (!IsDigits(code, kDigits)) return std::nullopt;
  const auto secret = DecodeSecret(secret_base32);
  if (!secret) return std::nullopt;
  const std::string otp(code);  // liboath wants a NUL-terminated string
  int position = 0;
  std::uint64_t counter = 0;
  constexpr std::size_t kWindow = 1;  // one step either side
  const int rc =
      oath_totp_validate3(secret->data(), secret->size(), Seconds(now), kStepSeconds,
                          OATH_TOTP_DEFAULT_START_TIME, kWindow, &position, &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  const auto step = static_cast<std::int64_t>(counter);
  if (last_used_step && step <= *last_used_step) return std::nullopt;
  return step;
}

}  // namespace unknot::identity::totp
