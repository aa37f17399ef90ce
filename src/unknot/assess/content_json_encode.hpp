// The clinical content as the API sends it (api/openapi.yaml: Instrument,
// InstrumentSummary, CrisisContent, BodyMapContent, RedFlagsContent).
//
// The documents leave out what only the server needs (sources, LOINC codes,
// scoring internals such as reverse items and missing-answer rules) and keep
// what a screen shows or a client needs to validate answers before sending.
//
// Pure functions of immutable content; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/crisis_content.hpp"
#include "unknot/assess/instrument_model.hpp"
#include "unknot/assess/red_flags_content.hpp"

namespace unknot::assess {

// True when a patient can read every scored question. Instruments shipped
// scoring-only (PEG-3, PSFS, STarT Back) have no item text until a clinic
// overlays the text it is licensed for; until then they can only be entered
// by staff in clinic.
bool TextAvailable(const InstrumentDefinition& definition);

boost::json::object EncodeInstrumentSummary(const InstrumentDefinition& definition);
boost::json::object EncodeInstrument(const InstrumentDefinition& definition);

boost::json::object EncodeCrisisContent(const CrisisContent& crisis);
boost::json::object EncodeBodyMapContent(const BodyMapRegions& body_map);
boost::json::object EncodeRedFlagsContent(const RedFlagsContent& red_flags);

// {urgency, when, instruction}: shared with the recorded red-flag screens.
boost::json::object EncodeFlagAction(const FlagAction& action);

}  // namespace unknot::assess
