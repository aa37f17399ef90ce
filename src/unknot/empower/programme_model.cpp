#include "unknot/empower/programme_model.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/record_json.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

// A whole number in [min, max]; null or absent is nullopt. An out-of-range
// or non-integer value adds an issue and gives nullopt.
std::optional<int> ReadCount(const json::object& object, std::string_view key,
                             const std::string& path, int min, int max, IssueList& issues) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  const std::string at = assess::JsonPath(path, key);
  if (!value->is_int64() && !value->is_uint64()) {
    issues.Add(at, "not-an-integer", "Give a whole number.");
    return std::nullopt;
  }
  const bool in_range = value->is_int64() && value->as_int64() >= min && value->as_int64() <= max;
  if (!in_range) {
    issues.Add(at, "out-of-range", fmt::format("{} must be from {} to {}.", key, min, max));
    return std::nullopt;
  }
  return static_cast<int>(value->as_int64());
}

std::optional<DosagePeriod> ReadPeriod(const json::object& object, const std::string& path,
                                       IssueList& issues) {
  const auto* value = object.if_contains("per");
  const std::string at = assess::JsonPath(path, "per");
  if (value == nullptr || value->is_null()) {
    issues.Add(at, "required", "Say whether the times are per day or per week.");
    return std::nullopt;
  }
  if (value->is_string() && value->as_string() == "day") return DosagePeriod::kDay;
  if (value->is_string() && value->as_string() == "week") return DosagePeriod::kWeek;
  issues.Add(at, "invalid-period", "Give \"day\" or \"week\".");
  return std::nullopt;
}

int DaysBetween(LocalDate from, LocalDate to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

}  // namespace

std::string_view ToString(DosagePeriod period) {
  return period == DosagePeriod::kDay ? "day" : "week";
}

Dosage DecodeDosage(const json::value& value, const std::string& path, IssueList& issues) {
  Dosage dosage;
  if (!value.is_object()) {
    issues.Add(path, "wrong-type", "Give the dosage as an object.");
    return dosage;
  }
  const json::object& object = value.as_object();
  assess::ContentReader(issues).KnownKeys(
      object, path, {"sets", "reps", "hold_seconds", "times", "per", "weeks"});
  using L = DosageLimits;
  dosage.sets = ReadCount(object, "sets", path, 1, L::kMaxSets, issues);
  dosage.reps = ReadCount(object, "reps", path, 1, L::kMaxReps, issues);
  dosage.hold_seconds = ReadCount(object, "hold_seconds", path, 1, L::kMaxHoldSeconds, issues);
  dosage.weeks = ReadCount(object, "weeks", path, 1, L::kMaxWeeks, issues);
  const auto per = ReadPeriod(object, path, issues);
  dosage.per = per.value_or(DosagePeriod::kDay);
  // The cap on times depends on the period; an unknown period checks the wider one.
  const int max_times =
      dosage.per == DosagePeriod::kDay && per ? L::kMaxTimesPerDay : L::kMaxTimesPerWeek;
  const auto times = ReadCount(object, "times", path, 1, max_times, issues);
  const auto* given_times = object.if_contains("times");
  if (given_times == nullptr || given_times->is_null()) {
    issues.Add(assess::JsonPath(path, "times"), "required", "Say how many times.");
  }
  dosage.times = times.value_or(1);
  return dosage;
}

json::object EncodeDosage(const Dosage& dosage) {
  return json::object{{"sets", assess::JsonOrNull(dosage.sets)},
                      {"reps", assess::JsonOrNull(dosage.reps)},
                      {"hold_seconds", assess::JsonOrNull(dosage.hold_seconds)},
                      {"times", dosage.times},
                      {"per", ToString(dosage.per)},
                      {"weeks", assess::JsonOrNull(dosage.weeks)}};
}

std::vector<std::string> MatchPrecautions(const std::vector<std::string>& entry_precautions,
                                          const std::vector<assess::PrecautionChoice>& patient) {
  std::vector<std::string> matches;
  for (const auto& reference : entry_precautions) {
    const bool met = std::any_of(patient.begin(), patient.end(), [&](const auto& choice) {
      return reference == choice.precaution ||
             reference == choice.precaution + "." + choice.situation;
    });
    if (met) matches.push_back(reference);
  }
  return matches;
}

std::optional<LocalDate> ActiveUntil(const Dosage& dosage, LocalDate start,
                                     std::optional<LocalDate> ended_on) {
  std::optional<LocalDate> until = ended_on;
  if (dosage.weeks) {
    const LocalDate planned_end =
        std::chrono::sys_days(start) + std::chrono::days(7 * *dosage.weeks);
    if (!until || planned_end < *until) until = planned_end;
  }
  return until;
}

Adherence ComputeAdherence(const AdherenceInput& item, LocalDate from, LocalDate to) {
  Adherence out;
  const LocalDate first = std::max(from, item.start);
  // `to` is inclusive, `end` exclusive.
  LocalDate last = to;
  if (item.end &&
      std::chrono::sys_days(*item.end) - std::chrono::days(1) < std::chrono::sys_days(last)) {
    last = std::chrono::sys_days(*item.end) - std::chrono::days(1);
  }
  const int active_days = DaysBetween(first, last) + 1;
  if (active_days <= 0) return out;
  const double per_day =
      item.dosage.per == DosagePeriod::kDay ? item.dosage.times : item.dosage.times / 7.0;
  out.expected = per_day * active_days;
  for (auto it = item.done.lower_bound(first); it != item.done.end() && it->first <= last; ++it) {
    out.done += std::clamp(it->second, 0, item.dosage.times);
  }
  if (out.expected > 0) out.ratio = std::min(1.0, out.done / out.expected);
  return out;
}

Adherence CombineAdherence(const std::vector<Adherence>& parts) {
  Adherence out;
  for (const auto& part : parts) {
    out.done += part.done;
    out.expected += part.expected;
  }
  if (out.expected > 0) out.ratio = std::min(1.0, out.done / out.expected);
  return out;
}

json::object EncodeAdherence(const Adherence& adherence) {
  // Two decimals are plenty for "7 of 9.43 sessions" and keep the JSON short.
  const auto round2 = [](double v) { return std::round(v * 100.0) / 100.0; };
  return json::object{
      {"done", adherence.done},
      {"expected", assess::JsonNumber(round2(adherence.expected))},
      {"ratio", adherence.ratio ? assess::JsonNumber(round2(*adherence.ratio)) : json::value()}};
}

}  // namespace unknot::empower
