#include "unknot/empower/reminder_model.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>

#include "unknot/assess/content_json.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using std::chrono::minutes;

constexpr std::array<std::string_view, kDaysInWeek> kDayCodes = {"mon", "tue", "wed", "thu",
                                                                 "fri", "sat", "sun"};

const date::time_zone* FindZone(std::string_view time_zone) {
  try {
    return date::locate_zone(std::string(time_zone));
  } catch (const std::exception&) {
    return nullptr;
  }
}

Error UnknownZone(std::string_view time_zone) {
  return Error::Invalid({{"time_zone", "unknown-time-zone",
                          fmt::format("'{}' is not a known time zone.", time_zone)}});
}

Instant ToInstant(date::sys_time<std::chrono::microseconds> t) {
  return t.time_since_epoch().count();
}

Instant LocalInstantIn(const date::time_zone& zone, LocalDate day, minutes time) {
  const date::local_days local{std::chrono::sys_days(day).time_since_epoch()};
  const auto sys = zone.to_sys(date::local_time<minutes>(local.time_since_epoch() + time),
                               date::choose::earliest);
  return ToInstant(date::sys_time<std::chrono::microseconds>(sys));
}

LocalDate TodayIn(const date::time_zone& zone, Instant now) {
  const auto local =
      zone.to_local(date::sys_time<std::chrono::microseconds>(std::chrono::microseconds(now)));
  const auto days = date::floor<date::days>(local).time_since_epoch().count();
  return LocalDate(std::chrono::sys_days(std::chrono::days(days)));
}

// 0 for Monday … 6 for Sunday.
int WeekdayIndex(LocalDate day) {
  return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(day)).iso_encoding()) - 1;
}

}  // namespace

std::string_view ChannelName(ReminderChannel channel) {
  return channel == ReminderChannel::kEmail ? "email" : "none";
}

std::optional<ReminderChannel> ParseChannel(std::string_view text) {
  if (text == "none") return ReminderChannel::kNone;
  if (text == "email") return ReminderChannel::kEmail;
  return std::nullopt;
}

std::optional<minutes> ParseReminderTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int mins = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || mins > 59) return std::nullopt;
  return minutes(hours * 60 + mins);
}

std::string FormatReminderTime(minutes time) {
  return fmt::format("{:02}:{:02}", time.count() / 60, time.count() % 60);
}

std::string_view DayCode(int index) {
  return kDayCodes.at(static_cast<std::size_t>(index));
}

std::optional<int> ParseDayCode(std::string_view code) {
  for (int i = 0; i < kDaysInWeek; ++i) {
    if (kDayCodes[static_cast<std::size_t>(i)] == code) return i;
  }
  return std::nullopt;
}

json::array EncodeDays(const ReminderDays& days) {
  json::array out;
  for (int i = 0; i < kDaysInWeek; ++i) {
    if (days[static_cast<std::size_t>(i)]) out.emplace_back(DayCode(i));
  }
  return out;
}

ReminderPreference DecodeReminderPreference(const json::object& body, IssueList& issues) {
  ReminderPreference out;
  assess::ContentReader(issues).KnownKeys(body, "", {"channel", "time", "days"});

  const auto* channel = body.if_contains("channel");
  const auto* channel_text = channel ? channel->if_string() : nullptr;
  std::optional<ReminderChannel> parsed_channel;
  if (channel_text) parsed_channel = ParseChannel(*channel_text);
  if (channel == nullptr || channel->is_null()) {
    issues.Add("channel", "required", "Choose email or no reminders.");
  } else if (!parsed_channel) {
    issues.Add("channel", "invalid-channel", "Choose \"email\" or \"none\".");
  } else {
    out.channel = *parsed_channel;
  }

  const auto* time = body.if_contains("time");
  const auto* time_text = time ? time->if_string() : nullptr;
  std::optional<minutes> parsed_time;
  if (time_text) parsed_time = ParseReminderTime(*time_text);
  if (time == nullptr || time->is_null()) {
    issues.Add("time", "required", "Give the time of day for the reminder.");
  } else if (!parsed_time) {
    issues.Add("time", "invalid-time", "Give the time as HH:MM, from 00:00 to 23:59.");
  } else {
    out.time = *parsed_time;
  }

  const auto* days = body.if_contains("days");
  const auto* list = days ? days->if_array() : nullptr;
  if (days == nullptr || days->is_null()) {
    issues.Add("days", "required", "Choose the days for reminders.");
  } else if (list == nullptr) {
    issues.Add("days", "not-an-array", "Give the days as a list such as [\"mon\", \"tue\"].");
  } else {
    out.days.fill(false);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = fmt::format("days[{}]", i);
      const auto* code = (*list)[i].if_string();
      const auto index = code ? ParseDayCode(*code) : std::nullopt;
      if (!index) {
        issues.Add(path, "unknown-day", "Days are mon, tue, wed, thu, fri, sat and sun.");
      } else if (out.days[static_cast<std::size_t>(*index)]) {
        issues.Add(path, "repeated-day",
                   fmt::format("\"{}\" is in the list more than once.", DayCode(*index)));
      } else {
        out.days[static_cast<std::size_t>(*index)] = true;
      }
    }
    const bool any = std::find(out.days.begin(), out.days.end(), true) != out.days.end();
    if (!any && list->empty() && out.channel == ReminderChannel::kEmail) {
      issues.Add("days", "no-days", "Choose at least one day for email reminders.");
    }
  }
  return out;
}

json::object EncodeReminderValues(const ReminderPreference& preference) {
  return json::object{{"channel", ChannelName(preference.channel)},
                      {"time", FormatReminderTime(preference.time)},
                      {"days", EncodeDays(preference.days)}};
}

Result<Instant> LocalInstant(LocalDate day, minutes time, std::string_view time_zone) {
  const date::time_zone* zone = FindZone(time_zone);
  if (zone == nullptr) return UnknownZone(time_zone);
  return LocalInstantIn(*zone, day, time);
}

Result<ReminderPlan> PlanReminder(const ReminderPreference& preference, std::string_view time_zone,
                                  Instant now, const ReminderFacts& facts) {
  const date::time_zone* zone = FindZone(time_zone);
  if (zone == nullptr) return UnknownZone(time_zone);
  ReminderPlan plan{.today = TodayIn(*zone, now)};
  if (preference.channel != ReminderChannel::kEmail || !facts.deliverable) return plan;
  const bool today_done = facts.last_sent == plan.today || facts.last_check_in == plan.today;
  // Eight days reach the same weekday next week, when today's reminder is done or not chosen.
  for (int offset = 0; offset <= kDaysInWeek; ++offset) {
    const LocalDate day{std::chrono::sys_days(plan.today) + std::chrono::days(offset)};
    if (!preference.days[static_cast<std::size_t>(WeekdayIndex(day))]) continue;
    const Instant at = LocalInstantIn(*zone, day, preference.time);
    if (offset == 0) {
      // Saved after today's time: today's reminder was never asked for.
      if (today_done || facts.saved_at > at) continue;
      plan.due = at <= now;
    }
    plan.next_at = at;
    break;
  }
  return plan;
}

}  // namespace unknot::empower
