// Check-in reminders (DESIGN §2 E5): a patient's preference
// (channel, local time, days of the week) and the pure rule that decides when
// a reminder is due.
//
// The rule: at most one reminder per patient per local date (the clinic's
// time zone), not before the chosen time, only on chosen days, only until
// local midnight (a reminder missed while the server was down goes later that
// day, never the next), never when the patient already checked in that day,
// and never for a day whose time had passed before the preference was saved
// (turning reminders on at 10:00 does not send the 08:30 one at once).
//
// Pure: no I/O apart from the read-only system time-zone database. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

inline constexpr int kDaysInWeek = 7;

enum class ReminderChannel { kNone, kEmail };

// Monday first: days[0] is Monday, days[6] Sunday.
using ReminderDays = std::array<bool, kDaysInWeek>;

struct ReminderPreference {
  ReminderChannel channel = ReminderChannel::kNone;
  std::chrono::minutes time{19 * 60};  // after local midnight, in the clinic's time zone
  ReminderDays days{true, true, true, true, true, true, true};

  bool operator==(const ReminderPreference&) const = default;
};

std::string_view ChannelName(ReminderChannel channel);
std::optional<ReminderChannel> ParseChannel(std::string_view text);

// Strict "HH:MM", 00:00 to 23:59; nullopt otherwise.
std::optional<std::chrono::minutes> ParseReminderTime(std::string_view text);
std::string FormatReminderTime(std::chrono::minutes time);

// "mon" … "sun" for 0 … 6; the index of a code, or nullopt.
std::string_view DayCode(int index);
std::optional<int> ParseDayCode(std::string_view code);
// The chosen days as codes, in week order.
boost::json::array EncodeDays(const ReminderDays& days);

// A PUT body {channel, time, days}. Every issue is added to `issues`: missing
// or unknown fields, an unknown channel, a time that is not HH:MM, an unknown
// or repeated day, and no days at all with email.
ReminderPreference DecodeReminderPreference(const boost::json::object& body, IssueList& issues);

// {channel, time, days}: the values as the API shows them and as version
// snapshots keep them.
boost::json::object EncodeReminderValues(const ReminderPreference& preference);

// What the rule needs to know besides the preference.
struct ReminderFacts {
  Instant saved_at = 0;                    // when the preference was last saved (0: never)
  std::optional<LocalDate> last_sent;      // the latest local date a reminder went for
  std::optional<LocalDate> last_check_in;  // the latest local date with a check-in
  bool deliverable = false;                // there is an address: a login, not disabled
};

struct ReminderPlan {
  LocalDate today;   // the clinic's date at `now`
  bool due = false;  // send a reminder for `today` now
  // When due: today's chosen instant (not after `now`); otherwise the next
  // instant a reminder will go, if nothing changes; nullopt when none will.
  std::optional<Instant> next_at;
};

// The instant of local `time` on `date` in `zone`. A time the clocks skip
// (01:30 on the day summer time starts in London) is the instant they jump;
// a time that happens twice is its first occurrence.
Result<Instant> LocalInstant(LocalDate date, std::chrono::minutes time, std::string_view time_zone);

// The rule above. kInvalid for an unknown time zone.
Result<ReminderPlan> PlanReminder(const ReminderPreference& preference, std::string_view time_zone,
                                  Instant now, const ReminderFacts& facts);

}  // namespace unknot::empower
