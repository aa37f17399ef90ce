// Crisis-support signposting as data (content/crisis/<country>.json): the
// calm panel a patient sees the moment a safety alert fires (DESIGN A5), with
// every number traceable to a source and a review date (DESIGN §10).
//
// ParseCrisisContent is pure; the result is immutable and safe to share
// between threads. Schema: content/crisis/README.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/content_json.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr int kCrisisSchemaVersion = 1;
// Crisis lines are being consolidated into NHS 111, so a review may be at most
// six months old (clinical reference §8).
inline constexpr int kCrisisMaxReviewMonths = 6;

enum class ContactKind { kTel, kSms, kWeb };

struct CrisisContact {
  ContactKind kind = ContactKind::kTel;
  std::string value;    // tel/sms: digits only (what goes after tel: or sms:); web: https:// URL
  std::string display;  // "116 123", as the patient reads it
  std::optional<std::string> message;       // sms: the text to send ("SHOUT")
  std::optional<std::string> instructions;  // "Select option 2"

  // "tel:116123", "sms:85258?body=SHOUT" or the URL.
  std::string Href() const;
};

struct CrisisLine {
  std::string code;
  std::string name;
  std::string purpose;                  // what it is for, in the reference's terms
  std::string urgency;                  // emergency | urgent | support
  std::vector<std::string> nations;     // england, wales, scotland, northern_ireland
  std::optional<std::string> audience;  // "Under 19"; absent: anyone
  std::vector<CrisisContact> contacts;
  std::string hours;
  std::optional<std::string> hours_note;  // what about the hours is unconfirmed
  std::vector<ContentSource> sources;
  ReviewDates review;
};

struct RetiredNumber {
  std::string value;  // digits only
  std::string reason;
};

struct CrisisContent {
  int schema_version = 0;
  std::string country;  // ISO 3166-1 alpha-2, upper case: "GB"
  std::string title;
  std::string lead;               // calm opening text for the patient panel
  std::string care_plan_note;     // "If you have a crisis plan…"
  std::string clinic_hours_note;  // messages to the clinic are not monitored out of hours
  std::vector<CrisisLine> lines;  // in the order the panel shows them
  std::vector<RetiredNumber> retired_numbers;  // must never appear as a contact
  std::vector<Issue> warnings;                 // review-overdue only
};

// Validates everything and reports every issue with its JSON path (e.g.
// `lines[2].contacts[0].value`): unknown fields, wrong types, missing fields,
// duplicate codes, tel/sms values that are not plausible numbers, a display
// form whose digits differ from the value, retired numbers, bad dates, review
// intervals over six months, and a file name that does not match the country
// (`gb.json` for "GB"). `file_name` may be a path; empty skips that check.
// A review_due before `now` is a "review-overdue" warning.
Result<CrisisContent> ParseCrisisContent(std::string_view json_text, std::string_view file_name,
                                         Instant now);

// content_dir/crisis/<country in lower case>.json.
Result<CrisisContent> LoadCrisisContent(const std::filesystem::path& content_dir,
                                        std::string_view country, Instant now);

std::string_view ToString(ContactKind kind);

}  // namespace unknot::assess
