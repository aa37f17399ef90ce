#include "unknot/people/field_rules.hpp"

#include <gtest/gtest.h>

namespace unknot::people {
namespace {

using std::nullopt;

TEST(PartialDateTest, ParsesEachPrecisionAndRejectsImpossibleDates) {
  struct Case {
    std::string_view text;
    std::optional<PartialDate> expected;
  };
  const Case cases[] = {
      {"1970", PartialDate{1970, 0, 0, DatePrecision::kYear}},
      {"1970-03", PartialDate{1970, 3, 0, DatePrecision::kMonth}},
      {"1970-03-05", PartialDate{1970, 3, 5, DatePrecision::kDay}},
      {"2024-02-29", PartialDate{2024, 2, 29, DatePrecision::kDay}},  // leap year
      {"2000-02-29", PartialDate{2000, 2, 29, DatePrecision::kDay}},  // divisible by 400
      {"1970-12-31", PartialDate{1970, 12, 31, DatePrecision::kDay}},
      {"2023-02-29", nullopt},  // not a leap year
      {"1900-02-29", nullopt},  // divisible by 100 but not 400
      {"1970-04-31", nullopt},
      {"1970-03-00", nullopt},
      {"1970-13", nullopt},
      {"1970-00", nullopt},
      {"1970-3-5", nullopt},
      {"70", nullopt},
      {"19a0", nullopt},
      {"1970/03/05", nullopt},
      {"05-03-1970", nullopt},
      {"1970-03-05T10:00", nullopt},
      {"", nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParsePartialDate(c.text), c.expected) << c.text;
}

TEST(PartialDateTest, ToStringRoundTripsAndNamesPrecision) {
  for (const std::string_view text : {"1970", "1970-03", "1970-03-05", "0999-01-01"}) {
    const auto date = ParsePartialDate(text);
    ASSERT_TRUE(date) << text;
    EXPECT_EQ(date->ToString(), text);
  }
  EXPECT_EQ(PrecisionName(DatePrecision::kYear), "year");
  EXPECT_EQ(PrecisionName(DatePrecision::kMonth), "month");
  EXPECT_EQ(PrecisionName(DatePrecision::kDay), "day");
}

TEST(PartialDateTest, UtcDateTakesTheCalendarDayOfAnInstant) {
  using namespace std::chrono;
  // 2024-02-29T23:59:59.999999Z and one microsecond later.
  const Instant leap_day_end = 1709251199999999;
  EXPECT_EQ(UtcDate(leap_day_end), year(2024) / February / 29);
  EXPECT_EQ(UtcDate(leap_day_end + 1), year(2024) / March / 1);
  EXPECT_EQ(UtcDate(0), year(1970) / January / 1);
}

TEST(NhsNumberTest, ModulusElevenCheck) {
  struct Case {
    std::string_view digits;
    bool valid;
  };
  const Case cases[] = {
      {"9434765919", true},  {"4010232137", true}, {"9434765918", false},  // last digit changed
      {"4010232138", false},                                               // last digit changed
      {"4000000020", true},   // remainder 0 → check 11 → 0
      {"4000000080", false},  // check would be 10: never valid, whatever the last digit
      {"4000000081", false}, {"943476591", false}, {"94347659190", false}, {"94347659a9", false},
  };
  for (const Case& c : cases) EXPECT_EQ(PassesNhsCheck(c.digits), c.valid) << c.digits;
}

TEST(NhsNumberTest, NormalisesThreeThreeFourGrouping) {
  struct Case {
    std::string_view text;
    std::optional<std::string> expected;
  };
  const Case cases[] = {
      {"9434765919", "9434765919"},      {"943 476 5919", "9434765919"},
      {"943-476-5919", "9434765919"},    {"401 023 2137", "4010232137"},
      {"  943 476 5919 ", "9434765919"}, {"9434765918", nullopt},
      {"9434 765 919", nullopt},   // wrong grouping
      {"94 3476 5919", nullopt},   // wrong grouping
      {"943  476 5919", nullopt},  // two separators
      {"943.476.5919", nullopt},         {"943 476 591", nullopt},
      {"943 476 59190", nullopt},        {"", nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NormaliseNhsNumber(c.text), c.expected) << c.text;
}

TEST(EmailTest, PragmaticShapeAndLowerCaseDomain) {
  struct Case {
    std::string text;
    std::optional<std::string> expected;
  };
  const Case cases[] = {
      {"ann@example.org", "ann@example.org"},
      {"Ann.Smith@Example.ORG", "Ann.Smith@example.org"},
      {"a+b@mail.co.uk", "a+b@mail.co.uk"},
      {" ann@example.org ", "ann@example.org"},
      {std::string(64, 'a') + "@example.org", std::string(64, 'a') + "@example.org"},
      {std::string(65, 'a') + "@example.org", nullopt},
      {"a@" + std::string(248, 'b') + ".org", "a@" + std::string(248, 'b') + ".org"},  // 254
      {"a@" + std::string(249, 'b') + ".org", nullopt},  // 255 characters in all
      {"", nullopt},
      {"ann", nullopt},
      {"ann@", nullopt},
      {"@example.org", nullopt},
      {"ann@@example.org", nullopt},
      {"ann@b@example.org", nullopt},
      {"ann@example", nullopt},
      {"ann smith@example.org", nullopt},
      {"ann@.example.org", nullopt},
      {"ann@example.org.", nullopt},
      {"ann@example..org", nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NormaliseEmail(c.text), c.expected) << c.text;
}

TEST(PhoneTest, SevenToFifteenDigitsWithSeparators) {
  struct Case {
    std::string_view text;
    std::optional<std::string> expected;
  };
  const Case cases[] = {
      {"+44 7700 900123", "+447700900123"},
      {"07700 900123", "07700900123"},
      {"(020) 7946-0000", "02079460000"},
      {"1234567", "1234567"},
      {"+123456789012345", "+123456789012345"},
      {"123456", nullopt},            // 6 digits
      {"1234567890123456", nullopt},  // 16 digits
      {"44+7700900123", nullopt},     // '+' only at the start
      {"++447700900123", nullopt},
      {"07700 900123 ext 4", nullopt},
      {"07700.900123", nullopt},
      {"", nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalisePhone(c.text), c.expected) << c.text;
}

TEST(TimeZoneTest, AcceptsIanaLookingNames) {
  struct Case {
    std::string_view text;
    bool valid;
  };
  const Case cases[] = {
      {"Europe/London", true},
      {"America/Argentina/Salta", true},
      {"America/North_Dakota/New_Salem", true},
      {"America/Port-au-Prince", true},
      {"Etc/GMT+1", true},
      {"London", false},
      {"UTC", false},
      {"Europe/", false},
      {"/London", false},
      {"Europe//London", false},
      {"Europe/Lon don", false},
      {"Europe/1London", false},
      {"Europe/London;DROP", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsTimeZoneName(c.text), c.valid) << c.text;
}

}  // namespace
}  // namespace unknot::people
