// Home programmes (Empower item 2): the dosage a clinician gives a library
// entry, the precaution check made before it is assigned, and adherence.
//
// Pure: no I/O, no clock. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/precautions.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

// Limits a dosage must keep: wide enough for any sensible prescription,
// narrow enough to catch a typo (300 reps) before the patient sees it.
struct DosageLimits {
  static constexpr int kMaxSets = 20;
  static constexpr int kMaxReps = 100;
  static constexpr int kMaxHoldSeconds = 600;
  static constexpr int kMaxTimesPerDay = 12;
  static constexpr int kMaxTimesPerWeek = 50;
  static constexpr int kMaxWeeks = 52;
};
inline constexpr std::size_t kMaxProgrammeNoteChars = 1000;

enum class DosagePeriod { kDay, kWeek };

struct Dosage {
  std::optional<int> sets;
  std::optional<int> reps;
  std::optional<int> hold_seconds;
  int times = 1;  // sessions per `per`
  DosagePeriod per = DosagePeriod::kDay;
  std::optional<int> weeks;  // for how long; nullopt: until the clinician ends it
  bool operator==(const Dosage&) const = default;
};

std::string_view ToString(DosagePeriod period);

// {sets?, reps?, hold_seconds?, times, per: "day"|"week", weeks?} (null means
// absent). Every issue goes to `issues` with paths under `path` ("dosage.reps"):
// wrong types, out of range, a missing times or per, unknown members.
Dosage DecodeDosage(const boost::json::value& value, const std::string& path, IssueList& issues);
// Every member present, null when absent.
boost::json::object EncodeDosage(const Dosage& dosage);

// The entry's precaution references that the patient's recorded precautions
// meet: "recent_surgery" matches any situation of that precaution,
// "pregnancy.positioning" only that situation. In the entry's order.
std::vector<std::string> MatchPrecautions(const std::vector<std::string>& entry_precautions,
                                          const std::vector<assess::PrecautionChoice>& patient);

// One item's life for adherence: active on start <= day < end (end is the day
// it was ended, or start + weeks; nullopt: still running), with the number of
// sessions marked done per day.
struct AdherenceInput {
  Dosage dosage;
  LocalDate start;
  std::optional<LocalDate> end;
  std::map<LocalDate, int> done;
};

struct Adherence {
  int done = 0;
  double expected = 0;
  std::optional<double> ratio;  // done / expected capped at 1; nullopt when nothing was expected
};

// The day after an item's last active day given when it was ended, if ever.
std::optional<LocalDate> ActiveUntil(const Dosage& dosage, LocalDate start,
                                     std::optional<LocalDate> ended_on);

// Sessions expected and done over from <= day <= to: per day, `times` each
// active day; per week, times / 7 each active day (pro rata, so a window that
// starts mid-week expects its share). Done sessions count only on active days
// and at most `times` a day.
Adherence ComputeAdherence(const AdherenceInput& item, LocalDate from, LocalDate to);
// The sum over items (ratio from the sums).
Adherence CombineAdherence(const std::vector<Adherence>& parts);

boost::json::object EncodeAdherence(const Adherence& adherence);

}  // namespace unknot::empower
