#include "unknot/insight/cycle_model.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "unknot/insight/student_t.hpp"

namespace unknot::insight {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Relative pivot threshold below which a column counts as a linear
// combination of the others (R's lm uses 1e-7 in its own pivoting scheme).
constexpr double kRankThreshold = 1e-10;
// HC3 divides by (1 − h_ii)²; a row that the fit reproduces exactly has no SE.
constexpr double kMaxUsableLeverage = 1 - 1e-10;

Estimate Infer(int j, const VectorXd& beta, const MatrixXd& v_hc3, const MatrixXd& v_nw, int df,
               double t_crit) {
  Estimate e;
  e.value = beta(j);
  e.se_hc3 = std::sqrt(v_hc3(j, j));
  e.se_nw = std::sqrt(v_nw(j, j));
  e.se_used = std::max(e.se_hc3, e.se_nw);
  e.t = e.value / e.se_used;
  e.p = StudentTTwoSidedP(e.t, df);
  e.ci_low = e.value - t_crit * e.se_used;
  e.ci_high = e.value + t_crit * e.se_used;
  return e;
}

// The row of the previous calendar day, or −1.
std::vector<int> PreviousDayRow(const std::vector<int>& day) {
  std::vector<int> previous(day.size(), -1);
  for (std::size_t i = 1; i < day.size(); ++i) {
    if (day[i] - day[i - 1] == 1) previous[i] = static_cast<int>(i - 1);
  }
  return previous;
}

// lmtest::bgtest(order = 1, type = "Chisq", fill = 0) with the lagged residual
// taken from the previous calendar day (0 when that day has no row), so that a
// gap is never read as lag 1. On a gap-free series the two are identical.
double BreuschGodfrey1(const MatrixXd& x, const VectorXd& residuals, const std::vector<int>& day) {
  const auto n = x.rows();
  MatrixXd z(n, x.cols() + 1);
  z.leftCols(x.cols()) = x;
  const auto previous = PreviousDayRow(day);
  for (Eigen::Index i = 0; i < n; ++i) {
    z(i, x.cols()) = previous[i] < 0 ? 0.0 : residuals(previous[i]);
  }
  Eigen::ColPivHouseholderQR<MatrixXd> qr(z.rows(), z.cols());
  qr.setThreshold(kRankThreshold);
  qr.compute(z);
  const VectorXd fitted = z * qr.solve(residuals);
  const double rss = residuals.squaredNorm();
  if (!(rss > 0)) return 1;
  const double lm = static_cast<double>(n) * fitted.squaredNorm() / rss;
  return ChiSquared1UpperTail(lm);
}

}  // namespace

int NeweyWestLag(int n) {
  return static_cast<int>(std::floor(4.0 * std::pow(n / 100.0, 2.0 / 9.0)));
}

std::optional<ModelFit> FitModel(const ModelRows& rows, const ModelSpec& spec) {
  const int n = static_cast<int>(rows.size());
  const int k = 3 + (spec.same_day ? 1 : 0) + (spec.trend ? 1 : 0);
  if (n <= k) return std::nullopt;
  const double mean_day =
      std::accumulate(rows.day.begin(), rows.day.end(), 0.0) / static_cast<double>(n);
  MatrixXd x(n, k);
  VectorXd y(n);
  for (int i = 0; i < n; ++i) {
    int col = 0;
    x(i, col++) = 1;
    x(i, col++) = rows.y_lag[i];
    x(i, col++) = rows.x_lag[i];
    if (spec.same_day) x(i, col++) = rows.x_now[i];
    if (spec.trend) x(i, col++) = (rows.day[i] - mean_day) / spec.window_days;
    y(i) = rows.y[i];
  }

  Eigen::ColPivHouseholderQR<MatrixXd> qr(n, k);
  qr.setThreshold(kRankThreshold);
  qr.compute(x);
  if (qr.rank() < k) return std::nullopt;
  const VectorXd beta = qr.solve(y);
  // (X'X)^{-1} = P R^{-1} R^{-T} P' for X P = Q R; never formed from X'X.
  const MatrixXd r = qr.matrixR().topLeftCorner(k, k).triangularView<Eigen::Upper>();
  const MatrixXd r_inv = r.triangularView<Eigen::Upper>().solve(MatrixXd::Identity(k, k));
  const MatrixXd bread_permuted = r_inv * r_inv.transpose();
  const MatrixXd bread = qr.colsPermutation() * bread_permuted * qr.colsPermutation().transpose();

  const VectorXd e = y - x * beta;
  const VectorXd h = (x * bread).cwiseProduct(x).rowwise().sum();
  if (h.maxCoeff() >= kMaxUsableLeverage) return std::nullopt;

  // HC3 meat: Σ x_i x_i' e_i² / (1 − h_ii)².
  MatrixXd meat_hc3 = MatrixXd::Zero(k, k);
  for (int i = 0; i < n; ++i) {
    const double w = e(i) / (1 - h(i));
    meat_hc3.noalias() += (w * w) * x.row(i).transpose() * x.row(i);
  }
  const MatrixXd v_hc3 = bread * meat_hc3 * bread;

  // Calendar-aware Newey–West: s_t = x_t e_t on calendar days, zero on days
  // without a row, so Γ_l pairs only rows exactly l days apart.
  const int lag = NeweyWestLag(n);
  const MatrixXd s = x.array().colwise() * e.array();
  MatrixXd meat_nw = s.transpose() * s;
  for (int i = 0; i < n; ++i) {
    for (int j = i - 1; j >= 0; --j) {
      const int l = rows.day[i] - rows.day[j];
      if (l > lag) break;
      const double w = 1.0 - l / (lag + 1.0);
      const MatrixXd gamma = s.row(i).transpose() * s.row(j);
      meat_nw.noalias() += w * (gamma + gamma.transpose());
    }
  }
  const MatrixXd v_nw = bread * meat_nw * bread * (static_cast<double>(n) / (n - k));

  ModelFit fit;
  fit.n = n;
  fit.k = k;
  fit.df = n - k;
  fit.nw_lag = lag;
  const double t_crit = StudentTQuantile(0.975, fit.df);
  fit.focal = Infer(spec.same_day ? 3 : 2, beta, v_hc3, v_nw, fit.df, t_crit);
  fit.ar = Infer(1, beta, v_hc3, v_nw, fit.df, t_crit);
  if (spec.trend) fit.trend_g = beta(k - 1);
  fit.max_leverage = h.maxCoeff();
  fit.bg_lm_p = BreuschGodfrey1(x, e, rows.day);
  return fit;
}

double QuantileType7(std::vector<double> values, double probability) {
  std::sort(values.begin(), values.end());
  const double index = (static_cast<double>(values.size()) - 1) * probability;
  const auto lo = static_cast<std::size_t>(std::floor(index));
  const auto hi = static_cast<std::size_t>(std::ceil(index));
  const double h = index - static_cast<double>(lo);
  if (hi == lo || values[hi] == values[lo]) return values[lo];
  return (1 - h) * values[lo] + h * values[hi];  // R's expression, bit for bit
}

std::vector<std::optional<double>> BenjaminiHochberg(const std::vector<std::optional<double>>& p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i]) order.push_back(i);
  }
  // Largest p first, as p.adjust does; ties keep input order.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return *p[a] > *p[b]; });
  const double m = static_cast<double>(order.size());
  std::vector<std::optional<double>> q(p.size());
  double running = 1;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const double rank = m - static_cast<double>(r);  // 1-based rank in increasing order
    running = std::min(running, m / rank * *p[order[r]]);
    q[order[r]] = std::min(1.0, running);
  }
  return q;
}

std::optional<double> Correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = a.size();
  if (n < 2) return std::nullopt;
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / static_cast<double>(n);
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / static_cast<double>(n);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (!(saa > 0) || !(sbb > 0)) return std::nullopt;
  return sab / std::sqrt(saa * sbb);
}

}  // namespace unknot::insight
