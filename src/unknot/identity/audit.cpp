#include "unknot/identity/audit.hpp"

#include <utility>

namespace unknot::identity {

AuditEvent MakeAuditEvent(const http::Request& request, const Principal* principal, Instant at,
                          std::string action, std::string resource_type, std::string resource_id) {
  AuditEvent event;
  event.at = at;
  if (principal != nullptr) {
    event.user_id = principal->user_id;
    event.actor = principal->user_uuid;
    event.role = std::string(RoleName(principal->role));
    event.clinic_id = principal->clinic_id;
  } else {
    event.actor = "anonymous";
  }
  event.action = std::move(action);
  event.resource_type = std::move(resource_type);
  event.resource_id = std::move(resource_id);
  event.request_id = request.request_id;
  event.address = request.remote_address;
  return event;
}

Result<void> RecordAudit(db::Session& session, const AuditEvent& event) {
  // INSERT only: the table's triggers refuse UPDATE and DELETE anyway.
  auto inserted = session.Exec(
      "INSERT INTO audit_event (at, user_id, actor, role, action, resource_type, resource_id, "
      "clinic_id, patient_id, request_id, address, outcome) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {event.at, db::OrNull(event.user_id), event.actor, event.role, event.action,
       event.resource_type, event.resource_id, db::OrNull(event.clinic_id),
       db::OrNull(event.patient_id), event.request_id, event.address, event.outcome});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> RecordAudit(db::Database& db, const AuditEvent& event) {
  return db.Write([&event](db::Session& session) { return RecordAudit(session, event); });
}

}  // namespace unknot::identity
