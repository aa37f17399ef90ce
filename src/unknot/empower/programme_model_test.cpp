#include "unknot/empower/programme_model.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace unknot::empower {
namespace {

namespace json = boost::json;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

LocalDate D(int d) {
  return LocalDate{year{2026}, month{3}, day{unsigned(d)}};
}

std::vector<std::string> Paths(IssueList& issues) {
  std::vector<std::string> paths;
  for (const auto& issue : issues.Take()) paths.push_back(issue.path + ":" + issue.code);
  return paths;
}

TEST(ProgrammeDosage, DecodesAFullDosage) {
  IssueList issues;
  const Dosage dosage = DecodeDosage(
      json::parse(R"({"sets":3,"reps":10,"hold_seconds":30,"times":2,"per":"day","weeks":6})"),
      "dosage", issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(dosage, (Dosage{3, 10, 30, 2, DosagePeriod::kDay, 6}));
  EXPECT_EQ(json::serialize(EncodeDosage(dosage)),
            R"({"sets":3,"reps":10,"hold_seconds":30,"times":2,"per":"day","weeks":6})");
}

TEST(ProgrammeDosage, NullMeansAbsent) {
  IssueList issues;
  const Dosage dosage =
      DecodeDosage(json::parse(R"({"sets":null,"times":3,"per":"week"})"), "dosage", issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(dosage, (Dosage{std::nullopt, std::nullopt, std::nullopt, 3, DosagePeriod::kWeek,
                            std::nullopt}));
}

TEST(ProgrammeDosage, ReportsEveryIssue) {
  IssueList issues;
  DecodeDosage(json::parse(R"({"sets":0,"reps":"ten","hold_seconds":601,"weeks":53,"x":1})"),
               "dosage", issues);
  EXPECT_EQ(Paths(issues),
            (std::vector<std::string>{
                "dosage.x:unknown-field", "dosage.sets:out-of-range", "dosage.reps:not-an-integer",
                "dosage.hold_seconds:out-of-range", "dosage.weeks:out-of-range",
                "dosage.per:required", "dosage.times:required"}));
}

TEST(ProgrammeDosage, TimesCapDependsOnPeriod) {
  IssueList issues;
  DecodeDosage(json::parse(R"({"times":13,"per":"day"})"), "dosage", issues);
  EXPECT_EQ(Paths(issues), std::vector<std::string>{"dosage.times:out-of-range"});
  DecodeDosage(json::parse(R"({"times":13,"per":"week"})"), "dosage", issues);
  EXPECT_TRUE(issues.empty());
  DecodeDosage(json::parse(R"({"times":1,"per":"month"})"), "dosage", issues);
  EXPECT_EQ(Paths(issues), std::vector<std::string>{"dosage.per:invalid-period"});
  DecodeDosage(json::parse(R"([1])"), "dosage", issues);
  EXPECT_EQ(Paths(issues), std::vector<std::string>{"dosage:wrong-type"});
}

TEST(ProgrammePrecautions, MatchesCodeOrSituation) {
  const std::vector<assess::PrecautionChoice> patient{
      {.precaution = "pregnancy", .situation = "positioning"},
      {.precaution = "anticoagulants", .situation = "any"}};
  EXPECT_EQ(MatchPrecautions(
                {"recent_surgery", "pregnancy", "anticoagulants.any", "pregnancy.first_trimester"},
                patient),
            (std::vector<std::string>{"pregnancy", "anticoagulants.any"}));
  EXPECT_TRUE(MatchPrecautions({"pregnancy.positioning"}, {}).empty());
  EXPECT_TRUE(MatchPrecautions({}, patient).empty());
}

TEST(ProgrammeAdherence, DailyItemExpectsTimesEachActiveDay) {
  AdherenceInput item{.dosage = {.times = 2},
                      .start = D(3),
                      .end = std::nullopt,
                      .done = {{D(1), 2}, {D(3), 2}, {D(4), 5}, {D(5), 1}}};
  const Adherence a = ComputeAdherence(item, D(1), D(7));
  // Active 3..7 = 5 days × 2; D(1) is before the start; D(4) is capped at 2.
  EXPECT_EQ(a.expected, 10);
  EXPECT_EQ(a.done, 5);
  EXPECT_DOUBLE_EQ(*a.ratio, 0.5);
}

TEST(ProgrammeAdherence, WeeklyItemIsProRata) {
  AdherenceInput item{.dosage = {.times = 3, .per = DosagePeriod::kWeek},
                      .start = D(1),
                      .end = std::nullopt,
                      .done = {{D(2), 1}, {D(4), 1}}};
  const Adherence week = ComputeAdherence(item, D(1), D(7));
  EXPECT_DOUBLE_EQ(week.expected, 3);
  EXPECT_EQ(week.done, 2);
  const Adherence two_days = ComputeAdherence(item, D(6), D(7));
  EXPECT_DOUBLE_EQ(two_days.expected, 6.0 / 7.0);
  EXPECT_EQ(two_days.done, 0);
  // Doing more than expected in a short window still reads as 100 %.
  EXPECT_DOUBLE_EQ(*ComputeAdherence(item, D(2), D(2)).ratio, 1.0);
}

TEST(ProgrammeAdherence, EndedItemKeepsItsHistoryAndExpectsNothingAfter) {
  AdherenceInput item{
      .dosage = {.times = 1}, .start = D(1), .end = D(4), .done = {{D(2), 1}, {D(5), 1}}};
  const Adherence a = ComputeAdherence(item, D(1), D(10));
  EXPECT_EQ(a.expected, 3);  // days 1, 2, 3
  EXPECT_EQ(a.done, 1);      // day 5 is after the end
  const Adherence after = ComputeAdherence(item, D(4), D(10));
  EXPECT_EQ(after.expected, 0);
  EXPECT_FALSE(after.ratio.has_value());
}

TEST(ProgrammeAdherence, WeeksLimitTheActivePeriod) {
  const Dosage dosage{.times = 1, .weeks = 1};
  EXPECT_EQ(ActiveUntil(dosage, D(1), std::nullopt), D(8));
  EXPECT_EQ(ActiveUntil(dosage, D(1), D(5)), D(5));
  EXPECT_EQ(ActiveUntil(Dosage{}, D(1), std::nullopt), std::nullopt);
}

TEST(ProgrammeAdherence, CombinesAndEncodes) {
  const Adherence overall = CombineAdherence({{3, 4.0, 0.75}, {1, 6.0 / 7.0, 1.0}});
  EXPECT_EQ(overall.done, 4);
  const json::object encoded = EncodeAdherence(overall);
  EXPECT_EQ(encoded.at("done"), 4);
  EXPECT_DOUBLE_EQ(encoded.at("expected").as_double(), 4.86);  // rounded to two decimals
  EXPECT_DOUBLE_EQ(encoded.at("ratio").as_double(), 0.82);
  EXPECT_EQ(json::serialize(EncodeAdherence({})), R"({"done":0,"expected":0,"ratio":null})");
}

}  // namespace
}  // namespace unknot::empower
