#include "unknot/platform/config.hpp"

#include <gtest/gtest.h>

#include <set>

namespace unknot {
namespace {

TEST(Config, TomlThenEnvironmentOverride) {
  Config config;
  ASSERT_TRUE(ApplyToml(config, R"(
[server]
listen = "0.0.0.0:9000"
[limits]
body_bytes = 2048
request_deadline_ms = 1500
[database]
url = "postgresql://db/unknot"
)",
                        "unknot.toml"));
  EXPECT_EQ(config.listen, "0.0.0.0:9000");
  EXPECT_EQ(config.limits.body_bytes, 2048u);
  EXPECT_EQ(config.limits.request_deadline.count(), 1500);
  EXPECT_EQ(config.DatabaseUrl(), "postgresql://db/unknot");

  ASSERT_TRUE(ApplyEnvironment(config, {{"UNKNOT_SERVER_LISTEN", "127.0.0.1:1"},
                                        {"UNKNOT_LIMITS_BODY_BYTES", "4096"},
                                        {"UNKNOT_UNRELATED", "ignored"}}));
  EXPECT_EQ(config.listen, "127.0.0.1:1");
  EXPECT_EQ(config.limits.body_bytes, 4096u);
}

TEST(Config, ErrorsNameEveryBadKey) {
  Config config;
  auto result = ApplyToml(config, R"(
[server]
listne = "x"
[limits]
body_bytes = "big"
max_connections = 0
)",
                          "unknot.toml");
  ASSERT_FALSE(result);
  std::set<std::string> paths;         // TOML tables are unordered
  const Error error = result.error();  // error() returns a copy: keep it alive
  for (const auto& issue : error.issues()) paths.insert(issue.path);
  EXPECT_EQ(paths, (std::set<std::string>{"server.listne", "limits.body_bytes",
                                          "limits.max_connections"}));

  auto env = ApplyEnvironment(config, {{"UNKNOT_LIMITS_BODY_BYTES", "12kb"}});
  ASSERT_FALSE(env);
  EXPECT_EQ(env.error().issues().front().path, "UNKNOT_LIMITS_BODY_BYTES");

  auto syntax = ApplyToml(config, "[server\nlisten=", "unknot.toml");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().issues().front().message.find("line"), std::string::npos);
}

TEST(Config, SecurityAndMailSettings) {
  Config config;
  EXPECT_EQ(config.security.staff_idle_minutes, 30);
  EXPECT_EQ(config.security.patient_idle_minutes, 120);
  EXPECT_EQ(config.security.absolute_hours, 12);
  EXPECT_EQ(config.mail.from, "unknot <no-reply@localhost>");
  EXPECT_FALSE(config.IsHttps());
  ASSERT_TRUE(ApplyToml(config, R"(
[server]
public_url = "https://clinic.example.org"
[security]
staff_idle_minutes = 15
absolute_hours = 8
[mail]
smtp_url = "smtp://127.0.0.1:2525"
)",
                        "unknot.toml"));
  EXPECT_EQ(config.security.staff_idle_minutes, 15);
  EXPECT_EQ(config.security.patient_idle_minutes, 120);
  EXPECT_EQ(config.security.absolute_hours, 8);
  EXPECT_EQ(config.mail.smtp_url, "smtp://127.0.0.1:2525");
  EXPECT_TRUE(config.IsHttps());

  ASSERT_TRUE(ApplyEnvironment(config, {{"UNKNOT_SECURITY_PATIENT_IDLE_MINUTES", "60"},
                                        {"UNKNOT_MAIL_FROM", "Clinic <c@example.org>"}}));
  EXPECT_EQ(config.security.patient_idle_minutes, 60);
  EXPECT_EQ(config.mail.from, "Clinic <c@example.org>");

  auto bad = ApplyToml(config, "[security]\nstaff_idle_minutes = 0\nabsolute_hours = \"x\"\n",
                       "unknot.toml");
  ASSERT_FALSE(bad);
  std::set<std::string> paths;
  const Error error = bad.error();
  for (const auto& issue : error.issues()) paths.insert(issue.path);
  EXPECT_EQ(paths,
            (std::set<std::string>{"security.staff_idle_minutes", "security.absolute_hours"}));
}

TEST(Config, DefaultDatabaseIsSqliteInTheDataFolder) {
  Config config;
  config.data_dir = "/srv/unknot";
  EXPECT_EQ(config.DatabaseUrl(), "sqlite:/srv/unknot/unknot.db");
}

TEST(Config, ParsesListenAddresses) {
  EXPECT_EQ(ParseListen("127.0.0.1:8080").value(),
            (std::pair<std::string, std::uint16_t>{"127.0.0.1", 8080}));
  EXPECT_EQ(ParseListen("[::1]:0").value(), (std::pair<std::string, std::uint16_t>{"::1", 0}));
  for (const char* bad : {"8080", ":8080", "host:", "host:99999", "host:80x"}) {
    EXPECT_FALSE(ParseListen(bad)) << bad;
  }
}

}  // namespace
}  // namespace unknot
