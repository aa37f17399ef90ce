#include "unknot/identity/access_guard.hpp"

#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {

AccessTarget ClinicTarget(std::int64_t clinic_id, std::string clinic_uuid, ResourceKind kind) {
  return {{kind, clinic_id, std::nullopt}, "clinic", std::move(clinic_uuid)};
}

AccessTarget PatientTarget(std::int64_t clinic_id, std::int64_t patient_id, std::string uuid,
                           std::string resource_type) {
  return {
      {ResourceKind::kPatient, clinic_id, patient_id}, std::move(resource_type), std::move(uuid)};
}

AccessTarget StaffRecordTarget(std::int64_t clinic_id, std::optional<std::int64_t> patient_id,
                               std::string uuid, std::string resource_type) {
  return {{ResourceKind::kStaffRecord, clinic_id, patient_id},
          std::move(resource_type),
          std::move(uuid)};
}

AuditEvent AccessGuard::Event(const http::Request& request, const Principal& principal, Instant now,
                              const AccessTarget& target, std::string action,
                              std::string outcome) const {
  AuditEvent event = MakeAuditEvent(request, &principal, now, std::move(action),
                                    target.resource_type, target.resource_id);
  event.clinic_id = target.resource.clinic_id;
  event.patient_id = target.resource.patient_id;
  event.outcome = std::move(outcome);
  return event;
}

std::optional<http::Response> AccessGuard::Check(const http::Request& request,
                                                 const Principal& principal, Action action,
                                                 const AccessTarget& target,
                                                 std::string audit_action) const {
  auto allowed = Authorize(principal, action, target.resource);
  if (allowed) return std::nullopt;
  const Error denial = allowed.error();
  auto recorded = RecordAudit(
      *db_, Event(request, principal, clock_->Now(), target, std::move(audit_action), "denied"));
  if (!recorded) return http::ErrorResponse(request, recorded.error());
  return http::ErrorResponse(request, denial);
}

std::optional<http::Response> AccessGuard::AuditRead(const http::Request& request,
                                                     const Principal& principal,
                                                     const AccessTarget& target,
                                                     std::string action) const {
  auto recorded = RecordAudit(
      *db_, Event(request, principal, clock_->Now(), target, std::move(action), "success"));
  if (!recorded) return http::ErrorResponse(request, recorded.error());
  return std::nullopt;
}

Result<void> AccessGuard::RecordWrite(db::Session& session, const http::Request& request,
                                      const Principal& principal, Instant now,
                                      const AccessTarget& target, std::string action) const {
  return RecordAudit(session, Event(request, principal, now, target, std::move(action), "success"));
}

}  // namespace unknot::identity
