// Scored instrument responses (tables `instrument_response` and
// `instrument_response_version`). A response is never overwritten: a
// correction bumps `version` and appends a version row with its author, time
// and reason, in the caller's transaction.
//
// Errors: kNotFound for an unknown response; kConflict when the expected
// version is stale (409, as for patients).
//
// Thread-safety: free functions; the Session belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/assessment_model.hpp"
#include "unknot/assess/scoring.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

struct NewResponse {
  const Assessment* assessment = nullptr;
  std::string instrument;
  std::string instrument_version;
  std::optional<std::string> recall_period;
  boost::json::object answers;
  ScoreResult score;
  UserRef recorded_by;
};

// Version 1 plus its version row.
Result<ResponseRecord> InsertResponse(db::Session& session, const NewResponse& response,
                                      Instant now);

Result<ResponseRecord> GetResponse(db::Session& session, std::string_view uuid);

// One patient's responses, oldest first (completion time, then insertion),
// the order change is computed in; `instrument` narrows to one instrument.
Result<std::vector<ResponseRecord>> ListResponses(db::Session& session, std::int64_t patient_id,
                                                  std::optional<std::string_view> instrument = {});

struct Correction {
  boost::json::object answers;
  ScoreResult score;
  std::string reason;
  std::int64_t expected_version = 0;
  UserRef author;
};

// Rescored answers as the next version.
Result<ResponseRecord> CorrectResponse(db::Session& session, const ResponseRecord& current,
                                       const Correction& correction, Instant now);

// Every version, newest first.
Result<std::vector<ResponseVersion>> ResponseHistory(db::Session& session,
                                                     std::int64_t response_id);

}  // namespace unknot::assess
