#include "unknot/assess/answer_validation.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <limits>
#include <set>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/content_json_encode.hpp"  // TextAvailable
#include "unknot/assess/scoring.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

// Scoring reports these for answers that are simply not there yet; they are
// the score's business, never a reason to refuse the input.
bool IsMissingAnswer(const Issue& issue, Strictness strictness) {
  if (issue.code == "missing-required" || issue.code == "missing-prorated" ||
      issue.code == "too-few-answers") {
    return true;
  }
  return issue.code == "missing-dependency" && strictness == Strictness::kDraft;
}

// Scoring names answer problems "answers…" (or a bare linkId for a missing
// dependency); re-root them under `path`.
std::string Reroot(const std::string& issue_path, std::string_view path) {
  constexpr std::string_view kAnswers = "answers";
  if (issue_path.starts_with(kAnswers)) {
    return std::string(path) + issue_path.substr(kAnswers.size());
  }
  return JsonPath(path, issue_path);
}

bool HasAnyAnswer(const json::value& answers) {
  if (const auto* object = answers.if_object()) {
    return std::any_of(object->begin(), object->end(),
                       [](const auto& entry) { return !entry.value().is_null(); });
  }
  if (const auto* array = answers.if_array()) {
    return std::any_of(array->begin(), array->end(), [](const json::value& entry) {
      const auto* object = entry.if_object();
      const auto* value = object ? object->if_contains("value") : nullptr;
      return value == nullptr || !value->is_null();
    });
  }
  return false;
}

void CheckKnownKeys(const json::object& object, std::string_view path,
                    std::initializer_list<std::string_view> keys, IssueList& issues) {
  for (const auto& entry : object) {
    if (std::find(keys.begin(), keys.end(), entry.key()) == keys.end()) {
      issues.Add(JsonPath(path, entry.key()), "unknown-field",
                 fmt::format("{} is not a field here.", std::string_view(entry.key())));
    }
  }
}

bool InPack(const PackShape& pack, std::string_view instrument) {
  return std::find(pack.instruments.begin(), pack.instruments.end(), instrument) !=
         pack.instruments.end();
}

void DecodeAnswers(const json::value& value, const PackShape& pack, const AssessContent& content,
                   Strictness strictness, Answerer answerer, Draft& draft, IssueList& issues) {
  const auto* object = value.if_object();
  if (object == nullptr) {
    issues.Add("answers", "wrong-type",
               "Answers are an object keyed by instrument id, e.g. {\"phq9\": {…}}.");
    return;
  }
  for (const auto& entry : *object) {
    const std::string instrument(entry.key());
    const std::string path = JsonPath("answers", instrument);
    if (!InPack(pack, instrument)) {
      issues.Add(path, "not-in-pack", fmt::format("{} is not part of this pack.", instrument));
      continue;
    }
    const InstrumentDefinition* definition = content.registry.Find(instrument);
    if (definition == nullptr) {
      issues.Add(path, "unknown-instrument",
                 fmt::format("{} is no longer available on this server.", instrument));
      continue;
    }
    if (answerer == Answerer::kPatient && !TextAvailable(*definition) &&
        HasAnyAnswer(entry.value())) {
      issues.Add(path, "staff-only",
                 fmt::format("{} is filled in with your clinician at the clinic, not online.",
                             definition->title));
      continue;
    }
    json::object answers = CheckAnswers(*definition, entry.value(), path, strictness, issues);
    if (!answers.empty()) draft.answers[instrument] = std::move(answers);
  }
}

void DecodeBodyMap(const json::value& value, const PackShape& pack, const AssessContent& content,
                   Draft& draft, IssueList& issues) {
  const auto* array = value.if_array();
  if (array == nullptr) {
    issues.Add("body_map", "wrong-type", "body_map is a list of {region, intensity}.");
    return;
  }
  if (!pack.body_map && !array->empty()) {
    issues.Add("body_map", "not-in-pack", "This pack has no body map.");
    return;
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = JsonPath("body_map", i);
    const auto* mark = (*array)[i].if_object();
    if (mark == nullptr) {
      issues.Add(path, "wrong-type", "Each body-map entry is an object {region, intensity}.");
      continue;
    }
    CheckKnownKeys(*mark, path, {"region", "intensity"}, issues);
    BodyMapMark out;
    bool ok = true;
    const auto* region = mark->if_contains("region");
    if (region == nullptr || !region->is_string()) {
      issues.Add(JsonPath(path, "region"), region ? "wrong-type" : "required",
                 "Give the region's code, e.g. \"neck\".");
      ok = false;
    } else if (content.body_map.Find(region->as_string()) == nullptr) {
      issues.Add(
          JsonPath(path, "region"), "unknown-region",
          fmt::format("{} is not a body-map region.", std::string_view(region->as_string())));
      ok = false;
    } else if (!seen.insert(std::string(region->as_string())).second) {
      issues.Add(
          JsonPath(path, "region"), "duplicate",
          fmt::format("{} is marked more than once.", std::string_view(region->as_string())));
      ok = false;
    } else {
      out.region = std::string(region->as_string());
    }
    const auto* intensity = mark->if_contains("intensity");
    // A uint64 is above INT64_MAX: whole, and out of range.
    const bool whole = intensity != nullptr && (intensity->is_int64() || intensity->is_uint64());
    const std::int64_t number =
        intensity != nullptr && intensity->is_int64() ? intensity->as_int64() : -1;
    if (!whole || number < 0 || number > kMaxBodyMapIntensity) {
      issues.Add(JsonPath(path, "intensity"),
                 intensity == nullptr ? "required" : (whole ? "out-of-range" : "wrong-type"),
                 fmt::format("Intensity is a whole number from 0 to {}.", kMaxBodyMapIntensity));
      ok = false;
    } else {
      out.intensity = static_cast<int>(number);
    }
    if (ok) draft.body_map.push_back(std::move(out));
  }
}

void DecodeRecall(const json::value& value, const PackShape& pack, const AssessContent& content,
                  Draft& draft, IssueList& issues) {
  const auto* object = value.if_object();
  if (object == nullptr) {
    issues.Add("recall", "wrong-type", "recall is an object keyed by instrument id.");
    return;
  }
  for (const auto& entry : *object) {
    const std::string instrument(entry.key());
    const std::string path = JsonPath("recall", instrument);
    const InstrumentDefinition* definition =
        InPack(pack, instrument) ? content.registry.Find(instrument) : nullptr;
    if (definition == nullptr) {
      issues.Add(path, "not-in-pack", fmt::format("{} is not part of this pack.", instrument));
      continue;
    }
    const auto& options = definition->recall_period.options;
    const auto* option = entry.value().if_string();
    if (option == nullptr ||
        std::find(options.begin(), options.end(), std::string_view(*option)) == options.end()) {
      issues.Add(path, option ? "not-allowed" : "wrong-type",
                 fmt::format("The recall period of {} is one of: {}.", instrument,
                             fmt::join(options, ", ")));
      continue;
    }
    draft.recall[instrument] = std::string(*option);
  }
}

}  // namespace

json::object CheckAnswers(const InstrumentDefinition& definition, const json::value& answers,
                          std::string_view path, Strictness strictness, IssueList& issues) {
  const ScoreResult scored = Score(definition, answers);
  bool refused = false;
  for (const Issue& issue : scored.issues) {
    if (IsMissingAnswer(issue, strictness)) continue;
    issues.Add(Reroot(issue.path, path), issue.code, issue.message);
    refused = true;
  }
  json::object out;
  if (refused) return out;  // the caller fails the whole input
  if (const auto* array = answers.if_array()) {
    for (const auto& entry : *array) {
      const auto& object = entry.as_object();  // Score checked the shape
      const auto* value = object.if_contains("value");
      if (value != nullptr && !value->is_null()) out[object.at("linkId").as_string()] = *value;
    }
  } else if (const auto* object = answers.if_object()) {
    for (const auto& entry : *object) {
      if (!entry.value().is_null()) out[entry.key()] = entry.value();
    }
  }
  return out;
}

Result<Draft> DecodeDraft(const json::object& body, const PackShape& pack,
                          const AssessContent& content, Strictness strictness, Answerer answerer) {
  IssueList issues;
  CheckKnownKeys(body, "", {"answers", "body_map", "recall"}, issues);
  Draft draft;
  if (const auto* answers = body.if_contains("answers")) {
    DecodeAnswers(*answers, pack, content, strictness, answerer, draft, issues);
  }
  if (const auto* body_map = body.if_contains("body_map")) {
    DecodeBodyMap(*body_map, pack, content, draft, issues);
  }
  if (const auto* recall = body.if_contains("recall")) {
    DecodeRecall(*recall, pack, content, draft, issues);
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return draft;
}

json::array EncodeMarks(const std::vector<BodyMapMark>& marks) {
  json::array out;
  for (const auto& mark : marks) {
    out.push_back(json::object{{"region", mark.region}, {"intensity", mark.intensity}});
  }
  return out;
}

std::vector<BodyMapMark> ParseMarks(const json::value& value) {
  std::vector<BodyMapMark> out;
  const auto* array = value.if_array();
  if (array == nullptr) return out;
  for (const auto& entry : *array) {
    const auto* object = entry.if_object();
    const auto* region = object ? object->if_contains("region") : nullptr;
    const auto* intensity = object ? object->if_contains("intensity") : nullptr;
    if (region == nullptr || !region->is_string() || intensity == nullptr ||
        !intensity->is_int64()) {
      continue;
    }
    out.push_back({std::string(region->as_string()), static_cast<int>(intensity->as_int64())});
  }
  return out;
}

json::object EncodeDraft(const Draft& draft) {
  json::object answers;
  for (const auto& [instrument, values] : draft.answers) answers[instrument] = values;
  json::object recall;
  for (const auto& [instrument, option] : draft.recall) recall[instrument] = option;
  return {{"answers", std::move(answers)},
          {"body_map", EncodeMarks(draft.body_map)},
          {"recall", std::move(recall)}};
}

Result<Draft> ParseStoredDraft(std::string_view json_text) {
  boost::system::error_code ec;
  const json::value value = json::parse(json_text, ec);
  const auto* object = ec ? nullptr : value.if_object();
  if (object == nullptr) return Error::Internal("assessment draft is not a JSON object");
  Draft draft;
  if (const auto* answers = object->if_contains("answers"); answers && answers->is_object()) {
    for (const auto& entry : answers->as_object()) {
      if (entry.value().is_object()) draft.answers[entry.key()] = entry.value().as_object();
    }
  }
  if (const auto* marks = object->if_contains("body_map")) draft.body_map = ParseMarks(*marks);
  if (const auto* recall = object->if_contains("recall"); recall && recall->is_object()) {
    for (const auto& entry : recall->as_object()) {
      if (entry.value().is_string()) draft.recall[entry.key()] = entry.value().as_string();
    }
  }
  return draft;
}

}  // namespace unknot::assess
