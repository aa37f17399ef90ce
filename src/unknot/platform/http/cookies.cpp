#include "unknot/platform/http/cookies.hpp"

#include <fmt/format.h>

#include <cassert>

namespace unknot::http {
namespace {

bool IsTokenChar(char c) {
  if (c <= 32 || c >= 127) return false;
  constexpr std::string_view kSeparators = "()<>@,;:\\\"/[]?={} \t";
  return kSeparators.find(c) == std::string_view::npos;
}

// cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
bool IsCookieOctet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsValidCookie(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  for (char c : value) {
    if (!IsCookieOctet(c)) return false;
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> ParseCookies(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view pair = Trim(header.substr(0, semicolon));
    header =
        semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view name = Trim(pair.substr(0, equals));
    std::string_view value = Trim(pair.substr(equals + 1));
    if (!IsValidCookie(name, value)) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::optional<std::string> FindCookie(std::string_view header, std::string_view name) {
  for (auto& [key, value] : ParseCookies(header)) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

std::string SerializeSetCookie(const SetCookie& cookie) {
  assert(IsValidCookie(cookie.name, cookie.value) && "cookie name/value must be validated first");
  std::string out = fmt::format("{}={}", cookie.name, cookie.value);
  if (!cookie.path.empty()) out += fmt::format("; Path={}", cookie.path);
  if (cookie.max_age) out += fmt::format("; Max-Age={}", cookie.max_age->count());
  if (cookie.http_only) out += "; HttpOnly";
  // Browsers reject SameSite=None without Secure, so None implies Secure.
  if (cookie.secure || cookie.same_site == SameSite::kNone) out += "; Secure";
  switch (cookie.same_site) {
    case SameSite::kStrict: out += "; SameSite=Strict"; break;
    case SameSite::kLax: out += "; SameSite=Lax"; break;
    case SameSite::kNone: out += "; SameSite=None"; break;
  }
  return out;
}

}  // namespace unknot::http
