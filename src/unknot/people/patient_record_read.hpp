// The shape every "read one patient's records" route shares (assessments,
// check-ins, red flags, …): the patient the path names, the policy's read, the
// records loaded in one read transaction, and the read audited before they
// leave.
#pragma once

#include <string>
#include <utility>

#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::people {

enum class RecordKind {
  kPatientReadable,  // the patient may read their own (PatientTarget)
  kStaffOnly,        // kept for staff (StaffRecordTarget)
};

// `load(session, patient)` returns Result<T>; `answer(records)` turns the
// loaded value into the response.
template <class T, class Load, class Answer>
http::Response ReadPatientRecords(const identity::AccessGuard& guard, const PatientStore& patients,
                                  const http::Request& request,
                                  const identity::Principal& principal, RecordKind kind,
                                  std::string audit_action, Load&& load, Answer&& answer) {
  auto patient = patients.Get(request.params.Get("id"));
  if (!patient) return http::ErrorResponse(request, patient.error());
  const identity::AccessTarget target =
      kind == RecordKind::kStaffOnly ? StaffRecordTarget(*patient) : PatientTarget(*patient);
  if (auto denied =
          guard.Check(request, principal, identity::Action::kRead, target, audit_action)) {
    return std::move(*denied);
  }
  auto records =
      db::InRead<T>(guard.db(), [&](db::Session& session) { return load(session, *patient); });
  if (!records) return http::ErrorResponse(request, records.error());
  if (auto unrecorded = guard.AuditRead(request, principal, target, std::move(audit_action))) {
    return std::move(*unrecorded);
  }
  return answer(*records);
}

}  // namespace unknot::people
