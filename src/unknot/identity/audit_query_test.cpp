#include "unknot/identity/audit_query.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace unknot::identity {
namespace {

using PathCode = std::pair<std::string, std::string>;

// 2026-11-25T00:00:00Z: 20,782 days after 1970-01-01 (Python's datetime agrees).
constexpr Instant kNov25 = 20'782LL * 86'400 * 1'000'000;
constexpr Instant kHour = 3'600LL * 1'000'000;

std::vector<PathCode> PathsAndCodes(IssueList& issues) {
  std::vector<PathCode> out;
  for (const Issue& issue : issues.Take()) {
    EXPECT_FALSE(issue.message.empty()) << issue.path;
    out.emplace_back(issue.path, issue.code);
  }
  return out;
}

TEST(ParseAuditInstant, AcceptsDatesAndRfc3339Times) {
  bool is_date = false;
  EXPECT_EQ(ParseAuditInstant("2026-11-25", &is_date), kNov25);
  EXPECT_TRUE(is_date);
  EXPECT_EQ(ParseAuditInstant("2026-11-25T14:20:02Z", &is_date),
            kNov25 + 14 * kHour + 1'202'000'000);
  EXPECT_FALSE(is_date);
  EXPECT_EQ(ParseAuditInstant("2026-11-25t00:00:00z"), kNov25);
  EXPECT_EQ(ParseAuditInstant("2026-11-25T00:00:00.5Z"), kNov25 + 500'000);
  EXPECT_EQ(ParseAuditInstant("2026-11-25T00:00:00.1234569Z"), kNov25 + 123'456);
  // Offsets: 01:00 in London summer time is midnight UTC, and the reverse west.
  EXPECT_EQ(ParseAuditInstant("2026-11-25T01:00:00+01:00"), kNov25);
  EXPECT_EQ(ParseAuditInstant("2026-11-24T19:30:00-04:30"), kNov25);
  // An unencoded '+' arrives as a space after query decoding.
  EXPECT_EQ(ParseAuditInstant("2026-11-25T01:00:00 01:00"), kNov25);
  EXPECT_EQ(ParseAuditInstant("1970-01-01"), 0);
  EXPECT_EQ(ParseAuditInstant("2024-02-29"), ParseAuditInstant("2024-03-01").value() - 24 * kHour);
}

TEST(ParseAuditInstant, RefusesMalformedOrImpossibleValues) {
  for (const char* text : {"",
                           "2026",
                           "2026-11",
                           "2026-11-5",
                           "2026/11/25",
                           "2026-13-01",
                           "2026-02-29",
                           "2026-11-31",
                           "2026-11-25T",
                           "2026-11-25T14:20Z",
                           "2026-11-25T14:20:02",
                           "2026-11-25T24:00:00Z",
                           "2026-11-25T14:60:00Z",
                           "2026-11-25T14:20:61Z",
                           "2026-11-25T14:20:02.Z",
                           "2026-11-25T14:20:02+0100",
                           "2026-11-25T14:20:02+24:00",
                           "2026-11-25 14:20:02Z",
                           "2026-11-25T14:20:02Zjunk",
                           "yyyy-mm-dd",
                           "2026-11-25x"}) {
    EXPECT_EQ(ParseAuditInstant(text), std::nullopt) << text;
  }
}

TEST(ValidateAuditFilter, DefaultsWhenNothingIsGiven) {
  IssueList issues;
  const AuditFilter filter = ValidateAuditFilter({}, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(filter.limit, 50);
  EXPECT_EQ(filter.offset, 0);
  EXPECT_FALSE(filter.from || filter.until || filter.actor || filter.action ||
               filter.patient_uuid || filter.outcome);
}

TEST(ValidateAuditFilter, BlankParametersCountAsAbsent) {
  IssueList issues;
  const AuditFilter filter = ValidateAuditFilter({.from = "",
                                                  .to = " ",
                                                  .actor = "",
                                                  .action = "",
                                                  .patient_id = "",
                                                  .outcome = "",
                                                  .limit = "",
                                                  .offset = ""},
                                                 issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(filter.limit, 50);
  EXPECT_FALSE(filter.from || filter.until || filter.actor || filter.action);
}

TEST(ValidateAuditFilter, ReadsEveryFilter) {
  IssueList issues;
  const AuditFilter filter =
      ValidateAuditFilter({.from = "2026-11-25",
                           .to = "2026-11-25",
                           .actor = "4F1C2D3E-0000-4000-8000-00000000000A",
                           .action = "patient.read",
                           .patient_id = "9D1C2D3E-0000-4000-8000-00000000000B",
                           .outcome = "denied",
                           .limit = "500",
                           .offset = "20"},
                          issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(filter.from, kNov25);
  EXPECT_EQ(filter.until, kNov25 + 24 * kHour);  // the whole day of `to`
  EXPECT_EQ(filter.actor, "4f1c2d3e-0000-4000-8000-00000000000a");
  EXPECT_EQ(filter.action, "patient.read");
  EXPECT_FALSE(filter.action_is_prefix);
  EXPECT_EQ(filter.patient_uuid, "9d1c2d3e-0000-4000-8000-00000000000b");
  EXPECT_EQ(filter.outcome, "denied");
  EXPECT_EQ(filter.limit, 500);
  EXPECT_EQ(filter.offset, 20);
}

TEST(ValidateAuditFilter, ToAsATimeIsInclusive) {
  IssueList issues;
  const AuditFilter filter =
      ValidateAuditFilter({.from = "2026-11-25T00:00:00Z", .to = "2026-11-25T00:00:00Z"}, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(filter.from, kNov25);
  EXPECT_EQ(filter.until, kNov25 + 1);
}

TEST(ValidateAuditFilter, ActionPrefixAndWildcard) {
  IssueList issues;
  AuditFilter filter = ValidateAuditFilter({.action = "patient.*"}, issues);
  EXPECT_EQ(filter.action, "patient.");
  EXPECT_TRUE(filter.action_is_prefix);
  filter = ValidateAuditFilter({.action = "*"}, issues);
  EXPECT_FALSE(filter.action);  // everything: no filter at all
  filter = ValidateAuditFilter({.actor = "anonymous"}, issues);
  EXPECT_EQ(filter.actor, "anonymous");
  EXPECT_TRUE(issues.empty());
}

TEST(ValidateAuditFilter, ReportsEveryProblemAtOnce) {
  IssueList issues;
  ValidateAuditFilter({.from = "yesterday",
                       .to = "2026-02-30",
                       .actor = std::string(101, 'a'),
                       .action = "patient.*.read",
                       .patient_id = "not-a-uuid",
                       .outcome = "ok",
                       .limit = "501",
                       .offset = "-1"},
                      issues);
  const std::vector<PathCode> expected{
      {"from", "invalid-date-time"}, {"to", "invalid-date-time"},    {"actor", "invalid-actor"},
      {"action", "invalid-action"},  {"patient_id", "invalid-uuid"}, {"outcome", "invalid-outcome"},
      {"limit", "out-of-range"},     {"offset", "out-of-range"}};
  EXPECT_EQ(PathsAndCodes(issues), expected);
}

TEST(ValidateAuditFilter, RefusesBadNumbersAndRanges) {
  struct Case {
    AuditFilterInput input;
    std::vector<PathCode> expected;
  };
  const Case cases[] = {
      {{.limit = "0"}, {{"limit", "out-of-range"}}},
      {{.limit = "1"}, {}},
      {{.limit = "ten"}, {{"limit", "invalid-number"}}},
      {{.limit = "5x"}, {{"limit", "invalid-number"}}},
      {{.limit = "99999999999999999999"}, {{"limit", "invalid-number"}}},
      {{.offset = "0"}, {}},
      {{.offset = "1.5"}, {{"offset", "invalid-number"}}},
      {{.action = "Patient.Read"}, {{"action", "invalid-action"}}},
      {{.action = "patient read"}, {{"action", "invalid-action"}}},
      {{.actor = "bad\nactor"}, {{"actor", "invalid-actor"}}},
      {{.from = "2026-11-26", .to = "2026-11-25"}, {{"to", "before-from"}}},
      {{.from = "2026-11-25", .to = "2026-11-25"}, {}},
      {{.from = "2026-11-25T10:00:00Z", .to = "2026-11-25T09:59:59Z"}, {{"to", "before-from"}}},
  };
  for (const Case& c : cases) {
    IssueList issues;
    ValidateAuditFilter(c.input, issues);
    EXPECT_EQ(PathsAndCodes(issues), c.expected)
        << c.input.limit.value_or("-") << " " << c.input.offset.value_or("-") << " "
        << c.input.action.value_or("-") << " " << c.input.from.value_or("-");
  }
}

TEST(CsvField, QuotesPerRfc4180) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("::1"), "::1");
}

TEST(CsvField, NeutralisesSpreadsheetFormulas) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvField("=1+2"), "'=1+2");
  EXPECT_EQ(CsvField("+44"), "'+44");
  EXPECT_EQ(CsvField("-2"), "'-2");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tcmd"), "'\tcmd");
  EXPECT_EQ(CsvField("=SUM(A1,B1)"), "\"'=SUM(A1,B1)\"");
  EXPECT_EQ(CsvField("a=b"), "a=b");  // only a leading sign matters
}

TEST(EncodeAuditCsv, HeaderThenOneRowPerEvent) {
  AuditRecord plain{.id = 7,
                    .at = kNov25 + 14 * kHour,
                    .actor = "4f1c2d3e-0000-4000-8000-00000000000a",
                    .role = "clinician",
                    .action = "patient.read",
                    .resource_type = "patient",
                    .resource_id = "9d1c2d3e-0000-4000-8000-00000000000b",
                    .patient_uuid = "9d1c2d3e-0000-4000-8000-00000000000b",
                    .request_id = "00ff00ff00ff00ff",
                    .address = "127.0.0.1",
                    .outcome = "success"};
  AuditRecord hostile{.id = 8,
                      .at = kNov25,
                      .actor = "anonymous",
                      .role = "",
                      .action = "session.create",
                      .resource_type = "session",
                      .resource_id = "=cmd|' /C calc'!A0",
                      .request_id = "r,1",
                      .address = "\"quoted\"",
                      .outcome = "failure"};
  EXPECT_EQ(EncodeAuditCsv({plain, hostile}),
            "id,at,actor,role,action,resource_type,resource_id,patient_id,request_id,address,"
            "outcome\r\n"
            "7,2026-11-25T14:00:00.000000Z,4f1c2d3e-0000-4000-8000-00000000000a,clinician,"
            "patient.read,patient,9d1c2d3e-0000-4000-8000-00000000000b,"
            "9d1c2d3e-0000-4000-8000-00000000000b,00ff00ff00ff00ff,127.0.0.1,success\r\n"
            "8,2026-11-25T00:00:00.000000Z,anonymous,,session.create,session,"
            "'=cmd|' /C calc'!A0,,\"r,1\",\"\"\"quoted\"\"\",failure\r\n");
  EXPECT_EQ(EncodeAuditCsv({}),
            "id,at,actor,role,action,resource_type,resource_id,patient_id,request_id,address,"
            "outcome\r\n");
}

}  // namespace
}  // namespace unknot::identity
