// Questionnaire packs in the database (table `assessment`, migration 0005).
//
// Every function runs inside the caller's transaction, so a state change, the
// responses and alerts it creates and its audit event commit together.
//
// State: sent → in_progress (a draft was saved) → completed; sent or
// in_progress → cancelled. A change from completed or cancelled, or against a
// stale draft_version, is kConflict (409, as for patients): the conditional
// UPDATE is the guard, so two concurrent writers cannot both win.
//
// Thread-safety: free functions; the Session belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/assessment_model.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

struct NewAssessment {
  std::int64_t clinic_id = 0;
  std::int64_t patient_id = 0;
  std::string patient_uuid;
  std::string title;
  std::vector<std::string> instruments;  // validated ids
  bool body_map = false;
  UserRef created_by;
};

// Status sent, an empty draft at draft_version 1.
Result<Assessment> InsertAssessment(db::Session& session, const NewAssessment& fields, Instant now);

// kNotFound when there is none.
Result<Assessment> GetAssessment(db::Session& session, std::string_view uuid);

// One patient's packs, newest first.
Result<std::vector<Assessment>> ListAssessments(db::Session& session, std::int64_t patient_id);

// kConflict unless the pack is sent or in progress (with the message saying which).
Result<void> CheckOpenForAnswers(const Assessment& assessment);

// Replaces the draft, bumps draft_version and marks the pack in_progress.
// `expected_version` (If-Match), when given, must match.
Result<Assessment> SaveDraft(db::Session& session, const Assessment& current, const Draft& draft,
                             std::optional<std::int64_t> expected_version, Instant now);

// The final answers become the draft and the pack is completed by `by`.
Result<Assessment> CompleteAssessment(db::Session& session, const Assessment& current,
                                      const Draft& draft,
                                      std::optional<std::int64_t> expected_version,
                                      const UserRef& by, Instant now);

Result<Assessment> CancelAssessment(db::Session& session, const Assessment& current, Instant now);

}  // namespace unknot::assess
