#include "unknot/assess/crisis_content.hpp"

#include <gtest/gtest.h>

#include "unknot/assess/content_test_support.hpp"

#include <algorithm>
#include <utility>

namespace unknot::assess {
namespace {

using namespace std::chrono;
using testing::Expected;
using testing::PathsAndCodes;

const Instant kToday = StartOfDay(2026y / November / 25d);

constexpr std::string_view kValid = R"({
  "schema_version": 1,
  "country": "GB",
  "title": "Help is available now",
  "lead": "You don't have to cope with this on your own.",
  "care_plan_note": "If you have a crisis plan, follow it.",
  "clinic_hours_note": "Messages to us are not read out of hours.",
  "lines": [
    {"code": "samaritans", "name": "Samaritans", "purpose": "Talk to someone.",
     "urgency": "support", "nations": ["england", "wales"],
     "contacts": [{"kind": "tel", "value": "116123", "display": "116 123"}],
     "hours": "24 hours a day", "sources": [{"title": "ABUHB", "evidence": "V"}],
     "last_reviewed": "2026-11-25", "review_due": "2027-05-25"},
    {"code": "shout", "name": "Shout", "purpose": "Crisis text service.",
     "urgency": "support", "nations": ["scotland"],
     "contacts": [{"kind": "sms", "value": "85258", "display": "85258", "message": "SHOUT"},
                  {"kind": "web", "value": "https://giveusashout.org", "display": "giveusashout.org"}],
     "hours": "24/7",
     "sources": [{"title": "Shout FAQ", "url": "https://giveusashout.org/about-us/faq/",
                  "evidence": "V"}],
     "last_reviewed": "2026-06-01", "review_due": "2026-12-01"}
  ],
  "retired_numbers": [{"value": "08457909090", "reason": "old Samaritans number"}]
})";

TEST(CrisisContentTest, ParsesLinesContactsAndReviewDates) {
  auto content = ParseCrisisContent(kValid, "content/crisis/gb.json", kToday);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->country, "GB");
  ASSERT_EQ(content->lines.size(), 2u);
  const auto& samaritans = content->lines[0];
  EXPECT_EQ(samaritans.contacts[0].Href(), "tel:116123");
  EXPECT_EQ(samaritans.review.review_due, 2027y / May / 25d);
  EXPECT_EQ(content->lines[1].contacts[0].Href(), "sms:85258?body=SHOUT");
  EXPECT_EQ(content->lines[1].contacts[1].Href(), "https://giveusashout.org");
  EXPECT_EQ(content->lines[1].sources[0].url, "https://giveusashout.org/about-us/faq/");
  EXPECT_TRUE(content->warnings.empty());
}

TEST(CrisisContentTest, OverdueReviewIsOnlyAWarning) {
  auto content = ParseCrisisContent(kValid, "gb.json", StartOfDay(2026y / December / 2d));
  ASSERT_TRUE(content);
  ASSERT_EQ(content->warnings.size(), 1u);
  EXPECT_EQ(content->warnings[0].path, "lines[1].review_due");
  EXPECT_EQ(content->warnings[0].code, "review-overdue");
  EXPECT_TRUE(IsWarning(content->warnings[0]));
}

TEST(CrisisContentTest, ReportsEveryProblemWithItsPath) {
  auto content = ParseCrisisContent(R"({
    "schema_version": 1,
    "country": "GB",
    "title": "Help",
    "lead": "",
    "clinic_hours_note": 3,
    "lines": [
      {"code": "samaritans", "name": "Samaritans", "purpose": "Talk.", "urgency": "support",
       "nations": ["england", "mars"], "colour": "green",
       "contacts": [{"kind": "tel", "value": "116 123", "display": "116 123"},
                    {"kind": "tel", "value": "116123", "display": "116 132"},
                    {"kind": "tel", "value": "08457909090", "display": "08457 90 90 90"},
                    {"kind": "fax", "value": "116123", "display": "116 123"},
                    {"kind": "web", "value": "www.samaritans.org", "display": "samaritans"},
                    {"kind": "sms", "value": "12", "display": "12"}],
       "hours": "24 hours a day", "sources": [{"title": "ABUHB", "evidence": "X"}],
       "last_reviewed": "2026-11-25", "review_due": "2027-05-25"},
      {"code": "samaritans", "name": "Again", "purpose": "Talk.", "urgency": "soon",
       "nations": [], "contacts": [], "hours": "24/7", "sources": [],
       "last_reviewed": "2026-13-01", "review_due": "25/05/2027"},
      {"code": "breathing-space", "name": "Breathing Space", "purpose": "Listen.",
       "urgency": "support", "nations": ["scotland"],
       "contacts": [{"kind": "tel", "value": "0800838587", "display": "0800 83 85 87"}],
       "hours": "Evenings",
       "last_reviewed": "2026-11-25", "review_due": "2027-06-30"},
      {"code": "future", "name": "Future", "purpose": "Later.", "urgency": "urgent",
       "nations": ["wales"],
       "contacts": [{"kind": "tel", "value": "111", "display": "111", "message": "hi"}],
       "hours": "24/7", "sources": [{"title": "CNTW", "url": "ftp://x", "evidence": "V"}],
       "last_reviewed": "2026-12-01", "review_due": "2026-11-30"}
    ],
    "retired_numbers": [{"value": "08457909090", "reason": "old Samaritans number"}]
  })",
                                    "gb.json", kToday);
  ASSERT_FALSE(content);
  const Error error = content.error();
  EXPECT_EQ(PathsAndCodes(error.issues()), (Expected{
                                               {"care_plan_note", "required"},
                                               {"clinic_hours_note", "wrong-type"},
                                               {"lead", "empty"},
                                               {"lines[0].colour", "unknown-field"},
                                               {"lines[0].contacts[0].value", "implausible-number"},
                                               {"lines[0].contacts[1].display", "display-mismatch"},
                                               {"lines[0].contacts[2].value", "retired-number"},
                                               {"lines[0].contacts[3].kind", "invalid-value"},
                                               {"lines[0].contacts[4].value", "invalid-url"},
                                               {"lines[0].contacts[5].value", "implausible-number"},
                                               {"lines[0].nations[1]", "invalid-value"},
                                               {"lines[0].sources[0].evidence", "invalid-value"},
                                               {"lines[1].code", "duplicate-code"},
                                               {"lines[1].contacts", "too-few"},
                                               {"lines[1].last_reviewed", "invalid-date"},
                                               {"lines[1].nations", "too-few"},
                                               {"lines[1].review_due", "invalid-date"},
                                               {"lines[1].sources", "too-few"},
                                               {"lines[1].urgency", "invalid-value"},
                                               {"lines[2].review_due", "review-interval-too-long"},
                                               {"lines[2].sources", "required"},
                                               {"lines[3].contacts[0].message", "unknown-field"},
                                               {"lines[3].last_reviewed", "reviewed-in-future"},
                                               {"lines[3].review_due", "review-before-reviewed"},
                                               {"lines[3].sources[0].url", "invalid-url"},
                                           }));
}

TEST(CrisisContentTest, CountryMustBeAnIsoCodeMatchingTheFileName) {
  std::string text(kValid);
  auto wrong_file = ParseCrisisContent(text, "content/crisis/ie.json", kToday);
  ASSERT_FALSE(wrong_file);
  const Error wrong_file_error = wrong_file.error();
  EXPECT_EQ(PathsAndCodes(wrong_file_error.issues()),
            (Expected{{"country", "file-name-mismatch"}}));

  text.replace(text.find("\"GB\""), 4, "\"gbr\"");
  auto bad_code = ParseCrisisContent(text, "gb.json", kToday);
  ASSERT_FALSE(bad_code);
  const Error bad_code_error = bad_code.error();
  EXPECT_EQ(PathsAndCodes(bad_code_error.issues()), (Expected{{"country", "invalid-country"}}));
}

TEST(CrisisContentTest, SixMonthReviewLimitAllowsMonthEnds) {
  // 31 August + 6 months has no 31st; the limit is the end of February.
  std::string text(kValid);
  text.replace(text.find("2026-06-01"), 10, "2026-08-31");
  text.replace(text.find("2026-12-01"), 10, "2027-02-28");
  auto content = ParseCrisisContent(text, "gb.json", kToday);
  EXPECT_TRUE(content);
}

}  // namespace
}  // namespace unknot::assess
