#include "unknot/identity/recovery_codes.hpp"

#include <sodium.h>

#include "unknot/platform/crypto.hpp"

namespace unknot::identity {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford, lower
constexpr std::size_t kGroups = 3;
constexpr std::size_t kGroupLength = 4;

std::string Display(std::string_view twelve) {
  std::string out;
  for (std::size_t g = 0; g < kGroups; ++g) {
    if (g > 0) out += '-';
    out += twelve.substr(g * kGroupLength, kGroupLength);
  }
  return out;
}

}  // namespace

std::vector<std::string> NewRecoveryCodes() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  std::vector<std::string> codes;
  codes.reserve(kRecoveryCodeCount);
  while (codes.size() < static_cast<std::size_t>(kRecoveryCodeCount)) {
    std::string raw;
    for (std::size_t i = 0; i < kGroups * kGroupLength; ++i) {
      raw += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
    std::string code = Display(raw);
    bool duplicate = false;
    for (const std::string& existing : codes) duplicate = duplicate || existing == code;
    if (!duplicate) codes.push_back(std::move(code));
  }
  return codes;
}

std::optional<std::string> NormalizeRecoveryCode(std::string_view typed) {
  std::string raw;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == 'o') c = '0';
    if (c == 'i' || c == 'l') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    raw += c;
    if (raw.size() > kGroups * kGroupLength) return std::nullopt;
  }
  if (raw.size() != kGroups * kGroupLength) return std::nullopt;
  return Display(raw);
}

std::string HashRecoveryCode(std::string_view normalized) {
  return crypto::HashToken(normalized);
}

}  // namespace unknot::identity
