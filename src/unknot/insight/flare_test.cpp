#include "unknot/insight/flare.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/insight/flare_input.hpp"

namespace unknot::insight {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;

// The hand-written fixtures of tests/insight/flares (each CSV's day-by-day
// design is in docs/insight.md, "Flare fixtures"). Day N of a fixture is
// 2026-03-(N) counting from 2026-03-01 = day 1.
std::filesystem::path FixtureDir() {
  return assess::testing::RepositoryRoot() / "tests" / "insight" / "flares";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const assess::BodyMapRegions& BodyMap() {
  static const assess::BodyMapRegions map =
      assess::LoadBodyMapRegions(assess::testing::RepositoryRoot() / "content").value();
  return map;
}

FlareAnalysis Analyse(const std::string& fixture) {
  IssueList issues;
  auto input = ParseFlareInputCsv(ReadFile(FixtureDir() / (fixture + ".csv")), BodyMap(), issues);
  EXPECT_TRUE(issues.empty()) << fixture;
  EXPECT_FALSE(input.empty()) << fixture;
  return DetectFlares(std::move(input));
}

sys_days Day(int n) {
  return sys_days(std::chrono::year(2026) / 3 / 1) + days(n - 1);
}

// --- hand-computed expectations, one fixture per rule --------------------------

// Days 1–20 pain 3 (B = 3, MAD = 0, S = 1, threshold 5). Day 21 = 6, day 22 has
// no check-in, day 23 = 7: the single gap is bridged, start day 21. Days 24–26 =
// 5, 4, 3: the first of two observed days ≤ B* + 1 = 4 is day 25.
TEST(Flares, BridgedSingleGapStartsOnTheFirstCandidate) {
  const FlareAnalysis a = Analyse("bridged_gap");
  ASSERT_EQ(a.episodes.size(), 1u);
  const FlareEpisode& e = a.episodes[0];
  EXPECT_EQ(e.start, Day(21));
  EXPECT_EQ(e.end, Day(25));
  EXPECT_EQ(e.duration_days, 5);
  EXPECT_EQ(e.start_rule, FlareStartRule::kConsecutive);
  EXPECT_EQ(e.end_reason, FlareEndReason::kRecovered);
  EXPECT_EQ(e.baseline_frozen, 3);
  EXPECT_EQ(e.spread_at_start, 1);
  EXPECT_EQ(e.baseline_n, 20);
  EXPECT_EQ(e.observed_days, 4);  // 21, 23, 24, 25
  EXPECT_EQ(e.peak_pain, 7);
  EXPECT_EQ(e.peak_excess, 4);
  EXPECT_EQ(e.excess_auc, 3 + 4 + 2 + 1);
  // Flare answers 21 no, 22 none (no check-in), 23 yes, 24 no, 25 none.
  EXPECT_EQ(e.self_report.yes_days, 1);
  EXPECT_EQ(e.self_report.no_days, 2);
  EXPECT_EQ(e.self_report.unanswered_days, 2);
  EXPECT_TRUE(e.patient_called_it_flare);
  // Regions on the 4 check-in days of the episode vs the 20 baseline days.
  EXPECT_EQ(e.regions_episode.days_with_check_in, 4);
  EXPECT_EQ(e.regions_episode.days,
            (std::map<std::string, int>{{"left_hip", 2}, {"lower_back", 4}, {"neck", 1}}));
  EXPECT_EQ(e.regions_baseline.days_with_check_in, 20);
  EXPECT_EQ(e.regions_baseline.days, (std::map<std::string, int>{{"lower_back", 20}, {"neck", 1}}));
  // The three days before (18–20) against the medians of days 1–20.
  EXPECT_EQ(e.before.dates, (std::vector<sys_days>{Day(18), Day(19), Day(20)}));
  EXPECT_EQ(e.before.stress.values, (std::vector<std::optional<int>>{7, 8, 8}));
  EXPECT_EQ(e.before.stress.personal_median, 4);
  EXPECT_EQ(e.before.mood.values, (std::vector<std::optional<int>>{4, 3, 3}));
  EXPECT_EQ(e.before.mood.personal_median, 6);
  EXPECT_EQ(e.before.sleep.values, (std::vector<std::optional<int>>{5, 4, 3}));
  EXPECT_EQ(e.before.sleep.personal_median, 6);
  EXPECT_EQ(e.notes, (std::vector<std::string>{"moved house"}));
  EXPECT_EQ(a.concordance.self_report_yes_days, 1);
  EXPECT_EQ(a.concordance.self_report_yes_in_episode, 1);
  EXPECT_EQ(a.concordance.episode_days, 5);
  EXPECT_EQ(a.concordance.episode_days_with_yes, 1);
  EXPECT_EQ(a.concordance.episode_days_answered, 3);
  // Days 1–14 have fewer than 14 earlier observed days.
  EXPECT_EQ(a.baseline_established_from, Day(15));
}

// Day 21 = 6, days 22–23 missing, day 24 = 7, day 25 = 3: two missing days are
// not bridged, so both candidates stay alone and nothing starts.
TEST(Flares, TwoMissingDaysAreNotBridged) {
  const FlareAnalysis a = Analyse("gap_of_two_not_bridged");
  EXPECT_TRUE(a.episodes.empty());
  EXPECT_TRUE(a.days[20].candidate);
  EXPECT_TRUE(a.days[23].candidate);
  EXPECT_FALSE(a.days[24].candidate);
}

// Days 21–23 = 6, 7, 7, then three days without a check-in: the episode ends
// on day 23, the last observed day, with end_reason no_data.
TEST(Flares, ThreeMissingDaysEndWithNoData) {
  const FlareAnalysis a = Analyse("no_data_end");
  ASSERT_EQ(a.episodes.size(), 1u);
  const FlareEpisode& e = a.episodes[0];
  EXPECT_EQ(e.start, Day(21));
  EXPECT_EQ(e.end, Day(23));
  EXPECT_EQ(e.end_reason, FlareEndReason::kNoData);
  EXPECT_EQ(e.excess_auc, 3 + 4 + 4);
  EXPECT_FALSE(a.days[23].episode);  // day 24 is not part of it
}

// Days 21–22 = 7, 23–25 = 3 (episode 1 ends on day 23), 26–27 = 7: the new start
// is 2 days after the end, so it continues episode 1 (B* stays 3); days 28–29 = 3
// end it on day 28.
TEST(Flares, StartsWithinTwoDaysOfAnEndAreMerged) {
  const FlareAnalysis a = Analyse("merge_gap_two");
  ASSERT_EQ(a.episodes.size(), 1u);
  const FlareEpisode& e = a.episodes[0];
  EXPECT_EQ(e.start, Day(21));
  EXPECT_EQ(e.end, Day(28));
  EXPECT_EQ(e.duration_days, 8);
  EXPECT_EQ(e.merged_segments, 2);
  EXPECT_EQ(e.observed_days, 8);
  EXPECT_EQ(e.excess_auc, 4 + 4 + 0 + 0 + 0 + 4 + 4 + 0);
  EXPECT_EQ(a.concordance.episode_days, 8);
}

// The same with the second burst on day 27: a gap of 3 days keeps two episodes.
// The second baseline has days 1–20 and 24–26 (23 days; 21–23 are excluded).
TEST(Flares, StartsThreeDaysAfterAnEndAreNewEpisodes) {
  const FlareAnalysis a = Analyse("no_merge_gap_three");
  ASSERT_EQ(a.episodes.size(), 2u);
  EXPECT_EQ(a.episodes[0].start, Day(21));
  EXPECT_EQ(a.episodes[0].end, Day(23));
  EXPECT_EQ(a.episodes[1].start, Day(27));
  EXPECT_EQ(a.episodes[1].end, Day(29));
  EXPECT_EQ(a.episodes[1].baseline_n, 23);
  EXPECT_EQ(a.episodes[1].merged_segments, 1);
}

// Days 1–16 with no check-in on days 5, 9 and 12 (13 observed), then 9, 9, 9,
// 3, 3. Day 17 has 13 earlier observed days: not established, not a
// candidate. Day 18 has 14 (13 × 3 and a 9: B = 3) and starts the episode.
TEST(Flares, NoCandidateBeforeFourteenObservedDays) {
  const FlareAnalysis a = Analyse("baseline_not_established");
  EXPECT_EQ(a.days[16].baseline_status, BaselineStatus::kNotEstablished);
  EXPECT_EQ(a.days[16].baseline_n, 13);
  EXPECT_FALSE(a.days[16].candidate);
  EXPECT_EQ(a.baseline_established_from, Day(18));
  ASSERT_EQ(a.episodes.size(), 1u);
  EXPECT_EQ(a.episodes[0].start, Day(18));
  EXPECT_EQ(a.episodes[0].end, Day(20));
  EXPECT_EQ(a.episodes[0].baseline_n, 14);
  EXPECT_EQ(a.episodes[0].peak_excess, 6);
  EXPECT_EQ(a.episodes[0].excess_auc, 12);
}

// Days 1–8 = 4, 9–12 = 3, 13–20 = 2: B_21 = 3, MAD = 1, S = 1.4826, threshold
// 3 + 1.5 × 1.4826 = 5.2239. Days 21–34 = 6, 35–38 = 4. On day 35 the rolling
// baseline (days 7–20: two 4s, four 3s, eight 2s) is 2, so a rolling rule
// would need pain ≤ 3; the frozen B* = 3 ends the episode on day 35 (4 ≤ 4).
TEST(Flares, FrozenBaselineDecidesTheEnd) {
  const FlareAnalysis a = Analyse("baseline_frozen");
  ASSERT_EQ(a.episodes.size(), 1u);
  const FlareEpisode& e = a.episodes[0];
  EXPECT_EQ(e.baseline_frozen, 3);
  EXPECT_DOUBLE_EQ(e.spread_at_start, 1.4826);
  EXPECT_DOUBLE_EQ(*a.days[20].threshold, 3 + 1.5 * 1.4826);
  EXPECT_EQ(e.start, Day(21));
  EXPECT_EQ(e.end, Day(35));
  EXPECT_EQ(e.duration_days, 15);
  EXPECT_EQ(e.excess_auc, 14 * 3 + 1);
  EXPECT_EQ(a.days[34].baseline, 2);  // the rolling value on day 35
  EXPECT_EQ(a.days[34].baseline_n, 14);
  EXPECT_EQ(a.days[35].baseline_status, BaselineStatus::kNotEstablished);
}

// Day 21 = 6 with "yes" to the flare item, day 22 = 3: one candidate day plus
// the self-report starts an episode (rule b), which ends on day 22.
TEST(Flares, SelfReportRescuesASingleCandidateDay) {
  const FlareAnalysis a = Analyse("self_report_rescue");
  ASSERT_EQ(a.episodes.size(), 1u);
  const FlareEpisode& e = a.episodes[0];
  EXPECT_EQ(e.start_rule, FlareStartRule::kSelfReport);
  EXPECT_EQ(e.start, Day(21));
  EXPECT_EQ(e.end, Day(22));
  EXPECT_TRUE(e.patient_called_it_flare);
  EXPECT_EQ(e.excess_auc, 3);
}

// The same day answered "no" starts nothing; a "yes" on an ordinary day (24,
// pain 4) is counted for concordance only.
TEST(Flares, SingleCandidateWithoutSelfReportIsNoEpisode) {
  const FlareAnalysis a = Analyse("single_candidate_no_report");
  EXPECT_TRUE(a.episodes.empty());
  EXPECT_EQ(a.concordance.self_report_yes_days, 1);
  EXPECT_EQ(a.concordance.self_report_yes_in_episode, 0);
}

// Days 21–24 = 7, 8, 8, 6 and the series stops: still open.
TEST(Flares, OpenAtTheEndIsOngoing) {
  const FlareAnalysis a = Analyse("ongoing");
  ASSERT_EQ(a.episodes.size(), 1u);
  EXPECT_EQ(a.episodes[0].end_reason, FlareEndReason::kOngoing);
  EXPECT_EQ(a.episodes[0].end, Day(24));
  EXPECT_EQ(a.episodes[0].excess_auc, 4 + 5 + 5 + 3);
}

TEST(Flares, NoCheckInsNoEpisodes) {
  const FlareAnalysis a = DetectFlares({});
  EXPECT_TRUE(a.days.empty());
  EXPECT_TRUE(a.episodes.empty());
}

// --- the independent R implementation -----------------------------------------

// Every key R wrote must be in ours with the same value (numbers to 1e-12);
// extra keys of ours (labels, notes) are not R's business.
void ExpectSubset(const json::value& r, const json::value& ours, const std::string& path) {
  if (r.is_number()) {
    ASSERT_TRUE(ours.is_number()) << path << ": " << json::serialize(ours);
    const double a = r.to_number<double>();
    const double b = ours.to_number<double>();
    EXPECT_LE(std::abs(a - b), 1e-12 * std::max(1.0, std::abs(a))) << path;
    return;
  }
  if (r.is_object()) {
    ASSERT_TRUE(ours.is_object()) << path;
    for (const auto& [key, value] : r.as_object()) {
      if (key == "generator") continue;
      const auto* mine = ours.as_object().if_contains(key);
      ASSERT_NE(mine, nullptr) << path << "." << key;
      ExpectSubset(value, *mine, path + "." + std::string(key));
    }
    return;
  }
  if (r.is_array()) {
    ASSERT_TRUE(ours.is_array()) << path;
    ASSERT_EQ(r.as_array().size(), ours.as_array().size()) << path;
    for (std::size_t i = 0; i < r.as_array().size(); ++i) {
      ExpectSubset(r.as_array()[i], ours.as_array()[i], path + "[" + std::to_string(i) + "]");
    }
    return;
  }
  EXPECT_EQ(r, ours) << path;
}

TEST(Flares, EveryFixtureMatchesTheRReference) {
  int compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FixtureDir())) {
    if (entry.path().extension() != ".csv") continue;
    const std::string name = entry.path().stem().string();
    const auto expected_path = FixtureDir() / "expected" / (name + ".json");
    ASSERT_TRUE(std::filesystem::exists(expected_path))
        << "run scripts/insight/flares_reference.R --all";
    const json::value expected = json::parse(ReadFile(expected_path));
    const json::value ours = ToJson(Analyse(name), true);
    SCOPED_TRACE(name);
    ExpectSubset(expected, ours, name);
    ++compared;
  }
  EXPECT_EQ(compared, 10);
}

}  // namespace
}  // namespace unknot::insight
