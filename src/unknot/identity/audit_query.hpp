// Reading the audit trail: the filters an admin may apply, the query (always
// scoped to one clinic) and the CSV encoding of the export.
//
// Pure validation and encoding functions are thread-safe; QueryAuditEvents
// runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

inline constexpr std::int64_t kDefaultAuditPageSize = 50;
inline constexpr std::int64_t kMaxAuditPageSize = 500;
// The export is not paged; beyond this many events the caller must narrow the
// date range (keeps one response's memory bounded).
inline constexpr std::int64_t kMaxAuditExportRows = 50000;

// The raw query parameters, as received (nullopt: absent).
struct AuditFilterInput {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> patient_id;
  std::optional<std::string> outcome;
  std::optional<std::string> limit;
  std::optional<std::string> offset;
};

struct AuditFilter {
  std::optional<Instant> from;              // at >= from
  std::optional<Instant> until;             // at < until (a `to` date covers that whole UTC day)
  std::optional<std::string> actor;         // exact
  std::optional<std::string> action;        // exact, unless action_is_prefix
  bool action_is_prefix = false;            // "patient.*" → action "patient."
  std::optional<std::string> patient_uuid;  // lower-case
  std::optional<std::string> outcome;
  std::int64_t limit = kDefaultAuditPageSize;
  std::int64_t offset = 0;
};

// Checks every parameter and adds one issue per problem (path = parameter
// name), so a caller hears about all of them at once. The returned filter is
// meaningful only when no issue was added.
//   from, to     RFC 3339 ("2026-11-25T14:20:02Z", "…+01:00") or a UTC date
//                "2026-11-25"; from is inclusive, to is inclusive (a date
//                includes its whole day); from must not be after to.
//   actor        exact actor (user uuid, "anonymous", "system")
//   action       exact ("patient.read") or a prefix with a trailing '*' ("patient.*")
//   patient_id   a patient uuid
//   outcome      success | denied | failure
//   limit        1–500, default 50;  offset ≥ 0, default 0
AuditFilter ValidateAuditFilter(const AuditFilterInput& input, IssueList& issues);

// RFC 3339 date-time or a YYYY-MM-DD date (midnight UTC), as an instant;
// nullopt when malformed or not a real calendar date/time. `is_date` tells
// which form was given.
std::optional<Instant> ParseAuditInstant(std::string_view text, bool* is_date = nullptr);

// One event as the API shows it.
struct AuditRecord {
  std::int64_t id = 0;
  Instant at = 0;
  std::string actor;
  std::string role;
  std::string action;
  std::string resource_type;
  std::string resource_id;
  std::optional<std::string> patient_uuid;
  std::string request_id;
  std::string address;
  std::string outcome;
};

struct AuditPage {
  std::vector<AuditRecord> items;  // newest first
  std::int64_t total = 0;          // events matching the filter, ignoring limit/offset
};

enum class Paging { kPage, kAll };

// Events of `clinic_id` matching `filter`, newest first. With Paging::kAll,
// limit/offset are ignored and at most kMaxAuditExportRows + 1 rows are read
// (so the caller can tell the export would be too big).
Result<AuditPage> QueryAuditEvents(db::Session& session, std::int64_t clinic_id,
                                   const AuditFilter& filter, Paging paging = Paging::kPage);

// The export: a header row, then one row per record; RFC 4180 (CRLF line
// ends, fields with a comma, quote or line break quoted, quotes doubled).
std::string EncodeAuditCsv(const std::vector<AuditRecord>& records);
// One CSV field. A value a spreadsheet would run as a formula (starting with
// =, +, -, @, tab or carriage return) gets a leading single quote first.
std::string CsvField(std::string_view value);

}  // namespace unknot::identity
