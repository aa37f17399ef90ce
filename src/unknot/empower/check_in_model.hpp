// The daily check-in (DESIGN §2 E3): its values, their validation, and the
// local-date rules (one record per patient per local calendar date; today is
// editable, the last kBackfillDays may be back-filled and are flagged late).
//
// Pure: no I/O apart from the read-only system time-zone database behind
// LocalToday. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

using LocalDate = std::chrono::year_month_day;

inline constexpr int kMinRating = 0;
inline constexpr int kMaxRating = 10;
inline constexpr std::size_t kMaxNoteChars = 1000;  // Unicode characters, not bytes
inline constexpr int kBackfillDays = 7;             // days before today that may still be entered

// Every value may be absent: a patient answers what they want to.
struct CheckInValues {
  std::optional<int> pain;
  std::optional<int> stress;
  std::optional<int> mood;
  std::optional<int> sleep;  // quality of last night's sleep
  std::optional<int> tension;
  std::vector<std::string> regions;  // body-map region codes, in the order given
  std::optional<bool> self_care_done;
  std::optional<bool> flare;  // "Are you having a flare-up today?"
  std::optional<std::string> note;

  bool operator==(const CheckInValues&) const = default;
};

// A decoded request: the date when the body named one.
struct CheckInInput {
  std::optional<LocalDate> date;
  CheckInValues values;
};

// Strict "YYYY-MM-DD" of a real calendar date; nullopt otherwise.
std::optional<LocalDate> ParseLocalDate(std::string_view text);
std::string FormatLocalDate(LocalDate date);

// The calendar date at `now` in the IANA zone `time_zone`; kInvalid for an
// unknown zone.
Result<LocalDate> LocalToday(Instant now, std::string_view time_zone);

enum class DateWindow { kToday, kBackfill, kFuture, kTooOld };
DateWindow ClassifyDate(LocalDate date, LocalDate today);
// Adds an issue at `path` when `date` is in the future or before the back-fill window.
void CheckEntryDate(LocalDate date, LocalDate today, const std::string& path, IssueList& issues);

// Range and region-code checks shared by JSON and CSV input (the note is
// read with assess::ReadFreeText, at most kMaxNoteChars).
// `prefix` is prepended to each field's path ("" or "lines[3].").
void ValidateCheckInValues(const CheckInValues& values, const assess::BodyMapRegions& body_map,
                           const std::string& prefix, IssueList& issues);

// A POST (allow_date) or PUT body: {date?, pain, stress, mood, sleep, tension,
// regions, self_care_done, flare, note}; null means absent. Every issue is
// added to `issues` (wrong types, out of range, unknown fields and regions).
CheckInInput DecodeCheckIn(const boost::json::object& body, const assess::BodyMapRegions& body_map,
                           bool allow_date, IssueList& issues);

// The values as the API shows them (and as version snapshots keep them):
// every field present, null when absent.
boost::json::object EncodeCheckInValues(const CheckInValues& values);

}  // namespace unknot::empower
