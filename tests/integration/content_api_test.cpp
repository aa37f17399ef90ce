// The clinical content routes over real HTTP: instruments, crisis support
// (public), body-map regions and the red-flag checklist (staff). Runs on
// SQLite, and on PostgreSQL when UNKNOT_TEST_PG_URL is set (the sessions
// behind the protected routes live in the database).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>

#include "http_test_support.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

class ContentApi : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer();
    if (IsSkipped()) return;
  }

  RawResponse Get(const std::string& path, const std::string& headers = {}) {
    return Exchange(server_->port(), MakeRequest("GET", path, {}, "application/json", headers));
  }
  std::string As(const char* email) {
    const SignedIn signed_in = SignIn(server_->port(), email, kDemoPasswordText);
    EXPECT_EQ(signed_in.response.status, 200) << signed_in.response.body;
    return signed_in.CookieOnly();
  }
};

TEST_P(ContentApi, CrisisSupportNeedsNoSignIn) {
  const std::int64_t events = CountRows(server_->db(), "audit_event");
  const RawResponse crisis = Get("/api/v1/content/crisis");
  ASSERT_EQ(crisis.status, 200) << crisis.body;
  const json::value body = Json(crisis);
  EXPECT_EQ(body.at("country"), "GB");
  ASSERT_FALSE(body.at("lines").as_array().empty());
  const json::value& first = body.at("lines").as_array()[0];
  EXPECT_FALSE(first.at("contacts").as_array().empty());
  EXPECT_FALSE(first.at("review_due").as_string().empty());
  // Each line says where it serves, so the panel can tell Scotland's lines apart.
  bool scotland_only = false;
  for (const auto& line : body.at("lines").as_array()) {
    ASSERT_FALSE(line.at("nations").as_array().empty());
    scotland_only |= line.at("nations").as_array() == json::array{"scotland"};
  }
  EXPECT_TRUE(scotland_only);
  // A stale or foreign cookie must not get in the way either.
  EXPECT_EQ(Get("/api/v1/content/crisis", "Cookie: unknot_session=expired\r\n").status, 200);
  EXPECT_EQ(CountRows(server_->db(), "audit_event"), events);  // no patient data: no audit
}

TEST_P(ContentApi, InstrumentsForAnyoneSignedIn) {
  EXPECT_EQ(Get("/api/v1/instruments").status, 401);
  const std::string patient = As(kDemoPatient);
  const RawResponse list = Get("/api/v1/instruments", patient);
  ASSERT_EQ(list.status, 200) << list.body;
  std::map<std::string, bool> text_available;
  const json::value listed = Json(list);
  for (const auto& item : listed.at("items").as_array()) {
    text_available[std::string(item.at("id").as_string())] = item.at("text_available").as_bool();
  }
  EXPECT_EQ(text_available.size(), server_->content()->registry.instruments.size());
  EXPECT_TRUE(text_available.at("phq9"));
  EXPECT_TRUE(text_available.at("gad7"));
  EXPECT_FALSE(text_available.at("peg3"));
  EXPECT_FALSE(text_available.at("psfs"));
  EXPECT_FALSE(text_available.at("startback"));

  const RawResponse phq9 = Get("/api/v1/instruments/phq9", patient);
  ASSERT_EQ(phq9.status, 200) << phq9.body;
  EXPECT_EQ(Json(phq9).at("id"), "phq9");
  EXPECT_EQ(Json(phq9).at("items").as_array().size(), 10u);

  const RawResponse unknown = Get("/api/v1/instruments/phq99", patient);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Header("content-type"), "application/problem+json");
}

TEST_P(ContentApi, BodyMapForEveryoneAndRedFlagsForStaff) {
  const std::string patient = As(kDemoPatient);
  const RawResponse map = Get("/api/v1/content/body-map", patient);
  ASSERT_EQ(map.status, 200) << map.body;
  EXPECT_EQ(Json(map).at("regions").as_array().size(), server_->content()->body_map.regions.size());
  EXPECT_EQ(Get("/api/v1/content/body-map").status, 401);

  EXPECT_EQ(Get("/api/v1/content/red-flags", patient).status, 403);
  const RawResponse flags = Get("/api/v1/content/red-flags", As(kDemoClinician));
  ASSERT_EQ(flags.status, 200) << flags.body;
  EXPECT_EQ(Json(flags).at("flags").as_array().size(), server_->content()->red_flags.flags.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, ContentApi,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
