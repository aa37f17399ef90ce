// The red-flag checklist and the soft-tissue precautions as data
// (content/red_flags/red_flags.json; DESIGN A4, clinical reference §7 and §7b).
//
// ParseRedFlagsContent is pure; the result is immutable and safe to share
// between threads. Schema: content/red_flags/README.md.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/content_json.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr int kRedFlagsSchemaVersion = 1;

// The escalation targets of DESIGN A4, most urgent first.
enum class Urgency { kEmergency, kSameDay, kUrgentGp, kRoutine };

// The answer a clinician records for each flag. The file must list exactly these.
enum class FlagAnswer { kPresent, kAbsent, kUnsure };

struct FlagFeature {
  std::string code;
  std::string text;  // the question to ask or the sign to check, paraphrased
};

struct FlagAction {
  Urgency urgency = Urgency::kRoutine;
  std::string when;         // the condition, e.g. "New neurological deficit with a cancer history"
  std::string instruction;  // what to do, as the reference gives it
};

struct RedFlag {
  std::string code;  // "cauda_equina"
  std::string name;
  std::optional<std::string> applies_when;
  std::vector<FlagFeature> features;
  std::vector<std::string> notes;
  std::vector<FlagAction> actions;  // most urgent first
  std::optional<std::string> treatment_restriction;
  std::vector<std::string> record_prompts;
  std::vector<ContentSource> sources;
  ReviewDates review;

  Urgency MostUrgent() const;
};

struct AnswerState {
  FlagAnswer answer = FlagAnswer::kUnsure;
  std::string code;
  std::string label;
};

enum class PrecautionResponse { kDeferAndRefer, kNoMassage, kModify, kClearanceRequired };
enum class PressureCap { kLight, kLightModerate, kGentleHolding };

// Where a situation forbids or limits work. `regions` are body-map codes the
// clinician chooses from for this patient; empty means any region.
struct RegionRule {
  std::string area;  // "The operation site"
  std::vector<std::string> regions;
};

struct PrecautionSituation {
  std::string code;
  std::string name;
  std::string guidance;
  PrecautionResponse response = PrecautionResponse::kModify;
  std::optional<Urgency> escalation;
  std::optional<PressureCap> pressure_cap;
  std::optional<RegionRule> pressure_cap_area;  // where the cap applies; absent: everywhere
  std::optional<RegionRule> exclusion;
  std::vector<std::string> technique_exclusions;
  std::vector<std::string> record_fields;  // the reference's data fields, e.g. "surgery_date"
  std::vector<std::string> notes;
};

struct Precaution {
  std::string code;  // "pregnancy"
  std::string name;
  std::string summary;
  std::vector<PrecautionSituation> situations;
  std::vector<ContentSource> sources;
  ReviewDates review;
};

struct RedFlagsContent {
  int schema_version = 0;
  std::vector<AnswerState> answer_states;
  std::vector<RedFlag> flags;
  std::vector<Precaution> precautions;
  std::vector<Issue> warnings;  // review-overdue only

  const RedFlag* FindFlag(std::string_view code) const;
  const Precaution* FindPrecaution(std::string_view code) const;
};

// Validates everything and reports every issue with its JSON path (e.g.
// `precautions[3].situations[1].exclusion.regions[0]`): unknown fields, wrong
// types, missing fields, duplicate codes, unknown urgencies, answer states
// other than exactly present/absent/unsure, bad dates and region codes not in
// `region_codes` (nullptr skips that check, for when the region file itself
// failed). A review_due before `now` is a "review-overdue" warning.
// `file_name` is for the caller's reports only.
Result<RedFlagsContent> ParseRedFlagsContent(std::string_view json_text, std::string_view file_name,
                                             const std::set<std::string, std::less<>>* region_codes,
                                             Instant now);

// content_dir/red_flags/red_flags.json, checked against `region_codes`.
Result<RedFlagsContent> LoadRedFlagsContent(const std::filesystem::path& content_dir,
                                            const std::set<std::string, std::less<>>& region_codes,
                                            Instant now);

std::string_view ToString(Urgency urgency);  // "999-ae", "same-day", "urgent-gp", "routine"
std::string_view ToString(PressureCap cap);
std::string_view ToString(PrecautionResponse response);

}  // namespace unknot::assess
