// The hand-written distribution functions against R 4.2.2 (pt, qt, pchisq,
// pbeta), printed with 17 significant digits.
#include "unknot/insight/student_t.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace unknot::insight {
namespace {

// Relative error, with the §4.3 reading "compare log p when p < 1e-8".
double Deviation(double got, double want) {
  if (want < 1e-8) return std::fabs(std::log(got) - std::log(want));
  return std::fabs(got - want) / std::fabs(want);
}

TEST(StudentT, TwoSidedPMatchesR) {
  struct Case {
    double t, df, p;
  };
  const Case cases[] = {
      {0.3, 1, 0.81445284184451539},      {2.1, 1, 0.28292605624301798},
      {6.5, 1, 0.097179580695057846},     {15, 1, 0.042378609269892814},
      {0.3, 3, 0.78376329203991901},      {2.1, 3, 0.12656520254968454},
      {6.5, 3, 0.0073945246365838277},    {15, 3, 0.00064311932693366508},
      {0.3, 20, 0.76727300324376024},     {2.1, 20, 0.048617587257557},
      {6.5, 20, 2.4554627877692713e-06},  {15, 20, 2.4065256918958763e-12},
      {0.3, 24, 0.76676021064395161},     {2.1, 24, 0.046421502183235021},
      {6.5, 24, 1.0098161409300445e-06},  {15, 24, 1.0856696590042841e-13},
      {0.3, 56, 0.76528795671346461},     {2.1, 56, 0.040246214377261343},
      {6.5, 56, 2.3103783403562654e-08},  {15, 56, 2.8695396031744718e-21},
      {0.3, 115, 0.76471875200451722},    {2.1, 115, 0.037915049677359508},
      {6.5, 115, 2.1508458138051615e-09}, {15, 115, 7.7358139115553637e-29},
  };
  for (const Case& c : cases) {
    EXPECT_LT(Deviation(StudentTTwoSidedP(c.t, c.df), c.p), 1e-12) << c.t << " " << c.df;
    EXPECT_LT(Deviation(StudentTTwoSidedP(-c.t, c.df), c.p), 1e-12) << c.t << " " << c.df;
    EXPECT_NEAR(StudentTCdf(c.t, c.df), 1 - c.p / 2, 1e-14);
  }
}

TEST(StudentT, QuantileMatchesR) {
  const std::pair<double, double> cases[] = {
      {1, 12.706204736174694},    {2, 4.3026527297494619},  {20, 2.0859634472658648},
      {23, 2.0686576104190482},   {56, 2.0032407188478722}, {115, 1.9808075411039094},
      {1000, 1.9623390808264076},
  };
  for (const auto& [df, q] : cases) {
    EXPECT_NEAR(StudentTQuantile(0.975, df), q, 1e-12 * q) << df;
    EXPECT_NEAR(StudentTQuantile(0.025, df), -q, 1e-12 * q) << df;
  }
  EXPECT_EQ(StudentTQuantile(0.5, 7), 0);
}

TEST(StudentT, ChiSquaredAndBetaMatchR) {
  const std::pair<double, double> chi[] = {{0.01, 0.92034432544594202},
                                           {0.7, 0.40278369424647581},
                                           {3.84, 0.050043521248705224},
                                           {30, 4.3204630578274968e-08}};
  for (const auto& [x, p] : chi) EXPECT_LT(Deviation(ChiSquared1UpperTail(x), p), 1e-12) << x;
  struct Beta {
    double a, b, x, value;
  };
  const Beta betas[] = {{2.5, 0.5, 0.3, 0.018927124071945644},
                        {10, 3, 0.9, 0.88913002225500004},
                        {0.7, 4, 0.05, 0.32684521087402896},
                        {50, 60, 0.45, 0.46423529143060377}};
  for (const Beta& b : betas) {
    EXPECT_NEAR(RegularizedIncompleteBeta(b.a, b.b, b.x), b.value, 1e-13) << b.a << " " << b.b;
  }
  EXPECT_EQ(RegularizedIncompleteBeta(2, 3, 0), 0);
  EXPECT_EQ(RegularizedIncompleteBeta(2, 3, 1), 1);
}

}  // namespace
}  // namespace unknot::insight
