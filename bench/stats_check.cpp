// `make stats-check`: the simulation checks of analytics_methods.md §4.4 that
// concern the stress–pain cycle (size, recovery and coverage, shared trend,
// leftover autocorrelation, the naive comparator, FDR, missing data), run
// against the real estimator (insight/cycle_model.hpp) and, for FDR, the whole
// per-patient analysis (insight/cycle.hpp); then the §4.4 flare checks
// (insight/flare_simulation.hpp), which compare the rule's operating
// characteristics with the independent R simulation's
// (tests/insight/flare_operating_characteristics.csv; run from the
// repository root, as `make stats-check` does). Each check prints one line;
// the last line is "N passed, N failed"; the exit status is 1 on any failure.
//
// Data are daily 0–10 integers generated on the observed scale:
//   stress_t = R(5 + φx (stress_{t−1} − 5) + u_t),
//   pain_t   = R(5 + φy (pain_{t−1} − 5) + c (stress_{t−1} − 5) + e_t),
// R = round and clip to 0–10, u and e ~ N(0, 1.5²), so c is exactly the
// regression coefficient the model estimates (up to clipping). Seeds are
// fixed, so a run is reproducible. Usage: stats_check [REPLICATES] (2000).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "unknot/insight/cycle.hpp"
#include "unknot/insight/cycle_model.hpp"
#include "unknot/insight/flare_simulation.hpp"
#include "unknot/insight/student_t.hpp"

namespace {

using unknot::insight::FitModel;
using unknot::insight::ModelRows;
using unknot::insight::ModelSpec;

constexpr double kMissing = -1;
constexpr double kNoiseSd = 1.5;
constexpr int kBurnIn = 50;
constexpr const char* kFlareFigures = "tests/insight/flare_operating_characteristics.csv";

int replicates = 2000;
int passed = 0;
int failed = 0;

double Clip(double v) {
  return std::clamp(std::round(v), 0.0, 10.0);
}

struct Pair {
  std::vector<double> x, y;  // kMissing on days without a check-in
};

struct Design {
  int days = 91;  // calendar days; 91 complete days give 90 lag pairs
  double phi_x = 0.5;
  double phi_y = 0.4;
  double c = 0;
  double trend = 0;  // points of drift added to both series over the period
  double ma = 0;     // MA(1) coefficient of the pain errors
  double mcar = 0;   // share of days dropped at random
  double tail = 0;   // share of days dropped after pain ≥ its 80th percentile
};

Pair Simulate(const Design& d, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0, kNoiseSd);
  const int n = d.days + kBurnIn;
  std::vector<double> x(n, 5), y(n, 5);
  double previous_e = noise(rng);
  // The drift D(t) is 0 during burn-in, then linear up to `trend` points.
  const auto drift = [&](int t) {
    return t < kBurnIn ? 0.0 : d.trend * (t - kBurnIn) / std::max(1, d.days - 1);
  };
  for (int t = 1; t < n; ++t) {
    const double e = noise(rng);
    const double x_dev = x[t - 1] - 5 - drift(t - 1);
    x[t] = Clip(5 + drift(t) + d.phi_x * x_dev + noise(rng));
    y[t] = Clip(5 + drift(t) + d.phi_y * (y[t - 1] - 5 - drift(t - 1)) + d.c * x_dev + e +
                d.ma * previous_e);
    previous_e = e;
  }
  Pair p{std::vector<double>(x.begin() + kBurnIn, x.end()),
         std::vector<double>(y.begin() + kBurnIn, y.end())};
  std::uniform_real_distribution<double> u(0, 1);
  if (d.mcar > 0 || d.tail > 0) {
    std::vector<double> sorted = p.y;
    std::sort(sorted.begin(), sorted.end());
    const double q80 = unknot::insight::QuantileType7(sorted, 0.8);
    std::vector<bool> drop(p.y.size(), false);
    for (std::size_t t = 1; t + 1 < p.y.size(); ++t) {
      if (u(rng) < d.mcar) drop[t] = true;
      if (d.tail > 0 && p.y[t - 1] >= q80 && u(rng) < d.tail) drop[t] = true;
    }
    for (std::size_t t = 0; t < p.y.size(); ++t) {
      if (drop[t]) p.x[t] = p.y[t] = kMissing;
    }
  }
  return p;
}

// M1 rows for x → y on consecutive calendar days only.
ModelRows Rows(const Pair& p) {
  ModelRows rows;
  for (std::size_t t = 1; t < p.y.size(); ++t) {
    if (p.y[t] == kMissing || p.y[t - 1] == kMissing || p.x[t - 1] == kMissing) continue;
    rows.day.push_back(static_cast<int>(t));
    rows.y.push_back(p.y[t]);
    rows.y_lag.push_back(p.y[t - 1]);
    rows.x_lag.push_back(p.x[t - 1]);
  }
  return rows;
}

struct CellResult {
  int fitted = 0;
  int rejected = 0;
  int covered = 0;
  double sum_c = 0;
};

CellResult RunCell(const Design& design, std::uint64_t seed, bool trend = true) {
  std::mt19937_64 rng(seed);
  CellResult r;
  for (int i = 0; i < replicates; ++i) {
    const Pair p = Simulate(design, rng);
    const auto fit = FitModel(Rows(p), {false, trend, static_cast<double>(design.days)});
    if (!fit) continue;
    ++r.fitted;
    r.rejected += fit->focal.p < 0.05;
    r.covered += fit->focal.ci_low <= design.c && design.c <= fit->focal.ci_high;
    r.sum_c += fit->focal.value;
  }
  return r;
}

double Rate(int count, int total) {
  return total > 0 ? static_cast<double>(count) / total : 0;
}

void Report(bool ok, const std::string& line) {
  std::printf("%s  %s\n", ok ? "PASS" : "FAIL", line.c_str());
  std::fflush(stdout);
  (ok ? passed : failed) += 1;
}

void Info(const std::string& line) {
  std::printf("info  %s\n", line.c_str());
  std::fflush(stdout);
}

std::string Format(const char* format, auto... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, format, args...);
  return buffer;
}

void SizeChecks() {
  std::uint64_t seed = 1000;
  for (int pairs : {28, 42, 60, 90}) {
    for (double phi_x : {0.3, 0.5, 0.7}) {
      for (double phi_y : {0.3, 0.5, 0.7}) {
        const CellResult r = RunCell({pairs + 1, phi_x, phi_y, 0}, ++seed);
        const double size = Rate(r.rejected, r.fitted);
        const bool ok = pairs == 28 ? size <= 0.09 : size >= 0.03 && size <= 0.075;
        Report(ok, Format("size  T=%d φx=%.1f φy=%.1f: rejection %.4f (%s; %d fits)", pairs, phi_x,
                          phi_y, size, pairs == 28 ? "≤ 0.09" : "in [0.03, 0.075]", r.fitted));
      }
    }
  }
}

void RecoveryChecks() {
  std::uint64_t seed = 2000;
  for (int pairs : {42, 60, 90}) {
    for (double c : {0.2, 0.4}) {
      const CellResult r = RunCell({pairs + 1, 0.5, 0.4, c}, ++seed);
      const double bias = r.sum_c / r.fitted - c;
      const double coverage = Rate(r.covered, r.fitted);
      Report(std::fabs(bias) <= 0.02 && coverage >= 0.93 && coverage <= 0.97,
             Format("recovery  T=%d c=%.1f b=0.4: mean ĉ − c = %+.4f (|·| ≤ 0.02), coverage "
                    "%.4f (in [0.93, 0.97]); power %.3f",
                    pairs, c, bias, coverage, Rate(r.rejected, r.fitted)));
    }
  }
}

void SharedTrendChecks() {
  std::uint64_t seed = 3000;
  for (int pairs : {42, 60, 90}) {
    const Design design{pairs + 1, 0.5, 0.4, 0, 3.0};
    const CellResult with = RunCell(design, ++seed, true);
    const CellResult without = RunCell(design, seed, false);
    const double size = Rate(with.rejected, with.fitted);
    Report(size >= 0.03 && size <= 0.075,
           Format("shared trend  T=%d, both drift 3 points, no link: rejection with τ %.4f "
                  "(in [0.03, 0.075]); without τ %.4f",
                  pairs, size, Rate(without.rejected, without.fitted)));
  }
}

void LeftoverAutocorrelationChecks() {
  std::uint64_t seed = 4000;
  for (int pairs : {42, 60, 90}) {
    Design design{pairs + 1, 0.5, 0.4, 0};
    design.ma = 0.6;
    const CellResult r = RunCell(design, ++seed);
    const double size = Rate(r.rejected, r.fitted);
    Report(size <= 0.08, Format("leftover autocorrelation  T=%d, MA(0.6) errors: rejection "
                                "%.4f (≤ 0.08)",
                                pairs, size));
  }
}

// Same-day Pearson correlation of the two series, tested with t(n − 2): the
// naive method of §1.1 that the model must not behave like.
void NaiveComparatorChecks() {
  std::uint64_t seed = 5000;
  for (int pairs : {42, 90}) {
    const Design design{pairs + 1, 0.7, 0.7, 0};
    std::mt19937_64 rng(++seed);
    int naive = 0, model = 0, fitted = 0;
    for (int i = 0; i < replicates; ++i) {
      const Pair p = Simulate(design, rng);
      const auto r = unknot::insight::Correlation(p.x, p.y);
      if (r) {
        const double n = static_cast<double>(p.x.size());
        const double t = *r * std::sqrt((n - 2) / (1 - *r * *r));
        naive += unknot::insight::StudentTTwoSidedP(t, n - 2) < 0.05;
      }
      const auto fit = FitModel(Rows(p), {false, true, static_cast<double>(design.days)});
      if (!fit) continue;
      ++fitted;
      model += fit->focal.p < 0.05;
    }
    const double naive_rate = Rate(naive, replicates);
    const double model_rate = Rate(model, fitted);
    Report(naive_rate >= model_rate + 0.05 && model_rate <= 0.075,
           Format("naive comparator  T=%d φ=0.7: same-day Pearson rejects %.4f, the model "
                  "%.4f (Pearson must be ≥ 0.05 higher; the model ≤ 0.075)",
                  pairs, naive_rate, model_rate));
  }
}

// Five independent AR(0.5) ratings with 0–3 planted lagged links (c = 0.4),
// analysed by the full per-patient pipeline. Links have distinct sources and
// no variable is both a source and a target, so every other pair (M1 and M2)
// is a true null. FDR = mean over patients of false / max(1, discoveries),
// discoveries being q_bh below the family threshold.
void FdrCheck() {
  using unknot::insight::Variable;
  std::mt19937_64 rng(6000);
  std::normal_distribution<double> noise(0, kNoiseSd);
  std::uniform_int_distribution<int> pick(0, 4);
  const int days = 90;
  double fdp_sum[2] = {0, 0};
  int discoveries[2] = {0, 0};
  int true_found = 0, true_total = 0;
  for (int i = 0; i < replicates; ++i) {
    const int links = i % 4;
    std::vector<std::pair<int, int>> planted;
    std::vector<int> role(5, 0);  // 1 source, 2 target
    while (static_cast<int>(planted.size()) < links) {
      const int from = pick(rng), to = pick(rng);
      if (from == to || role[from] != 0 || role[to] == 1) continue;
      role[from] = 1;
      role[to] = 2;
      planted.emplace_back(from, to);
    }
    std::vector<std::vector<double>> v(5, std::vector<double>(days + kBurnIn, 5));
    // Sleep (k = 3) is generated last: the night after day t follows day t's
    // ratings (X_t → N_t, §3.3); every other link is day t−1 → day t.
    for (int t = 1; t < days + kBurnIn; ++t) {
      for (int k : {0, 1, 2, 4, 3}) {
        double value = 5 + 0.5 * (v[k][t - 1] - 5) + noise(rng);
        for (const auto& [from, to] : planted) {
          if (to == k) value += 0.4 * (v[from][k == 3 ? t : t - 1] - 5);
        }
        v[k][t] = Clip(value);
      }
    }
    std::vector<unknot::insight::CycleCheckIn> check_ins;
    for (int t = 0; t < days; ++t) {
      unknot::insight::CycleCheckIn c;
      c.date = std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(20000 + t)));
      const auto at = [&](int k) { return static_cast<int>(v[k][t + kBurnIn]); };
      // Variable order: pain, stress, mood, sleep, tension. Sleep is given
      // one date later than the night it describes (§3.3), so N_t is v[3][t]
      // reported on date t+1.
      c.pain = at(0);
      c.stress = at(1);
      c.mood = at(2);
      c.sleep = t > 0 ? static_cast<int>(v[3][t + kBurnIn - 1]) : 5;
      c.tension = at(4);
      check_ins.push_back(c);
    }
    const auto run = unknot::insight::AnalyseCycle(check_ins, {});
    int found[2] = {0, 0}, false_found[2] = {0, 0};
    for (const auto& r : run.records) {
      const int family = r.family == unknot::insight::Family::kPrimary ? 0 : 1;
      const double threshold = family == 0 ? 0.05 : 0.10;
      bool is_true = false;
      if (r.model == unknot::insight::Model::kM1) {
        for (const auto& [from, to] : planted) {
          is_true = is_true || (static_cast<int>(r.x) == from && static_cast<int>(r.y) == to);
        }
      }
      true_total += is_true;
      if (!r.q_bh || *r.q_bh >= threshold) continue;
      ++found[family];
      true_found += is_true;
      false_found[family] += !is_true;
    }
    for (int f = 0; f < 2; ++f) {
      fdp_sum[f] += found[f] > 0 ? static_cast<double>(false_found[f]) / found[f] : 0;
      discoveries[f] += found[f];
    }
  }
  const double fdr_primary = fdp_sum[0] / replicates;
  const double fdr_exploratory = fdp_sum[1] / replicates;
  Report(fdr_primary <= 0.06, Format("FDR primary family (q = 0.05): %.4f (≤ 0.06); %d discoveries",
                                     fdr_primary, discoveries[0]));
  Report(fdr_exploratory <= 0.11,
         Format("FDR exploratory family (q = 0.10): %.4f (≤ 0.11); %d discoveries", fdr_exploratory,
                discoveries[1]));
  Info(
      Format("FDR design: 90 days, 26 tests per patient (6 + 20), 0–3 planted links; "
             "%d of %d planted links found",
             true_found, true_total));
}

void MissingDataChecks() {
  std::uint64_t seed = 7000;
  struct Case {
    const char* name;
    double mcar;
    double tail;
  };
  for (const Case& m : {Case{"MCAR 10%", 0.10, 0}, Case{"MCAR 30%", 0.30, 0},
                        Case{"tail-missing 50% after pain ≥ Q80", 0, 0.5}}) {
    Design null_design{91, 0.5, 0.4, 0};
    null_design.mcar = m.mcar;
    null_design.tail = m.tail;
    const CellResult null_cell = RunCell(null_design, ++seed);
    Design planted = null_design;
    planted.c = 0.3;
    const CellResult planted_cell = RunCell(planted, ++seed);
    const double size = Rate(null_cell.rejected, null_cell.fitted);
    Report(size >= 0.03 && size <= 0.075,
           Format("missing data  %s, 90 days: rejection %.4f (in [0.03, 0.075]); with c = 0.3 "
                  "mean ĉ − c = %+.4f, coverage %.4f (reported)",
                  m.name, size, planted_cell.sum_c / planted_cell.fitted - 0.3,
                  Rate(planted_cell.covered, planted_cell.fitted)));
  }
}

// The flare rule against the R simulation's figures (insight/flare_simulation.hpp).
std::vector<unknot::insight::FlareCheckLine> FlareChecks() {
  std::ifstream in(kFlareFigures);
  if (!in) {
    std::printf("cannot read %s: run from the repository root\n", kFlareFigures);
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return unknot::insight::RunFlareSimulationChecks(
      {.replicates = replicates,
       .reference = unknot::insight::ParseFlareOperatingFigures(text.str())});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) replicates = std::max(1, std::atoi(argv[1]));
  const auto start = std::chrono::steady_clock::now();
  std::printf("stats-check: analytics_methods.md §4.4 cycle and flare checks, %d replicates per "
              "cell\n",
              replicates);
  SizeChecks();
  RecoveryChecks();
  SharedTrendChecks();
  LeftoverAutocorrelationChecks();
  NaiveComparatorChecks();
  FdrCheck();
  MissingDataChecks();
  for (const auto& line : FlareChecks()) Report(line.passed, line.name + ": " + line.detail);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("runtime %.1f s\n", seconds);
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed > 0 ? 1 : 0;
}
