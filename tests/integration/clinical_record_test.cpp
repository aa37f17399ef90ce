// Red-flag screens, precautions, the formulation and the clinic's safety
// email over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is set)
// PostgreSQL. The responses, body maps and alerts the formulation reads are
// inserted with plain SQL here, scored by the real scoring code, so these
// tests do not depend on the assessment routes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "http_test_support.hpp"
#include "unknot/assess/scoring.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

std::vector<std::pair<std::string, std::string>> Issues(const RawResponse& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value problem = Json(r);
  for (const auto& issue : problem.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ClinicalRecord : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer();
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    // A patient with no history (the demo patient has demo questionnaires).
    auto fresh =
        AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Fresh", SystemClock().Now());
    patient_ = fresh.session;
    patient_id_ = fresh.patient_id;
  }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, path, body, "application/json", as.Headers() + extra));
  }
  std::string PatientPath(const std::string& tail) {
    return "/api/v1/patients/" + patient_id_ + "/" + tail;
  }
  std::int64_t Rows(const std::string& table) { return CountRows(server_->db(), table); }
  const assess::AssessContent& Content() { return *server_->content(); }

  // Every flag of the shipped checklist, absent unless `present` names it.
  json::object Screen(const std::string& present = {}) {
    json::array answers;
    for (const auto& flag : Content().red_flags.flags) {
      json::object answer{{"flag", flag.code}, {"answer", "absent"}};
      if (flag.code == present) {
        answer["answer"] = "present";
        answer["action_taken"] = "Sent to A&E, called ahead";
      }
      answers.push_back(std::move(answer));
    }
    return {{"answers", std::move(answers)}};
  }

  // The patient's internal ids, for the rows this test writes directly.
  std::pair<std::int64_t, std::int64_t> PatientKeys() {
    std::pair<std::int64_t, std::int64_t> keys;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row =
              session.QueryOne("SELECT id, clinic_id FROM patient WHERE uuid = $1", {patient_id_});
          if (!row || !*row) return Error::Internal("no such patient");
          keys = {(*row)->Int(0), (*row)->Int(1)};
          return {};
        })
        .value();
    return keys;
  }

  // A completed pack with one scored response per entry of `answers`
  // (instrument id → answers), a body map and, optionally, an open alert.
  void InsertCompletedPack(Instant at,
                           const std::vector<std::pair<std::string, json::object>>& answers,
                           const json::array& body_map, bool open_alert) {
    const auto [patient, clinic] = PatientKeys();
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto pack = session.QueryOne(
              "INSERT INTO assessment (uuid, clinic_id, patient_id, title, instruments, body_map, "
              "status, draft, draft_version, created_by, created_at, updated_at, completed_by, "
              "completed_at) VALUES ($1, $2, $3, 'Intake', '[]', 1, 'completed', '{}', 1, 'test', "
              "$4, $4, 'test', $4) RETURNING id",
              {NewUuid(), clinic, patient, at});
          if (!pack || !*pack) return Error::Internal("assessment");
          const std::int64_t pack_id = (*pack)->Int(0);
          for (const auto& [instrument, given] : answers) {
            const auto* definition = Content().registry.Find(instrument);
            const assess::ScoreResult score = assess::Score(*definition, given);
            auto inserted = session.Exec(
                "INSERT INTO instrument_response (uuid, clinic_id, patient_id, assessment_id, "
                "instrument_id, instrument_version, recall_period, version, answers, score, total, "
                "band, completed_at, recorded_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                "NULL, "
                "1, $7, $8, $9, $10, $11, 'test', $11)",
                {NewUuid(), clinic, patient, pack_id, instrument, definition->version,
                 json::serialize(given), json::serialize(assess::ToJson(score)),
                 db::OrNull(score.total.score), db::OrNull(score.band), at});
            if (!inserted) return inserted.error();
          }
          auto map = session.Exec(
              "INSERT INTO body_map (uuid, clinic_id, patient_id, assessment_id, regions, "
              "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              {NewUuid(), clinic, patient, pack_id, json::serialize(body_map),
               Json(clinician_.response).at("user").at("id").as_string().c_str(), at});
          if (!map) return map.error();
          if (!open_alert) return {};
          auto alert = session.Exec(
              "INSERT INTO safety_alert (uuid, clinic_id, patient_id, assessment_id, "
              "instrument_id, rule_id, message, raised_at, status) VALUES ($1, $2, $3, $4, "
              "'phq9', 'self_harm_thoughts', 'Item 9', $5, 'open')",
              {NewUuid(), clinic, patient, pack_id, at});
          if (!alert) return alert.error();
          return {};
        })
        .value();
  }

  SignedIn clinician_, patient_;
  std::string patient_id_, clinic_id_;
};

json::object PhqAnswers(const std::string& instrument, const std::vector<int>& levels) {
  constexpr const char* kLevels[] = {"not_at_all", "several_days", "more_than_half_the_days",
                                     "nearly_every_day"};
  json::object answers;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    answers[instrument + "_" + std::to_string(i + 1)] = kLevels[levels[i]];
  }
  return answers;
}

TEST_P(ClinicalRecord, RedFlagScreensAreAppendOnlyAndPutTheUrgentActionFirst) {
  const RawResponse empty = Send("GET", PatientPath("red-flags"), clinician_);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(Json(empty).at("items").as_array().empty());
  EXPECT_EQ(CountAudit(server_->db(), "red_flags.read"), 1);

  const RawResponse first =
      Send("POST", PatientPath("red-flags"), clinician_, json::serialize(Screen("cauda_equina")));
  ASSERT_EQ(first.status, 201) << first.body;
  const json::value screen = Json(first);
  EXPECT_EQ(screen.at("present"), json::array{"cauda_equina"});
  EXPECT_TRUE(screen.at("unsure").as_array().empty());
  EXPECT_EQ(screen.at("recorded_by").at("name"), "Demo Clinician");
  const json::value& ces = screen.at("answers").as_array()[0];
  EXPECT_EQ(ces.at("action").at("urgency"), "999-ae");
  EXPECT_FALSE(ces.at("action").at("instruction").as_string().empty());
  EXPECT_EQ(ces.at("action_taken"), "Sent to A&E, called ahead");

  const RawResponse second =
      Send("POST", PatientPath("red-flags"), clinician_, json::serialize(Screen()));
  ASSERT_EQ(second.status, 201) << second.body;
  const RawResponse list = Send("GET", PatientPath("red-flags"), clinician_);
  ASSERT_EQ(list.status, 200);
  const json::value listed = Json(list);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id"), Json(second).at("id"));  // newest first
  EXPECT_EQ(items[1], screen);                          // the first screen, unchanged
  EXPECT_EQ(Rows("red_flag_screen"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "red_flags.record"), 2);
}

TEST_P(ClinicalRecord, ABadScreenIsRefusedWholeAndChangesNothing) {
  json::object body = Screen();
  json::array& answers = body["answers"].as_array();
  answers[0].as_object()["answer"] = "present";  // no action_taken
  answers.erase(answers.end() - 1);
  answers.push_back(json::object{{"flag", "gout"}, {"answer", "absent"}});
  const RawResponse refused =
      Send("POST", PatientPath("red-flags"), clinician_, json::serialize(body));
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  const std::string last = "answers[" + std::to_string(answers.size() - 1) + "].flag";
  EXPECT_EQ(Issues(refused), (std::vector<std::pair<std::string, std::string>>{
                                 {"answers", "missing-flag"},
                                 {"answers[0].action_taken", "required"},
                                 {last, "unknown-flag"}}));
  EXPECT_EQ(Send("POST", PatientPath("red-flags"), clinician_, "{\"answers\": [").status, 400);
  EXPECT_EQ(Rows("red_flag_screen"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "red_flags.record"), 0);
}

TEST_P(ClinicalRecord, PatientsNeverSeeRedFlagsOrPrecautions) {
  const std::int64_t denied = CountAudit(server_->db(), "red_flags.read", "denied");
  EXPECT_EQ(Send("GET", PatientPath("red-flags"), patient_).status, 403);
  EXPECT_EQ(CountAudit(server_->db(), "red_flags.read", "denied"), denied + 1);
  EXPECT_EQ(Send("POST", PatientPath("red-flags"), patient_, json::serialize(Screen())).status,
            403);
  EXPECT_EQ(Send("GET", PatientPath("precautions"), patient_).status, 403);
  EXPECT_EQ(Send("PUT", PatientPath("precautions"), patient_, R"({"items": []})").status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/content/red-flags", patient_).status, 403);
  EXPECT_EQ(Rows("red_flag_screen"), 0);
  EXPECT_EQ(Rows("patient_precautions"), 0);
  // Another clinic's patient id is simply not there.
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + NewUuid() + "/red-flags", clinician_).status, 404);
}

TEST_P(ClinicalRecord, PrecautionsAreVersionedAndGuardedByIfMatch) {
  const RawResponse never = Send("GET", PatientPath("precautions"), clinician_);
  ASSERT_EQ(never.status, 200) << never.body;
  EXPECT_EQ(never.Header("etag"), "\"0\"");
  EXPECT_EQ(Json(never).at("version"), 0);
  EXPECT_TRUE(Json(never).at("updated_by").is_null());

  const std::string dvt = R"({"items": [{"precaution": "dvt", "situation": "known",
      "regions": ["left_lower_leg"], "details": {"dvt_history": "2025, left calf"}}]})";
  const RawResponse first =
      Send("PUT", PatientPath("precautions"), clinician_, dvt, "If-Match: \"0\"\r\n");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("etag"), "\"1\"");
  const json::value entry = Json(first).at("items").as_array()[0];
  EXPECT_EQ(entry.at("excluded_regions"), json::array{"left_lower_leg"});
  EXPECT_EQ(entry.at("response"), "modify");
  EXPECT_EQ(Json(first).at("updated_by").at("name"), "Demo Clinician");

  // Someone still holding version 0 may not overwrite version 1.
  const RawResponse stale = Send("PUT", PatientPath("precautions"), clinician_, R"({"items": []})",
                                 "If-Match: \"0\"\r\n");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Json(Send("GET", PatientPath("precautions"), clinician_)).at("items"),
            Json(first).at("items"));

  // The same list again writes no new version.
  const RawResponse again =
      Send("PUT", PatientPath("precautions"), clinician_, dvt, "If-Match: \"1\"\r\n");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.Header("etag"), "\"1\"");
  const RawResponse cleared =
      Send("PUT", PatientPath("precautions"), clinician_, R"({"items": []})");
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.Header("etag"), "\"2\"");
  EXPECT_EQ(Rows("patient_precautions"), 1);
  EXPECT_EQ(Rows("patient_precautions_version"), 2);

  // Bad values: one 400 listing each, nothing stored.
  const RawResponse bad = Send("PUT", PatientPath("precautions"), clinician_,
                               R"({"items": [{"precaution": "dvt", "situation": "known",
                                   "regions": ["tail"]},
                                  {"precaution": "dvt", "situation": "known"},
                                  {"precaution": "pregnancy", "situation": "postnatal",
                                   "regions": ["neck"], "details": {"shoe_size": "6"}}]})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Issues(bad), (std::vector<std::pair<std::string, std::string>>{
                             {"items[0].regions[0]", "unknown-region"},
                             {"items[1].situation", "duplicate"},
                             {"items[2].details.shoe_size", "unknown-field"},
                             {"items[2].regions[0]", "not-allowed"}}));
  EXPECT_EQ(
      Send("PUT", PatientPath("precautions"), clinician_, R"({"items": []})", "If-Match: 2\r\n")
          .status,
      400);  // an If-Match that is not an ETag
  EXPECT_EQ(Rows("patient_precautions_version"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "precautions.update"), 3);
}

TEST_P(ClinicalRecord, AnEmptyFormulationInvitesTheFirstQuestionnaire) {
  const RawResponse mine = Send("GET", PatientPath("formulation"), patient_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const json::object body = Json(mine).as_object();
  EXPECT_FALSE(body.contains("clinician"));
  const auto& summary = body.at("patient").at("summary").as_array();
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_NE(summary[0].as_string().find("first questionnaire"), json::string::npos);

  const RawResponse staff = Send("GET", PatientPath("formulation"), clinician_);
  ASSERT_EQ(staff.status, 200) << staff.body;
  const json::value clinician = Json(staff).at("clinician");
  EXPECT_TRUE(clinician.at("scores").as_array().empty());
  EXPECT_TRUE(clinician.at("body_map").is_null());
  EXPECT_TRUE(clinician.at("red_flags").is_null());
  EXPECT_EQ(clinician.at("open_alerts"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "formulation.read"), 2);
}

TEST_P(ClinicalRecord, TheFormulationLinksTheLatestAnswersAndKeepsNumbersFromPatients) {
  // An older pack whose PHQ-9 was calm, then a newer one where mood is low.
  InsertCompletedPack(1'000'000, {{"phq9", PhqAnswers("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0})}},
                      json::array{}, false);
  InsertCompletedPack(2'000'000,
                      {{"phq9", PhqAnswers("phq9", {2, 2, 2, 1, 1, 1, 1, 1, 1})},
                       {"nprs", json::object{{"nprs", 6}}}},
                      json::array{json::object{{"region", "neck"}, {"intensity", 7}}}, true);
  ASSERT_EQ(
      Send("POST", PatientPath("red-flags"), clinician_, json::serialize(Screen("malignancy")))
          .status,
      201);
  ASSERT_EQ(Send("PUT", PatientPath("precautions"), clinician_,
                 R"({"items": [{"precaution": "anticoagulants", "situation": "anticoagulant"}]})")
                .status,
            200);

  const RawResponse staff = Send("GET", PatientPath("formulation"), clinician_);
  ASSERT_EQ(staff.status, 200) << staff.body;
  const json::value document = Json(staff);
  const json::value& clinician = document.at("clinician");
  const auto& scores = clinician.at("scores").as_array();
  ASSERT_EQ(scores.size(), 2u);  // the latest of each instrument
  const json::value& phq9 = scores[0].at("instrument") == "phq9" ? scores[0] : scores[1];
  EXPECT_EQ(phq9.at("total"), 12);
  EXPECT_EQ(phq9.at("band"), "moderate");
  EXPECT_EQ(phq9.at("band_label"), "Moderate");
  EXPECT_FALSE(phq9.at("response_id").as_string().empty());
  EXPECT_EQ(clinician.at("body_map").at("regions").as_array()[0].at("label"), "Neck");
  EXPECT_EQ(clinician.at("red_flags").at("present").as_array()[0].at("action").at("urgency"),
            "999-ae");
  EXPECT_EQ(clinician.at("precautions").as_array()[0].at("pressure_cap"), "light-moderate");
  EXPECT_EQ(clinician.at("open_alerts"), 1);

  std::set<std::string> active;
  for (const auto& driver : document.at("patient").at("drivers").as_array()) {
    if (driver.at("active").as_bool()) active.emplace(driver.at("driver").as_string());
  }
  EXPECT_EQ(active, (std::set<std::string>{"mood", "sleep", "pain", "tension"}));

  // The patient reads the same plain words and nothing else: no numbers at all.
  const RawResponse mine = Send("GET", PatientPath("formulation"), patient_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Json(mine), (json::object{{"patient", document.at("patient")}}));
  EXPECT_TRUE(std::none_of(mine.body.begin(), mine.body.end(), [](unsigned char c) {
    return std::isdigit(c);
  })) << mine.body;
}

TEST_P(ClinicalRecord, TheClinicSafetyEmailIsAnAdminSetting) {
  const SignedIn admin = SignIn(server_->port(), kDemoAdmin, kDemoPasswordText);
  ASSERT_EQ(admin.response.status, 200);
  const std::string path = "/api/v1/clinics/" + clinic_id_;
  EXPECT_TRUE(Json(Send("GET", path, admin)).at("safety_email").is_null());
  const RawResponse set =
      Send("PATCH", path, admin, R"({"safety_email": "Alerts@Calm.EXAMPLE.org"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Json(set).at("safety_email"), "Alerts@calm.example.org");
  EXPECT_EQ(Json(Send("GET", path, clinician_)).at("safety_email"), "Alerts@calm.example.org");
  EXPECT_EQ(Send("PATCH", path, clinician_, R"({"safety_email": null})").status, 403);
  EXPECT_EQ(Send("PATCH", path, admin, R"({"safety_email": "alerts"})").status, 400);
  const RawResponse cleared = Send("PATCH", path, admin, R"({"safety_email": null})");
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(Json(cleared).at("safety_email").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, ClinicalRecord,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
