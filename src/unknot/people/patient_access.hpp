// A patient record as the access policy and the audit trail see it.
#pragma once

#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_model.hpp"

namespace unknot::people {

// The record and everything the patient may read of it.
inline identity::AccessTarget PatientTarget(const Patient& patient) {
  return identity::PatientTarget(patient.clinic_id, patient.id, patient.uuid);
}

// What staff keep about the patient and the patient does not see.
inline identity::AccessTarget StaffRecordTarget(const Patient& patient) {
  return identity::StaffRecordTarget(patient.clinic_id, patient.id, patient.uuid, "patient");
}

// The action of a write a patient may make on their own record (a check-in, a
// done mark, a reminder setting): the patient answers for themself; staff make
// it on the patient's behalf as an update of the record.
inline identity::Action OwnRecordWrite(const identity::Principal& principal) {
  return principal.IsStaff() ? identity::Action::kUpdate : identity::Action::kAnswer;
}

}  // namespace unknot::people
