// Reads what the formulation is built from: the latest response of each
// instrument, the latest body map and, for staff, the latest red-flag screen,
// the precautions and the number of open safety alerts.
//
// Read-only: the responses, body maps and alerts are written by the
// assessment routes; this file only queries their tables (migration 0005).
// Every function runs inside the caller's transaction. Thread-safety: free
// functions, no state.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/formulation.hpp"
#include "unknot/assess/precautions.hpp"
#include "unknot/assess/red_flag_screen.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::assess {

struct RecordedResponse {
  std::string uuid;
  std::string instrument;
  std::optional<double> total;
  std::optional<std::string> band;
  std::optional<std::string> band_label;
  Instant completed_at = 0;
  ScoreResult score;  // total, subscales and band as stored (alerts and issues left out)
  boost::json::object answers;
};

struct RecordedBodyMap {
  std::string uuid;
  std::optional<std::string> assessment_uuid;
  Instant recorded_at = 0;
  Author recorded_by;
  std::vector<RegionIntensity> regions;
};

struct FormulationRecord {
  std::vector<RecordedResponse> latest_responses;  // one per instrument, newest first
  std::optional<RecordedBodyMap> body_map;
  // Read only with `clinician_part`: patients never receive them.
  std::optional<RedFlagScreen> red_flags;
  PatientPrecautions precautions;
  std::int64_t open_alerts = 0;
};

// kInternal when a stored JSON column is not what the assessment routes write.
Result<FormulationRecord> ReadFormulationRecord(db::Session& session, std::int64_t patient_id,
                                                bool clinician_part,
                                                const RedFlagsContent& content);

}  // namespace unknot::assess
