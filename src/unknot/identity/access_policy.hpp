// The one place that decides who may do what to which clinic or patient data.
//
// Every handler that touches clinic or patient data calls Authorize with the
// resource it is about to read or change. The decision depends only on the
// principal (role, clinic, own patient record) and the resource — never on
// the route — so it can be tested as a role × resource × clinic matrix.
//
// Rules (DESIGN §2 G2):
// - every row belongs to a clinic; nobody reaches another clinic's data;
// - patients see only themselves (their own patient record and its history)
//   and answer the questionnaires sent to them;
// - clinicians read and write patient data of their own clinic;
// - admins do what clinicians do, and also manage the clinic, its users and
//   read its audit trail.
#pragma once

#include <cstdint>
#include <optional>

#include "unknot/identity/principal.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

enum class Action {
  kRead,
  kList,
  kCreate,
  kUpdate,
  kAdminister,
  kAnswer,  // fill in a questionnaire sent to the patient (the one write a patient makes)
};

enum class ResourceKind {
  kClinic,       // the clinic record itself (settings such as require_mfa)
  kPatient,      // one patient's record and everything clinical under it
  kStaffRecord,  // what staff keep about a patient and the patient does not see:
                 // red-flag screens, precautions, safety alerts, answer corrections
  kUsers,        // the clinic's user accounts (staff and patient logins)
  kAuditTrail    // the clinic's audit events
};

struct Resource {
  ResourceKind kind;
  std::int64_t clinic_id = 0;              // the clinic that owns it
  std::optional<std::int64_t> patient_id;  // for kPatient: which patient (absent for list/create)
};

bool IsAllowed(const Principal& principal, Action action, const Resource& resource);

// kForbidden with a plain message when not allowed.
Result<void> Authorize(const Principal& principal, Action action, const Resource& resource);

}  // namespace unknot::identity
