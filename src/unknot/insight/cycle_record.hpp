// The output record of the stress–pain cycle analysis: one per pair per run
// (analytics_methods.md §3.6), for the 20 lagged pairs (model M1) and the 6
// same-day pairs (model M2). The JSON encoder (cycle_json.hpp) writes exactly
// the §3.6 field names; absent numbers are null.
//
// Plain values; thread-safe to share once built.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace unknot::insight {

// The five daily ratings, in their native direction: higher is worse for
// pain, stress and tension; higher is better for mood and sleep (§3.1).
enum class Variable { kPain, kStress, kMood, kSleep, kTension };
enum class Model { kM1, kM2 };  // M1 lagged (k = 4), M2 same-day (k = 5)
enum class Tier { kInsufficient, kEarlyLook, kStandard, kEstablished };
enum class Family { kPrimary, kExploratory };
enum class Verdict { kClearPositive, kClearNegative, kUnclear, kNotShown };

// "pain" | "stress" | "mood" | "sleep" | "tension"
std::string_view ToString(Variable variable);
std::string_view ToString(Model model);    // "M1" | "M2"
std::string_view ToString(Tier tier);      // "insufficient" | "early_look" | …
std::string_view ToString(Family family);  // "primary" | "exploratory"
std::string_view ToString(Verdict verdict);

// The focal coefficient of a re-fitted variant (§3.4 sensitivity outputs).
struct CoefficientInterval {
  std::optional<double> coef_c;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
};

struct Sensitivity {
  CoefficientInterval no_trend;  // the same model without τ
  CoefficientInterval no_late;   // the same model without rows that use a late entry
};

// Field names and meanings follow §3.6. For M2 (same-day) records, `coef_c`
// and everything derived from it (se_*, t, p, q_bh, CI, partial_r, contrast)
// is the same-day coefficient d of X_t, and x_q25/x_q75 are quantiles of X_t;
// `x`/`y` then name the unordered pair in the patient's "y points per x point"
// direction. Every optional number is absent (JSON null) when it cannot be
// computed: too few rows, a rank-deficient design, or an undefined ratio.
struct CycleRecord {
  std::optional<std::string> patient_id;
  std::string run_id;
  std::string computed_at;   // RFC 3339 UTC
  std::string window_start;  // YYYY-MM-DD, inclusive
  std::string window_end;    // YYYY-MM-DD, inclusive
  Model model = Model::kM1;
  Variable x = Variable::kStress;
  Variable y = Variable::kPain;
  // "x(t-1)->y(t)" | "sleep(night before t)->y(t)" | "x(t)->sleep(night after t)";
  // M2 records use "x(t)~y(t)".
  std::string lag_definition;

  int n_pairs = 0;          // usable model rows in the window
  int n_calendar_days = 0;  // days in the window, first to last, inclusive
  double compliance_pct = 0;
  double late_entries_pct = 0;

  Tier tier = Tier::kInsufficient;
  bool eligible = false;
  std::string ineligible_reason;  // a reason code (cycle.hpp); empty when eligible

  std::optional<double> coef_c;
  std::optional<double> se_hc3;
  std::optional<double> se_nw;
  int nw_lag_L = 0;
  std::optional<double> se_used;  // max(se_hc3, se_nw)
  int df = 0;                     // n_pairs − k
  std::optional<double> t;
  std::optional<double> p;
  std::optional<double> q_bh;  // only for eligible pairs, within `family`
  Family family = Family::kExploratory;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  std::optional<double> partial_r;

  std::optional<double> x_q25;
  std::optional<double> x_q75;
  std::optional<double> contrast_delta;
  std::optional<double> contrast_ci_low;
  std::optional<double> contrast_ci_high;

  std::optional<double> ar_b;
  std::optional<double> ar_b_ci_low;
  std::optional<double> ar_b_ci_high;
  std::optional<double> trend_g;
  std::optional<double> bg_lm_p;
  std::optional<double> max_leverage;
  std::optional<double> collinearity_r;
  std::optional<double> missing_after_bad_day_or;
  std::optional<double> raw_mean_y_after_high_x;
  std::optional<double> raw_mean_y_after_low_x;

  Sensitivity sensitivity;

  Verdict verdict = Verdict::kNotShown;
  // wording: see wording.hpp — the analysis leaves both messages empty; the
  // §3.9 wording functions (another module) fill them from the finished records.
  std::string message_patient;
  std::string message_clinician;
  std::string software_version;    // UNKNOT_VERSION
  std::string reference_checksum;  // hex SHA-256 of the canonical input series (cycle.hpp)
};

}  // namespace unknot::insight
