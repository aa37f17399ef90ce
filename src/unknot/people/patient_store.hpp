// Patients in the database (tables `patient` and `patient_version`).
//
// Every create and every change appends a `patient_version` row — author,
// time and a JSON snapshot of the whole patient (the API's Patient document) —
// in the same write transaction, and bumps `patient.version`. A change that
// changes nothing writes nothing.
//
// Errors: kNotFound for an unknown clinic or patient; kConflict with an issue
// on `nhs_number` when another patient of the same clinic has that NHS number;
// kConflict when the caller's expected version is stale.
//
// Thread-safety: PatientStore holds references only and may be shared between
// threads; the Database and Clock must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "unknot/people/patient_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::people {

// Inserts a patient (version 1) and its first version row inside the caller's
// transaction; `fields` must have passed validation.
Result<Patient> InsertPatient(db::Session& session, const Clinic& clinic,
                              const PatientFields& fields, std::string_view author, Instant now);

// The patient with this public id, in the caller's transaction; kNotFound when none.
Result<Patient> GetPatient(db::Session& session, std::string_view uuid);
// PatientStore::Update in the caller's transaction (so an audit event can commit with it).
Result<Patient> UpdatePatient(db::Session& session, std::string_view uuid,
                              const PatientPatch& patch,
                              std::optional<std::int64_t> expected_version, std::string_view author,
                              Instant now);

struct PatientPage {
  std::vector<Patient> items;  // ordered by family name, given name, then creation
  std::int64_t total = 0;      // matching patients across all pages
};

class PatientStore final {
 public:
  PatientStore(db::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  Result<Patient> Create(std::string_view clinic_uuid, const PatientFields& fields,
                         std::string_view author) const;
  Result<Patient> Get(std::string_view uuid) const;
  // Patients of one clinic whose search name contains query.search.
  Result<PatientPage> List(std::string_view clinic_uuid, const PatientQuery& query) const;
  // Applies a validated merge patch. `expected_version` (from If-Match), when
  // given, must equal the stored version. Returns the patient as it now is.
  Result<Patient> Update(std::string_view uuid, const PatientPatch& patch,
                         std::optional<std::int64_t> expected_version,
                         std::string_view author) const;
  // Every version, newest first.
  Result<std::vector<PatientVersion>> History(std::string_view uuid) const;

 private:
  db::Database* db_;
  const Clock* clock_;
};

}  // namespace unknot::people
