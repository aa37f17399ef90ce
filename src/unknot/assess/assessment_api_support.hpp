// What the assessment, response and alert handlers share: who may act, the
// audit targets, status mapping and raising alerts inside a write. Internal
// to assess/ (the route files).
//
// Holds references only; safe to use from many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/assessment_model.hpp"
#include "unknot/assess/safety_alerts.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/http/message.hpp"

namespace unknot::assess::detail {

// 400: a correction must name the version it corrects (If-Match).
http::Response MissingIfMatch(const http::Request& request);

// The acting user as recorded in `*_by` columns.
UserRef Actor(const identity::Principal& principal);

identity::AccessTarget AssessmentTarget(const Assessment& assessment);
identity::AccessTarget ResponseTarget(const ResponseRecord& response);
identity::AccessTarget AlertTarget(const AlertRecord& alert);

// Staff-only routes ask the policy before looking anything up (so a patient
// learns nothing about which ids exist): may the caller reach the clinic's
// staff records at all? A refusal is audited against `resource_type` and the
// id in the path.
std::optional<http::Response> RefusePatient(const identity::AccessGuard& guard,
                                            const http::Request& request,
                                            const identity::Principal& principal,
                                            std::string resource_type, std::string audit_action);

// Everything a write needs to raise alerts and audit them.
struct AlertWriter {
  const identity::AccessGuard& guard;
  const http::Request& request;
  const identity::Principal& principal;
  const SafetyMailSettings& mail;

  // Raises the safety alerts in `score` (once each) and audits every one
  // raised now as `safety_alert.raise`, in the caller's transaction.
  Result<void> Raise(db::Session& session, const AlertSubject& subject, const ScoreResult& score,
                     Instant now) const;
};

}  // namespace unknot::assess::detail
