#include "unknot/platform/ids.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace unknot {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void EnsureSodium() {
  // sodium_init is idempotent and thread-safe; it only fails without an entropy source.
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

std::string Hex(const std::uint8_t* bytes, std::size_t n) {
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xF]);
  }
  return out;
}

}  // namespace

std::string NewUuid() {
  EnsureSodium();
  std::array<std::uint8_t, 16> b{};
  randombytes_buf(b.data(), b.size());
  b[6] = (b[6] & 0x0F) | 0x40;  // version 4
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  const std::string h = Hex(b.data(), b.size());
  return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) +
         '-' + h.substr(20);
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string NewRequestId() {
  EnsureSodium();
  std::array<std::uint8_t, 8> b{};
  randombytes_buf(b.data(), b.size());
  return Hex(b.data(), b.size());
}

std::string CanonicalUuid(std::string_view uuid) {
  std::string out(uuid);
  for (char& c : out) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace unknot
