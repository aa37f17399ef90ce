// Turns a FHIR R4 Questionnaire, as published for LOINC forms, into an
// instrument definition of content/instruments/ (README there).
//
// FHIR carries items, LOINC codes, answer codes and ordinal scores, but not
// bands, alerts, missing-answer rules, recall periods, change parameters or a
// licence decision. The importer maps what FHIR carries, fills the rest with
// the strictest or emptiest value the schema allows, and lists each such gap
// in `unmapped` with its FHIR path so a person completes the file before it
// ships. Pure: no I/O; safe from any thread.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/instrument_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

struct FhirImportOptions {
  // Instrument id; default: derived from the Questionnaire's id or name.
  std::optional<std::string> id;
};

struct ImportResult {
  InstrumentDefinition definition;  // as ParseInstrument reads `json`
  boost::json::object json;         // the file form, for content/instruments/<id>.json
  // The Questionnaire's wording as a text overlay (OverlayText). The importer
  // cannot confirm a licence, so `json` ships no text; the clinic puts this in
  // its private content pack, or moves it into `json` once the licence is free.
  boost::json::object text_overlay;
  std::vector<Issue> unmapped;  // what FHIR did not carry or the importer skipped
};

// On failure the error lists every problem at once, each with a FHIR path
// (`item[2].answerOption[1]`), or a `definition.` path when the mapped
// definition breaks a schema rule.
Result<ImportResult> ImportFhirQuestionnaire(std::string_view json_text,
                                             const FhirImportOptions& options = {});

}  // namespace unknot::assess
