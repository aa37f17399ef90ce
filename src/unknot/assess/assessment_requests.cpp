#include "unknot/assess/assessment_requests.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "unknot/assess/answer_validation.hpp"
#include "unknot/assess/content_json.hpp"
#include "unknot/people/text_rules.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

void CheckKnownKeys(const json::object& body, std::initializer_list<std::string_view> keys,
                    IssueList& issues) {
  for (const auto& entry : body) {
    if (std::find(keys.begin(), keys.end(), entry.key()) == keys.end()) {
      issues.Add(std::string(entry.key()), "unknown-field",
                 fmt::format("{} is not a field here.", std::string_view(entry.key())));
    }
  }
}

// Trimmed text of `min`–`max` code points, or nullopt after adding an issue.
// `one_line` refuses control characters (titles); notes may have line breaks.
std::optional<std::string> Text(const json::value* value, std::string_view path, std::size_t min,
                                std::size_t max, bool one_line, std::string_view what,
                                IssueList& issues) {
  if (value == nullptr || value->is_null()) {
    issues.Add(std::string(path), "required", fmt::format("{} is required.", what));
    return std::nullopt;
  }
  if (!value->is_string()) {
    issues.Add(std::string(path), "wrong-type", fmt::format("{} must be text.", what));
    return std::nullopt;
  }
  const std::string_view text = people::TrimSpace(value->as_string());
  const auto length = people::CountCodePoints(text);
  if (!length || (one_line && people::HasControlCharacter(text))) {
    issues.Add(std::string(path), "invalid-characters",
               fmt::format("{} has characters that cannot be stored.", what));
    return std::nullopt;
  }
  if (*length < min) {
    issues.Add(std::string(path), min <= 1 ? "required" : "too-short",
               min <= 1 ? fmt::format("{} is required.", what)
                        : fmt::format("{} needs at least {} characters.", what, min));
    return std::nullopt;
  }
  if (*length > max) {
    issues.Add(std::string(path), "too-long",
               fmt::format("{} must be at most {} characters.", what, max));
    return std::nullopt;
  }
  return std::string(text);
}

std::vector<std::string> DecodeInstruments(const json::value* value, const Registry& registry,
                                           IssueList& issues) {
  std::vector<std::string> out;
  if (value == nullptr || value->is_null()) {
    issues.Add("instruments", "required", "Choose at least one questionnaire.");
    return out;
  }
  const auto* array = value->if_array();
  if (array == nullptr) {
    issues.Add("instruments", "wrong-type", "instruments is a list of instrument ids.");
    return out;
  }
  if (array->empty()) issues.Add("instruments", "too-few", "Choose at least one questionnaire.");
  if (array->size() > kMaxPackInstruments) {
    issues.Add("instruments", "too-many",
               fmt::format("A pack holds at most {} questionnaires.", kMaxPackInstruments));
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = JsonPath("instruments", i);
    const auto* id = (*array)[i].if_string();
    if (id == nullptr) {
      issues.Add(path, "wrong-type", "Give the instrument's id, e.g. \"phq9\".");
    } else if (registry.Find(*id) == nullptr) {
      issues.Add(path, "unknown-instrument",
                 fmt::format("{} is not an instrument on this server.", std::string_view(*id)));
    } else if (!seen.insert(std::string(*id)).second) {
      issues.Add(path, "duplicate",
                 fmt::format("{} is in the list more than once.", std::string_view(*id)));
    } else {
      out.emplace_back(*id);
    }
  }
  return out;
}

}  // namespace

Result<NewPack> DecodeNewPack(const json::object& body, const Registry& registry) {
  IssueList issues;
  CheckKnownKeys(body, {"instruments", "body_map", "title"}, issues);
  NewPack pack;
  pack.instruments = DecodeInstruments(body.if_contains("instruments"), registry, issues);
  if (const auto* body_map = body.if_contains("body_map")) {
    if (body_map->is_bool()) {
      pack.body_map = body_map->as_bool();
    } else {
      issues.Add("body_map", "wrong-type", "body_map must be true or false.");
    }
  }
  pack.title = std::string(kDefaultPackTitle);
  const auto* title = body.if_contains("title");
  const bool blank =
      title != nullptr && title->is_string() && people::TrimSpace(title->as_string()).empty();
  if (title != nullptr && !title->is_null() && !blank) {
    if (auto text = Text(title, "title", 1, kMaxPackTitleLength, true, "The title", issues)) {
      pack.title = std::move(*text);
    }
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return pack;
}

Result<std::string> DecodeAcknowledgement(const json::object& body) {
  IssueList issues;
  CheckKnownKeys(body, {"note"}, issues);
  auto note = Text(body.if_contains("note"), "note", kMinAcknowledgementNote,
                   kMaxAcknowledgementNote, false, "A note of what you did", issues);
  if (!issues.empty() || !note) {
    return Error(ErrorCode::kInvalid,
                 "Say what you did, for example who you called. The alert stays open until "
                 "you do.",
                 issues.Take());
  }
  return std::move(*note);
}

Result<CorrectionRequest> DecodeCorrection(const json::object& body,
                                           const InstrumentDefinition& definition) {
  IssueList issues;
  CheckKnownKeys(body, {"answers", "reason"}, issues);
  CorrectionRequest out;
  if (const auto* answers = body.if_contains("answers"); answers && !answers->is_null()) {
    out.answers = CheckAnswers(definition, *answers, "answers", Strictness::kSubmit, issues);
    if (out.answers.empty() && issues.empty()) {
      issues.Add("answers", "required", "A corrected response needs at least one answer.");
    }
  } else {
    issues.Add("answers", "required", "Send the complete corrected answers.");
  }
  if (auto reason = Text(body.if_contains("reason"), "reason", 1, kMaxCorrectionReason, false,
                         "The reason for the correction", issues)) {
    out.reason = std::move(*reason);
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return out;
}

Result<AlertFilter> ParseAlertFilter(const std::optional<std::string>& status) {
  if (!status || *status == "open") return AlertFilter::kOpen;
  if (*status == "acknowledged") return AlertFilter::kAcknowledged;
  if (*status == "all") return AlertFilter::kAll;
  return Error::Invalid({{"status", "not-allowed", "status is open, acknowledged or all."}});
}

}  // namespace unknot::assess
