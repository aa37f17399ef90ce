#include "unknot/assess/outcome_change.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cmath>

namespace unknot::assess {
namespace {

// PHQ-9 as shipped: MCID 5 points, reliable change 7, lower is better.
ChangeParameters Phq9Like() {
  ChangeParameters change;
  change.direction = "higher_is_worse";
  change.mcid.push_back({std::nullopt, 5.0, std::nullopt, "s", "V"});
  change.reliable_change = ReliableChange{7.0, std::nullopt, std::nullopt, std::nullopt, "s", "D"};
  return change;
}

// NPRS as shipped: "general" is 2 points or 30%; smaller and larger labels follow.
ChangeParameters NprsLike() {
  ChangeParameters change;
  change.direction = "higher_is_worse";
  change.mcid.push_back({"general", 2.0, std::nullopt, "s", "V"});
  change.mcid.push_back({"general", std::nullopt, 30.0, "s", "V"});
  change.mcid.push_back({"small", 1.5, std::nullopt, "s", "V"});
  return change;
}

ScoredResponse At(double total, std::string version = "1.0",
                  std::optional<std::string> recall = "P2W") {
  return {"r-" + std::to_string(total), std::move(version), std::move(recall), total};
}

TEST(OutcomeChange, McidMetByPointsAndReliableImprovement) {
  const auto change = CompareResponses(Phq9Like(), At(18), At(10));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->previous_response_id, "r-18.000000");
  EXPECT_EQ(change->previous_total, 18);
  EXPECT_EQ(change->difference, -8);
  EXPECT_EQ(change->direction, ChangeDirection::kBetter);
  ASSERT_TRUE(change->mcid);
  EXPECT_EQ(change->mcid->threshold_points, 5);
  EXPECT_FALSE(change->mcid->threshold_percent);
  EXPECT_EQ(change->mcid->met, true);
  ASSERT_TRUE(change->reliable_change);
  EXPECT_EQ(change->reliable_change->threshold, 7);
  EXPECT_EQ(change->reliable_change->category, ReliableCategory::kImprovement);
}

TEST(OutcomeChange, McidNotMetJustBelowThePoints) {
  const auto change = CompareResponses(Phq9Like(), At(14), At(10));
  ASSERT_TRUE(change && change->mcid);
  EXPECT_EQ(change->mcid->met, false);
  EXPECT_EQ(change->reliable_change->category, ReliableCategory::kNoChange);
  // Exactly the MCID counts as met.
  EXPECT_EQ(CompareResponses(Phq9Like(), At(15), At(10))->mcid->met, true);
}

TEST(OutcomeChange, WorseningIsReliableDeteriorationAndNeverMeetsMcid) {
  const auto change = CompareResponses(Phq9Like(), At(5), At(12));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->direction, ChangeDirection::kWorse);
  EXPECT_EQ(change->mcid->met, false);
  EXPECT_EQ(change->reliable_change->category, ReliableCategory::kDeterioration);
}

TEST(OutcomeChange, NoDifferenceIsSame) {
  const auto change = CompareResponses(Phq9Like(), At(9), At(9));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->direction, ChangeDirection::kSame);
  EXPECT_EQ(change->difference, 0);
  EXPECT_EQ(change->mcid->met, false);
  EXPECT_EQ(change->reliable_change->category, ReliableCategory::kNoChange);
}

TEST(OutcomeChange, PercentMeetsWhenPointsDoNot) {
  // 5 → 3.5 is 1.5 points (< 2) but 30% of 5: met through the percent.
  const auto change = CompareResponses(NprsLike(), At(5, "1.0", "P1W"), At(3.5, "1.0", "P1W"));
  ASSERT_TRUE(change && change->mcid);
  EXPECT_EQ(change->mcid->label, "general");
  EXPECT_EQ(change->mcid->threshold_points, 2);
  EXPECT_EQ(change->mcid->threshold_percent, 30);
  EXPECT_EQ(change->mcid->met, true);
  // 10 → 8.5 is 1.5 points and 15%: neither.
  EXPECT_EQ(CompareResponses(NprsLike(), At(10), At(8.5))->mcid->met, false);
  // 10 → 8 meets the points.
  EXPECT_EQ(CompareResponses(NprsLike(), At(10), At(8))->mcid->met, true);
  // No reliable-change parameters: no category.
  EXPECT_FALSE(CompareResponses(NprsLike(), At(10), At(8))->reliable_change);
}

TEST(OutcomeChange, PercentOfAZeroBaselineIsUnknown) {
  ChangeParameters change;
  change.direction = "higher_is_worse";
  change.mcid.push_back({"clinically meaningful improvement", std::nullopt, 30.0, "s", "S"});
  const auto result = CompareResponses(change, At(0), At(0));
  ASSERT_TRUE(result && result->mcid);
  EXPECT_FALSE(result->mcid->met.has_value());
  EXPECT_EQ(CompareResponses(change, At(6), At(4))->mcid->met, true);  // 33% fall
}

TEST(OutcomeChange, HigherIsBetterFlipsTheDirection) {
  ChangeParameters change;
  change.direction = "higher_is_better";
  change.mcid.push_back({"small", 1.3, std::nullopt, "s", "V"});
  change.mcid.push_back({"medium", 2.3, std::nullopt, "s", "V"});
  const auto up = CompareResponses(change, At(4), At(6));
  ASSERT_TRUE(up);
  EXPECT_EQ(up->difference, 2);
  EXPECT_EQ(up->direction, ChangeDirection::kBetter);
  EXPECT_EQ(up->mcid->label, "small");
  EXPECT_EQ(up->mcid->threshold_points, 1.3);
  EXPECT_EQ(up->mcid->met, true);
  const auto down = CompareResponses(change, At(6), At(4));
  EXPECT_EQ(down->direction, ChangeDirection::kWorse);
  EXPECT_EQ(down->mcid->met, false);
}

TEST(OutcomeChange, NullAcrossVersionsRecallPeriodsOrMissingTotals) {
  EXPECT_FALSE(CompareResponses(Phq9Like(), At(10, "1.0"), At(5, "2.0")));
  EXPECT_FALSE(CompareResponses(NprsLike(), At(6, "1.0", "now"), At(2, "1.0", "P1W")));
  EXPECT_FALSE(CompareResponses(NprsLike(), At(6, "1.0", std::nullopt), At(2, "1.0", "P1W")));
  ScoredResponse missing = At(5);
  missing.total.reset();
  EXPECT_FALSE(CompareResponses(Phq9Like(), missing, At(5)));
  EXPECT_FALSE(CompareResponses(Phq9Like(), At(5), missing));
}

TEST(OutcomeChange, NoMcidInTheDefinitionGivesNoMcid) {
  ChangeParameters change;
  change.direction = "higher_is_worse";
  const auto result = CompareResponses(change, At(6), At(2));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->mcid);
  EXPECT_FALSE(result->reliable_change);
}

TEST(OutcomeChange, ThresholdFromSdAndReliability) {
  // clinical_reference.md §6.2 worked example (TSK-11): SEM 2.54 → S_diff 3.59 → 7.04.
  // With sd and r giving the same SEM: sd 10, r = 1 − 0.254² .
  const double r = 1 - 0.254 * 0.254;
  const ReliableChange derived{std::nullopt, 10.0, r, "test_retest", "s", "D"};
  const auto threshold = ReliableChangeThreshold(derived);
  ASSERT_TRUE(threshold);
  EXPECT_NEAR(*threshold, 1.96 * std::sqrt(2.0) * 2.54, 1e-9);
  EXPECT_NEAR(*threshold, 7.04, 0.01);
  // A configured threshold wins; half the parameters or an impossible r give none.
  EXPECT_EQ(ReliableChangeThreshold({6.0, 10.0, r, std::nullopt, "s", "D"}), 6.0);
  EXPECT_FALSE(ReliableChangeThreshold({std::nullopt, 10.0, std::nullopt, std::nullopt, "s", "D"}));
  EXPECT_FALSE(ReliableChangeThreshold({std::nullopt, 10.0, 1.5, std::nullopt, "s", "D"}));

  ChangeParameters change;
  change.direction = "higher_is_worse";
  change.reliable_change = derived;
  EXPECT_EQ(CompareResponses(change, At(30), At(22))->reliable_change->category,
            ReliableCategory::kImprovement);  // 8 ≥ 7.04
  EXPECT_EQ(CompareResponses(change, At(30), At(23))->reliable_change->category,
            ReliableCategory::kNoChange);  // 7 < 7.04
}

TEST(OutcomeChange, JsonShape) {
  const auto json = ToJson(CompareResponses(Phq9Like(), At(18), At(10)));
  const auto expected = boost::json::parse(R"({
    "previous_response_id": "r-18.000000", "previous_total": 18, "difference": -8,
    "direction": "better",
    "mcid": {"threshold_points": 5, "threshold_percent": null, "met": true, "label": null},
    "reliable_change": {"threshold": 7, "category": "reliable_improvement"}})");
  EXPECT_EQ(json, expected);
  EXPECT_TRUE(ToJson(std::nullopt).is_null());
}

}  // namespace
}  // namespace unknot::assess
