// Safety alerts (table `safety_alert`): a safety rule of an instrument fired
// (PHQ-9 item 9 ≥ 1, whatever the total) and a clinician must make contact.
//
// An alert is raised at most once per assessment, instrument and rule — the
// INSERT is `ON CONFLICT DO NOTHING`, so saving the same answer again, or two
// saves racing, never raises a second one — and the email to the clinic is
// queued in the same transaction, once per raised alert. It closes only with
// an acknowledgement note (who acknowledged, when, what they did).
//
// Thread-safety: free functions; the Session belongs to one thread.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/assessment_model.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/scoring.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::assess {

// What the alert email needs: where unknot is, for the one link it carries.
struct SafetyMailSettings {
  std::string public_url;  // "https://clinic.example.org"; empty gives a path-only link
};

// The email: no name, no answer, no clinic — email is not a safe channel for
// clinical content; the link leads to a sign-in.
mail::MailMessage SafetyAlertMail(std::string_view to, std::string_view public_url);

// Where an alert of this assessment belongs.
struct AlertSubject {
  std::int64_t clinic_id = 0;
  std::int64_t patient_id = 0;
  std::int64_t assessment_id = 0;
};

// Raises every fired alert of kind safety that is not raised yet for this
// assessment and instrument, queuing the email for each to clinic.safety_email
// or, when that is NULL, to every active admin and clinician of the clinic.
// Returns only the alerts raised now (the caller audits each).
Result<std::vector<AlertRecord>> RaiseSafetyAlerts(db::Session& session,
                                                   const AlertSubject& subject,
                                                   std::string_view instrument,
                                                   const std::vector<FiredAlert>& fired,
                                                   const SafetyMailSettings& mail, Instant now);

enum class AlertFilter { kOpen, kAcknowledged, kAll };

Result<AlertRecord> GetAlert(db::Session& session, std::string_view uuid);
// Ordered open first, then newest first.
Result<std::vector<AlertRecord>> ListClinicAlerts(db::Session& session, std::int64_t clinic_id,
                                                  AlertFilter filter);
Result<std::vector<AlertRecord>> ListPatientAlerts(db::Session& session, std::int64_t patient_id);
Result<std::vector<AlertRecord>> ListAssessmentAlerts(db::Session& session,
                                                      std::int64_t assessment_id);

// kConflict when the alert is no longer open. `note` is validated already.
Result<AlertRecord> AcknowledgeAlert(db::Session& session, const AlertRecord& alert,
                                     const UserRef& by, std::string_view note, Instant now);

// What the patient's screen needs to know: show crisis support? The rules'
// messages are written for clinicians ("review the same day"), so they stay
// out of it; staff read them on the alert itself.
struct SafetyNotice {
  struct Fired {
    std::string instrument;
    std::string rule;
  };
  bool crisis_support = false;
  std::vector<Fired> alerts;
};

// Safety rules firing on the pack's current answers, plus the pack's alerts
// still open (a corrected response may have raised one the draft no longer
// shows). Rules are scored per instrument, so they never depend on a total.
SafetyNotice AssessSafety(const Assessment& assessment, const Registry& registry,
                          const std::vector<AlertRecord>& assessment_alerts);

boost::json::object ToJson(const SafetyNotice& notice);

}  // namespace unknot::assess
