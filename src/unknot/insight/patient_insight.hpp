// One patient's insight from their stored check-ins (Insight, DESIGN §2 I1–I3):
// the cycle records of every pair (analytics_methods §3, with the §3.9
// wording) and the flare episodes of §3.10, as two documents:
//
// - the patient's view: the three primary pairs in plain words with their
//   tier ("early look", "keep checking in — about N more days"), the daily
//   series for a simple chart and the periods of higher pain. No p-values,
//   q-values or diagnostics (§3.7);
// - the clinician's view: every §3.6 record, both-directions statements, the
//   episodes with their three days before and the daily baseline, and the
//   data-quality issues.
//
// Pure; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "unknot/empower/check_in_store.hpp"

namespace unknot::insight {

struct InsightRun {
  std::string patient_id;  // public uuid
  std::string run_id;
  std::string computed_at;  // RFC 3339
};

struct PatientInsight {
  std::string input_checksum;  // InsightInputChecksum of the records analysed
  boost::json::object patient_view;
  boost::json::object clinician_view;
};

// A hash of everything the analysis reads (dates, values, late flags) and of
// the software version, so a cached result is reused only for the same input
// and the same code.
std::string InsightInputChecksum(const std::vector<empower::CheckInRecord>& records);

// `records` in any order (ListCheckIns gives newest first).
PatientInsight AnalysePatient(const std::vector<empower::CheckInRecord>& records,
                              const InsightRun& run);

}  // namespace unknot::insight
