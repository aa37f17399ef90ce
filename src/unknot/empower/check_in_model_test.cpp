#include "unknot/empower/check_in_model.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/empower/check_in_test_support.hpp"

namespace unknot::empower {
namespace {

using namespace std::chrono;
using assess::testing::Expected;
using assess::testing::PathsAndCodes;
namespace json = boost::json;

// A UTC wall-clock time as an Instant.
Instant Utc(year_month_day date, hours h, minutes m = minutes(0)) {
  return duration_cast<microseconds>((sys_days(date) + h + m).time_since_epoch()).count();
}

LocalDate D(int y, unsigned m, unsigned d) {
  return LocalDate{year{y}, month{m}, day{d}};
}

TEST(LocalDate, ParsesOnlyRealDatesInTheStrictForm) {
  EXPECT_EQ(ParseLocalDate("2026-03-29"), D(2026, 3, 29));
  EXPECT_EQ(ParseLocalDate("2024-02-29"), D(2024, 2, 29));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-3-29", "2026/03/29", "26-03-29",
                          "2026-03-29T00:00", "", "2026-00-10", "2026-04-31"}) {
    EXPECT_FALSE(ParseLocalDate(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatLocalDate(D(2026, 3, 9)), "2026-03-09");
}

// London is UTC+0 in winter and UTC+1 in summer; the clocks change at 01:00
// UTC on 2026-03-29 and 2026-10-25.
TEST(LocalToday, FollowsLondonAcrossBothDstChanges) {
  const auto zone = "Europe/London";
  EXPECT_EQ(LocalToday(Utc(D(2026, 3, 28), hours(23), minutes(30)), zone).value(),
            D(2026, 3, 28));  // 23:30 GMT
  EXPECT_EQ(LocalToday(Utc(D(2026, 3, 29), hours(0), minutes(59)), zone).value(),
            D(2026, 3, 29));  // 00:59 GMT, just before the change
  EXPECT_EQ(LocalToday(Utc(D(2026, 3, 29), hours(23), minutes(30)), zone).value(),
            D(2026, 3, 30));  // 00:30 BST the next day
  EXPECT_EQ(LocalToday(Utc(D(2026, 10, 24), hours(23), minutes(30)), zone).value(),
            D(2026, 10, 25));  // 00:30 BST on the day the clocks go back
  EXPECT_EQ(LocalToday(Utc(D(2026, 10, 25), hours(23), minutes(30)), zone).value(),
            D(2026, 10, 25));  // 23:30 GMT, still the 25th
  EXPECT_EQ(LocalToday(Utc(D(2026, 10, 25), hours(23), minutes(30)), "America/New_York").value(),
            D(2026, 10, 25));
  EXPECT_EQ(LocalToday(Utc(D(2026, 10, 25), hours(23), minutes(30)), "Asia/Tokyo").value(),
            D(2026, 10, 26));
}

TEST(LocalToday, RefusesAnUnknownZone) {
  const auto today = LocalToday(Utc(D(2026, 3, 29), hours(12)), "Europe/Atlantis");
  ASSERT_FALSE(today.has_value());
  EXPECT_EQ(today.error().code(), ErrorCode::kInvalid);
}

TEST(DateWindow, TodayAndSevenDaysBackAreOpenTheRestIsRefused) {
  const LocalDate today = D(2026, 3, 29);
  EXPECT_EQ(ClassifyDate(today, today), DateWindow::kToday);
  EXPECT_EQ(ClassifyDate(D(2026, 3, 28), today), DateWindow::kBackfill);
  EXPECT_EQ(ClassifyDate(D(2026, 3, 22), today), DateWindow::kBackfill);  // 7 days back
  EXPECT_EQ(ClassifyDate(D(2026, 3, 21), today), DateWindow::kTooOld);    // 8 days back
  EXPECT_EQ(ClassifyDate(D(2026, 3, 30), today), DateWindow::kFuture);
  // Across a month and a year end.
  EXPECT_EQ(ClassifyDate(D(2025, 12, 26), D(2026, 1, 2)), DateWindow::kBackfill);
  EXPECT_EQ(ClassifyDate(D(2025, 12, 25), D(2026, 1, 2)), DateWindow::kTooOld);

  IssueList issues;
  CheckEntryDate(D(2026, 3, 30), today, "date", issues);
  CheckEntryDate(D(2026, 3, 21), today, "lines[2].date", issues);
  CheckEntryDate(D(2026, 3, 22), today, "ok", issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()),
            (Expected{{"date", "future-date"}, {"lines[2].date", "outside-backfill-window"}}));
}

TEST(DecodeCheckIn, ReadsEveryField) {
  IssueList issues;
  const auto input = DecodeCheckIn(json::parse(R"({"date":"2026-03-28","pain":0,"stress":10,
      "mood":5,"sleep":null,"tension":3,"regions":["neck","left_knee"],"self_care_done":true,
      "flare":false,"note":"  Long walk  "})")
                                       .as_object(),
                                   testing::SmallBodyMap(), true, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(input.date, D(2026, 3, 28));
  const CheckInValues& v = input.values;
  EXPECT_EQ(v.pain, 0);
  EXPECT_EQ(v.stress, 10);
  EXPECT_EQ(v.mood, 5);
  EXPECT_FALSE(v.sleep.has_value());
  EXPECT_EQ(v.tension, 3);
  EXPECT_EQ(v.regions, (std::vector<std::string>{"neck", "left_knee"}));
  EXPECT_EQ(v.self_care_done, true);
  EXPECT_EQ(v.flare, false);
  EXPECT_EQ(v.note, "Long walk");
}

TEST(DecodeCheckIn, AnEmptyBodyIsACheckInWithNothingAnswered) {
  IssueList issues;
  const auto input = DecodeCheckIn({}, testing::SmallBodyMap(), true, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_FALSE(input.date.has_value());
  EXPECT_EQ(input.values, CheckInValues{});
}

TEST(DecodeCheckIn, ReportsEveryProblemAtOnce) {
  IssueList issues;
  json::object body = json::parse(R"({"date":"2026-02-30","pain":11,"stress":-1,"mood":"5",
      "sleep":2.5,"tension":99999999999999,"regions":[4,"neck","elbow","neck"],
      "self_care_done":"yes","flare":1,"colour":"blue"})")
                          .as_object();
  body["note"] = std::string(1001, 'a');
  DecodeCheckIn(body, testing::SmallBodyMap(), true, issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{
                                              {"colour", "unknown-field"},
                                              {"date", "invalid-date"},
                                              {"flare", "not-a-boolean"},
                                              {"mood", "not-an-integer"},
                                              {"note", "too-long"},
                                              {"pain", "out-of-range"},
                                              {"regions[0]", "not-a-string"},
                                              {"regions[2]", "unknown-region"},
                                              {"regions[3]", "duplicate-region"},
                                              {"self_care_done", "not-a-boolean"},
                                              {"sleep", "not-an-integer"},
                                              {"stress", "out-of-range"},
                                              {"tension", "out-of-range"},
                                          }));
}

TEST(DecodeCheckIn, AnEditTakesItsDateFromTheAddressOnly) {
  IssueList issues;
  DecodeCheckIn(json::parse(R"({"date":"2026-03-28","pain":2})").as_object(),
                testing::SmallBodyMap(), false, issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{{"date", "unknown-field"}}));
}

TEST(EncodeCheckInValues, NamesEveryFieldAndNullsWhatIsAbsent) {
  CheckInValues values;
  values.pain = 4;
  values.regions = {"neck"};
  values.flare = true;
  EXPECT_EQ(json::value(EncodeCheckInValues(values)),
            json::parse(R"({"pain":4,"stress":null,"mood":null,"sleep":null,"tension":null,
                "regions":["neck"],"self_care_done":null,"flare":true,"note":null})"));
}

}  // namespace
}  // namespace unknot::empower
