// Care preferences over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is
// set) PostgreSQL: the field table, partial saves with If-Match, removal with
// null, review stamps and which side set a field, every validation issue at
// once with nothing stored, stale and missing If-Match, who may read and
// write, the versions, the audit trail and the demo patient's preferences.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "http_test_support.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/treat/touch_consent.hpp"

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

class CarePreferences : public BackendServerTest {
 protected:
  CarePreferences() : clock_(FakeClock::kStart) {}

  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinician_name_ = Json(clinician_.response).at("user").at("display_name").as_string().c_str();
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    ann_ = AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Prefers", clock_.Now());
  }

  std::string PathOf(const std::string& patient, const std::string& tail = {}) {
    return "/api/v1/patients/" + patient + "/care-preferences" + tail;
  }
  RawResponse Get(const std::string& patient, const SignedIn& as) {
    return Exchange(server_->port(),
                    MakeRequest("GET", PathOf(patient), {}, "application/json", as.Headers()));
  }
  RawResponse Versions(const std::string& patient, const SignedIn& as) {
    return Exchange(server_->port(), MakeRequest("GET", PathOf(patient, "/versions"), {},
                                                 "application/json", as.Headers()));
  }
  RawResponse Put(const std::string& patient, const SignedIn& as, const std::string& body,
                  const std::optional<std::string>& version) {
    const std::string if_match = version ? "If-Match: \"" + *version + "\"\r\n" : "";
    return Exchange(server_->port(), MakeRequest("PUT", PathOf(patient), body, "application/json",
                                                 as.Headers() + if_match));
  }
  RawResponse PutAnn(const std::string& body, const std::string& version,
                     const SignedIn* as = nullptr) {
    return Put(ann_.patient_id, as ? *as : ann_.session, body, version);
  }
  std::string StoredData(const std::string& patient_uuid) {
    std::string data;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne(
              "SELECT c.data FROM care_preference c JOIN patient p ON p.id = c.patient_id "
              "WHERE p.uuid = $1",
              {patient_uuid});
          if (!row) return row.error();
          if (*row) data = (*row)->Text(0);
          return {};
        })
        .value();
    return data;
  }

  // Rows of `table` (care_preference or care_preference_version) for one patient: the demo
  // patient has their own.
  std::int64_t RowsFor(const std::string& table, const std::string& patient_uuid) {
    std::int64_t count = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row =
              session.QueryOne("SELECT COUNT(*) FROM " + table +
                                   " t JOIN patient p ON p.id = t.patient_id WHERE p.uuid = $1",
                               {patient_uuid});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }
  std::int64_t AnnVersions() { return RowsFor("care_preference_version", ann_.patient_id); }
  std::int64_t AnnRows() { return RowsFor("care_preference", ann_.patient_id); }

  FakeClock clock_;
  SignedIn clinician_;
  std::string clinician_name_;
  std::string clinic_id_;
  PatientLogin ann_;
};

TEST_P(CarePreferences, TheFieldTableIsForAnyoneSignedIn) {
  if (IsSkipped()) return;
  const RawResponse r =
      Exchange(server_->port(), MakeRequest("GET", "/api/v1/care-preference-fields", {},
                                            "application/json", ann_.session.Headers()));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value table = Json(r);
  const json::array& fields = table.at("fields").as_array();
  ASSERT_GE(fields.size(), 19u);
  EXPECT_EQ(fields[0].at("name"), "consent_to_touch");
  EXPECT_EQ(fields[0].at("kind"), "touch_map");
  const auto pressure = std::find_if(fields.begin(), fields.end(), [](const json::value& f) {
    return f.at("name") == "pressure";
  });
  ASSERT_NE(pressure, fields.end());
  EXPECT_EQ(pressure->at("options").as_array().size(), 3u);
  EXPECT_EQ(Exchange(server_->port(), MakeRequest("GET", "/api/v1/care-preference-fields")).status,
            401);
}

TEST_P(CarePreferences, EmptyUntilSet) {
  if (IsSkipped()) return;
  const RawResponse r = Get(ann_.patient_id, ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = Json(r);
  EXPECT_EQ(body.at("version"), 0);
  EXPECT_EQ(body.at("fields"), json::object{});
  EXPECT_TRUE(body.at("updated_at").is_null());
  EXPECT_TRUE(body.at("updated_by").is_null());
  EXPECT_EQ(r.Header("etag"), "\"0\"");
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.read"), 1);
  EXPECT_EQ(Get(ann_.patient_id, clinician_).status, 200);
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.read"), 2);
  EXPECT_EQ(AnnRows(), 0);
}

TEST_P(CarePreferences, ThePatientSetsTheirOwnAndTheClinicianReviewsWithThem) {
  if (IsSkipped()) return;
  const Instant first_at = clock_.Now();
  const RawResponse saved = PutAnn(
      R"({"values": {"consent_to_touch": {"neck": "no", "lower_back": "ask_first"},
                     "stop_signal": "hand up", "pressure": "light", "written_summary": true}})",
      "0");
  ASSERT_EQ(saved.status, 200) << saved.body;
  json::value body = Json(saved);
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(saved.Header("etag"), "\"1\"");
  EXPECT_EQ(body.at("updated_by").at("name"), "Ann Prefers");
  const json::object& neck = body.at("fields").at("consent_to_touch").as_object();
  EXPECT_EQ(neck.at("value"), (json::object{{"neck", "no"}, {"lower_back", "ask_first"}}));
  EXPECT_EQ(neck.at("set_by"), "patient");
  EXPECT_EQ(neck.at("reviewed_by").at("name"), "Ann Prefers");
  EXPECT_EQ(neck.at("reviewed_at"), json::value(FormatInstant(first_at)));
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.update"), 1);

  // Stored as migration 0010 describes, readable by the session map's reader.
  const json::value stored = json::parse(StoredData(ann_.patient_id));
  EXPECT_EQ(stored.at("consent_to_touch").at("value").at("neck"), "no");
  EXPECT_EQ(stored.at("consent_to_touch").at("set_by"), "patient");
  EXPECT_EQ(stored.at("pressure").at("reviewed_at"), first_at);
  const auto consent = treat::TouchConsentFromStoredPreferences(StoredData(ann_.patient_id));
  ASSERT_TRUE(consent.has_value());
  EXPECT_EQ(consent->at("neck"), treat::TouchConsent::kNo);

  // Later, with the clinician: the pressure changes, the stop signal is
  // gone through unchanged, the summary is no longer wanted (null removes).
  clock_.Advance(std::chrono::minutes(10));
  const Instant second_at = clock_.Now();
  const RawResponse together = PutAnn(
      R"({"values": {"pressure": "medium", "written_summary": null, "stop_signal": "hand up"},
          "reviewed": ["stop_signal", "consent_to_touch"]})",
      "1", &clinician_);
  ASSERT_EQ(together.status, 200) << together.body;
  body = Json(together);
  EXPECT_EQ(body.at("version"), 2);
  const json::object& fields = body.at("fields").as_object();
  EXPECT_FALSE(fields.contains("written_summary"));
  EXPECT_EQ(fields.at("pressure").at("value"), "medium");
  EXPECT_EQ(fields.at("pressure").at("set_by"), "clinician");
  EXPECT_EQ(fields.at("pressure").at("reviewed_by").at("name"), json::value(clinician_name_));
  // Reviewed unchanged: stamp refreshed, still the patient's choice.
  EXPECT_EQ(fields.at("stop_signal").at("reviewed_at"), json::value(FormatInstant(second_at)));
  EXPECT_EQ(fields.at("stop_signal").at("set_by"), "patient");
  EXPECT_EQ(fields.at("consent_to_touch").at("reviewed_by").at("name"),
            json::value(clinician_name_));
  EXPECT_EQ(fields.at("consent_to_touch").at("set_by"), "patient");

  // The patient reads what was agreed.
  const json::value read = Json(Get(ann_.patient_id, ann_.session));
  EXPECT_EQ(read.at("version"), 2);
  EXPECT_EQ(read.at("fields").at("pressure").at("value"), "medium");
  EXPECT_EQ(read.at("updated_by").at("name"), json::value(clinician_name_));

  // The same values again add no version.
  const RawResponse same = PutAnn(R"({"values": {"pressure": "medium"}})", "2");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Json(same).at("version"), 2);
  EXPECT_EQ(AnnVersions(), 2);

  // Versions, newest first, for staff.
  const RawResponse versions = Versions(ann_.patient_id, clinician_);
  ASSERT_EQ(versions.status, 200) << versions.body;
  const json::value history = Json(versions);
  const json::array& items = history.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("version"), 2);
  EXPECT_EQ(items[0].at("author").at("name"), json::value(clinician_name_));
  EXPECT_EQ(items[0].at("recorded_at"), json::value(FormatInstant(second_at)));
  EXPECT_EQ(items[1].at("version"), 1);
  EXPECT_EQ(items[1].at("author").at("name"), "Ann Prefers");
  EXPECT_EQ(items[1].at("fields").at("written_summary").at("value"), true);
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.versions"), 1);
}

TEST_P(CarePreferences, BadInputIsExplainedAndNothingIsStored) {
  if (IsSkipped()) return;
  ASSERT_EQ(PutAnn(R"({"values": {"pressure": "light"}})", "0").status, 200);
  const std::string before = StoredData(ann_.patient_id);
  const std::string long_text(501, 'a');
  const RawResponse r = PutAnn(
      R"({"values": {"pressure": "very firm", "music": "loud",
                     "consent_to_touch": {"neck": "never", "tail": "no", "left_shoulder": "yes"},
                     "positions_to_avoid": ["prone", "handstand"],
                     "unscented": "yes", "other_needs": ")" +
          long_text + R"(", "favourite_colour": "blue"},
          "reviewed": ["pressure", "mood"]})",
      "1");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(IssuesOf(r), (Issues{{"reviewed[1]", "unknown-field"},
                                 {"values.consent_to_touch.neck", "invalid-option"},
                                 {"values.consent_to_touch.tail", "unknown-region"},
                                 {"values.favourite_colour", "unknown-field"},
                                 {"values.music", "invalid-option"},
                                 {"values.other_needs", "too-long"},
                                 {"values.positions_to_avoid[1]", "invalid-option"},
                                 {"values.pressure", "invalid-option"},
                                 {"values.unscented", "wrong-type"}}));
  EXPECT_EQ(StoredData(ann_.patient_id), before);
  EXPECT_EQ(AnnVersions(), 1);
  EXPECT_EQ(PutAnn("[1]", "1").status, 400);
  EXPECT_EQ(PutAnn(R"({"values": {"pressure": "firm"}, "note": 1})", "1").status, 400);
  EXPECT_EQ(Json(Get(ann_.patient_id, ann_.session)).at("fields").at("pressure").at("value"),
            "light");
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.update"), 1);
}

TEST_P(CarePreferences, StaleOrMissingIfMatchIsRefused) {
  if (IsSkipped()) return;
  // No If-Match: 400, nothing stored.
  const RawResponse bare =
      Put(ann_.patient_id, ann_.session, R"({"values": {"music": "off"}})", std::nullopt);
  EXPECT_EQ(bare.status, 400) << bare.body;
  EXPECT_EQ(IssuesOf(bare), (Issues{{"If-Match", "required"}}));
  EXPECT_EQ(AnnRows(), 0);

  ASSERT_EQ(PutAnn(R"({"values": {"music": "off"}})", "0").status, 200);
  // Someone else saved meanwhile: the first-time version is stale.
  const RawResponse stale = PutAnn(R"({"values": {"music": "on"}})", "0", &clinician_);
  EXPECT_EQ(stale.status, 409) << stale.body;
  const RawResponse ahead = PutAnn(R"({"values": {"music": "on"}})", "7");
  EXPECT_EQ(ahead.status, 409) << ahead.body;
  EXPECT_EQ(Json(Get(ann_.patient_id, ann_.session)).at("fields").at("music").at("value"), "off");
  EXPECT_EQ(AnnVersions(), 1);
}

TEST_P(CarePreferences, OnlyThePatientAndStaffOfTheirClinic) {
  if (IsSkipped()) return;
  const PatientLogin bob =
      AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Other", clock_.Now());
  const SignedIn elsewhere = AddOtherClinicWithClinician(server_->db(), clock_.Now()).clinician;
  const std::string body = R"({"values": {"pressure": "firm"}})";
  // Another patient of the same clinic, and staff of another clinic: refused and audited.
  EXPECT_EQ(Get(ann_.patient_id, bob.session).status, 403);
  EXPECT_EQ(Put(ann_.patient_id, bob.session, body, "0").status, 403);
  EXPECT_EQ(Versions(ann_.patient_id, bob.session).status, 403);
  EXPECT_EQ(Get(ann_.patient_id, elsewhere).status, 403);
  EXPECT_EQ(Put(ann_.patient_id, elsewhere, body, "0").status, 403);
  EXPECT_EQ(Versions(ann_.patient_id, elsewhere).status, 403);
  // The versions (who changed what, when) are for staff, even for the patient themself.
  EXPECT_EQ(Versions(ann_.patient_id, ann_.session).status, 403);
  // No such patient.
  EXPECT_EQ(Get("00000000-0000-4000-8000-000000000000", clinician_).status, 404);
  EXPECT_EQ(Exchange(server_->port(), MakeRequest("GET", PathOf(ann_.patient_id))).status, 401);
  EXPECT_EQ(AnnRows(), 0);
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.read", "denied"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.update", "denied"), 2);
  EXPECT_EQ(CountAudit(server_->db(), "care_preferences.versions", "denied"), 3);
}

TEST_P(CarePreferences, TheDemoPatientHasTheirPreferences) {
  if (IsSkipped()) return;
  const SignedIn patient = SignIn(server_->port(), kDemoPatient, kDemoPasswordText);
  ASSERT_EQ(patient.response.status, 200) << patient.response.body;
  const std::string patient_id =
      Json(patient.response).at("user").at("patient_id").as_string().c_str();
  const RawResponse r = Get(patient_id, clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = Json(r);
  EXPECT_EQ(body.at("version"), 2);
  const json::object& fields = body.at("fields").as_object();
  EXPECT_EQ(fields.at("consent_to_touch").at("value"), (json::object{{"neck", "no"},
                                                                     {"lower_back", "ask_first"},
                                                                     {"left_shoulder", "yes"},
                                                                     {"right_shoulder", "yes"}}));
  EXPECT_EQ(fields.at("stop_signal").at("value"), "hand up");
  EXPECT_EQ(fields.at("pressure").at("value"), "light");
  EXPECT_EQ(fields.at("written_summary").at("value"), true);
  EXPECT_EQ(fields.at("talking").at("value"), "quiet");
  EXPECT_EQ(fields.at("unscented").at("value"), true);
  EXPECT_EQ(fields.at("pressure").at("set_by"), "patient");
  EXPECT_EQ(fields.at("pressure").at("reviewed_by").at("name"), json::value(clinician_name_));
}

INSTANTIATE_TEST_SUITE_P(Backends, CarePreferences,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
