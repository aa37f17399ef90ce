// JSON for clinics and patients: request bodies → validated values, and
// values → response documents (the shapes in api/openapi.yaml).
//
// Decoding reports unknown members ("unknown-field", path = the member name)
// and members that are neither a string nor null ("wrong-type") together with
// every validation issue from patient_model.hpp, so a client sees all problems
// of a body at once. Member semantics follow JSON merge patch: absent = not
// sent, null = clear (see InputField).
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json/object.hpp>

#include "unknot/people/patient_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::people {

// Decoding only (no validation); problems are added to `issues`.
ClinicInput DecodeClinicInput(const boost::json::object& body, IssueList& issues);
PatientInput DecodePatientInput(const boost::json::object& body, IssueList& issues);

// Decoding plus validation; Error::Invalid listing every issue on failure.
Result<ClinicFields> DecodeNewClinic(const boost::json::object& body);
Result<ClinicPatch> DecodeClinicPatch(const boost::json::object& body);
Result<PatientFields> DecodeNewPatient(const boost::json::object& body, const CalendarDate& today);
Result<PatientPatch> DecodePatientPatch(const boost::json::object& body, const CalendarDate& today);

// {"id","name","time_zone","require_mfa","safety_email","created_at","updated_at"}
boost::json::object EncodeClinic(const Clinic& clinic);
// {"id","clinic_id","version","given_name","family_name","preferred_name",
//  "birth_date","birth_date_precision","nhs_number","email","phone",
//  "created_at","updated_at"}; absent optional values are null.
boost::json::object EncodePatient(const Patient& patient);
// {"version","author","recorded_at","data"}, data being the stored snapshot.
// kInternal when the snapshot is not a JSON object (a corrupt row).
Result<boost::json::object> EncodePatientVersion(const PatientVersion& version);

}  // namespace unknot::people
