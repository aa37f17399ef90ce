// RFC 6265 cookies: parsing the Cookie request header and writing Set-Cookie.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unknot::http {

// Parses `Cookie: a=1; b=2`. Malformed pairs are skipped (a browser never
// sends them; anything else is noise), quoted values are unquoted.
std::vector<std::pair<std::string, std::string>> ParseCookies(std::string_view header);
std::optional<std::string> FindCookie(std::string_view header, std::string_view name);

enum class SameSite { kStrict, kLax, kNone };

struct SetCookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age;  // nullopt: a session cookie
  bool http_only = true;
  bool secure = false;
  SameSite same_site = SameSite::kStrict;
};

// True when `name` is an RFC 6265 token and `value` uses only cookie-octets.
bool IsValidCookie(std::string_view name, std::string_view value);
// The Set-Cookie header value. The caller must have checked IsValidCookie
// (an invalid cookie is a programming error; it asserts).
std::string SerializeSetCookie(const SetCookie& cookie);

}  // namespace unknot::http
