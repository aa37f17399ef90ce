// Safety alerts over real HTTP: PHQ-9 item 9 raises one alert (never
// depending on the total) on a draft save, a submit or a correction; the
// clinic is emailed once per alert, with no clinical content; the alert
// closes only with a note. Runs on SQLite, and on PostgreSQL when
// UNKNOT_TEST_PG_URL is set.
#include "assessment_test_support.hpp"

namespace unknot::testing {
namespace {

using Issues = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kSafetyInbox = "safety@clinic.example.org";

class SafetyAlerts : public AssessmentServer {
 protected:
  std::string AlertsPath(const std::string& query = {}) {
    return "/api/v1/clinics/" + clinic_id_ + "/alerts" + query;
  }
  json::array Alerts(const std::string& query = {}) {
    const RawResponse r = Send("GET", AlertsPath(query), clinician_);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r).at("items").as_array();
  }
  RawResponse Acknowledge(const std::string& alert_id, const SignedIn& who,
                          const json::value& body) {
    return SendJson("POST", "/api/v1/alerts/" + alert_id + "/acknowledge", who, body);
  }
  // One pack with item 9 "several days" raised through a draft save; returns the alert's id.
  std::string RaiseOne() {
    const std::string id = CreatePack({"phq9"});
    const RawResponse r =
        SendJson("PUT", Path(id, "/draft"), patient_,
                 json::object{{"answers", {{"phq9", Phq9ItemNine("several_days")}}}});
    EXPECT_EQ(r.status, 200) << r.body;
    const auto alerts = Alerts();
    EXPECT_EQ(alerts.size(), 1u);
    return alerts.empty() ? std::string() : std::string(alerts[0].at("id").as_string().c_str());
  }
};

TEST_P(SafetyAlerts, ItemNineOnADraftRaisesOneAlertAndOneEmailWhateverTheTotal) {
  SetSafetyEmail(kSafetyInbox);
  const std::string id = CreatePack({"phq9", "gad7"});
  // Total 1: far below every band cut-off. Only item 9 is answered above "not at all".
  const json::object draft{{"answers", {{"phq9", Phq9ItemNine("several_days")}}}};
  const RawResponse saved = SendJson("PUT", Path(id, "/draft"), patient_, draft);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json::value safety = Json(saved).at("safety");
  EXPECT_EQ(safety.at("crisis_support"), true);
  ASSERT_EQ(safety.at("alerts").as_array().size(), 1u);
  EXPECT_EQ(safety.at("alerts").at(0).at("instrument"), "phq9");
  EXPECT_EQ(safety.at("alerts").at(0).at("rule"), "self_harm_thoughts");
  EXPECT_EQ(Count("safety_alert"), 1);
  EXPECT_EQ(SafetyMails(), 1);
  EXPECT_EQ(SafetyMails(kSafetyInbox), 1);
  EXPECT_EQ(CountAudit(db(), "safety_alert.raise"), 1);

  // Saving again and again, then submitting, raises nothing more.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(SendJson("PUT", Path(id, "/draft"), patient_, draft).status, 200);
  }
  const RawResponse done = Send("POST", Path(id, "/submit"), patient_);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done).at("responses").at(0).at("total"), 1);
  EXPECT_EQ(Json(done).at("safety").at("crisis_support"), true);
  EXPECT_EQ(Count("safety_alert"), 1);
  EXPECT_EQ(SafetyMails(), 1);
  EXPECT_EQ(CountAudit(db(), "safety_alert.raise"), 1);

  // The email says nothing clinical and names nobody.
  std::string subject, body;
  db().Read([&](db::Session& session) -> Result<void> {
        auto row =
            session.QueryOne("SELECT subject, body FROM mail_outbox WHERE kind = 'safety-alert'");
        if (!row) return row.error();
        subject = (*row)->Text(0);
        body = (*row)->Text(1);
        return {};
      })
      .value();
  EXPECT_EQ(subject, "Safety alert: a patient needs contact today");
  EXPECT_NE(body.find("A safety answer was recorded for a patient; open unknot to see it"),
            std::string::npos);
  for (const char* secret : {"Amelia", "Hartley", "PHQ", "item", "harm", "several"}) {
    EXPECT_EQ(body.find(secret), std::string::npos) << secret;
  }

  // The alert as staff see it.
  const auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].at("status"), "open");
  EXPECT_EQ(alerts[0].at("assessment_id"), id.c_str());
  EXPECT_EQ(alerts[0].at("patient").at("id"), patient_id_.c_str());
  EXPECT_EQ(alerts[0].at("patient").at("name"), "Ann Fresh");
  EXPECT_TRUE(alerts[0].at("acknowledged_by").is_null());
}

TEST_P(SafetyAlerts, ItemNineOnlyAtSubmitStillRaises) {
  const std::string id = CreatePack({"phq9"});
  const RawResponse done =
      SendJson("POST", Path(id, "/submit"), patient_,
               json::object{{"answers", {{"phq9", Phq9ItemNine("nearly_every_day")}}}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done).at("safety").at("crisis_support"), true);
  EXPECT_EQ(Count("safety_alert"), 1);
  // No safety email set: every active admin and clinician of the clinic is told.
  EXPECT_EQ(SafetyMails(), 2);
  EXPECT_EQ(SafetyMails(kDemoClinician), 1);
  EXPECT_EQ(SafetyMails(kDemoAdmin), 1);
}

TEST_P(SafetyAlerts, NotAtAllRaisesNothing) {
  const std::string id = CreatePack({"phq9"});
  const RawResponse saved =
      SendJson("PUT", Path(id, "/draft"), patient_,
               json::object{{"answers", {{"phq9", Phq9ItemNine("not_at_all")}}}});
  ASSERT_EQ(saved.status, 200);
  EXPECT_EQ(Json(saved).at("safety").at("crisis_support"), false);
  EXPECT_EQ(Count("safety_alert"), 0);
  EXPECT_EQ(SafetyMails(), 0);
}

TEST_P(SafetyAlerts, ACorrectionThatAddsItemNineRaisesTheAlert) {
  const std::string id = CreatePack({"phq9"});
  const RawResponse done =
      SendJson("POST", Path(id, "/submit"), patient_,
               json::object{{"answers", {{"phq9", Phq9ItemNine("not_at_all")}}}});
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(Count("safety_alert"), 0);
  const std::string response = Json(done).at("responses").at(0).at("id").as_string().c_str();
  const RawResponse fixed = SendJson("PATCH", "/api/v1/responses/" + response, clinician_,
                                     json::object{{"answers", Phq9ItemNine("several_days")},
                                                  {"reason", "Item 9 was misread when entered"}},
                                     IfMatch(1));
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(Count("safety_alert"), 1);
  EXPECT_EQ(CountAudit(db(), "safety_alert.raise"), 1);
  EXPECT_EQ(Json(Send("GET", Path(id), patient_)).at("safety").at("crisis_support"), true);
}

TEST_P(SafetyAlerts, AnAlertClosesOnlyWithANote) {
  const std::string alert = RaiseOne();
  ASSERT_FALSE(alert.empty());

  const RawResponse no_note = Acknowledge(alert, clinician_, json::object{});
  EXPECT_EQ(no_note.status, 400) << no_note.body;
  EXPECT_EQ(IssuesOf(no_note), (Issues{{"note", "required"}}));
  EXPECT_NE(no_note.body.find("who you called"), std::string::npos);
  EXPECT_EQ(IssuesOf(Acknowledge(alert, clinician_, json::object{{"note", "   ok    "}})),
            (Issues{{"note", "too-short"}}));
  EXPECT_EQ(Alerts().at(0).at("status"), "open");
  EXPECT_EQ(CountAudit(db(), "safety_alert.acknowledge"), 0);
  // Until a clinician acts, the patient's own list keeps crisis support in view.
  const auto open_for_patient = [&] {
    const json::value mine =
        Json(Send("GET", "/api/v1/patients/" + patient_id_ + "/assessments", patient_));
    return mine.at("items").at(0).at("open_safety_alert").as_bool();
  };
  EXPECT_TRUE(open_for_patient());

  // Patients never acknowledge (refused before any look-up, and audited).
  EXPECT_EQ(Acknowledge(alert, patient_, json::object{{"note", "I am fine, thank you."}}).status,
            403);
  EXPECT_EQ(CountAudit(db(), "safety_alert.acknowledge", "denied"), 1);
  EXPECT_EQ(
      Acknowledge(alert, other_clinician_, json::object{{"note", "Called the patient."}}).status,
      403);

  const std::string note = "Called Amelia at 14:10; she is safe and has her care plan.";
  const RawResponse done =
      Acknowledge(alert, clinician_, json::object{{"note", "  " + note + " "}});
  ASSERT_EQ(done.status, 200) << done.body;
  const json::value acknowledged = Json(done);
  EXPECT_EQ(acknowledged.at("status"), "acknowledged");
  EXPECT_EQ(acknowledged.at("note"), note.c_str());
  EXPECT_EQ(acknowledged.at("acknowledged_by").at("name"),
            Json(clinician_.response).at("user").at("display_name"));
  EXPECT_FALSE(acknowledged.at("acknowledged_at").is_null());
  EXPECT_EQ(CountAudit(db(), "safety_alert.acknowledge"), 1);
  EXPECT_FALSE(open_for_patient());

  const RawResponse again = Acknowledge(alert, clinician_, json::object{{"note", note}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(CountAudit(db(), "safety_alert.acknowledge"), 1);

  EXPECT_TRUE(Alerts().empty());  // the default list shows open alerts
  EXPECT_EQ(Alerts("?status=acknowledged").size(), 1u);
  EXPECT_EQ(Alerts("?status=all").size(), 1u);
  const RawResponse bad_filter = Send("GET", AlertsPath("?status=closed"), clinician_);
  EXPECT_EQ(bad_filter.status, 400);
  EXPECT_EQ(IssuesOf(bad_filter), (Issues{{"status", "not-allowed"}}));
}

TEST_P(SafetyAlerts, OnlyStaffOfTheClinicSeeAlerts) {
  ASSERT_FALSE(RaiseOne().empty());
  const std::string patient_alerts = "/api/v1/patients/" + patient_id_ + "/alerts";
  const RawResponse staff = Send("GET", patient_alerts, clinician_);
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(Json(staff).at("items").as_array().size(), 1u);
  EXPECT_EQ(Send("GET", patient_alerts, patient_).status, 403);
  EXPECT_EQ(Send("GET", AlertsPath(), patient_).status, 403);
  EXPECT_EQ(Send("GET", AlertsPath(), other_clinician_).status, 403);
  EXPECT_EQ(Send("GET", patient_alerts, other_clinician_).status, 403);
  EXPECT_GE(CountAudit(db(), "safety_alert.list", "denied"), 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, SafetyAlerts,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
