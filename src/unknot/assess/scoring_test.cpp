#include "unknot/assess/scoring.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "unknot/assess/instrument_registry.hpp"

namespace unknot::assess {
namespace {

// Four 0–4 items, the last reverse-scored; the total may be prorated over
// one missing item. No shipped instrument uses prorating yet, so the rule is
// tested here on made-up data.
constexpr std::string_view kProrated = R"({
  "schema_version": 1, "id": "prorated", "version": "1", "title": "Prorated", "stem": null,
  "recall_period": {"options": ["now"], "default": "now", "source": "test"},
  "items": [
    {"linkId": "a", "text": null, "type": "integer", "min": 0, "max": 4},
    {"linkId": "b", "text": null, "type": "integer", "min": 0, "max": 4},
    {"linkId": "c", "text": null, "type": "integer", "min": 0, "max": 4},
    {"linkId": "d", "text": null, "type": "integer", "min": 0, "max": 4, "reverse": true}
  ],
  "scoring": {"total": {"title": "Total", "method": "sum", "items": ["a", "b", "c", "d"],
                        "missing": {"rule": "prorate", "max_missing": 1}, "min": 0, "max": 16}},
  "bands": [{"id": "low", "label": "Low", "when": [{"scale": "total", "min": 0, "max": 7}]},
            {"id": "high", "label": "High", "when": [{"scale": "total", "min": 8, "max": 16}]}],
  "alerts": [{"id": "a_high", "kind": "safety", "item": "a", "min": 4, "message": "m",
              "actions": [], "source": "s"}],
  "change": {"direction": "higher_is_worse", "mcid": []},
  "licence": {"status": "licensed", "text_in_public_repo": false, "copyright": "c",
              "notice": "n", "source": "s", "evidence": "U"}
})";

InstrumentDefinition Definition() {
  auto definition = ParseInstrument(kProrated);
  EXPECT_TRUE(definition);
  return definition ? *definition : InstrumentDefinition{};
}

ScoreResult ScoreJson(std::string_view answers) {
  return Score(Definition(), boost::json::parse(answers));
}

std::vector<std::string> Codes(const ScoreResult& result) {
  std::vector<std::string> codes;
  for (const auto& issue : result.issues) codes.push_back(issue.path + " " + issue.code);
  return codes;
}

TEST(Scoring, ReverseScoresAndBands) {
  // d = 4 reversed is 0: 1 + 2 + 3 + 0 = 6.
  const auto result = ScoreJson(R"({"a": 1, "b": 2, "c": 3, "d": 4})");
  ASSERT_TRUE(result.total.score);
  EXPECT_EQ(*result.total.score, 6);
  EXPECT_FALSE(result.total.prorated);
  EXPECT_EQ(result.band, "low");
  EXPECT_TRUE(result.issues.empty());
}

TEST(Scoring, ProratesUpToTheLimitAndFlagsIt) {
  // 3 + 3 + 2 = 8 over 3 items; × 4 / 3 = 10.67, rounded half up to 11.
  const auto result = ScoreJson(R"({"a": 3, "b": 3, "c": 2})");
  ASSERT_TRUE(result.total.score);
  EXPECT_EQ(*result.total.score, 11);
  EXPECT_TRUE(result.total.prorated);
  EXPECT_EQ(result.band, "high");
  EXPECT_EQ(Codes(result), (std::vector<std::string>{"d missing-prorated"}));
}

TEST(Scoring, BeyondTheLimitThereIsNoTotalAndNoBand) {
  const auto result = ScoreJson(R"({"a": 4, "b": 4})");
  EXPECT_FALSE(result.total.score);
  EXPECT_FALSE(result.band);
  EXPECT_EQ(Codes(result), (std::vector<std::string>{"c missing-required", "d missing-required"}));
  // The item alert still fires without a total.
  ASSERT_EQ(result.alerts.size(), 1u);
  EXPECT_EQ(result.alerts[0].kind, AlertKind::kSafety);
}

TEST(Scoring, ReportsEveryBadAnswerAndTreatsItAsUnanswered) {
  const auto result = ScoreJson(R"([
    {"linkId": "a", "value": 5},
    {"linkId": "b", "value": "two"},
    {"linkId": "c", "value": 1},
    {"linkId": "c", "value": 2},
    {"linkId": "zzz", "value": 1},
    {"value": 1},
    {"linkId": "d", "value": 1.5}
  ])");
  EXPECT_FALSE(result.total.score);
  EXPECT_EQ(Codes(result), (std::vector<std::string>{
                               "answers[0].value out-of-range",
                               "answers[1].value wrong-type",
                               "answers[3].linkId duplicate-answer",
                               "answers[4].linkId unknown-item",
                               "answers[5] wrong-type",
                               "answers[6].value wrong-type",
                               "a missing-required",
                               "b missing-required",
                               "c missing-required",
                               "d missing-required",
                           }));
  EXPECT_TRUE(result.alerts.empty());
}

TEST(Scoring, NumbersBeyondInt64AreOutOfRangeNotAFault) {
  const auto result = ScoreJson(R"({"a": 18446744073709551615, "b": -9223372036854775808})");
  EXPECT_EQ(Codes(result),
            (std::vector<std::string>{"answers.a out-of-range", "answers.b out-of-range",
                                      "a missing-required", "b missing-required",
                                      "c missing-required", "d missing-required"}));
}

TEST(Scoring, NullMeansUnansweredAndANonCollectionIsRefused) {
  const auto skipped = ScoreJson(R"({"a": null, "b": 1, "c": 1, "d": 0})");
  ASSERT_TRUE(skipped.total.score);
  EXPECT_EQ(*skipped.total.score, 8);  // (1 + 1 + 4) × 4 / 3 = 8
  const auto refused = ScoreJson("42");
  EXPECT_FALSE(refused.total.score);
  EXPECT_EQ(refused.issues.at(0).code, "wrong-type");
}

TEST(Scoring, JsonOutputUsesWholeNumbersAndNamesTheBand) {
  const auto json = ToJson(ScoreJson(R"({"a": 1, "b": 2, "c": 3, "d": 4})"));
  EXPECT_TRUE(json.at("total").at("score").is_int64());
  EXPECT_EQ(json.at("band").at("id").as_string(), "low");
  EXPECT_TRUE(json.at("issues").as_array().empty());
}

}  // namespace
}  // namespace unknot::assess
