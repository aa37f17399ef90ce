#include "unknot/treat/care_plan.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "unknot/assess/record_json.hpp"
#include "unknot/people/text_rules.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;

struct FrequencyName {
  Frequency frequency;
  std::string_view name;
};
constexpr std::array<FrequencyName, 4> kFrequencies{{{Frequency::kWeekly, "weekly"},
                                                     {Frequency::kFortnightly, "fortnightly"},
                                                     {Frequency::kMonthly, "monthly"},
                                                     {Frequency::kAsNeeded, "as_needed"}}};

constexpr std::array<std::string_view, 6> kKnownKeys{
    "problems", "goals", "planned_sessions", "frequency", "programme_note", "review_date"};
constexpr std::array<std::string_view, 3> kGoalKeys{"activity", "baseline", "target"};

template <std::size_t N>
void CheckKnownKeys(const json::object& object, const std::string& prefix,
                    const std::array<std::string_view, N>& known, IssueList& issues) {
  for (const auto& member : object) {
    const std::string_view key = member.key();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      issues.Add(prefix + std::string(key), "unknown-field",
                 "This field is not part of a care plan.");
    }
  }
}

// A whole number in [min, max]; issues "required", "not-an-integer", "out-of-range".
std::optional<int> ReadInteger(const json::object& object, std::string_view key,
                               const std::string& path, int min, int max, IssueList& issues,
                               std::string_view required_message) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    issues.Add(path, "required", std::string(required_message));
    return std::nullopt;
  }
  std::optional<std::int64_t> number;
  if (value->is_int64()) number = value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= 1000) number = value->as_uint64();
  if (value->is_double()) {
    const double d = value->as_double();
    if (d == static_cast<double>(static_cast<std::int64_t>(d)) && d > -1e9 && d < 1e9) {
      number = static_cast<std::int64_t>(d);
    }
  }
  if (!number) {
    if (value->is_number()) {
      issues.Add(path, "out-of-range", fmt::format("Give a whole number from {} to {}.", min, max));
    } else {
      issues.Add(path, "not-an-integer",
                 fmt::format("Give a whole number from {} to {}.", min, max));
    }
    return std::nullopt;
  }
  if (*number < min || *number > max) {
    issues.Add(path, "out-of-range", fmt::format("Give a whole number from {} to {}.", min, max));
    return std::nullopt;
  }
  return static_cast<int>(*number);
}

// Required free text of 1..max_chars characters.
std::optional<std::string> ReadRequiredText(const json::value* value, const std::string& path,
                                            std::size_t max_chars, IssueList& issues,
                                            std::string_view required_message) {
  IssueList own;
  auto text = assess::ReadFreeText(value, path, max_chars, own);
  const bool had_issue = !own.empty();
  for (Issue& issue : own.Take()) issues.Add(issue.path, issue.code, issue.message);
  if (!text && !had_issue) issues.Add(path, "required", std::string(required_message));
  return text;
}

std::string Folded(std::string_view text) {
  std::string out(people::TrimSpace(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void DecodeProblems(const json::object& body, CarePlanValues& out, IssueList& issues) {
  const json::value* problems = body.if_contains("problems");
  if (problems == nullptr || problems->is_null()) {
    issues.Add("problems", "required", "List at least one problem the plan addresses.");
    return;
  }
  const json::array* list = problems->if_array();
  if (list == nullptr) {
    issues.Add("problems", "not-an-array", "Give the problems as a list of texts.");
    return;
  }
  if (list->size() < kMinProblems) {
    issues.Add("problems", "too-few", "List at least one problem the plan addresses.");
  } else if (list->size() > kMaxProblems) {
    issues.Add("problems", "too-many", fmt::format("List at most {} problems.", kMaxProblems));
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto text = ReadRequiredText(&(*list)[i], fmt::format("problems[{}]", i), kMaxProblemChars,
                                 issues, "Write the problem, or remove this line.");
    if (text) out.problems.push_back(std::move(*text));
  }
}

void DecodeGoals(const json::object& body, CarePlanValues& out, IssueList& issues) {
  const json::value* goals = body.if_contains("goals");
  if (goals == nullptr || goals->is_null()) {
    issues.Add("goals", "required", "Add at least one goal in the patient's own words.");
    return;
  }
  const json::array* list = goals->if_array();
  if (list == nullptr) {
    issues.Add("goals", "not-an-array", "Give the goals as a list.");
    return;
  }
  if (list->size() < kMinGoals) {
    issues.Add("goals", "too-few", "Add at least one goal in the patient's own words.");
  } else if (list->size() > kMaxGoals) {
    issues.Add("goals", "too-many",
               fmt::format("A plan has at most {} goals (the PSFS rates up to five activities).",
                           kMaxGoals));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string prefix = fmt::format("goals[{}]", i);
    const json::object* goal = (*list)[i].if_object();
    if (goal == nullptr) {
      issues.Add(prefix, "not-an-object", "Each goal needs an activity, a baseline and a target.");
      continue;
    }
    CheckKnownKeys(*goal, prefix + ".", kGoalKeys, issues);
    auto activity =
        ReadRequiredText(goal->if_contains("activity"), prefix + ".activity", kMaxActivityChars,
                         issues, "Write the activity in the patient's own words.");
    if (activity && !seen.insert(Folded(*activity)).second) {
      issues.Add(prefix + ".activity", "repeated-activity",
                 "This activity is already a goal; each goal needs a different activity.");
    }
    auto baseline =
        ReadInteger(*goal, "baseline", prefix + ".baseline", kMinGoalRating, kMaxGoalRating, issues,
                    "Give the patient's rating now, from 0 to 10.");
    auto target = ReadInteger(*goal, "target", prefix + ".target", kMinGoalRating, kMaxGoalRating,
                              issues, "Give the rating the patient aims for, from 0 to 10.");
    if (baseline && target) {
      // PSFS: higher means more able, so a goal aims above where the patient is now.
      if (*target == *baseline) {
        issues.Add(prefix + ".target", "same-as-baseline",
                   "The target must differ from the baseline: it is the ability the patient "
                   "aims for.");
      } else if (*target < *baseline) {
        issues.Add(prefix + ".target", "below-baseline",
                   "The target must be higher than the baseline (0 = unable, 10 = able as "
                   "before).");
      }
    }
    if (activity && baseline && target) {
      out.goals.push_back({std::move(*activity), *baseline, *target});
    }
  }
}

void DecodeReviewDate(const json::object& body, PlanDate today, CarePlanValues& out,
                      IssueList& issues) {
  const json::value* value = body.if_contains("review_date");
  if (value == nullptr || value->is_null()) {
    issues.Add("review_date", "required", "Give the date the plan will be reviewed.");
    return;
  }
  const json::string* text = value->if_string();
  const auto date = text ? ParsePlanDate(*text) : std::nullopt;
  if (!date) {
    issues.Add("review_date", "invalid-date", "Give a real date as YYYY-MM-DD.");
    return;
  }
  if (std::chrono::sys_days{*date} < std::chrono::sys_days{today}) {
    issues.Add("review_date", "in-the-past", "The review date cannot be in the past.");
    return;
  }
  const PlanDate latest = today + std::chrono::years{kMaxReviewYearsAhead};
  if (!latest.ok() || std::chrono::sys_days{*date} > std::chrono::sys_days{latest}) {
    issues.Add("review_date", "too-far-ahead",
               fmt::format("Review the plan within {} years.", kMaxReviewYearsAhead));
    return;
  }
  out.review_date = *date;
}

}  // namespace

std::string_view ToString(Frequency frequency) {
  for (const auto& entry : kFrequencies) {
    if (entry.frequency == frequency) return entry.name;
  }
  return "weekly";
}

std::optional<Frequency> FrequencyFromString(std::string_view text) {
  for (const auto& entry : kFrequencies) {
    if (entry.name == text) return entry.frequency;
  }
  return std::nullopt;
}

std::optional<PlanDate> ParsePlanDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    const char* begin = text.data() + from;
    const auto [end, error] = std::from_chars(begin, begin + length, value);
    if (error != std::errc() || end != begin + length) return std::nullopt;
    return value;
  };
  const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day) return std::nullopt;
  const PlanDate date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                      std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatPlanDate(PlanDate date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

CarePlanValues DecodeCarePlan(const json::object& body, PlanDate today, IssueList& issues) {
  CarePlanValues out;
  CheckKnownKeys(body, "", kKnownKeys, issues);
  DecodeProblems(body, out, issues);
  DecodeGoals(body, out, issues);
  if (auto sessions = ReadInteger(body, "planned_sessions", "planned_sessions", kMinPlannedSessions,
                                  kMaxPlannedSessions, issues,
                                  "Give the number of sessions planned, from 1 to 52.")) {
    out.planned_sessions = *sessions;
  }
  const json::value* frequency = body.if_contains("frequency");
  if (frequency == nullptr || frequency->is_null()) {
    issues.Add("frequency", "required", "Choose how often the sessions will be.");
  } else {
    const json::string* text = frequency->if_string();
    const auto parsed = text ? FrequencyFromString(*text) : std::nullopt;
    if (!parsed) {
      issues.Add("frequency", "invalid-option",
                 "Choose \"weekly\", \"fortnightly\", \"monthly\" or \"as_needed\".");
    } else {
      out.frequency = *parsed;
    }
  }
  out.programme_note = assess::ReadFreeText(body.if_contains("programme_note"), "programme_note",
                                            kMaxProgrammeNoteChars, issues);
  DecodeReviewDate(body, today, out, issues);
  return out;
}

json::object EncodeCarePlanValues(const CarePlanValues& values) {
  json::array problems;
  for (const auto& problem : values.problems) problems.emplace_back(problem);
  json::array goals;
  for (const auto& goal : values.goals) {
    goals.push_back(json::object{
        {"activity", goal.activity}, {"baseline", goal.baseline}, {"target", goal.target}});
  }
  return json::object{{"problems", std::move(problems)},
                      {"goals", std::move(goals)},
                      {"planned_sessions", values.planned_sessions},
                      {"frequency", ToString(values.frequency)},
                      {"programme_note", assess::JsonOrNull(values.programme_note)},
                      {"review_date", FormatPlanDate(values.review_date)}};
}

Result<CarePlanValues> ParseStoredCarePlan(std::string_view data_json) {
  const Error malformed = Error::Internal("care_plan.data is not a care plan document");
  boost::system::error_code ec;
  const json::value parsed = json::parse(data_json, ec);
  if (ec || !parsed.is_object()) return malformed;
  const json::object& object = parsed.as_object();
  CarePlanValues out;
  try {
    for (const auto& problem : object.at("problems").as_array()) {
      out.problems.emplace_back(problem.as_string());
    }
    for (const auto& item : object.at("goals").as_array()) {
      const json::object& goal = item.as_object();
      out.goals.push_back({std::string(goal.at("activity").as_string()),
                           static_cast<int>(goal.at("baseline").to_number<std::int64_t>()),
                           static_cast<int>(goal.at("target").to_number<std::int64_t>())});
    }
    out.planned_sessions =
        static_cast<int>(object.at("planned_sessions").to_number<std::int64_t>());
    const auto frequency = FrequencyFromString(object.at("frequency").as_string());
    if (!frequency) return malformed;
    out.frequency = *frequency;
    if (const auto* note = object.if_contains("programme_note"); note && note->is_string()) {
      out.programme_note = std::string(note->as_string());
    }
    const auto date = ParsePlanDate(object.at("review_date").as_string());
    if (!date) return malformed;
    out.review_date = *date;
  } catch (const std::exception&) {
    return malformed;
  }
  return out;
}

PsfsRatings PsfsRatingsFromAnswers(std::string_view answers_json) {
  PsfsRatings out;
  boost::system::error_code ec;
  const json::value parsed = json::parse(answers_json, ec);
  if (ec || !parsed.is_object()) return out;
  const json::object& answers = parsed.as_object();
  for (int n = 1; n <= static_cast<int>(kMaxGoals); ++n) {
    const json::value* activity = answers.if_contains(fmt::format("psfs_activity_{}", n));
    const json::value* rating = answers.if_contains(fmt::format("psfs_rating_{}", n));
    if (activity == nullptr || !activity->is_string() || rating == nullptr) continue;
    std::optional<int> value;
    if (rating->is_int64()) value = static_cast<int>(rating->as_int64());
    if (rating->is_uint64()) value = static_cast<int>(rating->as_uint64());
    if (rating->is_double()) value = static_cast<int>(rating->as_double());
    if (!value || *value < kMinGoalRating || *value > kMaxGoalRating) continue;
    out.ratings.emplace_back(std::string(activity->as_string()), *value);
  }
  return out;
}

std::optional<int> CurrentRating(std::string_view activity,
                                 const std::vector<PsfsRatings>& responses) {
  const std::string wanted = Folded(activity);
  for (const PsfsRatings& response : responses) {
    for (const auto& [text, rating] : response.ratings) {
      if (Folded(text) == wanted) return rating;
    }
  }
  return std::nullopt;
}

}  // namespace unknot::treat
