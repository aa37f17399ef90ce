// The cycle analysis's input rules and record shape (analytics_methods.md
// §3.1–3.6). Numerical agreement with R is cycle_golden_test.cpp.
#include "unknot/insight/cycle.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "unknot/insight/cycle_json.hpp"
#include "unknot/insight/cycle_model.hpp"

namespace unknot::insight {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;
using namespace std::chrono_literals;

year_month_day Day(int offset) {
  return year_month_day(sys_days(year_month_day(2026y, std::chrono::March, 1d)) + days(offset));
}

// A deterministic pseudo-random rating series (no <random> distribution, whose
// output differs between standard libraries).
class Ratings final {
 public:
  explicit Ratings(unsigned seed) : state_(seed) {}
  double Uniform() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) / 9007199254740992.0;
  }
  int Rating(double centre) {
    const int v = static_cast<int>(std::lround(centre + 4 * (Uniform() - 0.5)));
    return std::clamp(v, 0, 10);
  }

 private:
  unsigned long long state_;
};

std::vector<CycleCheckIn> Series(int n, unsigned seed) {
  Ratings r(seed);
  std::vector<CycleCheckIn> out;
  for (int d = 0; d < n; ++d) {
    CycleCheckIn c;
    c.date = Day(d);
    c.pain = r.Rating(5);
    c.stress = r.Rating(5);
    c.mood = r.Rating(5);
    c.sleep = r.Rating(5);
    c.tension = r.Rating(5);
    out.push_back(c);
  }
  return out;
}

const CycleRecord& Find(const CycleRun& run, Model model, Variable x, Variable y) {
  for (const auto& r : run.records) {
    if (r.model == model && r.x == x && r.y == y) return r;
  }
  throw std::logic_error("no such record");
}

TEST(Cycle, EmitsTwentyLaggedAndSixSameDayRecordsWithTheirFamilies) {
  const CycleRun run = AnalyseCycle(Series(90, 1), {});
  ASSERT_EQ(run.records.size(), 26u);
  int primary = 0, m2 = 0;
  for (const auto& r : run.records) {
    primary += r.family == Family::kPrimary;
    m2 += r.model == Model::kM2;
  }
  EXPECT_EQ(primary, 6);
  EXPECT_EQ(m2, 6);
  EXPECT_EQ(Find(run, Model::kM1, Variable::kSleep, Variable::kPain).lag_definition,
            "sleep(night before t)->y(t)");
  EXPECT_EQ(Find(run, Model::kM1, Variable::kPain, Variable::kSleep).lag_definition,
            "x(t)->sleep(night after t)");
  EXPECT_EQ(Find(run, Model::kM1, Variable::kStress, Variable::kPain).lag_definition,
            "x(t-1)->y(t)");
  EXPECT_EQ(Find(run, Model::kM1, Variable::kStress, Variable::kPain).software_version,
            UNKNOT_VERSION);
}

TEST(Cycle, KeepsTheLastSubmissionPerDateAndReportsIt) {
  std::vector<CycleCheckIn> input = Series(60, 2);
  CycleCheckIn first = input[10];
  first.pain = 0;
  input.insert(input.begin() + 10, first);  // same date, earlier in input order: replaced
  const CycleRun with_duplicate = AnalyseCycle(input, {});
  const CycleRun clean = AnalyseCycle(Series(60, 2), {});
  ASSERT_EQ(with_duplicate.data_quality.size(), 1u);
  EXPECT_EQ(with_duplicate.data_quality[0].code, "duplicate-date");
  EXPECT_EQ(with_duplicate.data_quality[0].path, "check_ins[11].date");
  EXPECT_EQ(with_duplicate.reference_checksum, clean.reference_checksum);
  EXPECT_EQ(ToJson(with_duplicate.records), ToJson(clean.records));

  // With submission times, the later submission wins whatever the input order.
  std::vector<CycleCheckIn> timed = Series(60, 2);
  CycleCheckIn later = timed[10];
  later.pain = 0;
  later.submitted_at = std::chrono::local_days(Day(10)) + 20h;
  timed[10].submitted_at = std::chrono::local_days(Day(10)) + 9h;
  timed.insert(timed.begin() + 5, later);
  const CycleRun by_time = AnalyseCycle(timed, {});
  EXPECT_NE(by_time.reference_checksum, clean.reference_checksum);
}

TEST(Cycle, OutOfRangeRatingsBecomeMissing) {
  std::vector<CycleCheckIn> input = Series(60, 3);
  input[4].stress = 11;
  input[7].mood = -1;
  const CycleRun run = AnalyseCycle(input, {});
  ASSERT_EQ(run.data_quality.size(), 2u);
  EXPECT_EQ(run.data_quality[0].path, "check_ins[4].stress");
  EXPECT_EQ(run.data_quality[0].code, "out-of-range");
  input[4].stress.reset();
  input[7].mood.reset();
  EXPECT_EQ(run.reference_checksum, AnalyseCycle(input, {}).reference_checksum);
}

TEST(Cycle, LateMeansMoreThan36HoursAfterTheEndOfTheDate) {
  const auto end_of_day = std::chrono::local_days(Day(1));  // midnight after Day(0)
  EXPECT_FALSE(IsLateSubmission(Day(0), end_of_day + 36h));
  EXPECT_TRUE(IsLateSubmission(Day(0), end_of_day + 36h + 1s));
  std::vector<CycleCheckIn> input = Series(40, 4);
  input[0].submitted_at = end_of_day + 37h;
  input[1].late = true;
  const CycleRun run = AnalyseCycle(input, {});
  EXPECT_DOUBLE_EQ(run.records[0].late_entries_pct, 5.0);
}

TEST(Cycle, UsesTheMostRecent120CalendarDays) {
  const CycleRun run = AnalyseCycle(Series(150, 5), {});
  EXPECT_EQ(run.window_start, "2026-03-31");
  EXPECT_EQ(run.window_end, "2026-07-28");
  EXPECT_EQ(run.n_calendar_days, 120);
  EXPECT_EQ(Find(run, Model::kM1, Variable::kStress, Variable::kPain).n_pairs, 119);
}

TEST(Cycle, SleepIsReindexedToTheNightAfterTheDay) {
  // The sleep given on date d+1 (night after day d) falls with day d's pain;
  // pain on day d is unrelated to the sleep given on date d.
  std::vector<CycleCheckIn> input = Series(100, 6);
  for (std::size_t d = 1; d < input.size(); ++d) input[d].sleep = 10 - *input[d - 1].pain;
  const CycleRun run = AnalyseCycle(input, {});
  const CycleRecord& pain_to_sleep = Find(run, Model::kM1, Variable::kPain, Variable::kSleep);
  ASSERT_TRUE(pain_to_sleep.coef_c);
  EXPECT_NEAR(*pain_to_sleep.coef_c, -1, 1e-9);
  EXPECT_EQ(pain_to_sleep.n_pairs, 99);  // t = 0..98: sleep from dates t and t+1
}

TEST(Cycle, ChecksumIsTheSha256OfTheCanonicalSeries) {
  std::vector<CycleCheckIn> input(2);
  input[0] = {Day(0), 4, 5, 6, 7, 3, std::nullopt, std::nullopt};
  input[1] = {Day(2), std::nullopt, 2, std::nullopt, 8, 1, std::nullopt, true};
  // printf 'unknot-insight-cycle-v1\nwindow,2026-03-01,2026-03-03\n
  //   2026-03-01,4,5,6,7,3,0\n2026-03-03,,2,,8,1,1\n' | sha256sum
  EXPECT_EQ(AnalyseCycle(input, {}).reference_checksum,
            "5d6cf78b88a2ef4a861e4d6497b1c8d12034d3e15cb11bb69a0fdaf0ebc7b4fb");
}

TEST(Cycle, NoCheckInsGiveEmptyNotShownRecords) {
  const CycleRun run = AnalyseCycle({}, {});
  ASSERT_EQ(run.records.size(), 26u);
  EXPECT_EQ(run.records[0].tier, Tier::kInsufficient);
  EXPECT_EQ(run.records[0].verdict, Verdict::kNotShown);
  EXPECT_EQ(run.records[0].ineligible_reason, "too_few_pairs");
}

TEST(Cycle, JsonHasExactlyTheSpecFieldsInOrder) {
  const auto o = ToJson(AnalyseCycle(Series(60, 7), {.patient_id = "p1"}).records[0]);
  const std::vector<std::string> spec = {"patient_id",
                                         "run_id",
                                         "computed_at",
                                         "window_start",
                                         "window_end",
                                         "model",
                                         "x",
                                         "y",
                                         "lag_definition",
                                         "n_pairs",
                                         "n_calendar_days",
                                         "compliance_pct",
                                         "late_entries_pct",
                                         "tier",
                                         "eligible",
                                         "ineligible_reason",
                                         "coef_c",
                                         "se_hc3",
                                         "se_nw",
                                         "nw_lag_L",
                                         "se_used",
                                         "df",
                                         "t",
                                         "p",
                                         "q_bh",
                                         "family",
                                         "ci_low",
                                         "ci_high",
                                         "partial_r",
                                         "x_q25",
                                         "x_q75",
                                         "contrast_delta",
                                         "contrast_ci_low",
                                         "contrast_ci_high",
                                         "ar_b",
                                         "ar_b_ci_low",
                                         "ar_b_ci_high",
                                         "trend_g",
                                         "bg_lm_p",
                                         "max_leverage",
                                         "collinearity_r",
                                         "missing_after_bad_day_or",
                                         "raw_mean_y_after_high_x",
                                         "raw_mean_y_after_low_x",
                                         "sensitivity",
                                         "verdict",
                                         "message_patient",
                                         "message_clinician",
                                         "software_version",
                                         "reference_checksum"};
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, spec);
  EXPECT_EQ(o.at("patient_id"), "p1");
}

TEST(CycleModel, BenjaminiHochbergAndQuantilesMatchR) {
  // p.adjust(c(0.01,0.04,0.03,0.005,0.5,0.04), "BH")
  const auto q = BenjaminiHochberg({0.01, 0.04, 0.03, 0.005, 0.5, std::nullopt, 0.04});
  const std::vector<std::optional<double>> want = {0.03, 0.048,        0.048, 0.03,
                                                   0.5,  std::nullopt, 0.048};
  ASSERT_EQ(q.size(), want.size());
  for (std::size_t i = 0; i < q.size(); ++i) {
    ASSERT_EQ(q[i].has_value(), want[i].has_value());
    if (q[i]) {
      EXPECT_NEAR(*q[i], *want[i], 1e-15);
    }
  }
  // quantile(c(3,1,4,1,5,9,2,6), c(.25,.75), type = 7)
  EXPECT_EQ(QuantileType7({3, 1, 4, 1, 5, 9, 2, 6}, 0.25), 1.75);
  EXPECT_EQ(QuantileType7({3, 1, 4, 1, 5, 9, 2, 6}, 0.75), 5.25);
  EXPECT_EQ(NeweyWestLag(28), 3);
  EXPECT_EQ(NeweyWestLag(99), 3);
  EXPECT_EQ(NeweyWestLag(100), 4);
  EXPECT_EQ(NeweyWestLag(234), 4);
}

}  // namespace
}  // namespace unknot::insight
