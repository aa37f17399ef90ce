// The insight routes over real HTTP on SQLite and (when UNKNOT_TEST_PG_URL is
// set) PostgreSQL: a patient with too few days is asked to keep checking in;
// imported months with a planted stress → next-day pain link give a clear
// result in plain words (no p-values for the patient); the same input answers
// the same run until a check-in changes it; the full records are for staff;
// the clinic dashboard summarises outcomes for staff only, and its scores
// export in the format the outcomes command reads.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "http_test_support.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/insight/outcome.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

// `days` check-ins ending the day before `today`: stress follows a fixed
// pseudo-random sequence and pain the next day rises with it.
std::string PlantedCsv(empower::LocalDate today, int days) {
  std::string csv = "date,pain,stress,mood,sleep,tension,flare,regions,note\r\n";
  unsigned state = 12345;
  const auto next = [&state](int range) {
    state = state * 1103515245u + 12345u;
    return static_cast<int>((state >> 16) % static_cast<unsigned>(range));
  };
  int stress = 5;
  for (int back = days; back >= 1; --back) {
    const empower::LocalDate date{std::chrono::sys_days{today} - std::chrono::days{back}};
    const int previous_stress = stress;
    stress = next(11);
    const int pain = std::clamp(1 + (6 * previous_stress) / 10 + next(3), 0, 10);
    csv += empower::FormatLocalDate(date) + "," + std::to_string(pain) + "," +
           std::to_string(stress) + "," + std::to_string(3 + next(5)) + "," +
           std::to_string(3 + next(5)) + "," + std::to_string(2 + next(6)) + ",no,neck,\r\n";
  }
  return csv;
}

const json::object* Pair(const json::value& view, std::string_view x, std::string_view y) {
  for (const auto& pair : view.at("pairs").as_array()) {
    if (pair.at("x").as_string() == x && pair.at("y").as_string() == y) return &pair.as_object();
  }
  return nullptr;
}

class Insights : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    auto ann = AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Insight", clock_.Now());
    auto bob = AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Other", clock_.Now());
    patient_ = ann.session;
    patient_id_ = ann.patient_id;
    other_ = bob.session;
    other_id_ = bob.patient_id;
  }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {},
                   const std::string& content_type = "application/json") {
    return Exchange(server_->port(), MakeRequest(method, path, body, content_type, as.Headers()));
  }
  std::string Path(const std::string& tail, const std::string& patient = {}) {
    return "/api/v1/patients/" + (patient.empty() ? patient_id_ : patient) + tail;
  }
  empower::LocalDate Today() { return *empower::LocalToday(clock_.Now(), "Europe/London"); }
  void ImportPlanted(int days) {
    const RawResponse imported = Send("POST", Path("/check-ins/import"), clinician_,
                                      PlantedCsv(Today(), days), "text/csv");
    ASSERT_EQ(imported.status, 200) << imported.body;
  }

  FakeClock clock_;
  SignedIn clinician_, patient_, other_;
  std::string clinic_id_, patient_id_, other_id_;
};

TEST_P(Insights, AFreshPatientIsAskedToKeepCheckingIn) {
  if (IsSkipped()) return;
  const RawResponse r = Send("GET", Path("/insights"), patient_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value view = Json(r);
  ASSERT_EQ(view.at("pairs").as_array().size(), 3u);
  for (const auto& pair : view.at("pairs").as_array()) {
    EXPECT_EQ(pair.at("tier").as_string(), "insufficient");
    EXPECT_EQ(pair.at("days_needed").as_int64(), 28);
  }
  EXPECT_TRUE(view.at("series").as_array().empty());
  EXPECT_TRUE(view.at("periods").as_array().empty());
  EXPECT_GE(CountAudit(server_->db(), "insight.read"), 1);
}

TEST_P(Insights, MonthsOfCheckInsGiveAClearResultInPlainWords) {
  if (IsSkipped()) return;
  ImportPlanted(70);
  const RawResponse r = Send("GET", Path("/insights"), patient_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value view = Json(r);
  const json::object* cycle = Pair(view, "stress", "pain");
  ASSERT_NE(cycle, nullptr) << r.body;
  EXPECT_EQ(cycle->at("tier").as_string(), "established");
  const auto& forward = cycle->at("directions").as_array().at(0);
  EXPECT_EQ(forward.at("x").as_string(), "stress");
  EXPECT_EQ(forward.at("verdict").as_string(), "clear_positive") << forward;
  EXPECT_NE(forward.at("message").as_string().find("next day"), json::string::npos);
  EXPECT_EQ(view.at("series").as_array().size(), 70u);
  // The patient never sees p, q or standard errors (analytics_methods §3.7).
  for (const char* key : {"\"p\"", "\"q_bh\"", "\"se_used\"", "\"t\""}) {
    EXPECT_EQ(r.body.find(key), std::string::npos) << key;
  }
}

TEST_P(Insights, TheSameInputAnswersTheSameRunUntilACheckInChangesIt) {
  if (IsSkipped()) return;
  ImportPlanted(40);
  const json::value first = Json(Send("GET", Path("/insights"), patient_));
  const json::value again = Json(Send("GET", Path("/insights"), clinician_));
  ASSERT_TRUE(first.is_object());
  EXPECT_EQ(first.at("run_id"), again.at("run_id"));
  EXPECT_EQ(first.at("computed_at"), again.at("computed_at"));

  ASSERT_EQ(Send("POST", Path("/check-ins"), patient_, R"({"pain":4,"stress":6})").status, 201);
  const json::value after = Json(Send("GET", Path("/insights"), patient_));
  EXPECT_NE(after.at("run_id"), first.at("run_id"));
  EXPECT_EQ(after.at("series").as_array().size(), 41u);
  EXPECT_EQ(after.at("window_end").as_string(), empower::FormatLocalDate(Today()));
}

TEST_P(Insights, TheFullRecordsAreForStaff) {
  if (IsSkipped()) return;
  ImportPlanted(50);
  const RawResponse detail = Send("GET", Path("/insights/detail"), clinician_);
  ASSERT_EQ(detail.status, 200) << detail.body;
  const json::value view = Json(detail);
  const auto& records = view.at("records").as_array();
  ASSERT_EQ(records.size(), 26u);  // 20 lagged pairs and 6 same-day pairs
  EXPECT_TRUE(records.at(0).as_object().contains("q_bh"));
  EXPECT_FALSE(records.at(0).at("message_clinician").as_string().empty());
  EXPECT_EQ(view.at("cycles").as_array().size(), 3u);
  EXPECT_TRUE(view.at("flares").as_object().contains("episodes"));

  EXPECT_EQ(Send("GET", Path("/insights/detail"), patient_).status, 403);
  EXPECT_EQ(Send("GET", Path("/insights"), other_).status, 403);
  EXPECT_EQ(Send("GET", Path("/insights", other_id_), patient_).status, 403);
  EXPECT_GE(CountAudit(server_->db(), "insight.detail.read", "denied"), 1);
}

TEST_P(Insights, TheClinicDashboardIsForStaff) {
  if (IsSkipped()) return;
  ImportPlanted(30);
  const std::string path = "/api/v1/clinics/" + clinic_id_ + "/outcomes";
  const RawResponse r = Send("GET", path, clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value view = Json(r);
  EXPECT_GE(view.at("caseload").at("patients").as_int64(), 2);
  EXPECT_GE(view.at("caseload").at("checked_in_last_28_days").as_int64(), 1);
  EXPECT_EQ(view.at("open_alerts").as_int64(), 0);
  EXPECT_TRUE(view.at("outcomes").is_object());
  EXPECT_EQ(Send("GET", path, patient_).status, 403);
  EXPECT_GE(CountAudit(server_->db(), "outcomes.read"), 1);
}

TEST_P(Insights, TheClinicsScoresExportAsTheOutcomesCsv) {
  if (IsSkipped()) return;
  ImportPlanted(10);
  const std::string path = "/api/v1/clinics/" + clinic_id_ + "/scores.csv";
  const RawResponse r = Send("GET", path, clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  IssueList issues;
  const auto rows = insight::ParseScoresCsv(r.body, issues);
  EXPECT_TRUE(issues.empty());
  // The demo patients' questionnaires and check-ins, and Ann's ten pain ratings.
  const auto anns = std::count_if(rows.begin(), rows.end(), [&](const insight::ScoreRow& row) {
    return row.patient == patient_id_ && row.instrument == insight::kDailyPainInstrument;
  });
  EXPECT_EQ(anns, 10);
  EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                          [](const insight::ScoreRow& row) { return row.instrument == "phq9"; }));
  EXPECT_EQ(Send("GET", path, patient_).status, 403);
  EXPECT_GE(CountAudit(server_->db(), "scores.export"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Insights,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
