#include "unknot/insight/student_t.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace unknot::insight {
namespace {

// Continued fraction for I_x(a, b) (modified Lentz; Numerical Recipes §6.4),
// valid and fast for x < (a + 1) / (a + b + 2).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  const double qab = a + b;
  const double qap = a + 1;
  const double qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

double LogBeta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

double StudentTDensity(double t, double df) {
  return std::exp(std::lgamma((df + 1) / 2) - std::lgamma(df / 2) - 0.5 * std::log(df * M_PI) -
                  (df + 1) / 2 * std::log1p(t * t / df));
}

}  // namespace

double RegularizedIncompleteBeta(double a, double b, double x, double one_minus_x) {
  assert(a > 0 && b > 0 && "incomplete beta needs positive shape parameters");
  if (x <= 0) return 0;
  if (one_minus_x <= 0) return 1;
  const double log_front = a * std::log(x) + b * std::log(one_minus_x) - LogBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return std::exp(log_front) * BetaContinuedFraction(a, b, x) / a;
  }
  return 1 - std::exp(log_front) * BetaContinuedFraction(b, a, one_minus_x) / b;
}

double RegularizedIncompleteBeta(double a, double b, double x) {
  return RegularizedIncompleteBeta(a, b, x, 1 - x);
}

double StudentTTwoSidedP(double t, double df) {
  if (std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0;
  const double t2 = t * t;
  // P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2); both x and 1 − x are formed
  // directly so that neither tail loses digits.
  return RegularizedIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

double StudentTCdf(double t, double df) {
  const double tail = StudentTTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

double StudentTQuantile(double q, double df) {
  assert(q > 0 && q < 1 && "quantile level must be inside (0, 1)");
  if (q == 0.5) return 0;
  const bool upper = q > 0.5;
  const double tail = upper ? 1 - q : q;  // wanted one-sided tail probability
  // Bracket the root of g(t) = P(T ≥ t) − tail on t > 0, then Newton steps
  // guarded by bisection.
  double lo = 0;
  double hi = 1;
  while (StudentTTwoSidedP(hi, df) / 2 > tail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) break;
  }
  double t = (lo + hi) / 2;
  for (int i = 0; i < 200; ++i) {
    const double g = StudentTTwoSidedP(t, df) / 2 - tail;
    if (g == 0) break;
    if (g > 0) {
      lo = t;
    } else {
      hi = t;
    }
    double next = t + g / StudentTDensity(t, df);  // g'(t) = −density
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (std::fabs(next - t) <= 1e-15 * std::fabs(t)) {
      t = next;
      break;
    }
    t = next;
  }
  return upper ? t : -t;
}

double ChiSquared1UpperTail(double x) {
  if (x <= 0) return 1;
  return std::erfc(std::sqrt(x / 2));
}

}  // namespace unknot::insight
