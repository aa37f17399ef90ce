#include "unknot/assess/assessment_api_support.hpp"

#include <fmt/format.h>

#include "unknot/identity/audit.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::assess::detail {

using identity::AccessTarget;
using identity::Action;
using identity::Principal;

http::Response MissingIfMatch(const http::Request& request) {
  const Error error(ErrorCode::kInvalid,
                    "Send If-Match with the version you are correcting, e.g. If-Match: \"1\".",
                    {{"If-Match", "required", "The If-Match header is required."}});
  return http::ErrorResponse(request, error);
}

UserRef Actor(const Principal& principal) {
  return {principal.user_uuid, principal.display_name};
}

AccessTarget AssessmentTarget(const Assessment& a) {
  return identity::PatientTarget(a.clinic_id, a.patient_id, a.uuid, "assessment");
}

// Corrections and their history are staff-only; a patient reads their
// responses through the patient's own lists instead.
AccessTarget ResponseTarget(const ResponseRecord& r) {
  return identity::StaffRecordTarget(r.clinic_id, r.patient_id, r.uuid, "response");
}

AccessTarget AlertTarget(const AlertRecord& a) {
  return identity::StaffRecordTarget(a.clinic_id, a.patient_id, a.uuid, "safety_alert");
}

std::optional<http::Response> RefusePatient(const identity::AccessGuard& guard,
                                            const http::Request& request,
                                            const Principal& principal, std::string resource_type,
                                            std::string audit_action) {
  return guard.Check(request, principal, Action::kRead,
                     identity::StaffRecordTarget(principal.clinic_id, std::nullopt,
                                                 CanonicalUuid(request.params.Get("id")),
                                                 std::move(resource_type)),
                     std::move(audit_action));
}

Result<void> AlertWriter::Raise(db::Session& session, const AlertSubject& subject,
                                const ScoreResult& score, Instant now) const {
  auto raised = RaiseSafetyAlerts(session, subject, score.instrument, score.alerts, mail, now);
  if (!raised) return raised.error();
  for (const AlertRecord& alert : *raised) {
    if (auto recorded = guard.RecordWrite(session, request, principal, now, AlertTarget(alert),
                                          "safety_alert.raise");
        !recorded) {
      return recorded.error();
    }
  }
  return {};
}

}  // namespace unknot::assess::detail
