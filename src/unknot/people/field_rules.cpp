#include "unknot/people/field_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "unknot/people/text_rules.hpp"

namespace unknot::people {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// Reads the unsigned decimal number in text[from, from + length); the caller checked the digits.
unsigned ReadNumber(std::string_view text, std::size_t from, std::size_t length) {
  unsigned value = 0;
  for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

// True when `text` is digits with '-' exactly at the given positions.
bool HasDateShape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash_here = i == 4 || i == 7;
    if (dash_here ? text[i] != '-' : !IsDigit(text[i])) return false;
  }
  return true;
}

}  // namespace

CalendarDate UtcDate(Instant instant) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_time<microseconds>(microseconds(instant)))};
}

std::string_view PrecisionName(DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
  }
  return "day";
}

std::string PartialDate::ToString() const {
  switch (precision) {
    case DatePrecision::kYear: return fmt::format("{:04d}", year);
    case DatePrecision::kMonth: return fmt::format("{:04d}-{:02d}", year, month);
    case DatePrecision::kDay: break;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::optional<PartialDate> ParsePartialDate(std::string_view text) {
  if ((text.size() != 4 && text.size() != 7 && text.size() != 10) || !HasDateShape(text)) {
    return std::nullopt;
  }
  PartialDate date;
  date.year = static_cast<int>(ReadNumber(text, 0, 4));
  if (text.size() == 4) return date;
  date.month = ReadNumber(text, 5, 2);
  if (date.month < 1 || date.month > 12) return std::nullopt;
  date.precision = DatePrecision::kMonth;
  if (text.size() == 7) return date;
  date.day = ReadNumber(text, 8, 2);
  date.precision = DatePrecision::kDay;
  const std::chrono::year_month_day ymd{std::chrono::year(date.year),
                                        std::chrono::month(date.month), std::chrono::day(date.day)};
  if (!ymd.ok()) return std::nullopt;
  return date;
}

bool PassesNhsCheck(std::string_view ten_digits) {
  if (ten_digits.size() != 10 || !std::all_of(ten_digits.begin(), ten_digits.end(), IsDigit)) {
    return false;
  }
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (ten_digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;  // such numbers are never issued
  return check == ten_digits[9] - '0';
}

std::optional<std::string> NormaliseNhsNumber(std::string_view text) {
  text = TrimSpace(text);
  std::string digits;
  std::size_t at = 0;
  // Groups of 3, 3 and 4 digits, each of the two gaps optionally one space or hyphen.
  for (const std::size_t group : {3, 3, 4}) {
    if (!digits.empty() && at < text.size() && (text[at] == ' ' || text[at] == '-')) ++at;
    for (std::size_t i = 0; i < group; ++i, ++at) {
      if (at >= text.size() || !IsDigit(text[at])) return std::nullopt;
      digits.push_back(text[at]);
    }
  }
  if (at != text.size() || !PassesNhsCheck(digits)) return std::nullopt;
  return digits;
}

std::optional<std::string> NormaliseEmail(std::string_view text) {
  constexpr std::size_t kMaxAddress = 254;
  constexpr std::size_t kMaxLocalPart = 64;
  text = TrimSpace(text);
  if (text.empty() || text.size() > kMaxAddress) return std::nullopt;
  const bool has_space_or_control = std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
  });
  if (has_space_or_control || std::count(text.begin(), text.end(), '@') != 1) return std::nullopt;
  const std::size_t at = text.find('@');
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.empty() || local.size() > kMaxLocalPart) return std::nullopt;
  const bool domain_ok = domain.find('.') != std::string_view::npos && domain.front() != '.' &&
                         domain.back() != '.' && domain.find("..") == std::string_view::npos;
  if (!domain_ok) return std::nullopt;
  std::string out(local);
  out.push_back('@');
  std::transform(domain.begin(), domain.end(), std::back_inserter(out), AsciiLower);
  return out;
}

std::optional<std::string> NormalisePhone(std::string_view text) {
  constexpr std::size_t kMinDigits = 7;
  constexpr std::size_t kMaxDigits = 15;  // ITU-T E.164
  text = TrimSpace(text);
  std::string out;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      out.push_back(c);
      ++digits;
    } else if (c == '+' && i == 0) {
      out.push_back(c);
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  if (digits < kMinDigits || digits > kMaxDigits) return std::nullopt;
  return out;
}

bool IsTimeZoneName(std::string_view text) {
  constexpr std::size_t kMaxZoneName = 64;
  if (text.size() > kMaxZoneName || text.find('/') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('/', start), text.size());
    const std::string_view segment = text.substr(start, end - start);
    if (segment.empty() || !IsAsciiLetter(segment.front())) return false;
    const bool chars_ok = std::all_of(segment.begin(), segment.end(), [](char c) {
      return IsAsciiLetter(c) || IsDigit(c) || c == '_' || c == '-' || c == '+';
    });
    if (!chars_ok) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace unknot::people
