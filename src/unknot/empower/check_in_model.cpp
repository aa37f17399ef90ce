#include "unknot/empower/check_in_model.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <boost/json.hpp>

#include <array>
#include <set>

#include "unknot/assess/record_json.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

struct RatingField {
  const char* name;
  std::optional<int> CheckInValues::*member;
};
constexpr std::array<RatingField, 5> kRatings{{{"pain", &CheckInValues::pain},
                                               {"stress", &CheckInValues::stress},
                                               {"mood", &CheckInValues::mood},
                                               {"sleep", &CheckInValues::sleep},
                                               {"tension", &CheckInValues::tension}}};

// Decodes an integer rating; range is checked later with the CSV's values.
std::optional<int> DecodeRating(const json::value& value, const std::string& path,
                                IssueList& issues) {
  if (value.is_null()) return std::nullopt;
  if (value.is_int64()) {
    const auto v = value.as_int64();
    // Out of int range is out of 0–10 as well; keep a value that says so.
    return v < kMinRating ? kMinRating - 1 : v > kMaxRating ? kMaxRating + 1 : static_cast<int>(v);
  }
  if (value.is_uint64()) return kMaxRating + 1;
  issues.Add(path, "not-an-integer", "Give a whole number from 0 to 10, or leave it out.");
  return std::nullopt;
}

std::optional<bool> DecodeBool(const json::value& value, const std::string& path,
                               IssueList& issues) {
  if (value.is_null()) return std::nullopt;
  if (value.is_bool()) return value.as_bool();
  issues.Add(path, "not-a-boolean", "Give true or false, or leave it out.");
  return std::nullopt;
}

void ValidateRatings(const CheckInValues& values, const std::string& prefix, IssueList& issues) {
  for (const auto& field : kRatings) {
    const auto& rating = values.*field.member;
    if (rating && (*rating < kMinRating || *rating > kMaxRating)) {
      issues.Add(prefix + field.name, "out-of-range",
                 fmt::format("{} must be from {} to {}.", field.name, kMinRating, kMaxRating));
    }
  }
}

// `path` names the code where the client wrote it.
void CheckRegion(const std::string& code, const std::string& path,
                 const assess::BodyMapRegions& body_map, std::set<std::string, std::less<>>& seen,
                 IssueList& issues) {
  if (!body_map.Find(code)) {
    issues.Add(path, "unknown-region", fmt::format("'{}' is not a body-map region.", code));
  } else if (!seen.insert(code).second) {
    issues.Add(path, "duplicate-region", fmt::format("'{}' is listed twice.", code));
  }
}

}  // namespace

std::optional<LocalDate> ParseLocalDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::array<std::pair<int, int>, 3> spans{{{0, 4}, {5, 2}, {8, 2}}};
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < spans[i].second; ++k) {
      const char c = text[spans[i].first + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const LocalDate date{std::chrono::year{parts[0]}, std::chrono::month{unsigned(parts[1])},
                       std::chrono::day{unsigned(parts[2])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatLocalDate(LocalDate date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

Result<LocalDate> LocalToday(Instant now, std::string_view time_zone) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(time_zone));
  } catch (const std::exception&) {
    return Error::Invalid({{"time_zone", "unknown-time-zone",
                            fmt::format("'{}' is not a known time zone.", time_zone)}});
  }
  const auto local =
      zone->to_local(date::sys_time<std::chrono::microseconds>(std::chrono::microseconds(now)));
  const auto local_days = date::floor<date::days>(local).time_since_epoch().count();
  return LocalDate(std::chrono::sys_days(std::chrono::days(local_days)));
}

DateWindow ClassifyDate(LocalDate date, LocalDate today) {
  const auto days_ago = (std::chrono::sys_days(today) - std::chrono::sys_days(date)).count();
  if (days_ago < 0) return DateWindow::kFuture;
  if (days_ago == 0) return DateWindow::kToday;
  if (days_ago <= kBackfillDays) return DateWindow::kBackfill;
  return DateWindow::kTooOld;
}

void CheckEntryDate(LocalDate date, LocalDate today, const std::string& path, IssueList& issues) {
  switch (ClassifyDate(date, today)) {
    case DateWindow::kFuture:
      issues.Add(path, "future-date",
                 fmt::format("{} has not happened yet: today is {}.", FormatLocalDate(date),
                             FormatLocalDate(today)));
      break;
    case DateWindow::kTooOld:
      issues.Add(path, "outside-backfill-window",
                 fmt::format("Check-ins can be entered or changed for today and the {} days "
                             "before it only (from {}).",
                             kBackfillDays,
                             FormatLocalDate(std::chrono::sys_days(today) -
                                             std::chrono::days(kBackfillDays))));
      break;
    case DateWindow::kToday:
    case DateWindow::kBackfill: break;
  }
}

void ValidateCheckInValues(const CheckInValues& values, const assess::BodyMapRegions& body_map,
                           const std::string& prefix, IssueList& issues) {
  ValidateRatings(values, prefix, issues);
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < values.regions.size(); ++i) {
    CheckRegion(values.regions[i], fmt::format("{}regions[{}]", prefix, i), body_map, seen, issues);
  }
}

CheckInInput DecodeCheckIn(const json::object& body, const assess::BodyMapRegions& body_map,
                           bool allow_date, IssueList& issues) {
  CheckInInput input;
  CheckInValues& values = input.values;
  for (const auto& [key, value] : body) {
    const std::string path(key);
    bool known = false;
    for (const auto& field : kRatings) {
      if (key == field.name) {
        values.*field.member = DecodeRating(value, path, issues);
        known = true;
      }
    }
    if (known) continue;
    if (key == "date" && allow_date) {
      if (value.is_null()) continue;
      const auto* text = value.if_string();
      input.date = text ? ParseLocalDate(*text) : std::nullopt;
      if (!input.date) issues.Add(path, "invalid-date", "Give the date as YYYY-MM-DD.");
    } else if (key == "regions") {
      if (value.is_null()) continue;
      const auto* list = value.if_array();
      if (!list) {
        issues.Add(path, "not-an-array", "Give the regions as a list of region codes.");
        continue;
      }
      std::set<std::string, std::less<>> seen;
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (const auto* code = (*list)[i].if_string()) {
          values.regions.emplace_back(*code);
          CheckRegion(values.regions.back(), fmt::format("regions[{}]", i), body_map, seen, issues);
        } else {
          issues.Add(fmt::format("regions[{}]", i), "not-a-string", "Give a region code.");
        }
      }
    } else if (key == "self_care_done") {
      values.self_care_done = DecodeBool(value, path, issues);
    } else if (key == "flare") {
      values.flare = DecodeBool(value, path, issues);
    } else if (key == "note") {
      values.note = assess::ReadFreeText(&value, path, kMaxNoteChars, issues);
    } else {
      issues.Add(path, "unknown-field",
                 key == "date" ? "The date is given by the address; leave it out of the body."
                               : "This field is not part of a check-in.");
    }
  }
  ValidateRatings(values, "", issues);
  return input;
}

json::object EncodeCheckInValues(const CheckInValues& values) {
  json::object out;
  for (const auto& field : kRatings) {
    const auto& rating = values.*field.member;
    out[field.name] = rating ? json::value(*rating) : json::value(nullptr);
  }
  json::array regions;
  for (const auto& region : values.regions) regions.emplace_back(region);
  out["regions"] = std::move(regions);
  out["self_care_done"] =
      values.self_care_done ? json::value(*values.self_care_done) : json::value(nullptr);
  out["flare"] = values.flare ? json::value(*values.flare) : json::value(nullptr);
  out["note"] = values.note ? json::value(*values.note) : json::value(nullptr);
  return out;
}

}  // namespace unknot::empower
