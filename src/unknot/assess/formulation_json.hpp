// The API's Formulation document: the patient part for everyone who may read
// the record, the clinician part for staff only (scores, bands, red flags and
// alerts never reach a patient — DESIGN §11).
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/formulation.hpp"
#include "unknot/assess/formulation_store.hpp"

namespace unknot::assess {

// The pure formulation's input: responses of instruments the registry no
// longer has are left out (their rules are gone with them).
FormulationInput FormulationInputFrom(const FormulationRecord& record, const Registry& registry);

// {"patient": {summary, drivers}} plus, with `clinician_part`,
// "clinician": {scores, body_map, red_flags, precautions, open_alerts}.
boost::json::object EncodeFormulation(const FormulationRecord& record, bool clinician_part,
                                      const AssessContent& content);

}  // namespace unknot::assess
