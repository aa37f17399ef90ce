#include "unknot/assess/red_flags_content.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace unknot::assess {
namespace {

namespace json = boost::json;

// One table per enum: the file's spelling and the value, used both ways.
template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Urgency, 4> kUrgencies{{{Urgency::kEmergency, "999-ae"},
                                        {Urgency::kSameDay, "same-day"},
                                        {Urgency::kUrgentGp, "urgent-gp"},
                                        {Urgency::kRoutine, "routine"}}};
constexpr Names<FlagAnswer, 3> kAnswers{{{FlagAnswer::kPresent, "present"},
                                         {FlagAnswer::kAbsent, "absent"},
                                         {FlagAnswer::kUnsure, "unsure"}}};
constexpr Names<PrecautionResponse, 4> kResponses{
    {{PrecautionResponse::kDeferAndRefer, "defer-and-refer"},
     {PrecautionResponse::kNoMassage, "no-massage"},
     {PrecautionResponse::kModify, "modify"},
     {PrecautionResponse::kClearanceRequired, "clearance-required"}}};
constexpr Names<PressureCap, 3> kPressureCaps{{{PressureCap::kLight, "light"},
                                               {PressureCap::kLightModerate, "light-moderate"},
                                               {PressureCap::kGentleHolding, "gentle-holding"}}};

template <class E, std::size_t N>
std::string_view NameOf(const Names<E, N>& names, E value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return names.front().second;
}

template <class E, std::size_t N>
std::optional<E> ReadEnum(ContentReader& reader, const json::object& object, std::string_view key,
                          std::string_view path, const Names<E, N>& names, bool required = true) {
  const auto* value = object.if_contains(key);
  if (value != nullptr && value->is_string()) {
    for (const auto& [candidate, name] : names) {
      if (value->as_string() == name) return candidate;
    }
  }
  // Not found: let the reader report required / wrong-type / invalid-value.
  std::string list;
  for (const auto& entry : names) {
    list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", entry.second);
  }
  if (reader.String(object, key, path, required)) {
    reader.Fail(JsonPath(path, key), "invalid-value", fmt::format("Must be one of {}.", list));
  }
  return std::nullopt;
}

std::optional<RegionRule> ReadRegionRule(ContentReader& reader, const json::object& object,
                                         std::string_view key, std::string_view path,
                                         const std::set<std::string, std::less<>>* region_codes) {
  const auto* rule_object = reader.Object(object, key, path, false);
  if (rule_object == nullptr) return std::nullopt;
  const std::string at = JsonPath(path, key);
  reader.KnownKeys(*rule_object, at, {"area", "regions"});
  RegionRule rule;
  rule.area = reader.String(*rule_object, "area", at).value_or("");
  rule.regions = reader.Strings(*rule_object, "regions", at, false);
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < rule.regions.size(); ++i) {
    const auto& code = rule.regions[i];
    const std::string region_path = JsonPath(JsonPath(at, "regions"), i);
    if (!seen.insert(code).second) {
      reader.Fail(region_path, "duplicate-code", fmt::format("\"{}\" is listed twice.", code));
    }
    if (region_codes != nullptr && !region_codes->contains(code)) {
      reader.Fail(region_path, "unknown-region",
                  fmt::format("\"{}\" is not a body-map region code.", code));
    }
  }
  return rule;
}

void ReadAnswerStates(ContentReader& reader, const json::object& root, RedFlagsContent& content) {
  const auto* array = reader.Array(root, "answer_states", "");
  if (array == nullptr) return;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = JsonPath("answer_states", i);
    const auto* object = reader.ElementObject((*array)[i], path);
    if (object == nullptr) continue;
    reader.KnownKeys(*object, path, {"code", "label"});
    auto answer = ReadEnum(reader, *object, "code", path, kAnswers);
    auto label = reader.String(*object, "label", path);
    if (!answer) continue;
    if (!seen.insert(std::string(NameOf(kAnswers, *answer))).second) {
      reader.Fail(JsonPath(path, "code"), "duplicate-code", "This answer state is listed twice.");
    }
    content.answer_states.push_back(
        {*answer, std::string(NameOf(kAnswers, *answer)), label.value_or("")});
  }
  // The checklist's contract (reference §7): every flag is answered with one of three states.
  if (seen.size() != kAnswers.size()) {
    reader.Fail("answer_states", "incomplete", "Must list present, absent and unsure.");
  }
}

RedFlag ReadFlag(ContentReader& reader, const json::object& object, std::string_view path,
                 std::set<std::string, std::less<>>& seen, Instant now) {
  reader.KnownKeys(
      object, path,
      {"code", "name", "applies_when", "features", "notes", "actions", "treatment_restriction",
       "record_prompts", "sources", "last_reviewed", "review_due"});
  RedFlag flag;
  flag.code = reader.Code(object, "code", path, seen).value_or("");
  flag.name = reader.String(object, "name", path).value_or("");
  flag.applies_when = reader.String(object, "applies_when", path, false);
  std::set<std::string, std::less<>> feature_codes;
  if (const auto* features = reader.Array(object, "features", path, true, 1)) {
    const std::string here = JsonPath(path, "features");
    for (std::size_t i = 0; i < features->size(); ++i) {
      const std::string at = JsonPath(here, i);
      const auto* feature = reader.ElementObject((*features)[i], at);
      if (feature == nullptr) continue;
      reader.KnownKeys(*feature, at, {"code", "text"});
      flag.features.push_back({reader.Code(*feature, "code", at, feature_codes).value_or(""),
                               reader.String(*feature, "text", at).value_or("")});
    }
  }
  flag.notes = reader.Strings(object, "notes", path, false);
  if (const auto* actions = reader.Array(object, "actions", path, true, 1)) {
    const std::string here = JsonPath(path, "actions");
    for (std::size_t i = 0; i < actions->size(); ++i) {
      const std::string at = JsonPath(here, i);
      const auto* action = reader.ElementObject((*actions)[i], at);
      if (action == nullptr) continue;
      reader.KnownKeys(*action, at, {"urgency", "when", "instruction"});
      FlagAction entry;
      auto urgency = ReadEnum(reader, *action, "urgency", at, kUrgencies);
      entry.urgency = urgency.value_or(Urgency::kRoutine);
      entry.when = reader.String(*action, "when", at).value_or("");
      entry.instruction = reader.String(*action, "instruction", at).value_or("");
      // Clinicians read the list top-down: the most urgent action must come first.
      if (urgency && !flag.actions.empty() && *urgency < flag.actions.back().urgency) {
        reader.Fail(JsonPath(at, "urgency"), "out-of-order",
                    "List actions from the most urgent to the least urgent.");
      }
      flag.actions.push_back(std::move(entry));
    }
  }
  flag.treatment_restriction = reader.String(object, "treatment_restriction", path, false);
  flag.record_prompts = reader.Strings(object, "record_prompts", path, false);
  flag.sources = reader.Sources(object, path);
  if (auto review = reader.Review(object, path, now)) flag.review = *review;
  return flag;
}

PrecautionSituation ReadSituation(ContentReader& reader, const json::object& object,
                                  std::string_view path, std::set<std::string, std::less<>>& seen,
                                  const std::set<std::string, std::less<>>* region_codes) {
  reader.KnownKeys(
      object, path,
      {"code", "name", "guidance", "response", "escalation", "pressure_cap", "pressure_cap_area",
       "exclusion", "technique_exclusions", "record_fields", "notes"});
  PrecautionSituation situation;
  situation.code = reader.Code(object, "code", path, seen).value_or("");
  situation.name = reader.String(object, "name", path).value_or("");
  situation.guidance = reader.String(object, "guidance", path).value_or("");
  situation.response =
      ReadEnum(reader, object, "response", path, kResponses).value_or(PrecautionResponse::kModify);
  situation.escalation = ReadEnum(reader, object, "escalation", path, kUrgencies, false);
  situation.pressure_cap = ReadEnum(reader, object, "pressure_cap", path, kPressureCaps, false);
  situation.pressure_cap_area =
      ReadRegionRule(reader, object, "pressure_cap_area", path, region_codes);
  if (situation.pressure_cap_area && !object.contains("pressure_cap")) {
    reader.Fail(JsonPath(path, "pressure_cap_area"), "requires-field",
                "A pressure_cap_area needs a pressure_cap.");
  }
  situation.exclusion = ReadRegionRule(reader, object, "exclusion", path, region_codes);
  situation.technique_exclusions = reader.Strings(object, "technique_exclusions", path, false);
  situation.record_fields = reader.Strings(object, "record_fields", path, false);
  situation.notes = reader.Strings(object, "notes", path, false);
  return situation;
}

Precaution ReadPrecaution(ContentReader& reader, const json::object& object, std::string_view path,
                          std::set<std::string, std::less<>>& seen,
                          const std::set<std::string, std::less<>>* region_codes, Instant now) {
  reader.KnownKeys(
      object, path,
      {"code", "name", "summary", "situations", "sources", "last_reviewed", "review_due"});
  Precaution precaution;
  precaution.code = reader.Code(object, "code", path, seen).value_or("");
  precaution.name = reader.String(object, "name", path).value_or("");
  precaution.summary = reader.String(object, "summary", path).value_or("");
  std::set<std::string, std::less<>> situation_codes;
  if (const auto* situations = reader.Array(object, "situations", path, true, 1)) {
    const std::string here = JsonPath(path, "situations");
    for (std::size_t i = 0; i < situations->size(); ++i) {
      const std::string at = JsonPath(here, i);
      const auto* situation = reader.ElementObject((*situations)[i], at);
      if (situation == nullptr) continue;
      precaution.situations.push_back(
          ReadSituation(reader, *situation, at, situation_codes, region_codes));
    }
  }
  precaution.sources = reader.Sources(object, path);
  if (auto review = reader.Review(object, path, now)) precaution.review = *review;
  return precaution;
}

}  // namespace

Urgency RedFlag::MostUrgent() const {
  Urgency most = Urgency::kRoutine;
  for (const auto& action : actions) most = std::min(most, action.urgency);
  return most;
}

const RedFlag* RedFlagsContent::FindFlag(std::string_view code) const {
  for (const auto& flag : flags) {
    if (flag.code == code) return &flag;
  }
  return nullptr;
}

const Precaution* RedFlagsContent::FindPrecaution(std::string_view code) const {
  for (const auto& precaution : precautions) {
    if (precaution.code == code) return &precaution;
  }
  return nullptr;
}

std::string_view ToString(Urgency urgency) {
  return NameOf(kUrgencies, urgency);
}
std::string_view ToString(PressureCap cap) {
  return NameOf(kPressureCaps, cap);
}
std::string_view ToString(PrecautionResponse response) {
  return NameOf(kResponses, response);
}

Result<RedFlagsContent> ParseRedFlagsContent(std::string_view json_text,
                                             std::string_view /*file_name*/,
                                             const std::set<std::string, std::less<>>* region_codes,
                                             Instant now) {
  auto value = ParseContentJson(json_text);
  if (!value) return value.error();
  IssueList issues;
  ContentReader reader(issues);
  RedFlagsContent content;
  const auto* root = reader.Root(*value);
  if (root == nullptr) return Error::Invalid(issues.Take());
  reader.KnownKeys(*root, "", {"schema_version", "answer_states", "flags", "precautions"});
  reader.SchemaVersion(*root, kRedFlagsSchemaVersion);
  content.schema_version = kRedFlagsSchemaVersion;
  ReadAnswerStates(reader, *root, content);

  std::set<std::string, std::less<>> flag_codes;
  if (const auto* flags = reader.Array(*root, "flags", "", true, 1)) {
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const std::string path = JsonPath("flags", i);
      if (const auto* flag = reader.ElementObject((*flags)[i], path)) {
        content.flags.push_back(ReadFlag(reader, *flag, path, flag_codes, now));
      }
    }
  }
  std::set<std::string, std::less<>> precaution_codes;
  if (const auto* precautions = reader.Array(*root, "precautions", "", true, 1)) {
    for (std::size_t i = 0; i < precautions->size(); ++i) {
      const std::string path = JsonPath("precautions", i);
      if (const auto* precaution = reader.ElementObject((*precautions)[i], path)) {
        content.precautions.push_back(
            ReadPrecaution(reader, *precaution, path, precaution_codes, region_codes, now));
      }
    }
  }
  return FinishContent(std::move(content), issues);
}

Result<RedFlagsContent> LoadRedFlagsContent(const std::filesystem::path& content_dir,
                                            const std::set<std::string, std::less<>>& region_codes,
                                            Instant now) {
  const auto file = content_dir / "red_flags" / "red_flags.json";
  auto text = ReadContentFile(file);
  if (!text) return text.error();
  return ParseRedFlagsContent(*text, file.string(), &region_codes, now);
}

}  // namespace unknot::assess
