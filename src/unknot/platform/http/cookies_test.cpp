#include "unknot/platform/http/cookies.hpp"

#include <gtest/gtest.h>

namespace unknot::http {
namespace {

TEST(Cookies, ParsesPairsAndSkipsMalformedOnes) {
  const auto cookies =
      ParseCookies(" a=1; b=\"two\" ;bad; c=; d=x=y;e f=3; g=\"unterminated; =novalue");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "1"}, {"b", "two"}, {"c", ""}, {"d", "x=y"}};
  EXPECT_EQ(cookies, expected);
  EXPECT_EQ(FindCookie("sid=abc; other=1", "sid"), "abc");
  EXPECT_EQ(FindCookie("sid=abc", "missing"), std::nullopt);
  EXPECT_TRUE(ParseCookies("").empty());
}

TEST(Cookies, ValidatesNamesAndValues) {
  const std::vector<std::pair<std::string, std::string>> goods = {
      {"sid", "abc123"}, {"__Host-sid", "A-b_c.d~e!"}, {"x", ""}, {"x", "\"quoted\""}};
  const std::vector<std::pair<std::string, std::string>> bads = {
      {"", "v"},           {"a b", "v"},         {"a;b", "v"},
      {"a=b", "v"},        {"x", "has space"},   {"x", "semi;colon"},
      {"x", "comma,"},     {"x", "back\\slash"}, {"x", "\"inner\"quote\""},
      {"x", "caf\xc3\xa9"}};
  for (const auto& [name, value] : goods)
    EXPECT_TRUE(IsValidCookie(name, value)) << name << "=" << value;
  for (const auto& [name, value] : bads)
    EXPECT_FALSE(IsValidCookie(name, value)) << name << "=" << value;
}

TEST(Cookies, SerializesSessionCookieAttributes) {
  SetCookie cookie;
  cookie.name = "sid";
  cookie.value = "t0k3n";
  EXPECT_EQ(SerializeSetCookie(cookie), "sid=t0k3n; Path=/; HttpOnly; SameSite=Strict");
  cookie.secure = true;
  cookie.max_age = std::chrono::seconds(1800);
  EXPECT_EQ(SerializeSetCookie(cookie),
            "sid=t0k3n; Path=/; Max-Age=1800; HttpOnly; Secure; SameSite=Strict");
  cookie.secure = false;
  cookie.same_site = SameSite::kNone;
  EXPECT_NE(SerializeSetCookie(cookie).find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace unknot::http
