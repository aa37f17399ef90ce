#include "unknot/identity/audit_query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <utility>

#include "unknot/platform/ids.hpp"

namespace unknot::identity {
namespace {

constexpr std::size_t kMaxTextFilter = 100;
constexpr Instant kMicrosPerSecond = 1'000'000;

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// A present, non-blank parameter, trimmed. Blank counts as absent: the web
// form sends every field, filled in or not.
std::optional<std::string_view> Given(const std::optional<std::string>& raw) {
  if (!raw) return std::nullopt;
  const std::string_view text = Trim(*raw);
  if (text.empty()) return std::nullopt;
  return text;
}

// `count` decimal digits at `text[at]`; nullopt unless all are digits.
std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<std::chrono::sys_days> ParseDay(std::string_view text) {
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date};
}

// "HH:MM:SS[.fraction]" at text[at]; returns µs since midnight and moves `at`
// past it. Fractions finer than a microsecond are truncated.
std::optional<Instant> ParseTimeOfDay(std::string_view text, std::size_t& at) {
  const auto hour = Digits(text, at, 2);
  const auto minute = Digits(text, at + 3, 2);
  const auto second = Digits(text, at + 6, 2);
  if (!hour || !minute || !second || text[at + 2] != ':' || text[at + 5] != ':' || *hour > 23 ||
      *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  Instant micros = ((*hour * 60 + *minute) * 60 + *second) * kMicrosPerSecond;
  at += 8;
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t digits_start = at;
    Instant scale = kMicrosPerSecond / 10;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      micros += (text[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    if (at == digits_start) return std::nullopt;
  }
  return micros;
}

// "Z" or "±HH:MM" filling the rest of `text`; returns the offset east of UTC
// in µs. A space stands for '+': an unencoded '+' in a query string arrives
// decoded as a space (form encoding), and nothing else could mean it there.
std::optional<Instant> ParseOffset(std::string_view text, std::size_t at) {
  const std::string_view rest = text.substr(at);
  if (rest == "Z" || rest == "z") return Instant{0};
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-' && rest[0] != ' ') || rest[3] != ':') {
    return std::nullopt;
  }
  const auto hours = Digits(rest, 1, 2);
  const auto minutes = Digits(rest, 4, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const Instant offset = (*hours * 60 + *minutes) * 60 * kMicrosPerSecond;
  return rest[0] == '-' ? -offset : offset;
}

std::optional<std::int64_t> ParseCount(std::string_view text, std::string_view name,
                                       IssueList& issues) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size()) return value;
  issues.Add(std::string(name), "invalid-number", fmt::format("{} must be a whole number.", name));
  return std::nullopt;
}

bool IsActionChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void CheckTimeRange(const AuditFilterInput& input, AuditFilter& filter, IssueList& issues) {
  if (const auto from = Given(input.from)) {
    filter.from = ParseAuditInstant(*from);
    if (!filter.from) {
      issues.Add("from", "invalid-date-time",
                 "from must be a date (2026-11-25) or an RFC 3339 time (2026-11-25T14:20:00Z).");
    }
  }
  if (const auto to = Given(input.to)) {
    bool is_date = false;
    const auto instant = ParseAuditInstant(*to, &is_date);
    if (!instant) {
      issues.Add("to", "invalid-date-time",
                 "to must be a date (2026-11-25) or an RFC 3339 time (2026-11-25T14:20:00Z).");
    } else {
      // Inclusive: a date covers its whole day, a time its own microsecond.
      filter.until = *instant + (is_date ? 86'400 * kMicrosPerSecond : Instant{1});
    }
  }
  if (filter.from && filter.until && *filter.until <= *filter.from) {
    issues.Add("to", "before-from", "to must not be before from.");
  }
}

void CheckText(const AuditFilterInput& input, AuditFilter& filter, IssueList& issues) {
  if (const auto actor = Given(input.actor)) {
    if (actor->size() > kMaxTextFilter || HasControlCharacter(*actor)) {
      issues.Add("actor", "invalid-actor", "actor must be a user id, \"anonymous\" or \"system\".");
    } else {
      filter.actor = IsUuid(*actor) ? Lower(*actor) : std::string(*actor);
    }
  }
  if (const auto action = Given(input.action)) {
    std::string_view name = *action;
    const bool prefix = name.ends_with('*');
    if (prefix) name.remove_suffix(1);
    if (name.size() > kMaxTextFilter || !std::all_of(name.begin(), name.end(), IsActionChar)) {
      issues.Add("action", "invalid-action",
                 "action must be an action name such as patient.read, or a prefix ending in * "
                 "such as patient.*.");
    } else if (!name.empty()) {  // a lone "*" matches everything: no filter
      filter.action = std::string(name);
      filter.action_is_prefix = prefix;
    }
  }
  if (const auto patient = Given(input.patient_id)) {
    if (!IsUuid(*patient)) {
      issues.Add("patient_id", "invalid-uuid", "patient_id must be a patient's id (a UUID).");
    } else {
      filter.patient_uuid = Lower(*patient);
    }
  }
  if (const auto outcome = Given(input.outcome)) {
    if (*outcome != "success" && *outcome != "denied" && *outcome != "failure") {
      issues.Add("outcome", "invalid-outcome", "outcome must be success, denied or failure.");
    } else {
      filter.outcome = std::string(*outcome);
    }
  }
}

void CheckPaging(const AuditFilterInput& input, AuditFilter& filter, IssueList& issues) {
  if (const auto limit = Given(input.limit)) {
    if (const auto value = ParseCount(*limit, "limit", issues)) {
      if (*value < 1 || *value > kMaxAuditPageSize) {
        issues.Add("limit", "out-of-range",
                   fmt::format("limit must be between 1 and {}.", kMaxAuditPageSize));
      } else {
        filter.limit = *value;
      }
    }
  }
  if (const auto offset = Given(input.offset)) {
    if (const auto value = ParseCount(*offset, "offset", issues)) {
      if (*value < 0) {
        issues.Add("offset", "out-of-range", "offset must be 0 or more.");
      } else {
        filter.offset = *value;
      }
    }
  }
}

// The WHERE clause shared by the page, its count and the export; `params`
// starts with the clinic id as $1.
std::string WhereClause(const AuditFilter& filter, std::vector<db::Value>& params) {
  std::string where = "e.clinic_id = $1";
  auto add = [&](std::string_view condition, db::Value value) {
    params.push_back(std::move(value));
    where += fmt::format(" AND {}", fmt::format(fmt::runtime(condition), params.size()));
  };
  if (filter.from) add("e.at >= ${}", *filter.from);
  if (filter.until) add("e.at < ${}", *filter.until);
  if (filter.actor) add("e.actor = ${}", *filter.actor);
  if (filter.action && filter.action_is_prefix) {
    // substr, not LIKE: '_' is a LIKE wildcard, and LIKE's case rules differ
    // between SQLite and PostgreSQL. Action names are ASCII, so bytes = characters.
    params.emplace_back(static_cast<std::int64_t>(filter.action->size()));
    params.emplace_back(*filter.action);
    where += fmt::format(" AND substr(e.action, 1, ${}) = ${}", params.size() - 1, params.size());
  } else if (filter.action) {
    add("e.action = ${}", *filter.action);
  }
  if (filter.patient_uuid) {
    add("e.patient_id = (SELECT id FROM patient WHERE uuid = ${})", *filter.patient_uuid);
  }
  if (filter.outcome) add("e.outcome = ${}", *filter.outcome);
  return where;
}

AuditRecord DecodeRecord(const db::Row& row) {
  return AuditRecord{.id = row.Int(0),
                     .at = row.Int(1),
                     .actor = row.Text(2),
                     .role = row.Text(3),
                     .action = row.Text(4),
                     .resource_type = row.Text(5),
                     .resource_id = row.Text(6),
                     .patient_uuid = row.OptText(7),
                     .request_id = row.Text(8),
                     .address = row.Text(9),
                     .outcome = row.Text(10)};
}

}  // namespace

std::optional<Instant> ParseAuditInstant(std::string_view text, bool* is_date) {
  if (text.size() < 10) return std::nullopt;
  const auto day = ParseDay(text);
  if (!day) return std::nullopt;
  const Instant midnight =
      std::chrono::duration_cast<std::chrono::microseconds>(day->time_since_epoch()).count();
  if (is_date) *is_date = text.size() == 10;
  if (text.size() == 10) return midnight;
  if (text[10] != 'T' && text[10] != 't') return std::nullopt;
  std::size_t at = 11;
  const auto time = ParseTimeOfDay(text, at);
  if (!time) return std::nullopt;
  const auto offset = ParseOffset(text, at);
  if (!offset) return std::nullopt;
  return midnight + *time - *offset;
}

AuditFilter ValidateAuditFilter(const AuditFilterInput& input, IssueList& issues) {
  AuditFilter filter;
  CheckTimeRange(input, filter, issues);
  CheckText(input, filter, issues);
  CheckPaging(input, filter, issues);
  return filter;
}

Result<AuditPage> QueryAuditEvents(db::Session& session, std::int64_t clinic_id,
                                   const AuditFilter& filter, Paging paging) {
  std::vector<db::Value> params{clinic_id};
  const std::string where = WhereClause(filter, params);
  const std::size_t filter_params = params.size();

  std::string sql =
      "SELECT e.id, e.at, e.actor, e.role, e.action, e.resource_type, e.resource_id, p.uuid, "
      "e.request_id, e.address, e.outcome FROM audit_event e "
      "LEFT JOIN patient p ON p.id = e.patient_id WHERE " +
      where + " ORDER BY e.at DESC, e.id DESC";
  if (paging == Paging::kPage) {
    params.emplace_back(filter.limit);
    params.emplace_back(filter.offset);
    sql += fmt::format(" LIMIT ${} OFFSET ${}", params.size() - 1, params.size());
  } else {
    params.emplace_back(kMaxAuditExportRows + 1);
    sql += fmt::format(" LIMIT ${}", params.size());
  }
  auto rows = session.Query(sql, params);
  if (!rows) return rows.error();

  AuditPage page;
  page.items.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) page.items.push_back(DecodeRecord(row));
  if (paging == Paging::kAll) {
    page.total = static_cast<std::int64_t>(page.items.size());
    return page;
  }
  params.resize(filter_params);
  auto count = session.Query("SELECT COUNT(*) FROM audit_event e WHERE " + where, params);
  if (!count) return count.error();
  page.total = count->rows.at(0).Int(0);
  return page;
}

std::string CsvField(std::string_view value) {
  std::string cell;
  if (!value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                         value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
    cell += '\'';
  }
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string EncodeAuditCsv(const std::vector<AuditRecord>& records) {
  std::string csv =
      "id,at,actor,role,action,resource_type,resource_id,patient_id,request_id,address,"
      "outcome\r\n";
  for (const AuditRecord& r : records) {
    const std::string fields[] = {std::to_string(r.id),
                                  FormatInstant(r.at),
                                  r.actor,
                                  r.role,
                                  r.action,
                                  r.resource_type,
                                  r.resource_id,
                                  r.patient_uuid.value_or(""),
                                  r.request_id,
                                  r.address,
                                  r.outcome};
    bool first = true;
    for (const std::string& field : fields) {
      if (!first) csv += ',';
      first = false;
      csv += CsvField(field);
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace unknot::identity
