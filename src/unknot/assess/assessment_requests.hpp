// Request bodies of the assessment routes, other than drafts (see
// answer_validation.hpp): a new pack, a response correction, an alert
// acknowledgement and the alert list's status filter. Each decoder reports
// every issue at once (Error::Invalid) with the member's path.
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/safety_alerts.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr std::string_view kDefaultPackTitle = "Questionnaires";
inline constexpr std::size_t kMinAcknowledgementNote = 10;  // code points, after trimming
inline constexpr std::size_t kMaxAcknowledgementNote = 2000;
inline constexpr std::size_t kMaxCorrectionReason = 500;

struct NewPack {
  std::string title;
  std::vector<std::string> instruments;
  bool body_map = false;
};

// {"instruments": [ids], "body_map"?: bool, "title"?: str|null}. Issues:
// required, wrong-type, too-few (empty list), too-many (> kMaxPackInstruments),
// unknown-instrument and duplicate (at `instruments[i]`), too-long,
// invalid-characters, unknown-field.
Result<NewPack> DecodeNewPack(const boost::json::object& body, const Registry& registry);

// {"note": str}: trimmed, kMinAcknowledgementNote–kMaxAcknowledgementNote
// code points. Returns the trimmed note.
Result<std::string> DecodeAcknowledgement(const boost::json::object& body);

struct CorrectionRequest {
  boost::json::object answers;  // checked against the definition, without nulls
  std::string reason;           // trimmed
};

// {"answers": {linkId: value} | [{linkId, value}], "reason": str}: the
// complete new answer set (at least one answer) and why it changed.
Result<CorrectionRequest> DecodeCorrection(const boost::json::object& body,
                                           const InstrumentDefinition& definition);

// ?status=open|acknowledged|all (absent: open); issue at `status` otherwise.
Result<AlertFilter> ParseAlertFilter(const std::optional<std::string>& status);

}  // namespace unknot::assess
