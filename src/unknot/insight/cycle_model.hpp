// The estimator of analytics_methods.md §3.4 for one pair: OLS by Householder
// QR with column pivoting (Eigen), SE_HC3, the calendar-aware Newey–West SE
// (Bartlett weights, L = floor(4(n/100)^(2/9)), the n/(n−k) factor), the
// reported SE = max of the two, t(n−k) p-values and 95% CIs, leverage and the
// Breusch–Godfrey(1) LM test; plus the small statistics helpers the analysis
// shares (type-7 quantiles, Benjamini–Hochberg).
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <vector>

namespace unknot::insight {

// The usable rows of one model, in calendar order. `day` is the calendar index
// of day t (days since the window start); two rows are l lags apart exactly
// when their days differ by l.
struct ModelRows {
  std::vector<int> day;
  std::vector<double> y;      // outcome at t
  std::vector<double> y_lag;  // its own lag
  std::vector<double> x_lag;  // the lagged predictor (M1's focal term)
  std::vector<double> x_now;  // M2 only: the same-day predictor (focal term)

  std::size_t size() const { return y.size(); }
};

struct ModelSpec {
  bool same_day = false;   // M2: adds x_now and makes it the focal coefficient
  bool trend = true;       // include τ
  double window_days = 0;  // D in τ_t = (day_t − mean day) / D
};

// One coefficient with both SEs and the inference built on the larger.
struct Estimate {
  double value = 0;
  double se_hc3 = 0;
  double se_nw = 0;
  double se_used = 0;  // max(se_hc3, se_nw)
  double t = 0;
  double p = 0;  // two-sided, t(df)
  double ci_low = 0;
  double ci_high = 0;
};

struct ModelFit {
  int n = 0;
  int k = 0;
  int df = 0;
  int nw_lag = 0;
  Estimate focal;  // c (M1) or d (M2)
  Estimate ar;     // b, the coefficient of the outcome's own lag
  std::optional<double> trend_g;
  double max_leverage = 0;
  double bg_lm_p = 1;  // Breusch–Godfrey order 1, calendar-aware lag of the residuals
};

// Bartlett lag rule L = floor(4·(n/100)^(2/9)).
int NeweyWestLag(int n);

// nullopt when n ≤ k, the design is rank deficient, or a leverage is 1 (HC3
// undefined). Column order: 1, y_lag, x_lag, [x_now], [τ].
std::optional<ModelFit> FitModel(const ModelRows& rows, const ModelSpec& spec);

// R's quantile(type = 7); `values` must not be empty.
double QuantileType7(std::vector<double> values, double probability);

// R's p.adjust(method = "BH") over the present p-values; absent stay absent
// and do not count towards the family size.
std::vector<std::optional<double>> BenjaminiHochberg(const std::vector<std::optional<double>>& p);

// Pearson correlation; nullopt when either side has no spread.
std::optional<double> Correlation(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace unknot::insight
