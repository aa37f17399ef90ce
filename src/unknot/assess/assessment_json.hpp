// Response documents of the assessment routes (shapes in api/openapi.yaml):
// AssessmentSummary, Assessment, Response (with its Change), ResponseVersion,
// BodyMap and Alert. Instants use FormatInstant, as every other route does.
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <vector>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/assessment_model.hpp"
#include "unknot/assess/outcome_change.hpp"
#include "unknot/assess/safety_alerts.hpp"

namespace unknot::assess {

boost::json::object EncodeUser(const UserRef& user);

// `answered` counts the draft's answers; `question_count` the items of the
// pack's instruments (the body map is not a question).
boost::json::object EncodeSummary(const Assessment& assessment, const Registry& registry);

// Everything an Assessment document shows besides the pack itself.
struct AssessmentDetails {
  std::vector<ResponseRecord> patient_responses;  // the patient's, oldest first (for change)
  std::optional<BodyMapRecord> body_map;
  SafetyNotice safety;
};

boost::json::object EncodeAssessment(const Assessment& assessment, const AssessmentDetails& details,
                                     const AssessContent& content);

// The change of `oldest_first[index]` since the latest earlier response of
// the same instrument, version and recall period (outcome_change.hpp).
std::optional<OutcomeChange> ChangeSincePrevious(const std::vector<ResponseRecord>& oldest_first,
                                                 std::size_t index, const Registry& registry);

boost::json::object EncodeResponse(const ResponseRecord& response, const Registry& registry,
                                   const std::optional<OutcomeChange>& change);

// The responses `keep` selects, newest first, each with its change computed
// against all of `oldest_first`.
boost::json::array EncodeResponses(const std::vector<ResponseRecord>& oldest_first,
                                   const Registry& registry,
                                   const std::function<bool(const ResponseRecord&)>& keep);

boost::json::object EncodeResponseVersion(const ResponseVersion& version);

boost::json::object EncodeBodyMap(const BodyMapRecord& body_map, const BodyMapRegions& regions);

boost::json::object EncodeAlert(const AlertRecord& alert);

}  // namespace unknot::assess
