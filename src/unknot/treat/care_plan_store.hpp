// Care plans in the database (tables care_plan and care_plan_version,
// migration 0011), with what the plan shows beside them: the number of signed
// session notes and the patient's latest PSFS ratings.
//
// One current row per patient plus one version row per save (author, time,
// the whole plan), so no change overwrites history. Every function runs inside
// the caller's transaction, so a change and its audit event commit together.
// Thread-safety: free functions, no state.
//
// Errors: kConflict when the caller's expected version is stale (or another
// writer saved at the same moment).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/treat/care_plan.hpp"

namespace unknot::treat {

struct StoredCarePlan {
  std::int64_t version = 0;              // 0: no plan yet
  std::optional<CarePlanValues> values;  // nullopt when version is 0
  std::optional<assess::Author> updated_by;
  Instant updated_at = 0;
};

// The plan as the API shows it: the stored values and what is derived.
struct CarePlanView {
  StoredCarePlan plan;
  std::vector<std::optional<int>> current;  // per goal, the latest PSFS rating (or none)
  std::int64_t sessions_done = 0;
};

struct CarePlanVersion {
  std::int64_t version = 0;
  assess::Author author;
  Instant recorded_at = 0;
  CarePlanValues values;
};

// The current plan; version 0 and no values when none was ever saved.
Result<StoredCarePlan> GetCarePlan(db::Session& session, std::int64_t patient_id);

// The plan with its derived fields.
Result<CarePlanView> LoadCarePlanView(db::Session& session, std::int64_t patient_id);

// Saves `values` as the next version (a new version on every save).
// `expected_version` (from If-Match), when given, must equal the current
// version (0 before the first save), else kConflict.
Result<StoredCarePlan> SaveCarePlan(db::Session& session, const people::Patient& patient,
                                    const CarePlanValues& values,
                                    std::optional<std::int64_t> expected_version,
                                    const assess::Author& author, Instant now);

// Every version, newest first.
Result<std::vector<CarePlanVersion>> ListCarePlanVersions(db::Session& session,
                                                          std::int64_t patient_id);

// Signed session notes of the patient (table session_note, migration 0012);
// drafts do not count.
Result<std::int64_t> CountSignedSessions(db::Session& session, std::int64_t patient_id);

// The patient's PSFS responses' ratings, newest first.
Result<std::vector<PsfsRatings>> LoadPsfsRatings(db::Session& session, std::int64_t patient_id);

}  // namespace unknot::treat
