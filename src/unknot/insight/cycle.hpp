// The stress–pain cycle analysis of analytics_methods.md §3.1–3.6: from one
// patient's check-ins to one CycleRecord per pair — the 20 ordered lagged
// pairs (M1) and the 6 unordered same-day pairs (M2).
//
// Input rules (§3.1–3.2): one check-in per calendar date; when a date comes
// twice the last submission wins (by submitted_at when both have one, else
// the later in input order) and a data-quality issue is reported. Ratings
// outside 0–10 become missing and are reported. Nothing is imputed.
//
// Window and grid: the most recent `window_days` calendar days ending at the
// last check-in date (or from the first check-in if that is later); absent
// days are missing. A model row exists only when every value it needs sits on
// the right calendar offset (never row order). Sleep is re-indexed (§3.3):
// N_d = the sleep rating given on date d+1.
//
// Eligibility reason codes (the first that applies, in this order):
//   too_few_pairs, span_too_short, x_too_few_values, x_iqr_too_small,
//   x_one_value_dominates, y_too_few_values, y_iqr_too_small,
//   y_one_value_dominates, collinear, df_too_small, rank_deficient.
//
// Pure; thread-safe. docs/insight.md lists each choice the spec leaves open.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/insight/cycle_record.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {
struct CsvCheckIn;
}

namespace unknot::insight {

inline constexpr int kDefaultWindowDays = 120;
inline constexpr int kMinPairs = 28;  // below: tier insufficient, nothing computed
inline constexpr int kMinSpanDays = 35;
inline constexpr int kStandardPairs = 42;
inline constexpr int kEstablishedPairs = 60;
inline constexpr int kMinDf = 20;
inline constexpr double kMaxCollinearity = 0.9;
inline constexpr double kMaxShareOfOneValue = 0.8;
inline constexpr double kPrimaryQ = 0.05;
inline constexpr double kExploratoryQ = 0.10;
// A check-in submitted more than this long after the end of its date is late.
inline constexpr std::chrono::hours kLateAfter{36};

struct CycleCheckIn {
  std::chrono::year_month_day date;  // the patient's local calendar date
  std::optional<int> pain;
  std::optional<int> stress;
  std::optional<int> mood;
  std::optional<int> sleep;  // last night's sleep quality, as asked
  std::optional<int> tension;
  // When it was submitted, on the patient's local wall clock. When absent,
  // `late` says whether it was back-filled (absent: not late).
  std::optional<std::chrono::local_seconds> submitted_at;
  std::optional<bool> late;
};

struct CycleOptions {
  int window_days = kDefaultWindowDays;
  std::optional<std::string> patient_id;
  std::string run_id;
  std::string computed_at;  // RFC 3339; the caller owns the clock
};

struct CycleRun {
  std::string window_start;  // empty when there are no check-ins
  std::string window_end;
  int n_calendar_days = 0;
  // Hex SHA-256 of the canonical series: "unknot-insight-cycle-v1\n", then
  // "window,START,END\n", then for each check-in day in the window after
  // cleaning "YYYY-MM-DD,pain,stress,mood,sleep,tension,late\n" (empty when
  // missing; late 0 or 1).
  std::string reference_checksum;
  std::vector<CycleRecord> records;  // 20 M1 (x-major, variable order) then 6 M2
  std::vector<Issue> data_quality;   // duplicates and out-of-range values, path check_ins[i]
};

CycleRun AnalyseCycle(const std::vector<CycleCheckIn>& check_ins, const CycleOptions& options);

// True when `submitted_at` is more than 36 h after the end of `date`.
bool IsLateSubmission(std::chrono::year_month_day date, std::chrono::local_seconds submitted_at);

// A CSV row (Empower format) as analysis input; the CSV carries no
// submission time, so `late` is left absent.
CycleCheckIn FromCsv(const empower::CsvCheckIn& row);

// True for the 6 pre-specified primary pairs (§3.3).
bool IsPrimaryPair(Variable x, Variable y);

}  // namespace unknot::insight
