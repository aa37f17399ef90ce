// Admins edit their clinic's self-care library over real HTTP, on SQLite and
// PostgreSQL: a default is edited (If-Match, stale 409), invalid text is a 400
// listing every issue and stores nothing, another clinic still sees the
// default, removal restores it, versions are kept, new entries are added,
// home programmes show the clinic's text, and only admins may write.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "http_test_support.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

// `text` with the line starting with `prefix` replaced by `line`.
std::string WithLine(const std::string& text, const std::string& prefix, const std::string& line) {
  const auto at = text.find("\n" + prefix);
  EXPECT_NE(at, std::string::npos) << prefix;
  if (at == std::string::npos) return text;
  const auto end = text.find('\n', at + 1);
  return text.substr(0, at + 1) + line + text.substr(end);
}

std::string MarkdownBody(const std::string& markdown) {
  return json::serialize(json::object{{"markdown", markdown}});
}

const std::string kWalk = R"(---
schema_version: 1
slug: clinic-evening-walk
title: Our evening walk
type: pacing
regions: []
duration_minutes: 15
level: gentle
precautions: []
summary: A short walk at an easy pace after dinner.
why: Gentle, regular movement helps your body trust movement again.
review_due: 2027-11-25
---
Walk at a pace where you could still chat. Stop before you feel you must.
)";

class LibraryAdmin : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer();
    if (IsSkipped()) return;
    admin_ = SignIn(server_->port(), kDemoAdmin, kDemoPasswordText);
    ASSERT_EQ(admin_.response.status, 200) << admin_.response.body;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    patient_ = SignIn(server_->port(), kDemoPatient, kDemoPasswordText);
    ASSERT_EQ(patient_.response.status, 200) << patient_.response.body;
    clinic_ = Json(admin_.response).at("user").at("clinic").at("id").as_string().c_str();
    other_admin_ = AdminOfAnotherClinic();
  }

  // The headers of a session of an admin of a second clinic.
  std::string AdminOfAnotherClinic() {
    std::string headers;
    SystemClock clock;
    const Instant now = clock.Now();
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto clinic = people::InsertClinic(session, {"Other Clinic"}, now);
          if (!clinic) return clinic.error();
          auto user = identity::InsertUser(session,
                                           {.clinic_id = clinic->id,
                                            .role = identity::Role::kAdmin,
                                            .email = "other-admin@example.org",
                                            .display_name = "Other Admin"},
                                           now);
          if (!user) return user.error();
          auto issued = identity::InsertSession(
              session, {.user_id = user->id, .expires_at = now + 3'600'000'000LL}, now);
          if (!issued) return issued.error();
          headers = SignedIn{.token = issued->token, .csrf = issued->record.csrf_token}.Headers();
          return {};
        })
        .value();
    return headers;
  }

  RawResponse Send(const std::string& method, const std::string& path, const std::string& headers,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, path, body, "application/json", headers + extra));
  }
  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Send(method, path, as.Headers(), body, extra);
  }

  static std::string IfMatch(std::int64_t version) {
    return "If-Match: \"" + std::to_string(version) + "\"\r\n";
  }

  std::string Title(const std::string& slug, const std::string& headers) {
    const RawResponse r = Send("GET", "/api/v1/library/" + slug, headers);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(Json(r).at("title").as_string()) : std::string();
  }

  SignedIn admin_, clinician_, patient_;
  std::string clinic_, other_admin_;
};

TEST_P(LibraryAdmin, AnAdminEditsADefaultWithIfMatchAndItsHistoryIsKept) {
  RawResponse r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"0\"");
  const json::value source = Json(r);
  EXPECT_EQ(source.at("source"), "default");
  EXPECT_EQ(source.at("version"), 0);
  EXPECT_TRUE(source.at("updated_by").is_null());
  const std::string original(source.at("markdown").as_string());
  ASSERT_NE(original.find("title: Body scan"), std::string::npos);
  const std::string edited = WithLine(original, "title:", "title: Our body scan");

  EXPECT_EQ(Send("PUT", "/api/v1/library/body-scan", admin_, MarkdownBody(edited)).status, 400)
      << "If-Match is required";
  r = Send("PUT", "/api/v1/library/body-scan", admin_, MarkdownBody(edited), IfMatch(0));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(Json(r).at("title"), "Our body scan");
  EXPECT_EQ(Json(r).at("source"), "clinic");
  EXPECT_EQ(Json(r).at("version"), 1);
  EXPECT_FALSE(Json(r).at("html").as_string().empty());

  // A second editor who loaded version 0 is refused rather than overwriting.
  r = Send("PUT", "/api/v1/library/body-scan", admin_,
           MarkdownBody(WithLine(original, "title:", "title: Lost update")), IfMatch(0));
  EXPECT_EQ(r.status, 409) << r.body;

  // Everyone of the clinic sees the clinic's text, in the list and the entry.
  EXPECT_EQ(Title("body-scan", patient_.Headers()), "Our body scan");
  r = Send("GET", "/api/v1/library", clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  bool listed = false;
  const json::value list = Json(r);
  for (const auto& item : list.at("items").as_array()) {
    if (item.at("slug") == "body-scan") {
      listed = true;
      EXPECT_EQ(item.at("title"), "Our body scan");
      EXPECT_EQ(item.at("source"), "clinic");
      EXPECT_EQ(item.at("version"), 1);
    } else if (item.at("slug") == "belly-breathing") {
      EXPECT_EQ(item.at("source"), "default");
      EXPECT_EQ(item.at("version"), 0);
    }
  }
  EXPECT_TRUE(listed);
  // Another clinic still has the default.
  EXPECT_EQ(Title("body-scan", other_admin_), "Body scan");
  r = Send("GET", "/api/v1/library/body-scan/source", other_admin_);
  EXPECT_EQ(Json(r).at("version"), 0) << r.body;

  r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r).at("markdown").as_string(), edited);
  EXPECT_EQ(Json(r).at("updated_by").at("name"), "Demo Admin") << r.body;

  // Removing the clinic's version restores the default; the history stays.
  EXPECT_EQ(Send("DELETE", "/api/v1/library/body-scan", admin_, "", IfMatch(0)).status, 409);
  EXPECT_EQ(Send("DELETE", "/api/v1/library/body-scan", admin_, "", IfMatch(1)).status, 204);
  EXPECT_EQ(Title("body-scan", patient_.Headers()), "Body scan");
  EXPECT_EQ(Send("DELETE", "/api/v1/library/body-scan", admin_, "", IfMatch(2)).status, 404)
      << "the clinic has no version left to remove";
  r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  EXPECT_EQ(Json(r).at("source"), "default");
  EXPECT_EQ(Json(r).at("version"), 2) << "the next save names the removal's version";

  r = Send("GET", "/api/v1/library/body-scan/versions", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value history = Json(r);
  const auto& versions = history.at("items").as_array();
  ASSERT_EQ(versions.size(), 2u) << r.body;
  EXPECT_EQ(versions.at(0).at("version"), 2);
  EXPECT_EQ(versions.at(0).at("action"), "removed");
  EXPECT_TRUE(versions.at(0).at("markdown").is_null());
  EXPECT_EQ(versions.at(1).at("action"), "saved");
  EXPECT_EQ(versions.at(1).at("markdown").as_string(), edited);
  EXPECT_EQ(versions.at(1).at("author").at("name"), "Demo Admin");
  EXPECT_EQ(Send("GET", "/api/v1/library/belly-breathing/versions", admin_).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/library/no-such-entry/versions", admin_).status, 404);

  EXPECT_EQ(CountAudit(server_->db(), "library.update"), 1);
  EXPECT_EQ(CountAudit(server_->db(), "library.remove"), 1);
}

TEST_P(LibraryAdmin, InvalidTextIsRefusedWithEveryIssueAndNothingStored) {
  RawResponse r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string original(Json(r).at("markdown").as_string());
  std::string broken = WithLine(original, "regions:", "regions: [neck, nowhere]");
  broken = WithLine(broken, "duration_minutes:", "duration_minutes: many");
  broken = WithLine(broken, "slug:", "slug: another-slug");
  const auto versions = CountRows(server_->db(), "library_entry_version");

  r = Send("PUT", "/api/v1/library/body-scan", admin_, MarkdownBody(broken), IfMatch(0));
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> paths;
  const json::value problem = Json(r);
  for (const auto& issue : problem.at("issues").as_array()) {
    paths.emplace(issue.at("path").as_string());
  }
  EXPECT_TRUE(paths.contains("front_matter.regions[1]")) << r.body;
  EXPECT_TRUE(paths.contains("front_matter.duration_minutes")) << r.body;
  EXPECT_TRUE(paths.contains("front_matter.slug")) << r.body;
  EXPECT_EQ(
      Send("PUT", "/api/v1/library/body-scan", admin_, R"({"markdown":""})", IfMatch(0)).status,
      400);
  EXPECT_EQ(Send("POST", "/api/v1/library", admin_, MarkdownBody("no front matter")).status, 400);

  // A preview reports the same issues, and stores nothing either.
  r = Send("POST", "/api/v1/library/preview", admin_, MarkdownBody(broken));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Json(r).at("entry").is_null());
  EXPECT_GE(Json(r).at("issues").as_array().size(), 2u) << r.body;
  r = Send("POST", "/api/v1/library/preview", admin_,
           MarkdownBody(WithLine(original, "title:", "title: Previewed")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r).at("entry").at("title"), "Previewed");
  EXPECT_TRUE(Json(r).at("issues").as_array().empty());

  EXPECT_EQ(CountRows(server_->db(), "library_entry_version"), versions);
  EXPECT_EQ(Title("body-scan", admin_.Headers()), "Body scan");
}

TEST_P(LibraryAdmin, NewEntriesAreAddedAndProgrammesUseTheClinicsText) {
  RawResponse r = Send("POST", "/api/v1/library", admin_, MarkdownBody(kWalk));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("location"), "/api/v1/library/clinic-evening-walk");
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(Send("POST", "/api/v1/library", admin_, MarkdownBody(kWalk)).status, 409);
  EXPECT_EQ(Send("POST", "/api/v1/library", admin_,
                 MarkdownBody(WithLine(kWalk, "slug:", "slug: preview")))
                .status,
            400)
      << "the preview route's address";
  r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  EXPECT_EQ(Send("POST", "/api/v1/library", admin_,
                 MarkdownBody(Json(r).at("markdown").as_string().c_str()))
                .status,
            409)
      << "a default's slug is taken: edit it instead";
  EXPECT_EQ(Title("clinic-evening-walk", patient_.Headers()), "Our evening walk");
  EXPECT_EQ(Send("GET", "/api/v1/library/clinic-evening-walk", other_admin_).status, 404);
  EXPECT_EQ(CountAudit(server_->db(), "library.create"), 1);

  // A programme item of an edited default shows the clinic's title.
  const PatientLogin ann =
      AddPatientWithLogin(server_->db(), clinic_, "Ann", "Home", SystemClock().Now());
  const std::string programme = "/api/v1/patients/" + ann.patient_id + "/programme";
  const std::string source(Json(r).at("markdown").as_string());
  ASSERT_EQ(Send("PUT", "/api/v1/library/body-scan", admin_,
                 MarkdownBody(WithLine(source, "title:", "title: Our body scan")), IfMatch(0))
                .status,
            200);
  for (const char* slug : {"body-scan", "clinic-evening-walk"}) {
    r = Send("POST", programme + "/items", clinician_,
             std::string(R"({"slug":")") + slug +
                 R"(","dosage":{"times":1,"per":"day"},"confirm_precautions":true})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  r = Send("GET", programme, ann.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value answer = Json(r);
  const auto& items = answer.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << r.body;
  EXPECT_EQ(items.at(0).at("title"), "Our body scan");
  EXPECT_EQ(items.at(1).at("title"), "Our evening walk");

  // A clinic-only entry that is removed leaves the library; the item keeps its slug.
  EXPECT_EQ(Send("DELETE", "/api/v1/library/clinic-evening-walk", admin_, "", IfMatch(1)).status,
            204);
  EXPECT_EQ(Send("GET", "/api/v1/library/clinic-evening-walk", patient_).status, 404);
  r = Send("GET", programme, ann.session);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r).at("items").at(1).at("title"), "clinic-evening-walk");
  EXPECT_TRUE(Json(r).at("items").at(1).at("summary").is_null());
  // Added again, it continues its history.
  r = Send("POST", "/api/v1/library", admin_, MarkdownBody(kWalk));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"3\"");
}

TEST_P(LibraryAdmin, PatientsAndCliniciansMayNotEdit) {
  RawResponse r = Send("GET", "/api/v1/library/body-scan/source", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string body = MarkdownBody(std::string(Json(r).at("markdown").as_string()));
  for (const SignedIn* who : {&patient_, &clinician_}) {
    EXPECT_EQ(Send("GET", "/api/v1/library/body-scan/source", *who).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/library/body-scan/versions", *who).status, 403);
    EXPECT_EQ(Send("PUT", "/api/v1/library/body-scan", *who, body, IfMatch(0)).status, 403);
    EXPECT_EQ(Send("DELETE", "/api/v1/library/body-scan", *who, "", IfMatch(0)).status, 403);
    EXPECT_EQ(Send("POST", "/api/v1/library", *who, MarkdownBody(kWalk)).status, 403);
    EXPECT_EQ(Send("POST", "/api/v1/library/preview", *who, body).status, 403);
  }
  EXPECT_EQ(Send("GET", "/api/v1/library/body-scan/source", std::string()).status, 401);
  EXPECT_EQ(CountRows(server_->db(), "library_entry"), 0);
  EXPECT_GE(CountAudit(server_->db(), "library.update", "denied"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, LibraryAdmin,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
