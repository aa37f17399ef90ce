// The self-care library routes (DESIGN E1) with real sessions: a demo server
// provides the database and sign-ins, and the library routes are registered on
// their own router and dispatched in-process. Runs on SQLite, and on
// PostgreSQL when UNKNOT_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "http_test_support.hpp"
#include "unknot/app/server_app.hpp"
#include "unknot/empower/library_api.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

class LibraryApi : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer();
    if (IsSkipped()) return;
    authenticator_ = std::make_unique<identity::Authenticator>(
        server_->db(), clock_, app::SessionSettingsFor(server_->config()));
    empower::RegisterLibraryRoutes(
        router_, server_->db(), clock_, *authenticator_,
        empower::LoadServedLibrary(RepositoryContentDir(), *server_->content(), clock_.Now()));
  }

  http::Response Get(const std::string& path, const std::string& token = {}) {
    http::Request request;
    request.method = http::Method::kGet;
    request.target = path;
    request.path = path;
    request.remote_address = "127.0.0.1";
    request.remote_is_loopback = true;
    if (!token.empty()) request.headers.emplace_back("cookie", "unknot_session=" + token);
    return router_.Dispatch(request);
  }

  std::string As(const char* email) {
    const SignedIn signed_in = SignIn(server_->port(), email, kDemoPasswordText);
    EXPECT_EQ(signed_in.response.status, 200) << signed_in.response.body;
    return signed_in.token;
  }

  SystemClock clock_;
  std::unique_ptr<identity::Authenticator> authenticator_;
  http::Router router_;
};

TEST_P(LibraryApi, ListsEntriesForAnyoneSignedIn) {
  EXPECT_EQ(Get("/api/v1/library").status, 401);
  for (const char* email : {kDemoPatient, kDemoClinician, kDemoAdmin}) {
    const http::Response list = Get("/api/v1/library", As(email));
    ASSERT_EQ(list.status, 200) << list.body;
    const json::value body = json::parse(list.body);
    const auto& items = body.at("items").as_array();
    EXPECT_GE(items.size(), 20u);
    std::set<std::string> slugs;
    for (const auto& item : items) {
      slugs.emplace(item.at("slug").as_string());
      for (const char* key :
           {"title", "type", "regions", "duration_minutes", "level", "precautions", "summary"}) {
        EXPECT_TRUE(item.as_object().contains(key)) << key;
      }
      EXPECT_FALSE(item.as_object().contains("html")) << "the list stays small";
    }
    EXPECT_TRUE(slugs.contains("body-scan"));
  }
}

TEST_P(LibraryApi, OneEntryHasSafeHtmlAndWhy) {
  const std::string patient = As(kDemoPatient);
  const http::Response entry = Get("/api/v1/library/lower-back-knee-rolls", patient);
  ASSERT_EQ(entry.status, 200) << entry.body;
  const json::value body = json::parse(entry.body);
  EXPECT_EQ(body.at("slug"), "lower-back-knee-rolls");
  EXPECT_EQ(body.at("type"), "stretch");
  EXPECT_FALSE(body.at("why").as_string().empty());
  const std::string html(body.at("html").as_string());
  EXPECT_NE(html.find("<ol>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(body.at("precautions").as_array().front(), "pregnancy.positioning");

  EXPECT_EQ(Get("/api/v1/library/no-such-entry", patient).status, 404);
  EXPECT_EQ(Get("/api/v1/library/body-scan").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryApi,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
