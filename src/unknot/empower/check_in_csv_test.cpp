#include "unknot/empower/check_in_csv.hpp"

#include <gtest/gtest.h>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/empower/check_in_test_support.hpp"

namespace unknot::empower {
namespace {

using assess::testing::Expected;
using assess::testing::PathsAndCodes;

LocalDate D(int y, unsigned m, unsigned d) {
  return LocalDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::vector<CsvCheckIn> Sample() {
  CsvCheckIn full{D(2026, 3, 29), {}, 0};
  full.values.pain = 7;
  full.values.stress = 0;
  full.values.mood = 10;
  full.values.sleep = 3;
  full.values.tension = 5;
  full.values.flare = true;
  full.values.regions = {"neck", "lower_back"};
  full.values.note = "Bad night, \"really\" bad\nbetter by lunch";
  CsvCheckIn sparse{D(2026, 3, 28), {}, 0};
  sparse.values.flare = false;
  return {full, sparse, {D(2026, 3, 27), {}, 0}};
}

TEST(CheckInCsv, FormatsTheDocumentedColumnsAndQuotesPerRfc4180) {
  EXPECT_EQ(FormatCheckInsCsv(Sample()),
            "date,pain,stress,mood,sleep,tension,flare,regions,note\r\n"
            "2026-03-29,7,0,10,3,5,yes,neck;lower_back,"
            "\"Bad night, \"\"really\"\" bad\nbetter by lunch\"\r\n"
            "2026-03-28,,,,,,no,,\r\n"
            "2026-03-27,,,,,,,,\r\n");
}

TEST(CheckInCsv, ReadsBackWhatItWrote) {
  IssueList issues;
  const auto rows = ParseCheckInsCsv(FormatCheckInsCsv(Sample()), testing::SmallBodyMap(), issues);
  ASSERT_TRUE(issues.empty()) << issues.Take().front().message;
  const auto expected = Sample();
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].date, expected[i].date);
    EXPECT_EQ(rows[i].values, expected[i].values);
  }
  // The quoted note spans two lines, so the next record starts on line 4.
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[2].line, 5);
}

TEST(CheckInCsv, GuardsNotesASpreadsheetWouldRunAndStillRoundTrips) {
  std::vector<CsvCheckIn> rows;
  const std::vector<std::string> notes = {"=1+1", "+44 7700", "-2 today", "@home",
                                          "'quoted", "''twice", "fine = ok"};
  for (std::size_t i = 0; i < notes.size(); ++i) {
    CsvCheckIn row{D(2026, 3, static_cast<unsigned>(i + 1)), {}, 0};
    row.values.note = notes[i];
    rows.push_back(row);
  }
  const std::string csv = FormatCheckInsCsv(rows);
  EXPECT_NE(csv.find(",'=1+1\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'@home\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",''quoted\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",fine = ok\r\n"), std::string::npos);
  IssueList issues;
  const auto read = ParseCheckInsCsv(csv, testing::SmallBodyMap(), issues);
  ASSERT_TRUE(issues.empty()) << issues.Take().front().message;
  ASSERT_EQ(read.size(), notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) EXPECT_EQ(read[i].values.note, notes[i]);
}

TEST(CheckInCsv, TakesLfEndingsABomLooseRegionSpacingAndBlankLines) {
  IssueList issues;
  const auto rows = ParseCheckInsCsv(
      "\xEF\xBB\xBF"
      "date,pain,stress,mood,sleep,tension,flare,regions,note\n"
      "2026-03-01,1,2,3,4,5,YES, neck ; left_knee ;,plain note\n"
      "\n"
      "2026-03-02,,,,,,No,,\n",
      testing::SmallBodyMap(), issues);
  ASSERT_TRUE(issues.empty());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].values.regions, (std::vector<std::string>{"neck", "left_knee"}));
  EXPECT_EQ(rows[0].values.flare, true);
  EXPECT_EQ(rows[0].values.note, "plain note");
  EXPECT_EQ(rows[1].values.flare, false);
  EXPECT_EQ(rows[1].line, 4);
}

TEST(CheckInCsv, ReportsEveryBadRowWithItsLineNumber) {
  IssueList issues;
  const auto rows = ParseCheckInsCsv(
      "date,pain,stress,mood,sleep,tension,flare,regions,note\r\n"
      "2026-03-01,1,2,3,4,5,yes,neck,fine\r\n"           // 2: good
      "2026-02-30,11,-1,x,,,maybe,elbow;neck;neck,\r\n"  // 3: many faults
      "2026-03-03,1,2\r\n"                               // 4: too few columns
      "2026-03-04,1,2,3,4,5,no,neck,bad \"quote\"\r\n"   // 5: stray quote
      "2026-03-05,1,2,3,4,5,no,neck,\"never closed\r\n"  // 6: runs to the end
      "2026-03-06,1,2,3,4,5,no,neck,\r\n",
      testing::SmallBodyMap(), issues);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{
                                              {"lines[3].date", "invalid-date"},
                                              {"lines[3].flare", "invalid-flare"},
                                              {"lines[3].mood", "not-an-integer"},
                                              {"lines[3].pain", "out-of-range"},
                                              {"lines[3].regions[0]", "unknown-region"},
                                              {"lines[3].regions[2]", "duplicate-region"},
                                              {"lines[3].stress", "out-of-range"},
                                              {"lines[4]", "wrong-column-count"},
                                              {"lines[5]", "invalid-csv"},
                                              {"lines[6]", "invalid-csv"},
                                          }));
}

TEST(CheckInCsv, RefusesAWrongHeaderAndARepeatedDate) {
  IssueList issues;
  ParseCheckInsCsv("date,pain\r\n2026-03-01,1\r\n", testing::SmallBodyMap(), issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{{"lines[1]", "invalid-header"}}));
  ParseCheckInsCsv("", testing::SmallBodyMap(), issues);
  EXPECT_EQ(PathsAndCodes(issues.Take()), (Expected{{"lines[1]", "invalid-header"}}));

  const auto rows = ParseCheckInsCsv(
      "date,pain,stress,mood,sleep,tension,flare,regions,note\n"
      "2026-03-01,1,,,,,,,\n"
      "2026-03-01,2,,,,,,,\n",
      testing::SmallBodyMap(), issues);
  EXPECT_EQ(rows.size(), 1u);
  const auto found = issues.Take();
  EXPECT_EQ(PathsAndCodes(found), (Expected{{"lines[3].date", "duplicate-date"}}));
  EXPECT_NE(found.front().message.find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace unknot::empower
