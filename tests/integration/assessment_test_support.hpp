// Shared by the assessment and safety-alert flow tests: a demo server on one
// backend, the demo clinician and patient signed in, a second patient and a
// clinician of another clinic (sessions made directly, since they have no
// password), and small request helpers.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <memory>
#include <string>

#include "http_test_support.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::testing {

namespace json = boost::json;

// The (path, code) pairs of a problem document, sorted.
inline std::vector<std::pair<std::string, std::string>> IssuesOf(const RawResponse& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value body = Json(r);
  if (!body.is_object() || !body.as_object().contains("issues")) return out;
  for (const auto& issue : body.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string().c_str(), issue.at("code").as_string().c_str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string IfMatch(std::int64_t version) {
  return "If-Match: \"" + std::to_string(version) + "\"\r\n";
}

// PHQ-9 answers: items 1–9 with the given option codes (index 0 = item 1);
// the difficulty item is left out.
inline json::object Phq9(const std::array<const char*, 9>& codes) {
  json::object answers;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    answers["phq9_" + std::to_string(i + 1)] = codes[i];
  }
  return answers;
}

// Every item "not at all" except item 9.
inline json::object Phq9ItemNine(const char* item9) {
  return Phq9({"not_at_all", "not_at_all", "not_at_all", "not_at_all", "not_at_all", "not_at_all",
               "not_at_all", "not_at_all", item9});
}

class AssessmentServer : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    // A patient with no history (the demo patient has demo questionnaires).
    auto fresh = AddPatientWithLogin(db(), clinic_id_, "Ann", "Fresh", clock_.Now());
    patient_ = fresh.session;
    patient_id_ = fresh.patient_id;
    MakeOtherPeople();
    for (const char* table : {"assessment", "instrument_response", "instrument_response_version",
                              "body_map", "safety_alert", "mail_outbox"}) {
      baseline_[table] = CountRows(db(), table);
    }
  }

  std::uint16_t port() const { return server_->port(); }
  db::Database& db() { return server_->db(); }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& who,
                   const std::string& body = {}, const std::string& extra_headers = {}) {
    return Exchange(
        port(), MakeRequest(method, path, body, "application/json", who.Headers() + extra_headers));
  }
  RawResponse SendJson(const std::string& method, const std::string& path, const SignedIn& who,
                       const json::value& body, const std::string& extra_headers = {}) {
    return Send(method, path, who, json::serialize(body), extra_headers);
  }

  // A pack for the patient; returns its id (empty on failure).
  std::string CreatePack(const json::array& instruments, bool body_map = false) {
    const RawResponse r =
        SendJson("POST", "/api/v1/patients/" + patient_id_ + "/assessments", clinician_,
                 json::object{{"instruments", instruments}, {"body_map", body_map}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    return Json(r).at("id").as_string().c_str();
  }

  std::string Path(const std::string& assessment_id, const std::string& tail = {}) {
    return "/api/v1/assessments/" + assessment_id + tail;
  }

  // Rows added since SetUp (the demo clinic starts with demo questionnaires).
  std::int64_t Count(const std::string& table) {
    return CountRows(db(), table) - baseline_.at(table);
  }

  std::int64_t SafetyMails(const std::string& to = {}) {
    std::int64_t count = -1;
    db().Read([&](db::Session& session) -> Result<void> {
          auto row =
              to.empty()
                  ? session.QueryOne("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'safety-alert'")
                  : session.QueryOne(
                        "SELECT COUNT(*) FROM mail_outbox WHERE kind = "
                        "'safety-alert' AND recipient = $1",
                        {to});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }

  void SetSafetyEmail(const std::string& email) {
    db().Write([&](db::Session& session) -> Result<void> {
          auto updated = session.Exec("UPDATE clinic SET safety_email = $1 WHERE uuid = $2",
                                      {email, clinic_id_});
          if (!updated) return updated.error();
          return {};
        })
        .value();
  }

  FakeClock clock_;
  SignedIn clinician_, patient_;
  SignedIn other_patient_;    // another patient of the demo clinic
  SignedIn other_clinician_;  // a clinician of another clinic
  std::string clinic_id_, patient_id_, other_patient_id_;

 private:
  std::map<std::string, std::int64_t> baseline_;

  // Users without a password get a session straight from the store.
  SignedIn SessionFor(db::Session& session, std::int64_t user_id) {
    auto issued = identity::InsertSession(
        session, {.user_id = user_id, .expires_at = clock_.Now() + 3'600'000'000LL}, clock_.Now());
    if (!issued) return {};
    return SignedIn{.token = issued->token, .csrf = issued->record.csrf_token};
  }

  void MakeOtherPeople() {
    db().Write([&](db::Session& session) -> Result<void> {
          const Instant now = clock_.Now();
          auto clinic = people::GetClinic(session, clinic_id_);
          if (!clinic) return clinic.error();
          auto patient = people::InsertPatient(session, *clinic, {"Bob", "Other"}, "test", now);
          if (!patient) return patient.error();
          other_patient_id_ = patient->uuid;
          auto login = identity::InsertUser(session,
                                            {.clinic_id = clinic->id,
                                             .role = identity::Role::kPatient,
                                             .email = "bob.other@example.org",
                                             .display_name = "Bob Other",
                                             .patient_id = patient->id},
                                            now);
          if (!login) return login.error();
          other_patient_ = SessionFor(session, login->id);
          auto elsewhere = people::InsertClinic(session, {"Elsewhere Clinic"}, now);
          if (!elsewhere) return elsewhere.error();
          auto staff = identity::InsertUser(session,
                                            {.clinic_id = elsewhere->id,
                                             .role = identity::Role::kClinician,
                                             .email = "far.away@example.org",
                                             .display_name = "Far Away"},
                                            now);
          if (!staff) return staff.error();
          other_clinician_ = SessionFor(session, staff->id);
          return {};
        })
        .value();
  }
};

}  // namespace unknot::testing
