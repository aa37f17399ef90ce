#include "unknot/empower/reminder_model.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::empower {
namespace {

using namespace std::chrono;
using assess::testing::Expected;
using assess::testing::PathsAndCodes;
namespace json = boost::json;

constexpr const char* kLondon = "Europe/London";

// A UTC wall-clock time as an Instant.
Instant Utc(int y, unsigned mo, unsigned d, int h, int m = 0) {
  const sys_days day{year_month_day{year{y}, month{mo}, std::chrono::day{d}}};
  return duration_cast<microseconds>((day + hours(h) + minutes(m)).time_since_epoch()).count();
}

LocalDate D(int y, unsigned m, unsigned d) {
  return LocalDate{year{y}, month{m}, day{d}};
}

ReminderDays Days(std::initializer_list<int> chosen) {
  ReminderDays days{};
  for (int i : chosen) days[static_cast<std::size_t>(i)] = true;
  return days;
}

const ReminderDays kEveryDay = Days({0, 1, 2, 3, 4, 5, 6});
const ReminderDays kWeekdays = Days({0, 1, 2, 3, 4});

ReminderPreference Email(int hour, int minute, ReminderDays days = kEveryDay) {
  return {ReminderChannel::kEmail, minutes(hour * 60 + minute), days};
}

// Saved long before any day in these tests, nothing sent, never checked in.
ReminderFacts Fresh() {
  return {.saved_at = Utc(2026, 1, 1, 0), .deliverable = true};
}

ReminderPlan Plan(const ReminderPreference& preference, Instant now,
                  const ReminderFacts& facts = Fresh(), const char* zone = kLondon) {
  return PlanReminder(preference, zone, now, facts).value();
}

Expected Decode(const char* body, ReminderPreference* out = nullptr) {
  IssueList issues;
  const auto decoded = DecodeReminderPreference(json::parse(body).as_object(), issues);
  if (out) *out = decoded;
  return PathsAndCodes(issues.Take());
}

TEST(ReminderTime, ParsesOnlyStrictHoursAndMinutes) {
  EXPECT_EQ(ParseReminderTime("00:00"), minutes(0));
  EXPECT_EQ(ParseReminderTime("08:30"), minutes(8 * 60 + 30));
  EXPECT_EQ(ParseReminderTime("23:59"), minutes(23 * 60 + 59));
  for (const char* bad :
       {"24:00", "8:30", "08:60", "08.30", "0830", "08:30:00", "", " 8:30", "ab:cd", "-1:00"}) {
    EXPECT_FALSE(ParseReminderTime(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatReminderTime(minutes(8 * 60 + 5)), "08:05");
  EXPECT_EQ(FormatReminderTime(minutes(0)), "00:00");
}

TEST(ReminderPreference, TheDefaultsAreNoRemindersAt1900EveryDay) {
  const ReminderPreference defaults;
  EXPECT_EQ(
      json::serialize(EncodeReminderValues(defaults)),
      R"({"channel":"none","time":"19:00","days":["mon","tue","wed","thu","fri","sat","sun"]})");
}

TEST(ReminderPreference, DecodesAGoodBodyWithTheDaysInWeekOrder) {
  ReminderPreference decoded;
  EXPECT_EQ(Decode(R"({"channel":"email","time":"08:30","days":["fri","mon","wed"]})", &decoded),
            Expected{});
  EXPECT_EQ(decoded, (ReminderPreference{ReminderChannel::kEmail, minutes(510), Days({0, 2, 4})}));
  EXPECT_EQ(json::serialize(EncodeDays(decoded.days)), R"(["mon","wed","fri"])");
  // No reminders with no days is a fine thing to say.
  EXPECT_EQ(Decode(R"({"channel":"none","time":"19:00","days":[]})", &decoded), Expected{});
  EXPECT_EQ(decoded.days, ReminderDays{});
}

TEST(ReminderPreference, ReportsEveryProblemAtOnce) {
  EXPECT_EQ(Decode(R"({"channel":"sms","time":"8:30","days":["mon","mon","funday",3],"x":1})"),
            (Expected{{"channel", "invalid-channel"},
                      {"days[1]", "repeated-day"},
                      {"days[2]", "unknown-day"},
                      {"days[3]", "unknown-day"},
                      {"time", "invalid-time"},
                      {"x", "unknown-field"}}));
  EXPECT_EQ(Decode("{}"),
            (Expected{{"channel", "required"}, {"days", "required"}, {"time", "required"}}));
  EXPECT_EQ(Decode(R"({"channel":"email","time":"08:30","days":[]})"),
            (Expected{{"days", "no-days"}}));
  EXPECT_EQ(Decode(R"({"channel":"email","time":830,"days":"mon"})"),
            (Expected{{"days", "not-an-array"}, {"time", "invalid-time"}}));
}

// London changes to summer time at 01:00 UTC on Sunday 2026-03-29 and back at
// 01:00 UTC on Sunday 2026-10-25.
TEST(PlanReminder, FollowsTheClockChangeInMarch) {
  const auto preference = Email(8, 30);
  // Saturday 28 March is GMT: 08:30 local is 08:30 UTC.
  EXPECT_FALSE(Plan(preference, Utc(2026, 3, 28, 8, 29)).due);
  EXPECT_EQ(Plan(preference, Utc(2026, 3, 28, 8, 29)).next_at, Utc(2026, 3, 28, 8, 30));
  EXPECT_TRUE(Plan(preference, Utc(2026, 3, 28, 8, 30)).due);
  // Once sent, the next is Sunday's 08:30 BST, which is 07:30 UTC.
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 3, 28);
  const ReminderPlan after = Plan(preference, Utc(2026, 3, 28, 9, 0), sent);
  EXPECT_FALSE(after.due);
  EXPECT_EQ(after.today, D(2026, 3, 28));
  EXPECT_EQ(after.next_at, Utc(2026, 3, 29, 7, 30));
  EXPECT_FALSE(Plan(preference, Utc(2026, 3, 29, 7, 29), sent).due);
  const ReminderPlan sunday = Plan(preference, Utc(2026, 3, 29, 7, 30), sent);
  EXPECT_TRUE(sunday.due);
  EXPECT_EQ(sunday.today, D(2026, 3, 29));
  EXPECT_EQ(sunday.next_at, Utc(2026, 3, 29, 7, 30));
}

TEST(PlanReminder, ATimeTheClocksSkipGoesWhenTheyJump) {
  // 01:30 does not happen in London on 29 March: the clocks go from 01:00 GMT to 02:00 BST.
  const auto preference = Email(1, 30);
  EXPECT_EQ(Plan(preference, Utc(2026, 3, 29, 0, 0)).next_at, Utc(2026, 3, 29, 1, 0));
  EXPECT_FALSE(Plan(preference, Utc(2026, 3, 29, 0, 59)).due);
  EXPECT_TRUE(Plan(preference, Utc(2026, 3, 29, 1, 0)).due);
  // The next day it is 01:30 BST again, 00:30 UTC.
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 3, 29);
  EXPECT_EQ(Plan(preference, Utc(2026, 3, 29, 1, 0), sent).next_at, Utc(2026, 3, 30, 0, 30));
}

TEST(PlanReminder, FollowsTheClockChangeInOctoberAndSendsARepeatedHourOnce) {
  // Saturday 24 October is BST: 08:30 local is 07:30 UTC; Sunday 25th is GMT: 08:30 UTC.
  const auto preference = Email(8, 30);
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 10, 24);
  EXPECT_EQ(Plan(preference, Utc(2026, 10, 24, 7, 0)).next_at, Utc(2026, 10, 24, 7, 30));
  EXPECT_EQ(Plan(preference, Utc(2026, 10, 24, 8, 0), sent).next_at, Utc(2026, 10, 25, 8, 30));
  EXPECT_FALSE(Plan(preference, Utc(2026, 10, 25, 7, 30), sent).due);  // 07:30 GMT
  EXPECT_TRUE(Plan(preference, Utc(2026, 10, 25, 8, 30), sent).due);

  // 01:30 happens twice on the 25th (00:30 UTC in BST, 01:30 UTC in GMT): the first one counts…
  const auto early = Email(1, 30);
  EXPECT_EQ(Plan(early, Utc(2026, 10, 25, 0, 0)).next_at, Utc(2026, 10, 25, 0, 30));
  EXPECT_TRUE(Plan(early, Utc(2026, 10, 25, 0, 30)).due);
  // …and once it went, the second 01:30 sends nothing.
  ReminderFacts early_sent = Fresh();
  early_sent.last_sent = D(2026, 10, 25);
  const ReminderPlan second = Plan(early, Utc(2026, 10, 25, 1, 30), early_sent);
  EXPECT_FALSE(second.due);
  EXPECT_EQ(second.next_at, Utc(2026, 10, 26, 1, 30));
}

TEST(PlanReminder, OnlyOnChosenDays) {
  const auto preference = Email(8, 30, kWeekdays);
  // Friday 2 October 2026 after its reminder: the next one is Monday the 5th (BST).
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 10, 2);
  EXPECT_EQ(Plan(preference, Utc(2026, 10, 2, 12, 0), sent).next_at, Utc(2026, 10, 5, 7, 30));
  // Saturday: nothing due, even late in the day.
  const ReminderPlan saturday = Plan(preference, Utc(2026, 10, 3, 20, 0));
  EXPECT_FALSE(saturday.due);
  EXPECT_EQ(saturday.next_at, Utc(2026, 10, 5, 7, 30));
  // Only Sundays, asked on a Sunday after it went: a week later.
  const auto sundays = Email(8, 30, Days({6}));
  ReminderFacts sunday_sent = Fresh();
  sunday_sent.last_sent = D(2026, 10, 4);
  EXPECT_EQ(Plan(sundays, Utc(2026, 10, 4, 12, 0), sunday_sent).next_at, Utc(2026, 10, 11, 7, 30));
}

TEST(PlanReminder, LateThatDayButNeverTheNext) {
  const auto preference = Email(8, 30, Days({4}));  // Fridays
  // The server was down at 08:30 on Friday 2 October: 23:59 BST is still Friday.
  EXPECT_TRUE(Plan(preference, Utc(2026, 10, 2, 22, 59)).due);
  // 00:00 BST on Saturday: Friday's reminder is gone for good.
  const ReminderPlan saturday = Plan(preference, Utc(2026, 10, 2, 23, 0));
  EXPECT_EQ(saturday.today, D(2026, 10, 3));
  EXPECT_FALSE(saturday.due);
  EXPECT_EQ(saturday.next_at, Utc(2026, 10, 9, 7, 30));
}

TEST(PlanReminder, TheFirstAndLastMinuteOfTheDay) {
  // 23:59 GMT on Monday 2 November.
  const auto late = Email(23, 59);
  EXPECT_FALSE(Plan(late, Utc(2026, 11, 2, 23, 58)).due);
  EXPECT_TRUE(Plan(late, Utc(2026, 11, 2, 23, 59)).due);
  // 00:00: due from the very start of the day.
  const auto midnight = Email(0, 0);
  EXPECT_TRUE(Plan(midnight, Utc(2026, 11, 2, 0, 0)).due);
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 11, 2);
  EXPECT_EQ(Plan(midnight, Utc(2026, 11, 2, 23, 59), sent).next_at, Utc(2026, 11, 3, 0, 0));
}

TEST(PlanReminder, NotWhenCheckedInSavedLateUndeliverableOrOff) {
  const auto preference = Email(8, 30);
  const Instant nine = Utc(2026, 11, 2, 9, 0);
  ReminderFacts checked_in = Fresh();
  checked_in.last_check_in = D(2026, 11, 2);
  EXPECT_FALSE(Plan(preference, nine, checked_in).due);
  EXPECT_EQ(Plan(preference, nine, checked_in).next_at, Utc(2026, 11, 3, 8, 30));
  // Yesterday's check-in does not count for today.
  checked_in.last_check_in = D(2026, 11, 1);
  EXPECT_TRUE(Plan(preference, nine, checked_in).due);

  // Turned on at 08:45: today's 08:30 was never asked for.
  ReminderFacts saved_late = Fresh();
  saved_late.saved_at = Utc(2026, 11, 2, 8, 45);
  EXPECT_FALSE(Plan(preference, nine, saved_late).due);
  EXPECT_EQ(Plan(preference, nine, saved_late).next_at, Utc(2026, 11, 3, 8, 30));
  saved_late.saved_at = Utc(2026, 11, 2, 8, 29);
  EXPECT_TRUE(Plan(preference, nine, saved_late).due);

  ReminderFacts no_address = Fresh();
  no_address.deliverable = false;
  EXPECT_FALSE(Plan(preference, nine, no_address).due);
  EXPECT_FALSE(Plan(preference, nine, no_address).next_at.has_value());

  const ReminderPlan off = Plan(ReminderPreference{}, nine);
  EXPECT_FALSE(off.due);
  EXPECT_FALSE(off.next_at.has_value());
  EXPECT_EQ(off.today, D(2026, 11, 2));
}

TEST(PlanReminder, UsesTheClinicsZone) {
  // New York changes to summer time on 8 March 2026: 08:30 EDT is 12:30 UTC.
  const auto preference = Email(8, 30);
  EXPECT_EQ(Plan(preference, Utc(2026, 3, 7, 14, 0), Fresh(), "America/New_York").next_at,
            Utc(2026, 3, 7, 13, 30));
  ReminderFacts sent = Fresh();
  sent.last_sent = D(2026, 3, 7);
  EXPECT_EQ(Plan(preference, Utc(2026, 3, 7, 14, 0), sent, "America/New_York").next_at,
            Utc(2026, 3, 8, 12, 30));
  EXPECT_FALSE(PlanReminder(preference, "Mars/Olympus", Utc(2026, 3, 7, 14, 0), Fresh()));
}

}  // namespace
}  // namespace unknot::empower
