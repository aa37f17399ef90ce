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

}  // namespace unknot::people
