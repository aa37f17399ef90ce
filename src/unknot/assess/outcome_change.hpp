// Change between two scored responses of one instrument: direction, the
// minimal clinically important difference (MCID) and reliable change
// (Jacobson & Truax), as clinical_reference.md §6 describes.
//
// Rules:
// - No change is computed across instrument versions or recall periods (the
//   numbers would not mean the same thing), nor when either total is missing.
// - difference = current − previous; "better" follows change.direction
//   (higher_is_worse: a fall is better).
// - MCID: the definition may list several thresholds. The first entry's label
//   names the threshold used, and every entry with that label contributes its
//   points and/or percent (NPRS lists "general" as 2 points and as 30%). It is
//   met when the improvement is ≥ the points or ≥ the percent of the previous
//   score, whichever are given; a percent of a zero baseline is meaningless, so
//   with only a percent and a zero baseline `met` is unknown (nullopt).
// - Reliable change: |difference| ≥ threshold, where the threshold is the
//   configured one or, with only sd_baseline and reliability,
//   1.96 × sd × √2 × √(1 − r).
//
// Pure functions on plain values; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "unknot/assess/instrument_model.hpp"

namespace unknot::assess {

// What the comparison needs to know about one response.
struct ScoredResponse {
  std::string response_id;
  std::string instrument_version;
  std::optional<std::string> recall_period;
  std::optional<double> total;
};

enum class ChangeDirection { kBetter, kWorse, kSame };
enum class ReliableCategory { kImprovement, kNoChange, kDeterioration };

struct McidResult {
  std::optional<double> threshold_points;
  std::optional<double> threshold_percent;
  std::optional<bool> met;  // nullopt: no threshold applies to this baseline
  std::optional<std::string> label;
};

struct ReliableResult {
  double threshold = 0;
  ReliableCategory category = ReliableCategory::kNoChange;
};

struct OutcomeChange {
  std::string previous_response_id;
  double previous_total = 0;
  double difference = 0;  // current − previous
  ChangeDirection direction = ChangeDirection::kSame;
  std::optional<McidResult> mcid;                 // nullopt: the definition gives no MCID
  std::optional<ReliableResult> reliable_change;  // nullopt: no threshold can be derived
};

// nullopt when the two are not comparable (see the rules above).
std::optional<OutcomeChange> CompareResponses(const ChangeParameters& change,
                                              const ScoredResponse& previous,
                                              const ScoredResponse& current);

// The reliable-change threshold a definition gives or implies; nullopt when
// it gives neither a threshold nor both sd_baseline and a reliability in [0, 1].
std::optional<double> ReliableChangeThreshold(const ReliableChange& reliable);

std::string_view ToString(ChangeDirection direction);  // "better" | "worse" | "same"
std::string_view ToString(ReliableCategory category);  // "reliable_improvement" | …

// The API's Change document; null for nullopt.
boost::json::value ToJson(const std::optional<OutcomeChange>& change);

}  // namespace unknot::assess
