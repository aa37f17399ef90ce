#include "unknot/insight/cycle.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "unknot/empower/check_in_csv.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/insight/cycle_model.hpp"

namespace unknot::insight {
namespace {

using std::chrono::sys_days;

constexpr std::array<Variable, 5> kVariables{Variable::kPain, Variable::kStress, Variable::kMood,
                                             Variable::kSleep, Variable::kTension};
// The 6 same-day pairs as (x, y): y is the first of pain, mood, tension,
// stress, so the coefficient reads "pain points per stress point".
constexpr std::array<std::pair<Variable, Variable>, 6> kSameDayPairs{{
    {Variable::kStress, Variable::kPain},
    {Variable::kMood, Variable::kPain},
    {Variable::kTension, Variable::kPain},
    {Variable::kStress, Variable::kMood},
    {Variable::kTension, Variable::kMood},
    {Variable::kStress, Variable::kTension},
}};

std::optional<int> CheckInValue(const CycleCheckIn& c, Variable v) {
  switch (v) {
    case Variable::kPain: return c.pain;
    case Variable::kStress: return c.stress;
    case Variable::kMood: return c.mood;
    case Variable::kSleep: return c.sleep;
    case Variable::kTension: return c.tension;
  }
  return std::nullopt;
}

std::optional<int>& CheckInValue(CycleCheckIn& c, Variable v) {
  switch (v) {
    case Variable::kPain: return c.pain;
    case Variable::kStress: return c.stress;
    case Variable::kMood: return c.mood;
    case Variable::kSleep: return c.sleep;
    case Variable::kTension: return c.tension;
  }
  return c.pain;
}

// The cleaned calendar grid of the window: day 0 is window_start.
struct Grid {
  int days = 0;
  std::vector<bool> present;
  std::vector<bool> late;
  std::array<std::vector<std::optional<double>>, 5> values;  // by raw date, kVariables order

  const std::optional<double>& Raw(Variable v, int d) const {
    return values[static_cast<std::size_t>(v)][static_cast<std::size_t>(d)];
  }
  bool InRange(int d) const { return d >= 0 && d < days; }
};

// One value of the day-indexed series S_v(d) (§3.3): the rating of day d, or
// for sleep N_d, the night after day d, reported on date d+1. `date` receives
// the raw date the value was given on.
std::optional<double> Series(const Grid& grid, Variable v, int d, int& date) {
  date = v == Variable::kSleep ? d + 1 : d;
  if (!grid.InRange(date)) return std::nullopt;
  return grid.Raw(v, date);
}

struct PairRows {
  ModelRows rows;
  std::vector<bool> uses_late;  // a value of the row comes from a late entry
};

// M1: y = S_Y(t), y_lag = S_Y(t−1), x = S_X(t−1), except X→sleep, whose
// predictor is X_t (day t comes before the night after it). M2 (no sleep):
// adds x_now = X_t.
PairRows BuildRows(const Grid& grid, Variable x, Variable y, bool same_day) {
  PairRows out;
  const bool to_sleep = y == Variable::kSleep;
  for (int t = -1; t <= grid.days; ++t) {
    std::array<int, 4> dates{};
    const auto yt = Series(grid, y, t, dates[0]);
    const auto ylag = Series(grid, y, t - 1, dates[1]);
    const auto xp = Series(grid, x, to_sleep ? t : t - 1, dates[2]);
    std::optional<double> xnow;
    if (same_day) xnow = Series(grid, x, t, dates[3]);
    if (!yt || !ylag || !xp || (same_day && !xnow)) continue;
    bool late = false;
    for (int i = 0; i < (same_day ? 4 : 3); ++i) late = late || grid.late[dates[i]];
    out.rows.day.push_back(t);
    out.rows.y.push_back(*yt);
    out.rows.y_lag.push_back(*ylag);
    out.rows.x_lag.push_back(*xp);
    if (same_day) out.rows.x_now.push_back(*xnow);
    out.uses_late.push_back(late);
  }
  return out;
}

ModelRows WithoutLateRows(const PairRows& pair, bool same_day) {
  ModelRows rows;
  for (std::size_t i = 0; i < pair.rows.size(); ++i) {
    if (pair.uses_late[i]) continue;
    rows.day.push_back(pair.rows.day[i]);
    rows.y.push_back(pair.rows.y[i]);
    rows.y_lag.push_back(pair.rows.y_lag[i]);
    rows.x_lag.push_back(pair.rows.x_lag[i]);
    if (same_day) rows.x_now.push_back(pair.rows.x_now[i]);
  }
  return rows;
}

// "" when the column passes §3.5's spread rules, else the reason's suffix.
std::string SpreadProblem(const std::vector<double>& values) {
  std::map<double, int> counts;
  for (double v : values) ++counts[v];
  if (counts.size() < 3) return "too_few_values";
  if (QuantileType7(values, 0.75) - QuantileType7(values, 0.25) < 1) return "iqr_too_small";
  int most = 0;
  for (const auto& [value, count] : counts) most = std::max(most, count);
  if (most > kMaxShareOfOneValue * static_cast<double>(values.size())) {
    return "one_value_dominates";
  }
  return "";
}

Tier TierFor(int n_pairs) {
  if (n_pairs < kMinPairs) return Tier::kInsufficient;
  if (n_pairs < kStandardPairs) return Tier::kEarlyLook;
  if (n_pairs < kEstablishedPairs) return Tier::kStandard;
  return Tier::kEstablished;
}

// §3.6 lists the three lagged alignments only; M2 records need their own
// value, and "~" marks the same-day link as undirected.
std::string LagDefinition(Model model, Variable x, Variable y) {
  if (model == Model::kM2) return "x(t)~y(t)";
  if (x == Variable::kSleep) return "sleep(night before t)->y(t)";
  if (y == Variable::kSleep) return "x(t)->sleep(night after t)";
  return "x(t-1)->y(t)";
}

CoefficientInterval Interval(const std::optional<ModelFit>& fit) {
  if (!fit) return {};
  return {fit->focal.value, fit->focal.ci_low, fit->focal.ci_high};
}

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Odds ratio of "day t missing" (no pain rating) between days after a bad
// day (pain_{t−1} ≥ the window's Q75 of pain) and the other days after an
// observed day. Haldane–Anscombe (+0.5 in every cell) when a cell is zero;
// nullopt when no day is missing or either group is empty.
std::optional<double> MissingAfterBadDayOddsRatio(const Grid& grid) {
  std::vector<double> pain;
  for (int d = 0; d < grid.days; ++d) {
    if (grid.Raw(Variable::kPain, d)) pain.push_back(*grid.Raw(Variable::kPain, d));
  }
  if (pain.empty()) return std::nullopt;
  const double q75 = QuantileType7(pain, 0.75);
  double bad_missing = 0, bad_present = 0, other_missing = 0, other_present = 0;
  for (int d = 1; d < grid.days; ++d) {
    const auto& previous = grid.Raw(Variable::kPain, d - 1);
    if (!previous) continue;
    const bool missing = !grid.Raw(Variable::kPain, d).has_value();
    if (*previous >= q75) {
      (missing ? bad_missing : bad_present) += 1;
    } else {
      (missing ? other_missing : other_present) += 1;
    }
  }
  if (bad_missing + other_missing == 0) return std::nullopt;
  if (bad_missing + bad_present == 0 || other_missing + other_present == 0) return std::nullopt;
  if (bad_missing == 0 || bad_present == 0 || other_missing == 0 || other_present == 0) {
    bad_missing += 0.5;
    bad_present += 0.5;
    other_missing += 0.5;
    other_present += 0.5;
  }
  return (bad_missing * other_present) / (bad_present * other_missing);
}

std::string Sha256Hex(const std::string& text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::string hex;
  for (unsigned char byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

std::string Rating(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

void Analyse(const Grid& grid, const std::optional<double>& missing_or, CycleRecord& r) {
  const bool same_day = r.model == Model::kM2;
  const PairRows pair = BuildRows(grid, r.x, r.y, same_day);
  const ModelRows& rows = pair.rows;
  r.n_pairs = static_cast<int>(rows.size());
  r.tier = TierFor(r.n_pairs);
  const int k = same_day ? 5 : 4;
  r.df = r.n_pairs - k;
  const std::vector<double>& x_focal = same_day ? rows.x_now : rows.x_lag;

  // Eligibility, first failing rule wins.
  std::string reason;
  const auto fail = [&](std::string code) {
    if (reason.empty()) reason = std::move(code);
  };
  if (r.n_pairs < kMinPairs) fail("too_few_pairs");
  // Calendar span: from the earliest to the latest date whose values enter
  // the model (each row spans two dates), inclusive.
  if (r.n_pairs > 0 && rows.day.back() - rows.day.front() + 2 < kMinSpanDays) {
    fail("span_too_short");
  }
  if (r.n_pairs >= kMinPairs) {
    if (auto problem = SpreadProblem(x_focal); !problem.empty()) fail("x_" + problem);
    if (auto problem = SpreadProblem(rows.y); !problem.empty()) fail("y_" + problem);
    r.collinearity_r = Correlation(rows.y_lag, rows.x_lag);
    if (r.collinearity_r && std::fabs(*r.collinearity_r) > kMaxCollinearity) fail("collinear");
  }
  if (r.df < kMinDf) fail("df_too_small");

  std::optional<ModelFit> fit;
  if (r.n_pairs >= kMinPairs) {
    const ModelSpec spec{same_day, true, static_cast<double>(grid.days)};
    fit = FitModel(rows, spec);
    if (!fit) fail("rank_deficient");
  }
  r.eligible = reason.empty();
  r.ineligible_reason = reason;
  r.nw_lag_L = r.n_pairs > 0 ? NeweyWestLag(r.n_pairs) : 0;
  if (!fit) return;

  r.missing_after_bad_day_or = missing_or;
  const Estimate& c = fit->focal;
  r.coef_c = c.value;
  r.se_hc3 = c.se_hc3;
  r.se_nw = c.se_nw;
  r.se_used = c.se_used;
  r.t = c.t;
  r.p = c.p;
  r.ci_low = c.ci_low;
  r.ci_high = c.ci_high;
  r.partial_r = c.t / std::sqrt(c.t * c.t + fit->df);

  const double q25 = QuantileType7(x_focal, 0.25);
  const double q75 = QuantileType7(x_focal, 0.75);
  const double iqr = q75 - q25;
  r.x_q25 = q25;
  r.x_q75 = q75;
  r.contrast_delta = c.value * iqr;
  r.contrast_ci_low = c.ci_low * iqr;
  r.contrast_ci_high = c.ci_high * iqr;

  r.ar_b = fit->ar.value;
  r.ar_b_ci_low = fit->ar.ci_low;
  r.ar_b_ci_high = fit->ar.ci_high;
  r.trend_g = fit->trend_g;
  r.bg_lm_p = fit->bg_lm_p;
  r.max_leverage = fit->max_leverage;

  std::vector<double> after_high, after_low;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (x_focal[i] >= q75) after_high.push_back(rows.y[i]);
    if (x_focal[i] <= q25) after_low.push_back(rows.y[i]);
  }
  r.raw_mean_y_after_high_x = Mean(after_high);
  r.raw_mean_y_after_low_x = Mean(after_low);

  // Sensitivity: the same model without τ, and without rows that use a late
  // entry (only when at least kMinPairs rows remain; the minimum-data rule
  // applies to the variant too).
  r.sensitivity.no_trend =
      Interval(FitModel(rows, {same_day, false, static_cast<double>(grid.days)}));
  const ModelRows on_time = WithoutLateRows(pair, same_day);
  if (static_cast<int>(on_time.size()) >= kMinPairs) {
    r.sensitivity.no_late =
        Interval(FitModel(on_time, {same_day, true, static_cast<double>(grid.days)}));
  }
}

}  // namespace

bool IsLateSubmission(std::chrono::year_month_day date, std::chrono::local_seconds submitted_at) {
  const std::chrono::local_seconds end_of_date{std::chrono::local_days(date).time_since_epoch() +
                                               std::chrono::days(1)};
  return submitted_at > end_of_date + kLateAfter;
}

bool IsPrimaryPair(Variable x, Variable y) {
  const auto is = [&](Variable a, Variable b) { return (x == a && y == b) || (x == b && y == a); };
  return is(Variable::kStress, Variable::kPain) || is(Variable::kSleep, Variable::kPain) ||
         is(Variable::kMood, Variable::kPain);
}

CycleCheckIn FromCsv(const empower::CsvCheckIn& row) {
  CycleCheckIn c;
  c.date = row.date;
  c.pain = row.values.pain;
  c.stress = row.values.stress;
  c.mood = row.values.mood;
  c.sleep = row.values.sleep;
  c.tension = row.values.tension;
  return c;
}

CycleRun AnalyseCycle(const std::vector<CycleCheckIn>& check_ins, const CycleOptions& options) {
  CycleRun run;
  IssueList issues;

  // Clean: range checks, late flags, last submission per date.
  std::map<sys_days, std::pair<std::size_t, CycleCheckIn>> by_date;
  for (std::size_t i = 0; i < check_ins.size(); ++i) {
    CycleCheckIn c = check_ins[i];
    const std::string path = fmt::format("check_ins[{}]", i);
    for (Variable v : kVariables) {
      auto& value = CheckInValue(c, v);
      if (value && (*value < empower::kMinRating || *value > empower::kMaxRating)) {
        issues.Add(fmt::format("{}.{}", path, ToString(v)), "out-of-range",
                   "A rating outside 0–10 was treated as missing.");
        value.reset();
      }
    }
    if (c.submitted_at) c.late = IsLateSubmission(c.date, *c.submitted_at);
    const auto [at, fresh] = by_date.try_emplace(sys_days(c.date), i, c);
    if (fresh) continue;
    issues.Add(path + ".date", "duplicate-date",
               fmt::format("{} was submitted more than once; the last submission is used.",
                           empower::FormatLocalDate(c.date)));
    const CycleCheckIn& kept = at->second.second;
    const bool replace = kept.submitted_at && c.submitted_at ? *c.submitted_at >= *kept.submitted_at
                                                             : true;  // later in input order
    if (replace) at->second = {i, c};
  }
  run.data_quality = issues.Take();

  std::vector<CycleRecord> records;
  for (Variable x : kVariables) {
    for (Variable y : kVariables) {
      if (x == y) continue;
      CycleRecord r;
      r.model = Model::kM1;
      r.x = x;
      r.y = y;
      records.push_back(r);
    }
  }
  for (const auto& [x, y] : kSameDayPairs) {
    CycleRecord r;
    r.model = Model::kM2;
    r.x = x;
    r.y = y;
    records.push_back(r);
  }
  for (CycleRecord& r : records) {
    r.patient_id = options.patient_id;
    r.run_id = options.run_id;
    r.computed_at = options.computed_at;
    r.lag_definition = LagDefinition(r.model, r.x, r.y);
    r.family =
        r.model == Model::kM1 && IsPrimaryPair(r.x, r.y) ? Family::kPrimary : Family::kExploratory;
    r.software_version = UNKNOT_VERSION;
  }

  Grid grid;
  std::string canonical = "unknot-insight-cycle-v1\n";
  if (!by_date.empty()) {
    const sys_days last = by_date.rbegin()->first;
    const sys_days first =
        std::max(by_date.begin()->first, last - std::chrono::days(options.window_days - 1));
    grid.days = static_cast<int>((last - first).count()) + 1;
    grid.present.assign(grid.days, false);
    grid.late.assign(grid.days, false);
    for (auto& column : grid.values) column.assign(grid.days, std::nullopt);
    run.window_start = empower::FormatLocalDate(std::chrono::year_month_day(first));
    run.window_end = empower::FormatLocalDate(std::chrono::year_month_day(last));
    run.n_calendar_days = grid.days;
    canonical += fmt::format("window,{},{}\n", run.window_start, run.window_end);
    for (const auto& [date, entry] : by_date) {
      if (date < first) continue;
      const int d = static_cast<int>((date - first).count());
      const CycleCheckIn& c = entry.second;
      grid.present[d] = true;
      grid.late[d] = c.late.value_or(false);
      for (std::size_t v = 0; v < kVariables.size(); ++v) {
        const auto value = CheckInValue(c, kVariables[v]);
        if (value) grid.values[v][d] = *value;
      }
      canonical += fmt::format("{},{},{},{},{},{},{}\n", empower::FormatLocalDate(c.date),
                               Rating(c.pain), Rating(c.stress), Rating(c.mood), Rating(c.sleep),
                               Rating(c.tension), grid.late[d] ? 1 : 0);
    }
  }
  run.reference_checksum = Sha256Hex(canonical);

  const int present = static_cast<int>(std::count(grid.present.begin(), grid.present.end(), true));
  int late = 0;
  for (int d = 0; d < grid.days; ++d) late += grid.present[d] && grid.late[d] ? 1 : 0;
  const auto missing_or = MissingAfterBadDayOddsRatio(grid);

  for (CycleRecord& r : records) {
    r.window_start = run.window_start;
    r.window_end = run.window_end;
    r.n_calendar_days = grid.days;
    r.compliance_pct = grid.days > 0 ? 100.0 * present / grid.days : 0;
    r.late_entries_pct = present > 0 ? 100.0 * late / present : 0;
    r.reference_checksum = run.reference_checksum;
    Analyse(grid, missing_or, r);
  }

  // Benjamini–Hochberg within each family (§3.4), over the eligible pairs
  // only. Deviation: §3.4 names family sizes of 6 and 20; a pair that fails
  // §3.5 is never shown or tested, so counting it would only dilute the
  // correction for the pairs that are (docs/insight.md).
  for (Family family : {Family::kPrimary, Family::kExploratory}) {
    std::vector<std::size_t> members;
    std::vector<std::optional<double>> p;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (records[i].family != family || !records[i].eligible) continue;
      members.push_back(i);
      p.push_back(records[i].p);
    }
    const auto q = BenjaminiHochberg(p);
    for (std::size_t j = 0; j < members.size(); ++j) records[members[j]].q_bh = q[j];
  }

  for (CycleRecord& r : records) {
    const double threshold = r.family == Family::kPrimary ? kPrimaryQ : kExploratoryQ;
    if (!r.eligible) {
      r.verdict = Verdict::kNotShown;
    } else if (r.q_bh && *r.q_bh < threshold && (*r.ci_low > 0 || *r.ci_high < 0)) {
      r.verdict = *r.coef_c > 0 ? Verdict::kClearPositive : Verdict::kClearNegative;
    } else {
      r.verdict = Verdict::kUnclear;
    }
  }
  run.records = std::move(records);
  return run;
}

}  // namespace unknot::insight
