#include "unknot/insight/outcome.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::insight {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days Jan(int day) {
  return sys_days(std::chrono::year(2026) / 1 / day);
}

// PHQ-9 as shipped: higher is worse, MCID 5 points, reliable change 7,
// clinical cut-off 10.
assess::Registry Phq9Registry() {
  assess::InstrumentDefinition phq9;
  phq9.id = "phq9";
  phq9.version = "1.0";
  phq9.change.direction = "higher_is_worse";
  phq9.change.mcid.push_back({std::nullopt, 5.0, std::nullopt, "s", "V"});
  phq9.change.reliable_change =
      assess::ReliableChange{7.0, std::nullopt, std::nullopt, std::nullopt, "s", "D"};
  phq9.change.clinical_cutoff = assess::ClinicalCutoff{10, "s", "V"};
  assess::InstrumentDefinition gad7 = phq9;  // no reliable change, no cut-off
  gad7.id = "gad7";
  gad7.change.reliable_change.reset();
  gad7.change.clinical_cutoff.reset();
  assess::Registry registry;
  registry.instruments = {phq9, gad7};
  return registry;
}

// The worked cohort: 13 PHQ-9 patients, baseline on 5 January 2026.
//   p01 18→9 (−9, from ≥10 to <10: recovered)   p07 11→19 (+8: deteriorated)
//   p02 15→12 (−3: no reliable change)           p08 19→6 (−13: recovered)
//   p03 12→11 (−1: no reliable change)           p09 13→13 (no reliable change)
//   p04 20→11 (−9, still ≥10: improved)          p10 17→7 (−10: recovered)
//   p05 14→14 (no reliable change)               p11 6→14 (+8, below the cut-off at
//   p06 16→10 (−6: no reliable change; MCID met)     baseline: deteriorated, reported apart)
//   p12 8 only (no follow-up)                    p13 15→4 in version 2.0 (its own group)
// Follow-up: p01–p06 on day 84 (in the week 12 ± 2 window), p07–p09 on day 60,
// p10–p11 on day 100.
std::string CohortCsv() {
  const int pre[] = {18, 15, 12, 20, 14, 16, 11, 19, 13, 17, 6};
  const int post[] = {9, 12, 11, 11, 14, 10, 19, 6, 13, 7, 14};
  const int after[] = {84, 84, 84, 84, 84, 84, 60, 60, 60, 100, 100};
  std::string csv = "patient,instrument,instrument_version,recall,date,score\r\n";
  for (int i = 0; i < 11; ++i) {
    const std::string id = fmt::format("p{:02}", i + 1);
    csv += fmt::format("{},phq9,1.0,P2W,2026-01-05,{}\r\n", id, pre[i]);
    const std::chrono::year_month_day follow_up(Jan(5) + days(after[i]));
    csv += fmt::format("{},phq9,1.0,P2W,{:04}-{:02}-{:02},{}\r\n", id, int(follow_up.year()),
                       unsigned(follow_up.month()), unsigned(follow_up.day()), post[i]);
  }
  csv += "p12,phq9,1.0,P2W,2026-01-05,8\r\n";
  csv += "p13,phq9,2.0,P2W,2026-01-05,15\r\np13,phq9,2.0,P2W,2026-03-30,4\r\n";
  return csv;
}

TEST(Outcomes, ParsesTheScoresCsvAndReportsEveryBadRow) {
  IssueList issues;
  const auto rows = ParseScoresCsv(
      "patient,instrument,instrument_version,recall,date,score\n"
      "p1,phq9,1.0,P2W,2026-01-05,12\n"
      "p1,phq9,1.0,,2026-02-30,x\n"
      ",phq9,1.0,P2W,2026-01-05,3\n"
      "p1,phq9,1.0,P2W\n"
      "\"p,2\",nprs,1.0,P1W,2026-01-06,4.5\n",
      issues);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].score, 12);
  EXPECT_EQ(rows[1].patient, "p,2");
  EXPECT_EQ(rows[1].score, 4.5);
  EXPECT_EQ(rows[1].line, 6);
  const auto found = assess::testing::PathsAndCodes(issues.Take());
  EXPECT_EQ(found, (assess::testing::Expected{{"lines[3].date", "invalid-date"},
                                              {"lines[3].score", "not-a-number"},
                                              {"lines[4].patient", "required"},
                                              {"lines[5]", "wrong-column-count"}}));

  IssueList header;
  EXPECT_TRUE(ParseScoresCsv("patient,score\n", header).empty());
  EXPECT_FALSE(header.empty());
}

TEST(Outcomes, WritesTheScoresCsvItReads) {
  const std::vector<ScoreRow> rows = {
      {"p,1", "phq9", "1.0", "P2W", Jan(5), 12, 0},
      {"p2", "nprs", "1.0", "", Jan(6), 4.5, 0},
      {"p2", "daily_pain", "1", "P1D", Jan(7), 0.1 + 0.2, 0}};
  const std::string csv = FormatScoresCsv(rows);
  EXPECT_TRUE(csv.starts_with("patient,instrument,instrument_version,recall,date,score\r\n"
                              "\"p,1\",phq9,1.0,P2W,2026-01-05,12\r\n"
                              "p2,nprs,1.0,,2026-01-06,4.5\r\n"))
      << csv;
  IssueList issues;
  const auto read = ParseScoresCsv(csv, issues);
  ASSERT_TRUE(issues.empty());
  ASSERT_EQ(read.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(read[i].patient, rows[i].patient);
    EXPECT_EQ(read[i].recall, rows[i].recall);
    EXPECT_EQ(read[i].date, rows[i].date);
    EXPECT_EQ(read[i].score, rows[i].score);  // exactly: the shortest form reads back
  }
}

TEST(Outcomes, CategoriesPerPatientFromTheDefinition) {
  IssueList issues;
  const auto rows = ParseScoresCsv(CohortCsv(), issues);
  ASSERT_TRUE(issues.empty());
  const OutcomeReport report = AnalyseOutcomes(rows, Phq9Registry(), issues);
  ASSERT_TRUE(issues.empty());
  ASSERT_EQ(report.patients.size(), 13u);
  std::map<std::string, OutcomeCategory> v1;
  for (const auto& o : report.patients) {
    if (o.instrument_version == "1.0") v1[o.patient] = o.category;
  }
  using C = OutcomeCategory;
  EXPECT_EQ(v1, (std::map<std::string, C>{{"p01", C::kRecovered},
                                          {"p02", C::kNoReliableChange},
                                          {"p03", C::kNoReliableChange},
                                          {"p04", C::kImproved},
                                          {"p05", C::kNoReliableChange},
                                          {"p06", C::kNoReliableChange},
                                          {"p07", C::kDeteriorated},
                                          {"p08", C::kRecovered},
                                          {"p09", C::kNoReliableChange},
                                          {"p10", C::kRecovered},
                                          {"p11", C::kDeteriorated},
                                          {"p12", C::kNoFollowUp}}));
  const PatientOutcome& p06 = report.patients[5];
  ASSERT_EQ(p06.patient, "p06");
  EXPECT_EQ(p06.mcid_met, true);  // −6 ≥ the 5-point MCID, short of reliable change
  EXPECT_EQ(p06.follow_up_days, 84);
  const PatientOutcome& p11 = report.patients[10];
  EXPECT_EQ(p11.below_cutoff_at_baseline, true);
  // Version 2.0 is never compared with 1.0, and the definition is 1.0.
  const PatientOutcome& p13 = report.patients.back();
  EXPECT_EQ(p13.instrument_version, "2.0");
  EXPECT_EQ(p13.category, C::kNotAvailable);
}

TEST(Outcomes, ClinicSummaryWithWilsonAndPairedT) {
  IssueList issues;
  const OutcomeReport report =
      AnalyseOutcomes(ParseScoresCsv(CohortCsv(), issues), Phq9Registry(), issues);
  ASSERT_EQ(report.instruments.size(), 2u);  // 1.0 and 2.0 apart
  const InstrumentSummary& s = report.instruments[0];
  EXPECT_EQ(s.instrument_version, "1.0");
  EXPECT_EQ(s.with_baseline, 12);
  EXPECT_EQ(s.with_follow_up, 11);
  EXPECT_EQ(s.in_protocol_window, 6);
  EXPECT_EQ(s.median_follow_up_days, 84);
  // Expected intervals: R 4.2.2, prop.test(x, n, correct = FALSE)$conf.int.
  const auto expect = [](const Proportion& p, int count, int n, double low, double high) {
    EXPECT_EQ(p.count, count);
    EXPECT_EQ(p.denominator, n);
    EXPECT_FALSE(p.suppressed);
    EXPECT_NEAR(*p.proportion, double(count) / n, 1e-15);
    EXPECT_NEAR(*p.ci_low, low, 1e-12);
    EXPECT_NEAR(*p.ci_high, high, 1e-12);
  };
  expect(s.recovered, 3, 10, 0.10779126740630104, 0.60322185253885452);
  expect(s.improved, 1, 10, 0.017876213095072892, 0.40415002679523837);
  expect(s.no_reliable_change, 5, 10, 0.23659309051256402, 0.76340690948743595);
  expect(s.deteriorated, 1, 10, 0.017876213095072892, 0.40415002679523837);
  expect(s.mcid_responders, 5, 11, 0.21271271622459767, 0.71990846259067798);
  // One patient below the cut-off at baseline: a count, never a rate.
  EXPECT_EQ(s.below_cutoff_deteriorated.count, 1);
  EXPECT_EQ(s.below_cutoff_deteriorated.denominator, 1);
  EXPECT_TRUE(s.below_cutoff_deteriorated.suppressed);
  EXPECT_FALSE(s.below_cutoff_deteriorated.proportion);
  // R 4.2.2: t.test(post, pre, paired = TRUE) over the 11 completers;
  // effect size mean(post − pre) / sd(pre).
  EXPECT_EQ(s.change.n, 11);
  EXPECT_NEAR(*s.change.mean, -3.1818181818181817, 1e-12);
  EXPECT_NEAR(*s.change.sd, 7.025926014671402, 1e-12);
  EXPECT_NEAR(*s.change.ci_low, -7.9018995036468471, 1e-10);
  EXPECT_NEAR(*s.change.ci_high, 1.5382631400104827, 1e-10);
  EXPECT_NEAR(*s.change.effect_size, -0.78439066108117406, 1e-12);
  // The 2.0 group has one patient: counts only.
  EXPECT_TRUE(report.instruments[1].change.suppressed);
  EXPECT_FALSE(report.instruments[1].change.mean);
}

TEST(Outcomes, WithoutReliableChangeOrCutoffNothingIsInvented) {
  IssueList issues;
  const auto rows = ParseScoresCsv(
      "patient,instrument,instrument_version,recall,date,score\n"
      "a,gad7,1.0,P2W,2026-01-05,15\na,gad7,1.0,P2W,2026-03-30,3\n"
      "b,unknown,1.0,P2W,2026-01-05,3\n",
      issues);
  const OutcomeReport report = AnalyseOutcomes(rows, Phq9Registry(), issues);
  ASSERT_EQ(report.patients.size(), 1u);
  EXPECT_EQ(report.patients[0].category, OutcomeCategory::kNotAvailable);
  EXPECT_EQ(report.patients[0].mcid_met, true);  // the MCID still applies
  EXPECT_FALSE(report.patients[0].below_cutoff_at_baseline);
  EXPECT_EQ(assess::testing::PathsAndCodes(issues.Take()),
            (assess::testing::Expected{{"lines[4].instrument", "unknown-instrument"}}));
  EXPECT_EQ(report.instruments[0].recovered.denominator, 0);
}

TEST(Outcomes, WilsonMatchesR) {
  // R 4.2.2: prop.test(x, n, correct = FALSE)$conf.int.
  const struct {
    int x, n;
    double low, high;
  } cases[] = {{7, 20, 0.18119182410108206, 0.56714572331476365},
               {0, 10, 0, 0.27753279986288915},
               {10, 10, 0.72246720013711085, 1},
               {3, 12, 0.088941668394054749, 0.53230533493356558},
               {1, 1, 0.2065493143772375, 1}};
  for (const auto& c : cases) {
    const auto [low, high] = WilsonInterval(c.x, c.n);
    EXPECT_NEAR(low, c.low, 1e-13) << c.x << "/" << c.n;
    EXPECT_NEAR(high, c.high, 1e-13) << c.x << "/" << c.n;
  }
}

// §5.3 by hand. p01: first week 5–11 Jan rated 6, 7, 6, 7, 6 (5 days, mean
// 6.4); latest week 23 Feb–1 Mar rated 4, 3, 4, 3 (mean 3.5): change −2.9,
// −45.3125%, a 30% responder (≥ 1.92 and ≥ 1 point), not a 50% one (< 3.2),
// MCID 2 points met.
TEST(Outcomes, DailyPainWeeklyMeans) {
  std::vector<std::pair<sys_days, double>> r;
  for (const auto& [day, pain] :
       std::vector<std::pair<int, int>>{{5, 6}, {6, 7}, {7, 6}, {9, 7}, {10, 6}, {20, 5}}) {
    r.emplace_back(Jan(day), pain);
  }
  const sys_days feb23 = sys_days(std::chrono::year(2026) / 2 / 23);
  r.emplace_back(feb23, 4);
  r.emplace_back(feb23 + days(2), 3);
  r.emplace_back(feb23 + days(4), 4);
  r.emplace_back(feb23 + days(6), 3);  // 1 March: the last date
  const PainWeeklyChange c = WeeklyPainChange("p01", r);
  EXPECT_EQ(c.baseline_days, 5);
  EXPECT_EQ(c.follow_up_days, 4);
  EXPECT_DOUBLE_EQ(*c.baseline_mean, 6.4);
  EXPECT_DOUBLE_EQ(*c.follow_up_mean, 3.5);
  EXPECT_NEAR(*c.raw_change, -2.9, 1e-12);
  EXPECT_NEAR(*c.pct_change, -45.3125, 1e-10);
  EXPECT_EQ(c.responder_30, true);
  EXPECT_EQ(c.responder_50, false);
  EXPECT_EQ(c.mcid_2pt, true);

  // 5 → 4 is −1 point, −20%: none of the three.
  std::vector<std::pair<sys_days, double>> small;
  for (int d = 0; d < 4; ++d) small.emplace_back(Jan(1) + days(d), 5);
  for (int d = 0; d < 4; ++d) small.emplace_back(Jan(20) + days(d), 4);
  const PainWeeklyChange s = WeeklyPainChange("p03", small);
  EXPECT_DOUBLE_EQ(*s.pct_change, -20);
  EXPECT_EQ(s.responder_30, false);
  EXPECT_EQ(s.mcid_2pt, false);

  // Three rated days in the first week: no baseline mean.
  std::vector<std::pair<sys_days, double>> sparse = {{Jan(1), 5},  {Jan(3), 5},  {Jan(7), 5},
                                                     {Jan(20), 2}, {Jan(21), 2}, {Jan(22), 2},
                                                     {Jan(23), 2}};
  const PainWeeklyChange none = WeeklyPainChange("p02", sparse);
  EXPECT_FALSE(none.baseline_mean);
  EXPECT_FALSE(none.raw_change);
  EXPECT_FALSE(none.note.empty());

  // Ten days only: the weeks would overlap.
  std::vector<std::pair<sys_days, double>> short_series;
  for (int d = 0; d < 10; ++d) short_series.emplace_back(Jan(1) + days(d), 5);
  EXPECT_FALSE(WeeklyPainChange("p04", short_series).raw_change);
}

TEST(Outcomes, DailyPainRowsInTheScoresCsv) {
  std::string csv = "patient,instrument,instrument_version,recall,date,score\n";
  for (int d = 1; d <= 5; ++d) csv += fmt::format("a,daily_pain,1,P1D,2026-01-0{},6\n", d);
  for (int d = 20; d <= 24; ++d) csv += fmt::format("a,daily_pain,1,P1D,2026-01-{},3\n", d);
  csv += "a,daily_pain,2,P1D,2026-01-25,3\n";
  IssueList issues;
  const OutcomeReport report = AnalyseOutcomes(ParseScoresCsv(csv, issues), Phq9Registry(), issues);
  ASSERT_EQ(report.pain.size(), 1u);
  EXPECT_EQ(report.pain[0].raw_change, -3);
  EXPECT_EQ(report.pain_summary.with_follow_up, 1);
  EXPECT_TRUE(report.pain_summary.responder_50.suppressed);
  EXPECT_EQ(assess::testing::PathsAndCodes(issues.Take()),
            (assess::testing::Expected{{"lines[12]", "mixed-version"}}));
}

// The shipped PHQ-9 and GAD-7 carry the cut-off of §5.2.
TEST(Outcomes, ShippedDefinitionsCarryTheCutoff) {
  const auto registry =
      assess::LoadRegistry(assess::testing::RepositoryRoot() / "content" / "instruments");
  ASSERT_TRUE(registry.issues.empty());
  ASSERT_TRUE(registry.Find("phq9")->change.clinical_cutoff);
  EXPECT_EQ(registry.Find("phq9")->change.clinical_cutoff->value, 10);
  EXPECT_EQ(registry.Find("gad7")->change.clinical_cutoff->value, 10);
}

}  // namespace
}  // namespace unknot::insight
