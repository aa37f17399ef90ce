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

AccessTarget PatientTarget(const people::Patient& patient) {
  return identity::PatientTarget(patient.clinic_id, patient.id, patient.uuid);
}

AccessTarget AssessmentTarget(const Assessment& a) {
  return identity::PatientTarget(a.clinic_id, a.patient_id, a.uuid, "assessment");
}

AccessTarget ResponseTarget(const ResponseRecord& r) {
  return identity::PatientTarget(r.clinic_id, r.patient_id, r.uuid, "response");
}

AccessTarget AlertTarget(const AlertRecord& a) {
  return identity::PatientTarget(a.clinic_id, a.patient_id, a.uuid, "safety_alert");
}

std::optional<http::Response> RefusePatient(const identity::AccessGuard& guard,
                                            const http::Request& request,
                                            const Principal& principal, std::string resource_type,
                                            std::string audit_action) {
  if (principal.IsStaff()) return std::nullopt;
  const AccessTarget target{
      {identity::ResourceKind::kPatient, principal.clinic_id, principal.patient_id},
      std::move(resource_type),
      CanonicalUuid(request.params.Get("id"))};
  auto recorded =
      identity::RecordAudit(guard.db(), guard.Event(request, principal, guard.clock().Now(), target,
                                                    std::move(audit_action), "denied"));
  if (!recorded) return http::ErrorResponse(request, recorded.error());
  return http::ErrorResponse(request,
                             Error(ErrorCode::kForbidden, "Only the clinic's staff can do this."));
}

std::optional<http::Response> CheckAnswering(const identity::AccessGuard& guard,
                                             const http::Request& request,
                                             const Principal& principal,
                                             const Assessment& assessment,
                                             std::string audit_action) {
  const Action action = principal.IsStaff() ? Action::kUpdate : Action::kRead;
  return guard.Check(request, principal, action, AssessmentTarget(assessment),
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
