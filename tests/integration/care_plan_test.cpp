// Care plans over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is set)
// PostgreSQL: the empty plan, writing with If-Match (400 without it, 409 when
// stale), every issue in one 400 with nothing stored, the versions, who may
// read and write, the audit trail, and the derived `current` (PSFS) and
// `sessions_done`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "http_test_support.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

using Issues = std::vector<std::pair<std::string, std::string>>;

Issues IssuesOf(const RawResponse& r) {
  Issues out;
  const json::value problem = Json(r);
  if (!problem.is_object() || !problem.as_object().contains("issues")) return out;
  for (const auto& issue : problem.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// FakeClock::kStart is 2026-09-21 in London.
constexpr const char* kPlan = R"({
  "problems": ["Neck pain at work", "Poor sleep"],
  "goals": [{"activity": "Sit at my desk all day", "baseline": 3, "target": 7},
            {"activity": "Carry the shopping", "baseline": 4, "target": 8}],
  "planned_sessions": 6, "frequency": "weekly",
  "programme_note": "Stretches most days", "review_date": "2026-11-02"})";

constexpr const char* kRevisedPlan = R"({
  "problems": ["Neck pain at work"],
  "goals": [{"activity": "Sit at my desk all day", "baseline": 3, "target": 8}],
  "planned_sessions": 8, "frequency": "fortnightly", "review_date": "2026-12-14"})";

class CarePlans : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    ann_ = AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Plan", clock_.Now());
  }

  RawResponse Send(const std::string& method, const std::string& patient, const SignedIn& as,
                   const std::string& suffix = "", const std::string& body = {},
                   const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, "/api/v1/patients/" + patient + "/care-plan" + suffix, body,
                                "application/json", as.Headers() + extra));
  }
  RawResponse Get(const SignedIn& as) { return Send("GET", ann_.patient_id, as); }
  RawResponse Put(const std::string& body, const std::string& version,
                  const SignedIn* as = nullptr) {
    return Send("PUT", ann_.patient_id, as ? *as : clinician_, "", body,
                "If-Match: \"" + version + "\"\r\n");
  }
  RawResponse Versions(const SignedIn& as) { return Send("GET", ann_.patient_id, as, "/versions"); }

  // Rows of `table` for Ann (the demo patient has a plan of their own).
  std::int64_t Rows(const std::string& table) {
    std::int64_t count = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT COUNT(*) FROM " + table +
                                          " t JOIN patient p ON p.id = t.patient_id "
                                          "WHERE p.uuid = $1",
                                      {ann_.patient_id});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }

  FakeClock clock_;
  SignedIn clinician_;
  std::string clinic_id_;
  PatientLogin ann_;
};

TEST_P(CarePlans, NoPlanYetReadsAsVersionZero) {
  if (IsSkipped()) return;
  const RawResponse r = Get(ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"0\"");
  const json::value body = Json(r);
  EXPECT_EQ(body.at("version"), 0);
  EXPECT_EQ(body.at("problems"), json::array());
  EXPECT_EQ(body.at("goals"), json::array());
  EXPECT_TRUE(body.at("planned_sessions").is_null());
  EXPECT_TRUE(body.at("frequency").is_null());
  EXPECT_TRUE(body.at("review_date").is_null());
  EXPECT_TRUE(body.at("updated_by").is_null());
  EXPECT_EQ(body.at("sessions_done"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.read"), 1);
  EXPECT_EQ(Get(clinician_).status, 200);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.read"), 2);
  const RawResponse versions = Versions(clinician_);
  ASSERT_EQ(versions.status, 200) << versions.body;
  EXPECT_EQ(Json(versions).at("items"), json::array());
}

TEST_P(CarePlans, WrittenWithIfMatchVersionedAndReadByThePatient) {
  if (IsSkipped()) return;
  // If-Match is required: 400, nothing stored.
  const RawResponse bare = Send("PUT", ann_.patient_id, clinician_, "", kPlan);
  EXPECT_EQ(bare.status, 400) << bare.body;
  EXPECT_EQ(IssuesOf(bare), (Issues{{"If-Match", "required"}}));
  EXPECT_EQ(Rows("care_plan"), 0);

  const RawResponse first = Put(kPlan, "0");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("etag"), "\"1\"");
  EXPECT_EQ(Json(first).at("version"), 1);

  // The patient reads it, goals in their words with baseline → target.
  const RawResponse read = Get(ann_.session);
  ASSERT_EQ(read.status, 200) << read.body;
  const json::value plan = Json(read);
  EXPECT_EQ(plan.at("version"), 1);
  EXPECT_EQ(plan.at("problems"), (json::array{"Neck pain at work", "Poor sleep"}));
  ASSERT_EQ(plan.at("goals").as_array().size(), 2u);
  EXPECT_EQ(plan.at("goals").at(1).at("activity"), "Carry the shopping");
  EXPECT_EQ(plan.at("goals").at(1).at("baseline"), 4);
  EXPECT_EQ(plan.at("goals").at(1).at("target"), 8);
  EXPECT_TRUE(plan.at("goals").at(1).at("current").is_null());
  EXPECT_EQ(plan.at("planned_sessions"), 6);
  EXPECT_EQ(plan.at("frequency"), "weekly");
  EXPECT_EQ(plan.at("programme_note"), "Stretches most days");
  EXPECT_EQ(plan.at("review_date"), "2026-11-02");
  EXPECT_EQ(plan.at("sessions_done"), 0);
  EXPECT_EQ(plan.at("updated_by").at("name"), "Demo Clinician");
  EXPECT_FALSE(plan.at("updated_at").is_null());

  // Stale: 409 and nothing changes.
  const RawResponse stale = Put(kRevisedPlan, "0");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Json(Get(clinician_)).at("planned_sessions"), 6);
  EXPECT_EQ(Rows("care_plan_version"), 1);

  clock_.Advance(std::chrono::minutes(5));
  const RawResponse second = Put(kRevisedPlan, "1");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Header("etag"), "\"2\"");
  EXPECT_EQ(Json(second).at("frequency"), "fortnightly");
  EXPECT_TRUE(Json(second).at("programme_note").is_null());
  // Saving the same plan again is still a new version: every save is kept.
  const RawResponse again = Put(kRevisedPlan, "2");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again).at("version"), 3);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.update"), 3);

  const RawResponse versions = Versions(clinician_);
  ASSERT_EQ(versions.status, 200) << versions.body;
  const json::value listed = Json(versions);
  const json::array& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("version"), 3);
  EXPECT_EQ(items[2].at("version"), 1);
  EXPECT_EQ(items[2].at("author").at("name"), "Demo Clinician");
  EXPECT_EQ(items[2].at("plan").at("planned_sessions"), 6);
  EXPECT_EQ(items[0].at("plan").at("planned_sessions"), 8);
  EXPECT_NE(items[0].at("recorded_at"), items[2].at("recorded_at"));
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.versions"), 1);
}

TEST_P(CarePlans, EveryIssueIsListedAndNothingIsStored) {
  if (IsSkipped()) return;
  const RawResponse r = Put(R"({
    "problems": [],
    "goals": [{"activity": "", "baseline": 3, "target": 3},
              {"activity": "Walk", "baseline": 11, "target": 5}],
    "planned_sessions": 60, "frequency": "daily", "review_date": "2026-09-20",
    "colour": "blue"})",
                            "0");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(IssuesOf(r), (Issues{{"colour", "unknown-field"},
                                 {"frequency", "invalid-option"},
                                 {"goals[0].activity", "required"},
                                 {"goals[0].target", "same-as-baseline"},
                                 {"goals[1].baseline", "out-of-range"},
                                 {"planned_sessions", "out-of-range"},
                                 {"problems", "too-few"},
                                 {"review_date", "in-the-past"}}));
  EXPECT_EQ(Rows("care_plan"), 0);
  EXPECT_EQ(Rows("care_plan_version"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.update"), 0);

  // Today in the clinic's zone is fine; six goals are too many.
  const RawResponse many = Put(R"({"problems": ["Back"], "goals": [
      {"activity": "a", "baseline": 1, "target": 2}, {"activity": "b", "baseline": 1, "target": 2},
      {"activity": "c", "baseline": 1, "target": 2}, {"activity": "d", "baseline": 1, "target": 2},
      {"activity": "e", "baseline": 1, "target": 2}, {"activity": "f", "baseline": 1, "target": 2}],
      "planned_sessions": 1, "frequency": "as_needed", "review_date": "2026-09-21"})",
                               "0");
  EXPECT_EQ(many.status, 400);
  EXPECT_EQ(IssuesOf(many), (Issues{{"goals", "too-many"}}));
  // Not JSON at all.
  EXPECT_EQ(Put("{", "0").status, 400);
  EXPECT_EQ(Rows("care_plan"), 0);
}

TEST_P(CarePlans, ThePatientReadsButCannotWriteAndOtherClinicsAreRefused) {
  if (IsSkipped()) return;
  ASSERT_EQ(Put(kPlan, "0").status, 200);

  // The patient cannot write their plan or read its versions.
  EXPECT_EQ(Put(kRevisedPlan, "1", &ann_.session).status, 403);
  EXPECT_EQ(Versions(ann_.session).status, 403);
  EXPECT_EQ(Rows("care_plan_version"), 1);

  // Another patient of the clinic reads nothing.
  const PatientLogin bob =
      AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Other", clock_.Now());
  EXPECT_EQ(Get(bob.session).status, 403);

  // Staff of another clinic reach nothing.
  const SignedIn elsewhere = AddOtherClinicWithClinician(server_->db(), clock_.Now()).clinician;
  EXPECT_EQ(Get(elsewhere).status, 403);
  EXPECT_EQ(Put(kRevisedPlan, "1", &elsewhere).status, 403);
  EXPECT_EQ(Versions(elsewhere).status, 403);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.update", "denied"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.read", "denied"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "care_plan.versions", "denied"), 2);
  EXPECT_EQ(Json(Get(clinician_)).at("version"), 1);

  // An unknown patient: 404.
  EXPECT_EQ(Send("GET", "0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b", clinician_).status, 404);
  // Not signed in: 401.
  EXPECT_EQ(Exchange(server_->port(),
                     MakeRequest("GET", "/api/v1/patients/" + ann_.patient_id + "/care-plan"))
                .status,
            401);
}

TEST_P(CarePlans, CurrentIsTheLatestPsfsRatingOfTheActivity) {
  if (IsSkipped()) return;
  ASSERT_EQ(Put(kPlan, "0").status, 200);
  // Two completed PSFS questionnaires, the newer rating one goal's activity
  // (in other capitals), stored as the assessment routes store them.
  const auto add_psfs = [&](Instant at, const std::string& answers) {
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto patient = people::GetPatient(session, ann_.patient_id);
          if (!patient) return patient.error();
          auto pack = session.QueryOne(
              "INSERT INTO assessment (uuid, clinic_id, patient_id, title, instruments, body_map, "
              "status, draft, draft_version, created_by, created_at, updated_at, completed_by, "
              "completed_at) VALUES ($1, $2, $3, 'PSFS', '[\"psfs\"]', 0, 'completed', '{}', 1, "
              "'test', $4, $4, 'test', $4) RETURNING id",
              {NewUuid(), patient->clinic_id, patient->id, at});
          if (!pack || !*pack) return Error::Internal("assessment");
          auto inserted = session.Exec(
              "INSERT INTO instrument_response (uuid, clinic_id, patient_id, assessment_id, "
              "instrument_id, instrument_version, recall_period, version, answers, score, total, "
              "band, completed_at, recorded_by, updated_at) VALUES ($1, $2, $3, $4, 'psfs', "
              "'1.0', NULL, 1, $5, '{}', NULL, NULL, $6, 'test', $6)",
              {NewUuid(), patient->clinic_id, patient->id, (*pack)->Int(0), answers, at});
          if (!inserted) return inserted.error();
          return {};
        })
        .value();
  };
  add_psfs(clock_.Now() - 86'400'000'000LL,
           R"({"psfs_activity_1": "Carry the shopping", "psfs_rating_1": 4,
               "psfs_activity_2": "Sit at my desk all day", "psfs_rating_2": 2})");
  add_psfs(clock_.Now(), R"({"psfs_activity_1": "carry the SHOPPING", "psfs_rating_1": 6})");
  const json::value plan = Json(Get(ann_.session));
  EXPECT_EQ(plan.at("goals").at(0).at("current"), 2) << "the latest rating of that activity";
  EXPECT_EQ(plan.at("goals").at(1).at("current"), 6) << "the newer questionnaire wins";
}

TEST_P(CarePlans, SessionsDoneCountsSignedNotesOnly) {
  if (IsSkipped()) return;
  ASSERT_EQ(Put(kPlan, "0").status, 200);
  server_->db()
      .Write([&](db::Session& session) -> Result<void> {
        auto patient = people::GetPatient(session, ann_.patient_id);
        if (!patient) return patient.error();
        const Instant now = clock_.Now();
        for (const char* status : {"signed", "signed", "draft"}) {
          const bool signed_note = std::string_view(status) == "signed";
          auto inserted = session.Exec(
              "INSERT INTO session_note (id, patient_id, clinician, session_date, status, data, "
              "version, created_at, updated_at, signed_at, signed_by) VALUES ($1, $2, 'test', "
              "'2026-09-20', $3, '{}', 1, $4, $4, $5, $6)",
              {NewUuid(), patient->id, std::string(status), now,
               signed_note ? db::Value(now) : db::Null(),
               signed_note ? db::Value(std::string("test")) : db::Null()});
          if (!inserted) return inserted.error();
        }
        return {};
      })
      .value();
  EXPECT_EQ(Json(Get(ann_.session)).at("sessions_done"), 2);
  EXPECT_EQ(Json(Put(kRevisedPlan, "1")).at("sessions_done"), 2);
}

TEST_P(CarePlans, TheDemoPatientHasAPlan) {
  if (IsSkipped()) return;
  const SignedIn demo = SignIn(server_->port(), kDemoPatient, kDemoPasswordText);
  ASSERT_EQ(demo.response.status, 200) << demo.response.body;
  const std::string patient = Json(demo.response).at("user").at("patient_id").as_string().c_str();
  const RawResponse r = Send("GET", patient, demo);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value plan = Json(r);
  EXPECT_EQ(plan.at("version"), 1);
  EXPECT_EQ(plan.at("problems").as_array().size(), 2u);
  EXPECT_EQ(plan.at("goals").as_array().size(), 2u);
  EXPECT_EQ(plan.at("planned_sessions"), 6);
  EXPECT_EQ(plan.at("frequency"), "weekly");
  EXPECT_EQ(plan.at("updated_by").at("name"), "Demo Clinician");
  // The demo's signed session notes count as sessions done.
  EXPECT_EQ(plan.at("sessions_done"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, CarePlans,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
