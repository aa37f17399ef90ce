// Care preferences in the database (tables care_preference and
// care_preference_version, migration 0010).
//
// One current row per patient who has any preference plus one version row per
// change (author, time, the whole document), so no change overwrites history.
// Every function runs inside the caller's transaction, so a change and its
// audit event commit together. Thread-safety: free functions, no state.
//
// Errors: kConflict when the caller's expected version is stale (or another
// writer changed the document at the same moment).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "unknot/platform/db/database.hpp"
#include "unknot/treat/care_preferences.hpp"

namespace unknot::treat {

// The current document with authors' names; version 0 and no fields when
// nothing was ever recorded.
Result<CarePreferences> GetCarePreferences(db::Session& session, std::int64_t patient_id);

// Applies `change` (ApplyCarePreferenceChange) as `author` from `side`.
// `expected_version` (from If-Match), when given, must equal the current
// version (0 before the first write). A change that alters nothing writes
// nothing and keeps the version, so a double-submitted form adds no history.
Result<CarePreferences> SaveCarePreferences(db::Session& session, std::int64_t patient_id,
                                            const CarePreferenceChange& change,
                                            std::optional<std::int64_t> expected_version,
                                            const Author& author, SetBy side, Instant now);

// Every version, newest first, with names.
Result<std::vector<CarePreferencesVersion>> ListCarePreferencesVersions(db::Session& session,
                                                                        std::int64_t patient_id);

}  // namespace unknot::treat
