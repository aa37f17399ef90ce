// Clinics in the database (table `clinic`).
//
// The free functions take a db::Session and run inside the caller's
// transaction, so other stores (patients, demo data) can compose them.
// ClinicStore runs each operation in a transaction of its own, for the API.
//
// Thread-safety: ClinicStore holds references only and may be shared between
// threads; the Database and Clock must outlive it.
#pragma once

#include <string_view>
#include <vector>

#include "unknot/people/patient_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::people {

// The clinic with this public id; kNotFound when there is none.
Result<Clinic> GetClinic(db::Session& session, std::string_view uuid);
// Every clinic, oldest first.
Result<std::vector<Clinic>> ListClinics(db::Session& session);
// Inserts a clinic with a new UUID; `fields` must have passed validation.
Result<Clinic> InsertClinic(db::Session& session, const ClinicFields& fields, Instant now);
// Applies a validated patch (kNotFound for an unknown clinic); a patch that
// changes nothing leaves the row untouched.
Result<Clinic> UpdateClinic(db::Session& session, std::string_view uuid, const ClinicPatch& patch,
                            Instant now);

class ClinicStore final {
 public:
  ClinicStore(db::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  Result<std::vector<Clinic>> List() const;
  Result<Clinic> Create(const ClinicFields& fields) const;
  Result<Clinic> Get(std::string_view uuid) const;
  // kNotFound for an unknown clinic. A patch that changes nothing leaves the
  // row (and updated_at) untouched.
  Result<Clinic> Update(std::string_view uuid, const ClinicPatch& patch) const;

 private:
  db::Database* db_;
  const Clock* clock_;
};

}  // namespace unknot::people
