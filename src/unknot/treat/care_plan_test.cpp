#include "unknot/treat/care_plan.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/treat/demo_care_plan.hpp"

namespace unknot::treat {
namespace {

using assess::testing::Expected;
using assess::testing::PathsAndCodes;
namespace json = boost::json;
using namespace std::chrono;

const PlanDate kToday{year{2026}, month{12}, day{2}};

json::object Valid() {
  return json::parse(R"({
    "problems": ["Neck pain at work"],
    "goals": [{"activity": "Sit at my desk all day", "baseline": 3, "target": 7},
              {"activity": "Carry the shopping", "baseline": 4, "target": 8}],
    "planned_sessions": 6, "frequency": "weekly",
    "programme_note": "  Stretches daily  ", "review_date": "2027-01-13"})")
      .as_object();
}

Expected Decode(const json::object& body, CarePlanValues* out = nullptr) {
  IssueList issues;
  CarePlanValues values = DecodeCarePlan(body, kToday, issues);
  if (out) *out = values;
  return PathsAndCodes(issues.Take());
}

TEST(CarePlan, AValidPlanDecodes) {
  CarePlanValues values;
  EXPECT_EQ(Decode(Valid(), &values), Expected{});
  EXPECT_EQ(values.problems, std::vector<std::string>{"Neck pain at work"});
  ASSERT_EQ(values.goals.size(), 2u);
  EXPECT_EQ(values.goals[1], (CarePlanGoal{"Carry the shopping", 4, 8}));
  EXPECT_EQ(values.planned_sessions, 6);
  EXPECT_EQ(values.frequency, Frequency::kWeekly);
  EXPECT_EQ(values.programme_note, "Stretches daily");
  EXPECT_EQ(FormatPlanDate(values.review_date), "2027-01-13");
}

TEST(CarePlan, EveryMissingFieldIsReportedAtOnce) {
  EXPECT_EQ(Decode(json::object{}), (Expected{{"frequency", "required"},
                                              {"goals", "required"},
                                              {"planned_sessions", "required"},
                                              {"problems", "required"},
                                              {"review_date", "required"}}));
}

TEST(CarePlan, GoalsNeedOneToFiveWithWordsAndARisingTarget) {
  json::object body = Valid();
  body["goals"] = json::array{};
  EXPECT_EQ(Decode(body), (Expected{{"goals", "too-few"}}));

  json::array six;
  for (int i = 0; i < 6; ++i) {
    six.push_back(json::object{
        {"activity", "Activity " + std::to_string(i)}, {"baseline", 2}, {"target", 6}});
  }
  body["goals"] = six;
  EXPECT_EQ(Decode(body), (Expected{{"goals", "too-many"}}));

  body["goals"] = json::parse(R"([
    {"activity": "", "baseline": 3, "target": 7},
    {"activity": "Walk the dog", "baseline": 5, "target": 5},
    {"activity": "Garden", "baseline": 6, "target": 2},
    {"activity": "Lift my child", "baseline": -1, "target": 11},
    {"activity": "walk the dog ", "baseline": 1.5, "target": "8", "why": 1}])");
  EXPECT_EQ(Decode(body), (Expected{{"goals[0].activity", "required"},
                                    {"goals[1].target", "same-as-baseline"},
                                    {"goals[2].target", "below-baseline"},
                                    {"goals[3].baseline", "out-of-range"},
                                    {"goals[3].target", "out-of-range"},
                                    {"goals[4].activity", "repeated-activity"},
                                    {"goals[4].baseline", "out-of-range"},
                                    {"goals[4].target", "not-an-integer"},
                                    {"goals[4].why", "unknown-field"}}));
}

TEST(CarePlan, ActivityIsAtMost200Characters) {
  json::object body = Valid();
  body["goals"] = json::array{
      json::object{{"activity", std::string(200, 'a')}, {"baseline", 0}, {"target", 10}},
      json::object{{"activity", std::string(201, 'b')}, {"baseline", 0}, {"target", 10}}};
  EXPECT_EQ(Decode(body), (Expected{{"goals[1].activity", "too-long"}}));
  // Characters, not bytes: 200 accented letters are fine.
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "é";
  body["goals"] = json::array{json::object{{"activity", accented}, {"baseline", 0}, {"target", 1}}};
  EXPECT_EQ(Decode(body), Expected{});
}

TEST(CarePlan, SessionsFrequencyAndProblems) {
  json::object body = Valid();
  body["planned_sessions"] = 0;
  body["frequency"] = "daily";
  body["problems"] = json::array{"", 3};
  EXPECT_EQ(Decode(body), (Expected{{"frequency", "invalid-option"},
                                    {"planned_sessions", "out-of-range"},
                                    {"problems[0]", "required"},
                                    {"problems[1]", "wrong-type"}}));
  body = Valid();
  body["planned_sessions"] = 53;
  body["problems"] = json::array{};
  body["extra"] = true;
  EXPECT_EQ(Decode(body), (Expected{{"extra", "unknown-field"},
                                    {"planned_sessions", "out-of-range"},
                                    {"problems", "too-few"}}));
  body = Valid();
  body["planned_sessions"] = 52;
  body["frequency"] = "as_needed";
  body["programme_note"] = nullptr;
  CarePlanValues values;
  EXPECT_EQ(Decode(body, &values), Expected{});
  EXPECT_EQ(values.programme_note, std::nullopt);
  EXPECT_EQ(values.frequency, Frequency::kAsNeeded);
}

TEST(CarePlan, TheReviewDateIsTodayOrLaterWithinTwoYears) {
  json::object body = Valid();
  body["review_date"] = "2026-12-02";
  EXPECT_EQ(Decode(body), Expected{});
  body["review_date"] = "2026-12-01";
  EXPECT_EQ(Decode(body), (Expected{{"review_date", "in-the-past"}}));
  body["review_date"] = "2026-02-30";
  EXPECT_EQ(Decode(body), (Expected{{"review_date", "invalid-date"}}));
  body["review_date"] = "2/12/2027";
  EXPECT_EQ(Decode(body), (Expected{{"review_date", "invalid-date"}}));
  body["review_date"] = "2028-12-02";
  EXPECT_EQ(Decode(body), Expected{});
  body["review_date"] = "2028-12-03";
  EXPECT_EQ(Decode(body), (Expected{{"review_date", "too-far-ahead"}}));
}

TEST(CarePlan, StoredDocumentRoundTrips) {
  CarePlanValues values;
  ASSERT_EQ(Decode(Valid(), &values), Expected{});
  const std::string stored = json::serialize(EncodeCarePlanValues(values));
  auto parsed = ParseStoredCarePlan(stored);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, values);
  EXPECT_FALSE(ParseStoredCarePlan("{}"));
  EXPECT_FALSE(ParseStoredCarePlan("not json"));
}

TEST(CarePlan, TheDemoPlanPassesItsOwnRules) {
  const CarePlanValues demo = DemoCarePlan(kToday);
  IssueList issues;
  const CarePlanValues decoded = DecodeCarePlan(EncodeCarePlanValues(demo), kToday, issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()), Expected{});
  EXPECT_EQ(decoded, demo);
  EXPECT_EQ(demo.problems.size(), 2u);
  EXPECT_EQ(demo.goals.size(), 2u);
  EXPECT_EQ(demo.planned_sessions, 6);
  EXPECT_EQ(demo.frequency, Frequency::kWeekly);
}

TEST(CarePlan, CurrentIsTheLatestPsfsRatingOfTheSameActivity) {
  const PsfsRatings latest = PsfsRatingsFromAnswers(
      R"({"psfs_activity_1": "Carry the shopping", "psfs_rating_1": 6,
          "psfs_activity_2": "Garden", "psfs_activity_3": "Run", "psfs_rating_3": 12})");
  const PsfsRatings older = PsfsRatingsFromAnswers(
      R"({"psfs_activity_1": "Sit at my desk all day", "psfs_rating_1": 3,
          "psfs_activity_2": "carry the shopping", "psfs_rating_2": 4})");
  EXPECT_EQ(latest.ratings.size(), 1u) << "unrated and out-of-range activities are left out";
  const std::vector<PsfsRatings> newest_first{latest, older};
  EXPECT_EQ(CurrentRating(" CARRY the shopping", newest_first), 6);
  EXPECT_EQ(CurrentRating("Sit at my desk all day", newest_first), 3);
  EXPECT_EQ(CurrentRating("Garden", newest_first), std::nullopt);
  EXPECT_TRUE(PsfsRatingsFromAnswers("garbage").ratings.empty());
}

}  // namespace
}  // namespace unknot::treat
