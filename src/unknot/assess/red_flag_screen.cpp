#include "unknot/assess/red_flag_screen.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/content_json_encode.hpp"
#include "unknot/people/text_rules.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

std::optional<FlagAnswer> ParseAnswer(std::string_view code, const RedFlagsContent& content) {
  for (const auto& state : content.answer_states) {
    if (state.code == code) return state.answer;
  }
  return std::nullopt;
}

// Absent, null or only spaces: nothing was written.
bool IsBlank(const json::value* value) {
  if (value == nullptr || value->is_null()) return true;
  return value->is_string() && people::TrimSpace(value->as_string()).empty();
}

std::size_t ChecklistIndex(const RedFlagsContent& content, std::string_view code) {
  const auto found = std::find_if(content.flags.begin(), content.flags.end(),
                                  [code](const RedFlag& flag) { return flag.code == code; });
  return static_cast<std::size_t>(found - content.flags.begin());
}

json::value TextOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string(*text);
}

// One element of `answers`; nullopt when it has an issue.
std::optional<FlagAnswerRecord> DecodeAnswer(const json::value& element, const std::string& path,
                                             const RedFlagsContent& content,
                                             std::set<std::string>& seen, ContentReader& reader,
                                             IssueList& issues) {
  const json::object* object = reader.ElementObject(element, path);
  if (object == nullptr) return std::nullopt;
  reader.KnownKeys(*object, path, {"flag", "answer", "note", "action_taken"});
  FlagAnswerRecord record;
  bool ok = true;
  if (auto flag = reader.String(*object, "flag", path)) {
    if (content.FindFlag(*flag) == nullptr) {
      issues.Add(JsonPath(path, "flag"), "unknown-flag", "This flag is not on the checklist.");
      ok = false;
    } else if (!seen.insert(*flag).second) {
      issues.Add(JsonPath(path, "flag"), "duplicate", "Each flag is answered once.");
      ok = false;
    }
    record.flag = std::move(*flag);
  } else {
    ok = false;
  }
  std::vector<std::string_view> codes;
  for (const auto& state : content.answer_states) codes.push_back(state.code);
  if (auto answer = reader.String(*object, "answer", path)) {
    if (auto parsed = ParseAnswer(*answer, content)) {
      record.answer = *parsed;
    } else {
      issues.Add(JsonPath(path, "answer"), "invalid-value",
                 fmt::format("Must be one of \"{}\".", fmt::join(codes, "\", \"")));
      ok = false;
    }
  } else {
    ok = false;
  }
  record.note =
      ReadFreeText(object->if_contains("note"), JsonPath(path, "note"), kMaxFlagNoteLength, issues);
  const json::value* action = object->if_contains("action_taken");
  record.action_taken =
      ReadFreeText(action, JsonPath(path, "action_taken"), kMaxActionTakenLength, issues);
  if (ok && record.answer == FlagAnswer::kPresent && IsBlank(action)) {
    issues.Add(JsonPath(path, "action_taken"), "required",
               "Say what was done, e.g. 'Sent to A&E, called ahead'.");
  }
  if (!ok) return std::nullopt;
  return record;
}

}  // namespace

Result<std::vector<FlagAnswerRecord>> DecodeRedFlagAnswers(const json::object& body,
                                                           const RedFlagsContent& content) {
  IssueList issues;
  ContentReader reader(issues);
  reader.KnownKeys(body, "", {"answers"});
  std::vector<FlagAnswerRecord> records;
  if (const json::array* answers = reader.Array(body, "answers", "")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < answers->size(); ++i) {
      auto record =
          DecodeAnswer((*answers)[i], JsonPath("answers", i), content, seen, reader, issues);
      if (record) records.push_back(std::move(*record));
    }
    for (const auto& flag : content.flags) {
      if (!seen.contains(flag.code)) {
        issues.Add(
            "answers", "missing-flag",
            fmt::format("Answer \"{}\" ({}): present, absent or unsure.", flag.name, flag.code));
      }
    }
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  std::sort(records.begin(), records.end(), [&](const auto& a, const auto& b) {
    return ChecklistIndex(content, a.flag) < ChecklistIndex(content, b.flag);
  });
  return records;
}

std::string_view AnswerCode(FlagAnswer answer, const RedFlagsContent& content) {
  for (const auto& state : content.answer_states) {
    if (state.answer == answer) return state.code;
  }
  return "unsure";  // unreachable: the content parser insists on all three states
}

std::string StoredRedFlagAnswers(const std::vector<FlagAnswerRecord>& answers,
                                 const RedFlagsContent& content) {
  json::array out;
  for (const auto& answer : answers) {
    out.push_back(json::object{{"flag", answer.flag},
                               {"answer", AnswerCode(answer.answer, content)},
                               {"note", TextOrNull(answer.note)},
                               {"action_taken", TextOrNull(answer.action_taken)}});
  }
  return json::serialize(out);
}

Result<std::vector<FlagAnswerRecord>> ParseStoredRedFlagAnswers(std::string_view json_text,
                                                                const RedFlagsContent& content) {
  const auto corrupt = [] { return Error::Internal("red_flag_screen.answers is unreadable"); };
  boost::system::error_code ec;
  const json::value value = json::parse(json_text, ec);
  if (ec || !value.is_array()) return corrupt();
  std::vector<FlagAnswerRecord> records;
  for (const json::value& element : value.as_array()) {
    const json::object* object = element.if_object();
    if (object == nullptr) return corrupt();
    const json::value* flag = object->if_contains("flag");
    const json::value* answer = object->if_contains("answer");
    if (flag == nullptr || !flag->is_string() || answer == nullptr || !answer->is_string()) {
      return corrupt();
    }
    const auto parsed = ParseAnswer(answer->as_string(), content);
    if (!parsed) return corrupt();
    const auto text = [object](std::string_view key) -> std::optional<std::string> {
      const json::value* member = object->if_contains(key);
      if (member == nullptr || !member->is_string()) return std::nullopt;
      return std::string(member->as_string());
    };
    records.push_back(
        {std::string(flag->as_string()), *parsed, text("note"), text("action_taken")});
  }
  return records;
}

const FlagAction* MostUrgentAction(const RedFlag& flag) {
  const auto most = std::min_element(
      flag.actions.begin(), flag.actions.end(),
      [](const FlagAction& a, const FlagAction& b) { return a.urgency < b.urgency; });
  return most == flag.actions.end() ? nullptr : &*most;
}

json::object EncodeRedFlagScreen(const RedFlagScreen& screen, const RedFlagsContent& content) {
  json::array answers;
  json::array present;
  json::array unsure;
  for (const auto& answer : screen.answers) {
    const RedFlag* flag = content.FindFlag(answer.flag);
    json::value action = nullptr;
    json::value restriction = nullptr;
    if (flag != nullptr && answer.answer != FlagAnswer::kAbsent) {
      restriction = TextOrNull(flag->treatment_restriction);
    }
    if (flag != nullptr && answer.answer == FlagAnswer::kPresent) {
      if (const FlagAction* most = MostUrgentAction(*flag)) action = EncodeFlagAction(*most);
    }
    if (answer.answer == FlagAnswer::kPresent) present.emplace_back(answer.flag);
    if (answer.answer == FlagAnswer::kUnsure) unsure.emplace_back(answer.flag);
    answers.push_back(json::object{{"flag", answer.flag},
                                   {"name", flag != nullptr ? flag->name : answer.flag},
                                   {"answer", AnswerCode(answer.answer, content)},
                                   {"note", TextOrNull(answer.note)},
                                   {"action_taken", TextOrNull(answer.action_taken)},
                                   {"action", std::move(action)},
                                   {"treatment_restriction", std::move(restriction)}});
  }
  return {{"id", screen.uuid},
          {"recorded_at", FormatInstant(screen.recorded_at)},
          {"recorded_by", EncodeAuthor(screen.recorded_by)},
          {"answers", std::move(answers)},
          {"present", std::move(present)},
          {"unsure", std::move(unsure)}};
}

}  // namespace unknot::assess
