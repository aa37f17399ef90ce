// Home programmes over real HTTP on SQLite and PostgreSQL: staff assign
// library items with a dosage (a precaution match needs confirming), the
// patient marks them done, adherence follows, and ended items keep history.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>

#include "http_test_support.hpp"

namespace unknot::testing {
namespace {

constexpr Instant kNoon = 1'774'785'600'000'000;  // 2026-03-29 12:00 UTC, a Sunday in London

class ProgrammeApi : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    const std::string clinic =
        Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    ann_ = AddPatientWithLogin(server_->db(), clinic, "Ann", "Home", clock_.Now());
    bob_ = AddPatientWithLogin(server_->db(), clinic, "Bob", "Other", clock_.Now());
    base_ = "/api/v1/patients/" + ann_.patient_id + "/programme";
  }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, path, body, "application/json", as.Headers() + extra));
  }

  std::string Assign(const std::string& body) {
    const RawResponse r = Send("POST", base_ + "/items", clinician_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(Json(r).at("id").as_string()) : std::string();
  }

  FakeClock clock_{kNoon};
  SignedIn clinician_;
  PatientLogin ann_, bob_;
  std::string base_;
};

const std::string kStretch =
    R"({"slug":"neck-side-stretch","dosage":{"sets":2,"reps":8,"hold_seconds":20,"times":2,)"
    R"("per":"day","weeks":4},"note":"Gently")";

// The sessions per date an item's done_dates list, in order.
std::vector<std::pair<std::string, std::int64_t>> DoneDates(const boost::json::value& item) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& mark : item.at("done_dates").as_array()) {
    out.emplace_back(mark.at("date").as_string(), mark.at("sessions").as_int64());
  }
  return out;
}

TEST_P(ProgrammeApi, APrecautionMatchMustBeConfirmedAndBadInputChangesNothing) {
  RawResponse r = Send("GET", base_, clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"0\"");

  const auto items = CountRows(server_->db(), "programme_item");
  r = Send("POST", base_ + "/items", clinician_,
           R"({"slug":"nope","dosage":{"times":0,"per":"x"},"z":1})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_GE(Json(r).at("issues").as_array().size(), 3u) << r.body;  // every issue at once

  ASSERT_EQ(Send("PUT", "/api/v1/patients/" + ann_.patient_id + "/precautions", clinician_,
                 R"({"items":[{"precaution":"recent_surgery","situation":"operation_site"}]})")
                .status,
            200);
  r = Send("POST", base_ + "/items", clinician_, kStretch + "}");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Json(r).at("issues").at(0).at("code"), "precaution-match") << r.body;
  EXPECT_EQ(CountRows(server_->db(), "programme_item"), items);

  EXPECT_FALSE(Assign(kStretch + R"(,"confirm_precautions":true})").empty());
  EXPECT_EQ(
      Send("POST", base_ + "/items", ann_.session, kStretch + R"(,"confirm_precautions":true})")
          .status,
      403);
  EXPECT_EQ(Send("GET", base_, bob_.session).status, 403);
}

TEST_P(ProgrammeApi, ThePatientMarksItemsDoneAndAdherenceFollows) {
  const std::string item = Assign(kStretch + "}");
  const std::string weekly =
      Assign(R"({"slug":"belly-breathing","dosage":{"times":3,"per":"week"}})");
  ASSERT_FALSE(item.empty());
  ASSERT_FALSE(weekly.empty());

  const std::string done = base_ + "/items/" + item + "/done/";
  EXPECT_EQ(Send("PUT", done + "2026-03-29", ann_.session).status, 204);
  EXPECT_EQ(Send("PUT", done + "2026-03-29", ann_.session).status, 204);  // a retry is harmless
  EXPECT_EQ(Send("PUT", base_ + "/items/" + weekly + "/done/2026-03-29", ann_.session,
                 R"({"sessions":2})")
                .status,
            204);
  EXPECT_EQ(Send("PUT", done + "2026-03-28", ann_.session).status, 400);  // before it started
  EXPECT_EQ(Send("PUT", done + "2026-03-30", ann_.session).status, 400);  // the future
  EXPECT_EQ(Send("PUT", done + "2026-03-29", bob_.session).status, 403);

  RawResponse r = Send("GET", base_, ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto mine = Json(r);
  EXPECT_TRUE(mine.at("items").at(0).at("done_today").as_bool());
  EXPECT_EQ(DoneDates(mine.at("items").at(0)),
            (std::vector<std::pair<std::string, std::int64_t>>{{"2026-03-29", 2}}));
  EXPECT_EQ(DoneDates(mine.at("items").at(1)),
            (std::vector<std::pair<std::string, std::int64_t>>{{"2026-03-29", 2}}));
  // Precautions are staff records: the patient's view leaves the matches out.
  EXPECT_FALSE(mine.at("items").at(0).as_object().contains("precaution_matches"));

  r = Send("PATCH", base_ + "/items/" + item, clinician_,
           R"({"note":null,"dosage":{"times":1,"per":"day"}})", "If-Match: \"1\"\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"2\"");
  EXPECT_EQ(Json(r).at("adherence").at("done"), 1) << r.body;  // capped at the new times a day
  EXPECT_EQ(
      Send("PATCH", base_ + "/items/" + item, clinician_, R"({"note":"x"})", "If-Match: \"1\"\r\n")
          .status,
      409);

  EXPECT_EQ(Send("DELETE", base_ + "/items/" + weekly + "/done/2026-03-29", ann_.session).status,
            204);
  EXPECT_EQ(Send("DELETE", base_ + "/items/" + item, clinician_).status, 200);
  EXPECT_EQ(Send("DELETE", base_ + "/items/" + item, clinician_).status, 200);  // already ended
  r = Send("GET", base_, clinician_);
  EXPECT_EQ(Json(r).at("items").as_array().size(), 1u) << r.body;
  EXPECT_GE(CountRows(server_->db(), "programme_item"), 2);  // ended, never deleted
}

TEST_P(ProgrammeApi, DoneDatesListTheAdherenceWindowOldestFirst) {
  if (IsSkipped()) return;
  const std::string item = Assign(kStretch + "}");
  ASSERT_FALSE(item.empty());
  const std::string done = base_ + "/items/" + item + "/done/";
  ASSERT_EQ(Send("PUT", done + "2026-03-29", clinician_).status, 204);  // both sessions
  clock_.Advance(std::chrono::days(2));
  const SignedIn clinician = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(Send("PUT", done + "2026-03-31", clinician, R"({"sessions":1})").status, 204);
  ASSERT_EQ(Send("PUT", done + "2026-03-30", clinician, R"({"sessions":2})").status, 204);
  ASSERT_EQ(Send("DELETE", done + "2026-03-30", clinician).status, 204);

  RawResponse r = Send("GET", base_, clinician);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto listed = DoneDates(Json(r).at("items").at(0));
  EXPECT_EQ(listed, (decltype(listed){{"2026-03-29", 2}, {"2026-03-31", 1}})) << r.body;
  EXPECT_EQ(Json(r).at("date"), "2026-03-31");

  // 28 days after the first mark it has left the window; the later one stays.
  clock_.Advance(std::chrono::days(26));
  const SignedIn later = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
  r = Send("GET", base_, later);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r).at("date"), "2026-04-26");
  const auto kept = DoneDates(Json(r).at("items").at(0));
  EXPECT_EQ(kept, (decltype(kept){{"2026-03-31", 1}})) << r.body;
  // A new item has none yet.
  r = Send("POST", base_ + "/items", later,
           R"({"slug":"belly-breathing","dosage":{"times":1,"per":"day"}})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(Json(r).at("done_dates").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeApi,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
