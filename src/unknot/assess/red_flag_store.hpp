// Red-flag screens in the database (table red_flag_screen, migration 0005).
// Append-only: a new screen never changes an old one.
//
// Every function runs inside the caller's transaction, so a screen and its
// audit event commit together. Thread-safety: free functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "unknot/assess/red_flag_screen.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::assess {

// Appends a screen for `patient`; `answers` must have passed DecodeRedFlagAnswers.
Result<RedFlagScreen> InsertRedFlagScreen(db::Session& session, const people::Patient& patient,
                                          std::vector<FlagAnswerRecord> answers,
                                          const Author& recorded_by, Instant now,
                                          const RedFlagsContent& content);

// Every screen of the patient, newest first.
Result<std::vector<RedFlagScreen>> ListRedFlagScreens(db::Session& session, std::int64_t patient_id,
                                                      const RedFlagsContent& content);

// The current (newest) screen; nullopt when the patient was never screened.
Result<std::optional<RedFlagScreen>> LatestRedFlagScreen(db::Session& session,
                                                         std::int64_t patient_id,
                                                         const RedFlagsContent& content);

}  // namespace unknot::assess
