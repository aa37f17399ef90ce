// Single-field rules for people data: partial dates, NHS numbers, e-mail
// addresses, phone numbers and time-zone names.
//
// Pure functions on plain values, thread-safe. Each returns the normalised
// (stored) form or nullopt; the messages and issue codes live with the callers
// in patient_model.cpp, which know which field they are checking.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"

namespace unknot::people {

using CalendarDate = std::chrono::year_month_day;

// The UTC calendar date of `instant`: the "today" the birth-date rule uses
// until clinics' time zones are wired to a tz database.
CalendarDate UtcDate(Instant instant);

// ---- partial dates --------------------------------------------------------

enum class DatePrecision { kYear, kMonth, kDay };

// "year", "month" or "day", as stored and as sent in JSON.
std::string_view PrecisionName(DatePrecision precision);

// A clinical calendar date that keeps its precision: 1970, 1970-03 or 1970-03-05.
struct PartialDate {
  int year = 0;
  unsigned month = 0;  // 1–12; 0 when precision is kYear
  unsigned day = 0;    // 1–31; 0 unless precision is kDay
  DatePrecision precision = DatePrecision::kYear;

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD" according to precision.
  std::string ToString() const;
  bool operator==(const PartialDate&) const = default;
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar date (29
// February only in leap years); nullopt otherwise. The range rules (not before
// 1880, not in the future) belong to validation, not to parsing.
std::optional<PartialDate> ParsePartialDate(std::string_view text);

// ---- single-field rules (exposed for reuse and tests) ---------------------

// `ten_digits` passes the NHS modulus-11 check: weights 10..2 over the first
// nine digits, check = 11 − (sum mod 11), 11 → 0, 10 → never valid.
bool PassesNhsCheck(std::string_view ten_digits);
// "943 476 5919", "943-476-5919" or "9434765919" → "9434765919" when the
// grouping is 3-3-4 and the check digit is right; nullopt otherwise.
std::optional<std::string> NormaliseNhsNumber(std::string_view text);
// Pragmatic e-mail check; returns the address with its domain lower-cased.
std::optional<std::string> NormaliseEmail(std::string_view text);
// Digits with an optional leading '+', spaces, hyphens and parentheses, 7–15
// digits → "+447700900123" / "07700900123".
std::optional<std::string> NormalisePhone(std::string_view text);
// An IANA-looking zone name such as "Europe/London" or "America/Argentina/Salta".
// Checks the shape only; no tz database is consulted.
bool IsTimeZoneName(std::string_view text);

}  // namespace unknot::people
