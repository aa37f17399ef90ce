// The three steps every handler of clinic or patient data takes, done the same
// way everywhere: ask Authorize (a denial is audited and answered 403), record
// a read durably before its data leaves, and record a write in the write's own
// transaction.
//
// Holds references only; copyable; safe to use from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "unknot/identity/access_policy.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/principal.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/message.hpp"

namespace unknot::identity {

// What an access is about: the resource for the policy and the audit trail.
struct AccessTarget {
  Resource resource;
  std::string resource_type;  // "clinic", "patient", "assessment", …
  std::string resource_id;    // public uuid
};

// The clinic itself, or (kind kPatient) the clinic's patients as a whole.
AccessTarget ClinicTarget(std::int64_t clinic_id, std::string clinic_uuid,
                          ResourceKind kind = ResourceKind::kClinic);
// Data of one patient. `resource_type`/`resource_id` name the record touched
// (the patient by default; an assessment, an alert, … otherwise).
AccessTarget PatientTarget(std::int64_t clinic_id, std::int64_t patient_id, std::string uuid,
                           std::string resource_type = "patient");

// What staff keep about one patient (ResourceKind::kStaffRecord): red-flag
// screens, precautions, safety alerts, corrections. Without `patient_id` it
// asks only whether the caller may reach such records in the clinic at all,
// which staff-only routes check before they look anything up.
AccessTarget StaffRecordTarget(std::int64_t clinic_id, std::optional<std::int64_t> patient_id,
                               std::string uuid, std::string resource_type);

class AccessGuard final {
 public:
  AccessGuard(db::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  // nullopt when allowed; otherwise the denial is recorded and answered 403.
  std::optional<http::Response> Check(const http::Request& request, const Principal& principal,
                                      Action action, const AccessTarget& target,
                                      std::string audit_action) const;

  // A read is recorded, durably, before its data leaves; nullopt when it was.
  std::optional<http::Response> AuditRead(const http::Request& request, const Principal& principal,
                                          const AccessTarget& target, std::string action) const;

  // Records a successful write inside the caller's write transaction.
  Result<void> RecordWrite(db::Session& session, const http::Request& request,
                           const Principal& principal, Instant now, const AccessTarget& target,
                           std::string action) const;

  AuditEvent Event(const http::Request& request, const Principal& principal, Instant now,
                   const AccessTarget& target, std::string action, std::string outcome) const;

  // Runs `work(session, now)` in one write transaction and returns its value;
  // `now` is read once, so the change and its audit event share one instant.
  template <class T, class Work>
  Result<T> InWrite(Work&& work) const {
    return db::InWrite<T>(*db_, [&](db::Session& session) { return work(session, clock_->Now()); });
  }

  db::Database& db() const { return *db_; }
  const Clock& clock() const { return *clock_; }

 private:
  db::Database* db_;
  const Clock* clock_;
};

}  // namespace unknot::identity
