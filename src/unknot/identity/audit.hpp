// The append-only audit trail (DESIGN §2 G3).
//
// Every read and write of patient data, every sign-in, sign-out and failure
// leaves one event. A write's event is recorded in the same transaction as the
// change (RecordAudit(Session&, …)); a read's event is made durable in its own
// write transaction before the response leaves (RecordAudit(Database&, …)).
// The database refuses UPDATE and DELETE on audit_event (triggers on both
// backends), and no API changes or deletes an event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "unknot/identity/principal.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/message.hpp"

namespace unknot::identity {

struct AuditEvent {
  Instant at = 0;
  std::optional<std::int64_t> user_id;
  std::string actor;   // user uuid, or "anonymous" / "system"
  std::string role;    // "admin" | "clinician" | "patient" | "" (anonymous)
  std::string action;  // dotted verb: "patient.read", "patient.update", "session.create", …
  std::string resource_type;  // "patient", "clinic", "session", "user", "audit", …
  std::string resource_id;    // the public uuid, when there is one
  std::optional<std::int64_t> clinic_id;
  std::optional<std::int64_t> patient_id;
  std::string request_id;
  std::string address;
  std::string outcome = "success";  // "success" | "denied" | "failure"
};

// Fills who/where from the request and principal (principal may be null).
AuditEvent MakeAuditEvent(const http::Request& request, const Principal* principal, Instant at,
                          std::string action, std::string resource_type,
                          std::string resource_id = {});

// Inside the caller's write transaction.
Result<void> RecordAudit(db::Session& session, const AuditEvent& event);
// In a write transaction of its own (reads, denials, failed sign-ins).
Result<void> RecordAudit(db::Database& db, const AuditEvent& event);

}  // namespace unknot::identity
