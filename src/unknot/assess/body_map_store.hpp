// Body maps (table `body_map`): painful regions and their intensity as a
// patient marked them, kept with the pack they came from. Append-only; the
// history over time is the list of rows.
//
// Thread-safety: free functions; the Session belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "unknot/assess/assessment_model.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

// `marks` must have passed validation (known regions, 0–10, no duplicates).
Result<BodyMapRecord> InsertBodyMap(db::Session& session, const Assessment& assessment,
                                    const std::vector<BodyMapMark>& marks, const UserRef& by,
                                    Instant now);

// One patient's body maps, newest first.
Result<std::vector<BodyMapRecord>> ListBodyMaps(db::Session& session, std::int64_t patient_id);

// The body map recorded with one pack, if any.
Result<std::optional<BodyMapRecord>> BodyMapOfAssessment(db::Session& session,
                                                         std::int64_t assessment_id);

}  // namespace unknot::assess
