// Patients' precautions in the database (tables patient_precautions and
// patient_precautions_version, migration 0005).
//
// One current row per patient plus one version row per change (author, time,
// the whole list), so the history is never overwritten. Every function runs
// inside the caller's transaction, so a change and its audit event commit
// together. Thread-safety: free functions, no state.
//
// Errors: kConflict when the caller's expected version is stale (or another
// writer changed the list at the same moment).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "unknot/assess/precautions.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::assess {

// The current list; version 0 and no items when none was ever recorded.
Result<PatientPrecautions> GetPrecautions(db::Session& session, std::int64_t patient_id);

// Replaces the list with `items` (validated by DecodePrecautionChoices).
// `expected_version` (from If-Match), when given, must equal the current
// version (0 before the first write). A list equal to the current one writes
// nothing and keeps the version, so a double-submitted form adds no history.
Result<PatientPrecautions> ReplacePrecautions(db::Session& session, const people::Patient& patient,
                                              std::vector<PrecautionChoice> items,
                                              std::optional<std::int64_t> expected_version,
                                              const Author& author, Instant now);

}  // namespace unknot::assess
