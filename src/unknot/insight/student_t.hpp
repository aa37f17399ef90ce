// The Student t and chi-squared(1) distributions the cycle analysis needs
// (two-sided p-values, 97.5% quantiles, the Breusch–Godfrey p), written here
// so that no statistics library is a dependency. Accuracy: agrees with R's
// pt/qt/pchisq to about 1e-13 relative over the ranges used (df 1–1000;
// student_t_test.cpp holds the R values).
//
// Pure functions; thread-safe.
#pragma once

namespace unknot::insight {

// The regularized incomplete beta I_x(a, b) for a, b > 0 and x in [0, 1].
// `one_minus_x` must equal 1 − x; passing it separately keeps precision
// when x is close to 1.
double RegularizedIncompleteBeta(double a, double b, double x, double one_minus_x);
double RegularizedIncompleteBeta(double a, double b, double x);

// P(T ≤ t) for T ~ t(df), df > 0 (R: pt(t, df)).
double StudentTCdf(double t, double df);
// P(|T| ≥ |t|) (R: 2 * pt(-abs(t), df)).
double StudentTTwoSidedP(double t, double df);
// The q-quantile, 0 < q < 1 (R: qt(q, df)).
double StudentTQuantile(double q, double df);
// P(X ≥ x) for X ~ chi-squared(1) (R: pchisq(x, 1, lower.tail = FALSE)).
double ChiSquared1UpperTail(double x);

}  // namespace unknot::insight
