// Check-ins in the database (tables check_in, check_in_version and
// check_in_idempotency, migration 0006).
//
// One current row per patient and local date plus one version row per change
// (author, time, the values), so no edit overwrites history. Every function
// runs inside the caller's transaction, so a change and its audit event commit
// together. Thread-safety: free functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::empower {

struct CheckInRecord {
  std::int64_t id = 0;
  std::string uuid;
  LocalDate date;
  CheckInValues values;
  bool late = false;  // entered after its own date
  std::int64_t version = 0;
  assess::Author created_by;
  Instant created_at = 0;
  assess::Author updated_by;
  Instant updated_at = 0;
};

// A POST's Idempotency-Key and a hash of its body.
struct IdempotencyKey {
  std::string key;
  std::string request_hash;
};

// The clinic's IANA time zone (clinic.time_zone); kNotFound for no such clinic.
Result<std::string> ClinicTimeZone(db::Session& session, std::int64_t clinic_id);

// The record an earlier POST with this key stored, or nullopt when the key is
// new. kConflict when the key was used with a different body.
Result<std::optional<CheckInRecord>> FindIdempotentCheckIn(db::Session& session,
                                                           std::int64_t patient_id,
                                                           const IdempotencyKey& key);

// Stores a new check-in (version 1) and, with a key, its idempotency entry.
// kConflict when the patient already has one for `date`.
Result<CheckInRecord> InsertCheckIn(db::Session& session, const people::Patient& patient,
                                    LocalDate date, const CheckInValues& values, bool late,
                                    const std::string& author, Instant now,
                                    const std::optional<IdempotencyKey>& key = std::nullopt);

// Replaces the values of the check-in for `date` and appends a version.
// `expected_version` (If-Match), when given, must equal the stored version.
// Values equal to the stored ones write nothing and keep the version.
// kNotFound when there is no check-in for `date`; kConflict when stale.
Result<CheckInRecord> UpdateCheckIn(db::Session& session, std::int64_t patient_id, LocalDate date,
                                    const CheckInValues& values,
                                    std::optional<std::int64_t> expected_version,
                                    const std::string& author, Instant now);

// Check-ins with from <= date <= to (either bound optional), newest first.
Result<std::vector<CheckInRecord>> ListCheckIns(db::Session& session, std::int64_t patient_id,
                                                std::optional<LocalDate> from,
                                                std::optional<LocalDate> to);

Result<bool> CheckInExists(db::Session& session, std::int64_t patient_id, LocalDate date);

}  // namespace unknot::empower
