// The care plan (DESIGN §2 T2; issue 7 item 3): the patient's problems, goals
// in their own words on the PSFS scale (clinical reference §2.3: 0 = unable to
// do the activity, 10 = able to do it as before the problem), the planned
// number and frequency of sessions, how the home programme fits, and the
// review date. Decoding (every rule, every issue at once with its path), the
// stored JSON (migration 0011) and the API's JSON.
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::treat {

using PlanDate = std::chrono::year_month_day;

inline constexpr std::size_t kMinProblems = 1;
inline constexpr std::size_t kMaxProblems = 10;
inline constexpr std::size_t kMaxProblemChars = 300;
inline constexpr std::size_t kMinGoals = 1;
inline constexpr std::size_t kMaxGoals = 5;  // PSFS: up to five activities
inline constexpr std::size_t kMaxActivityChars = 200;
inline constexpr int kMinGoalRating = 0;
inline constexpr int kMaxGoalRating = 10;
inline constexpr int kMinPlannedSessions = 1;
inline constexpr int kMaxPlannedSessions = 52;
inline constexpr std::size_t kMaxProgrammeNoteChars = 2000;
inline constexpr int kMaxReviewYearsAhead = 2;

enum class Frequency { kWeekly, kFortnightly, kMonthly, kAsNeeded };

std::string_view ToString(
    Frequency frequency);  // "weekly" | "fortnightly" | "monthly" | "as_needed"
std::optional<Frequency> FrequencyFromString(std::string_view text);

// One goal: an activity the patient finds hard, in their words, with their
// rating now (baseline) and the rating they aim for (target), both PSFS 0–10.
struct CarePlanGoal {
  std::string activity;
  int baseline = 0;
  int target = 0;

  bool operator==(const CarePlanGoal&) const = default;
};

// What staff write. Everything the PUT body holds, nothing derived.
struct CarePlanValues {
  std::vector<std::string> problems;
  std::vector<CarePlanGoal> goals;
  int planned_sessions = 0;
  Frequency frequency = Frequency::kWeekly;
  std::optional<std::string> programme_note;
  PlanDate review_date{};

  bool operator==(const CarePlanValues&) const = default;
};

// A PUT body: {problems, goals: [{activity, baseline, target}], planned_sessions,
// frequency, programme_note?, review_date}. Every rule broken is added to
// `issues` with its path (`goals[1].target`); the result is only meaningful
// when no issue was added. `today` is the clinic's local date: a review date
// before it is refused, as is one more than kMaxReviewYearsAhead years ahead.
CarePlanValues DecodeCarePlan(const boost::json::object& body, PlanDate today, IssueList& issues);

// The values as stored in care_plan.data (and as the API shows them, apart
// from the derived fields): every member present, programme_note null when absent.
boost::json::object EncodeCarePlanValues(const CarePlanValues& values);
// The stored document back; kInternal when it is not one.
Result<CarePlanValues> ParseStoredCarePlan(std::string_view data_json);

// Strict YYYY-MM-DD of a real date.
std::optional<PlanDate> ParsePlanDate(std::string_view text);
std::string FormatPlanDate(PlanDate date);

// The PSFS ratings of one questionnaire: activity text → rating (0–10).
struct PsfsRatings {
  std::vector<std::pair<std::string, int>> ratings;
};
// The activities and ratings of a stored PSFS response's answers (linkId →
// value: psfs_activity_N text, psfs_rating_N integer). Unrated activities are left out.
PsfsRatings PsfsRatingsFromAnswers(std::string_view answers_json);

// The patient's latest rating of `activity` among `responses` (newest first),
// matched on the words ignoring case and surrounding spaces; nullopt when no
// response rated it.
std::optional<int> CurrentRating(std::string_view activity,
                                 const std::vector<PsfsRatings>& responses);

}  // namespace unknot::treat
