// Scores one set of answers against one instrument definition.
//
// Pure: no I/O, no clock, no state; safe from any thread. Bad answers
// (unknown item, out-of-range option, wrong type, duplicate) are reported as
// issues and then treated as unanswered. Unanswered items follow each
// scale's missing-answer rule from the definition and are always reported;
// they are never counted as zero. Item alerts (e.g. PHQ-9 item 9, kind
// safety) fire on the item's own answer whatever happens to the total.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/instrument_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

struct ScaleScore {
  std::string id;
  std::optional<double> score;  // nullopt: too many items missing for the scale's rule
  bool prorated = false;        // some items were missing and the rule made up for them
  int answered = 0;
  std::vector<std::string> missing;  // linkIds
};

struct FiredAlert {
  std::string id;
  AlertKind kind = AlertKind::kInfo;
  std::string message;
  std::vector<std::string> actions;
};

struct ScoreResult {
  std::string instrument;
  std::string version;
  ScaleScore total;
  std::vector<ScaleScore> subscales;
  std::optional<std::string> band;  // band id; nullopt when a scale it needs has no score
  std::optional<std::string> band_label;
  std::vector<FiredAlert> alerts;
  std::vector<Issue> issues;
};

// `answers` is either an array of {"linkId": …, "value": …} (the form that can
// show a duplicate) or an object {"<linkId>": value}. A choice item's value is
// an option code; an integer item's value a whole number; a text item's value
// a string; null means "not answered".
ScoreResult Score(const InstrumentDefinition& definition, const boost::json::value& answers);

boost::json::value ToJson(const ScoreResult& result);

}  // namespace unknot::assess
