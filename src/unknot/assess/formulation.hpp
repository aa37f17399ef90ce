// The formulation (DESIGN A6): which drivers of the stress–pain cycle seem
// active for a patient, in plain words the patient can read.
//
// Pure: plain values in, plain values out; no I/O, no clock. Thread-safe.
//
// Each driver is read from the latest response of each instrument and the
// latest body map. Where an instrument definition has a rule for it, the
// threshold comes from the definition, not from this file:
//
//   mood     PHQ-9 alert rule `screen_positive` (total ≥ 10 as shipped),
//            PHQ-2 `screen_positive` (≥ 3), PHQ-4 `depression_positive` (≥ 3)
//   anxiety  GAD-7 `screen_positive` (≥ 10), GAD-2 `screen_positive` (≥ 3),
//            PHQ-4 `anxiety_positive` (≥ 3)
//   sleep    PHQ-9 item phq9_3 answered with an option scoring ≥ 2 ("more
//            than half the days"); no definition rule covers one item
//   pain     NPRS total ≥ 4 or PEG-3 total ≥ 4 (moderate pain on a 0–10
//            scale; neither definition has bands)
//   tension  3 or more body-map regions at intensity ≥ 4, or jaw, neck or
//            either shoulder at ≥ 4 (where stress tension usually sits)
//   stress   STarT Back band `high` (its psychosocial subscale rule), or
//            mood and anxiety both active
//
// A driver is "unknown" when nothing measured it (no such instrument, or the
// scale it needs has no score), "quiet" when measured and not active.
//
// The patient sentences use plain words: no numbers, no scores, no risk, no
// diagnosis (DESIGN §11: never show a patient a risk score).
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/instrument_model.hpp"
#include "unknot/assess/scoring.hpp"

namespace unknot::assess {

enum class Driver { kMood, kAnxiety, kSleep, kPain, kTension, kStress };
enum class DriverStatus { kUnknown, kQuiet, kActive };

std::string_view ToString(Driver driver);  // "mood", "anxiety", …

// The latest response of one instrument.
struct LatestResponse {
  const InstrumentDefinition* definition = nullptr;  // must not be null
  ScoreResult score;
  boost::json::object answers;  // linkId → value, as stored
};

struct RegionIntensity {
  std::string region;  // body-map code
  int intensity = 0;   // 0–10
};

struct FormulationInput {
  std::vector<LatestResponse> responses;                 // at most one per instrument
  std::optional<std::vector<RegionIntensity>> body_map;  // the latest body map, if any
};

struct DriverState {
  Driver driver = Driver::kMood;
  DriverStatus status = DriverStatus::kUnknown;
  std::string plain;  // one sentence for the patient

  bool active() const { return status == DriverStatus::kActive; }
};

struct Formulation {
  std::vector<std::string> summary;  // plain sentences, in reading order
  std::vector<DriverState> drivers;  // every driver, in Driver order
};

Formulation Formulate(const FormulationInput& input);

// Every sentence Formulate can ever produce, so a test can hold all of them
// to the plain-words rules.
std::vector<std::string> EveryPatientSentence();

}  // namespace unknot::assess
