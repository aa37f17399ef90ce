// The daily check-in over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is
// set) PostgreSQL, with a hand-moved clock around London's change to summer
// time: create, edit, late, future and too-old dates, Idempotency-Key, bad
// values, the CSV round trip and import, and who may touch whose check-ins.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "http_test_support.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kCsvHeader = "date,pain,stress,mood,sleep,tension,flare,regions,note\r\n";

std::vector<std::pair<std::string, std::string>> Issues(const RawResponse& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value problem = Json(r);
  if (!problem.is_object() || !problem.as_object().contains("issues")) return out;
  for (const auto& issue : problem.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The listed dates, or the failed answer itself (so a failure prints what came back).
std::vector<std::string> Dates(const RawResponse& r) {
  const json::value body = Json(r);
  if (r.status != 200 || !body.is_object()) return {std::to_string(r.status) + " " + r.body};
  std::vector<std::string> dates;
  for (const auto& item : body.at("items").as_array()) {
    dates.emplace_back(item.at("date").as_string());
  }
  return dates;
}

class CheckIns : public BackendServerTest {
 protected:
  // 2026-03-29 12:00 UTC: 13:00 in London, the first day of summer time.
  static constexpr Instant kNoon = 1'774'785'600'000'000;

  CheckIns() : clock_(kNoon) {}

  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    auto ann = AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Daily", clock_.Now());
    auto bob = AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Other", clock_.Now());
    patient_ = ann.session;
    patient_id_ = ann.patient_id;
    other_ = bob.session;
    other_id_ = bob.patient_id;
  }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {},
                   const std::string& content_type = "application/json") {
    return Exchange(server_->port(),
                    MakeRequest(method, path, body, content_type, as.Headers() + extra));
  }
  std::string Path(const std::string& tail = {}, const std::string& patient = {}) {
    return "/api/v1/patients/" + (patient.empty() ? patient_id_ : patient) + "/check-ins" + tail;
  }
  RawResponse Post(const std::string& body, const SignedIn& as, const std::string& extra = {}) {
    return Send("POST", Path(), as, body, extra);
  }
  std::int64_t Rows(const std::string& table) { return CountRows(server_->db(), table); }

  // A patient signed in at the clock's current time (sessions expire as it moves).
  PatientLogin NewPatient() {
    return AddPatientWithLogin(server_->db(), clinic_id_, "Cal", "Endar", clock_.Now());
  }
  // The date a fresh patient's check-in without a date is stored under.
  std::string TodayByDefault() {
    const PatientLogin fresh = NewPatient();
    const RawResponse created = Send("POST", Path({}, fresh.patient_id), fresh.session, "{}");
    if (created.status != 201) return std::to_string(created.status) + " " + created.body;
    return std::string(Json(created).at("date").as_string());
  }

  FakeClock clock_;
  SignedIn clinician_, patient_, other_;
  std::string clinic_id_, patient_id_, other_id_;
};

TEST_P(CheckIns, CreateEditLateFutureAndTooOld) {
  if (IsSkipped()) return;
  const RawResponse created = Post(
      R"({"pain":3,"stress":6,"mood":5,"sleep":4,"tension":7,"regions":["neck"],
          "self_care_done":true,"flare":false,"note":"Stiff after work"})",
      patient_);
  ASSERT_EQ(created.status, 201) << created.body;
  json::value body = Json(created);
  EXPECT_EQ(body.at("date"), "2026-03-29");
  EXPECT_EQ(body.at("late"), false);
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(body.at("pain"), 3);
  EXPECT_EQ(body.at("regions"), json::array{"neck"});
  EXPECT_EQ(created.Header("etag"), "\"1\"");
  EXPECT_EQ(created.Header("location"), Path("/2026-03-29"));
  EXPECT_EQ(CountAudit(server_->db(), "check_in.create"), 1);

  // One per day: the second POST for today is a conflict; editing is a PUT.
  EXPECT_EQ(Post(R"({"pain":4})", patient_).status, 409);

  // Back-fill: seven days back is late; eight days back and tomorrow are refused.
  const RawResponse late = Post(R"({"date":"2026-03-22","pain":2})", patient_);
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_EQ(Json(late).at("late"), true);
  const RawResponse too_old = Post(R"({"date":"2026-03-21","pain":2})", patient_);
  EXPECT_EQ(too_old.status, 400);
  EXPECT_EQ(Issues(too_old), (decltype(Issues(too_old)){{"date", "outside-backfill-window"}}));
  const RawResponse future = Post(R"({"date":"2026-03-30"})", patient_);
  EXPECT_EQ(Issues(future), (decltype(Issues(future)){{"date", "future-date"}}));

  // Staff may enter on the patient's behalf, and are named as the author.
  const RawResponse by_staff = Post(R"({"date":"2026-03-27","mood":6})", clinician_);
  ASSERT_EQ(by_staff.status, 201) << by_staff.body;
  EXPECT_EQ(Json(by_staff).at("created_by").at("name"),
            Json(clinician_.response).at("user").at("display_name"));

  // Edit: a new version, the old one kept; a stale If-Match is refused.
  const std::int64_t versions = Rows("check_in_version");
  const RawResponse edited =
      Send("PUT", Path("/2026-03-29"), patient_, R"({"pain":5,"regions":["neck","lower_back"]})",
           "If-Match: \"1\"\r\n");
  ASSERT_EQ(edited.status, 200) << edited.body;
  body = Json(edited);
  EXPECT_EQ(body.at("version"), 2);
  EXPECT_EQ(body.at("pain"), 5);
  EXPECT_TRUE(body.at("stress").is_null());  // a PUT replaces every value
  EXPECT_EQ(Rows("check_in_version"), versions + 1);
  EXPECT_EQ(CountAudit(server_->db(), "check_in.update"), 1);
  EXPECT_EQ(
      Send("PUT", Path("/2026-03-29"), patient_, R"({"pain":6})", "If-Match: \"1\"\r\n").status,
      409);
  EXPECT_EQ(Send("PUT", Path("/2026-03-25"), patient_, R"({"pain":6})").status, 404);
  EXPECT_EQ(Issues(Send("PUT", Path("/2026-03-20"), patient_, R"({"pain":6})")),
            (decltype(Issues(too_old)){{"date", "outside-backfill-window"}}));
  EXPECT_EQ(Issues(Send("PUT", Path("/2026-3-29"), patient_, R"({"pain":6})")),
            (decltype(Issues(too_old)){{"date", "invalid-date"}}));

  // Newest first, and filtered by from/to.
  const RawResponse listed = Send("GET", Path(), patient_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Dates(listed), (std::vector<std::string>{"2026-03-29", "2026-03-27", "2026-03-22"}));
  EXPECT_EQ(Dates(Send("GET", Path("?from=2026-03-23&to=2026-03-28"), clinician_)),
            (std::vector<std::string>{"2026-03-27"}));
  EXPECT_EQ(Send("GET", Path("?from=yesterday"), patient_).status, 400);
  EXPECT_EQ(CountAudit(server_->db(), "check_in.list"), 2);
}

TEST_P(CheckIns, TodayIsTheClinicsLocalDateAcrossDst) {
  if (IsSkipped()) return;
  // 23:30 UTC on 29 March is already 00:30 on the 30th in London (summer time).
  clock_.Advance(hours(11) + minutes(30));
  EXPECT_EQ(TodayByDefault(), "2026-03-30");
  // 23:30 UTC on 24 October is 00:30 on the 25th, the day the clocks go back…
  clock_.Advance(std::chrono::days(209));
  EXPECT_EQ(TodayByDefault(), "2026-10-25");
  // …and 23:30 UTC on the 25th is 23:30 GMT, still the 25th.
  clock_.Advance(hours(24));
  const PatientLogin fresh = NewPatient();
  const RawResponse second =
      Send("POST", Path({}, fresh.patient_id), fresh.session, R"({"date":"2026-10-25"})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Json(second).at("late"), false);
}

TEST_P(CheckIns, TheListCarriesTheClinicsTodayAndTimeZone) {
  if (IsSkipped()) return;
  RawResponse listed = Send("GET", Path(), patient_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json::value body = Json(listed);
  EXPECT_EQ(body.at("today"), "2026-03-29");
  EXPECT_EQ(body.at("time_zone"), "Europe/London");
  EXPECT_TRUE(body.at("items").as_array().empty());
  // A filtered list still says what today is, for staff too.
  body = Json(Send("GET", Path("?from=2026-03-01&to=2026-03-02"), clinician_));
  EXPECT_EQ(body.at("today"), "2026-03-29");
  EXPECT_EQ(body.at("time_zone"), "Europe/London");
  // 23:30 UTC is already tomorrow in London (summer time): the portal must not use UTC.
  clock_.Advance(hours(11) + minutes(30));
  const PatientLogin fresh = NewPatient();
  listed = Send("GET", Path({}, fresh.patient_id), fresh.session);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Json(listed).at("today"), "2026-03-30");
}

TEST_P(CheckIns, AnIdempotencyKeyStoresOnce) {
  if (IsSkipped()) return;
  const std::string key = "Idempotency-Key: 5d1c0f7e-retry\r\n";
  const std::int64_t versions = Rows("check_in_version");  // the demo patient has some
  const RawResponse first = Post(R"({"pain":4,"flare":true})", patient_, key);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::int64_t rows = Rows("check_in");
  // The same check-in again, spaced and ordered differently: the stored record.
  const RawResponse again = Post(R"({ "flare": true, "pain": 4 })", patient_, key);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(Json(again).at("id"), Json(first).at("id"));
  EXPECT_EQ(Rows("check_in"), rows);
  EXPECT_EQ(Rows("check_in_version"), versions + 1);
  // The same key with another body is a conflict, and stores nothing.
  EXPECT_EQ(Post(R"({"pain":5})", patient_, key).status, 409);
  EXPECT_EQ(Rows("check_in"), rows);
  // A bad key is refused with the other issues.
  EXPECT_EQ(Issues(Post(R"({"pain":50})", patient_, "Idempotency-Key: has space\r\n")),
            (decltype(Issues(first)){{"Idempotency-Key", "invalid-idempotency-key"},
                                     {"pain", "out-of-range"}}));
}

TEST_P(CheckIns, BadValuesAreAllReportedAndNothingChanges) {
  if (IsSkipped()) return;
  ASSERT_EQ(Post(R"({"pain":2})", patient_).status, 201);
  const std::int64_t rows = Rows("check_in");
  const std::int64_t versions = Rows("check_in_version");
  const RawResponse bad = Post(
      R"({"date":"2026-04-01","pain":11,"stress":-2,"mood":"high","sleep":3.5,
          "regions":["neck","nowhere"],"flare":"yes","colour":"red"})",
      patient_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Issues(bad), (decltype(Issues(bad)){{"colour", "unknown-field"},
                                                {"date", "future-date"},
                                                {"flare", "not-a-boolean"},
                                                {"mood", "not-an-integer"},
                                                {"pain", "out-of-range"},
                                                {"regions[1]", "unknown-region"},
                                                {"sleep", "not-an-integer"},
                                                {"stress", "out-of-range"}}));
  const RawResponse bad_edit =
      Send("PUT", Path("/2026-03-29"), patient_, R"({"pain":12,"tension":-1})");
  EXPECT_EQ(Issues(bad_edit),
            (decltype(Issues(bad)){{"pain", "out-of-range"}, {"tension", "out-of-range"}}));
  EXPECT_EQ(Rows("check_in"), rows);
  EXPECT_EQ(Rows("check_in_version"), versions);
  EXPECT_EQ(Json(Send("GET", Path(), patient_)).at("items").at(0).at("pain"), 2);
}

TEST_P(CheckIns, CsvImportAndExportRoundTrip) {
  if (IsSkipped()) return;
  const std::string csv =
      std::string(kCsvHeader) +
      "2026-03-28,4,5,6,7,3,yes,neck;lower_back,\"Long day, \"\"sore\"\"\nslept badly\"\r\n"
      "2026-02-01,,,,,,no,,\r\n"
      "2025-12-31,0,10,0,10,0,,left_knee,\r\n";
  const RawResponse imported =
      Send("POST", Path("/import"), clinician_, csv, {}, "text/csv; charset=utf-8");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Json(imported).at("imported"), 3);
  EXPECT_EQ(CountAudit(server_->db(), "check_in.import"), 1);

  const RawResponse exported = Send("GET", Path(".csv"), patient_);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(exported.body, csv);
  EXPECT_EQ(CountAudit(server_->db(), "check_in.export"), 1);
  const json::value listed = Json(Send("GET", Path(), clinician_));
  EXPECT_EQ(listed.at("items").at(0).at("late"), true);  // entered after its day

  // Importing the same file again clashes on every date and imports nothing.
  const RawResponse twice = Send("POST", Path("/import"), clinician_, csv, {}, "text/csv");
  EXPECT_EQ(twice.status, 400);
  EXPECT_EQ(Issues(twice), (decltype(Issues(twice)){{"lines[2].date", "already-checked-in"},
                                                    {"lines[4].date", "already-checked-in"},
                                                    {"lines[5].date", "already-checked-in"}}));
}

TEST_P(CheckIns, AnImportWithBadRowsImportsNothing) {
  if (IsSkipped()) return;
  const std::int64_t rows = Rows("check_in");
  const std::string csv = std::string(kCsvHeader) +
                          "2026-03-01,1,2,3,4,5,no,neck,fine\r\n"
                          "2026-03-02,11,2,3,4,5,no,neck,\r\n"
                          "2026-03-03,1,2\r\n"
                          "2026-03-04,1,2,3,4,5,sometimes,elbow,\r\n"
                          "2026-04-01,1,2,3,4,5,no,,\r\n"
                          "2026-03-05,1,2,3,4,5,no,,\r\n";
  const RawResponse refused = Send("POST", Path("/import"), clinician_, csv, {}, "text/csv");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Issues(refused), (decltype(Issues(refused)){{"lines[3].pain", "out-of-range"},
                                                        {"lines[4]", "wrong-column-count"},
                                                        {"lines[5].flare", "invalid-flare"},
                                                        {"lines[5].regions[0]", "unknown-region"},
                                                        {"lines[6].date", "future-date"}}));
  EXPECT_EQ(Rows("check_in"), rows);
  EXPECT_EQ(CountAudit(server_->db(), "check_in.import"), 0);
  EXPECT_EQ(Send("POST", Path("/import"), clinician_, csv).status, 415);  // JSON content type
  // Import is for staff only, even of the patient's own check-ins.
  EXPECT_EQ(Send("POST", Path("/import"), patient_, csv, {}, "text/csv").status, 403);
  EXPECT_EQ(Rows("check_in"), rows);
}

TEST_P(CheckIns, APatientCannotTouchAnotherPatientsCheckIns) {
  if (IsSkipped()) return;
  ASSERT_EQ(Post(R"({"pain":2})", other_).status, 403);  // other_ writing to Ann's
  ASSERT_EQ(Send("POST", Path({}, other_id_), other_, R"({"pain":2})").status, 201);
  const std::int64_t rows = Rows("check_in");
  EXPECT_EQ(Send("POST", Path({}, other_id_), patient_, R"({"pain":9})").status, 403);
  EXPECT_EQ(Send("PUT", Path("/2026-03-29", other_id_), patient_, R"({"pain":9})").status, 403);
  EXPECT_EQ(Send("GET", Path({}, other_id_), patient_).status, 403);
  EXPECT_EQ(Send("GET", Path(".csv", other_id_), patient_).status, 403);
  EXPECT_EQ(Rows("check_in"), rows);
  EXPECT_GE(CountAudit(server_->db(), "check_in.create", "denied"), 1);
  // Staff of the clinic read it.
  EXPECT_EQ(Dates(Send("GET", Path({}, other_id_), clinician_)),
            (std::vector<std::string>{"2026-03-29"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CheckIns,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
