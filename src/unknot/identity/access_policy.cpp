#include "unknot/identity/access_policy.hpp"

namespace unknot::identity {
namespace {

// A patient reaches exactly one record — their own — to read it and to answer
// the questionnaires sent to them.
bool PatientMay(const Principal& principal, Action action, const Resource& resource) {
  switch (resource.kind) {
    case ResourceKind::kPatient:
      return (action == Action::kRead || action == Action::kAnswer) &&
             resource.patient_id.has_value() && principal.patient_id.has_value() &&
             *resource.patient_id == *principal.patient_id;
    case ResourceKind::kStaffRecord: return false;
    case ResourceKind::kClinic:
      // The clinic's name and time zone frame the portal; nothing clinical.
      return action == Action::kRead || action == Action::kList;
    case ResourceKind::kUsers:
    case ResourceKind::kAuditTrail: return false;
  }
  return false;
}

bool ClinicianMay(Action action, const Resource& resource) {
  switch (resource.kind) {
    case ResourceKind::kPatient:
    case ResourceKind::kStaffRecord: return action != Action::kAdminister;
    case ResourceKind::kClinic: return action == Action::kRead || action == Action::kList;
    case ResourceKind::kUsers:
    case ResourceKind::kAuditTrail: return false;
  }
  return false;
}

bool AdminMay(Action action, const Resource& resource) {
  switch (resource.kind) {
    case ResourceKind::kPatient:
    case ResourceKind::kStaffRecord: return action != Action::kAdminister;
    case ResourceKind::kClinic:
      // Clinics are created from the command line, never through the API.
      return action == Action::kRead || action == Action::kList || action == Action::kUpdate ||
             action == Action::kAdminister;
    case ResourceKind::kUsers: return action != Action::kAnswer;
    case ResourceKind::kAuditTrail: return action == Action::kRead || action == Action::kList;
  }
  return false;
}

}  // namespace

bool IsAllowed(const Principal& principal, Action action, const Resource& resource) {
  if (principal.user_id == 0 || principal.clinic_id == 0) return false;
  if (resource.clinic_id != principal.clinic_id) return false;
  switch (principal.role) {
    case Role::kPatient: return PatientMay(principal, action, resource);
    case Role::kClinician: return ClinicianMay(action, resource);
    case Role::kAdmin: return AdminMay(action, resource);
  }
  return false;
}

Result<void> Authorize(const Principal& principal, Action action, const Resource& resource) {
  if (IsAllowed(principal, action, resource)) return {};
  return Error(ErrorCode::kForbidden, "You do not have access to this.");
}

}  // namespace unknot::identity
