#include "unknot/empower/programme_store.hpp"

#include <boost/json.hpp>

#include "unknot/platform/ids.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

constexpr const char* kSelect =
    "SELECT p.id, p.uuid, p.slug, p.sets, p.reps, p.hold_seconds, p.times, p.per, p.weeks, "
    "p.note, p.precaution_matches, p.start_date, p.ended_on, p.version, p.created_by, "
    "cu.display_name, p.created_at, p.updated_by, uu.display_name, p.updated_at "
    "FROM programme_item p LEFT JOIN user_account cu ON cu.uuid = p.created_by "
    "LEFT JOIN user_account uu ON uu.uuid = p.updated_by ";

std::optional<int> OptCount(const db::Row& row, std::size_t i) {
  const auto value = row.OptInt(i);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

db::Value CountOrNull(const std::optional<int>& value) {
  if (!value) return db::Null();
  return std::int64_t{*value};
}

db::Value DateOrNull(const std::optional<LocalDate>& date) {
  if (!date) return db::Null();
  return FormatLocalDate(*date);
}

Result<ProgrammeItem> FromRow(const db::Row& row) {
  ProgrammeItem item;
  item.id = row.Int(0);
  item.uuid = row.Text(1);
  item.slug = row.Text(2);
  item.dosage.sets = OptCount(row, 3);
  item.dosage.reps = OptCount(row, 4);
  item.dosage.hold_seconds = OptCount(row, 5);
  item.dosage.times = static_cast<int>(row.Int(6));
  item.dosage.per = row.Text(7) == "week" ? DosagePeriod::kWeek : DosagePeriod::kDay;
  item.dosage.weeks = OptCount(row, 8);
  item.note = row.OptText(9);
  boost::system::error_code ec;
  const json::value matches = json::parse(row.Text(10), ec);
  if (ec || !matches.is_array()) {
    return Error::Internal("programme_item " + item.uuid + " has malformed precaution_matches");
  }
  for (const auto& match : matches.as_array()) {
    if (match.is_string()) item.precaution_matches.emplace_back(match.as_string());
  }
  const auto start = ParseLocalDate(row.Text(11));
  if (!start) return Error::Internal("programme_item " + item.uuid + " has a malformed start_date");
  item.start = *start;
  if (const auto ended = row.OptText(12)) {
    item.ended_on = ParseLocalDate(*ended);
    if (!item.ended_on)
      return Error::Internal("programme_item " + item.uuid + " has a bad ended_on");
  }
  item.version = row.Int(13);
  item.created_by = {row.Text(14), row.OptText(15)};
  item.created_at = row.Int(16);
  item.updated_by = {row.Text(17), row.OptText(18)};
  item.updated_at = row.Int(19);
  return item;
}

Result<std::vector<ProgrammeItem>> FindItems(db::Session& session, std::string_view where,
                                             std::initializer_list<db::Value> params) {
  auto rows = session.Query(std::string(kSelect) + std::string(where), params);
  if (!rows) return rows.error();
  std::vector<ProgrammeItem> items;
  items.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto item = FromRow(row);
    if (!item) return item.error();
    items.push_back(std::move(*item));
  }
  return items;
}

Result<ProgrammeItem> FindById(db::Session& session, std::int64_t id) {
  auto items = FindItems(session, "WHERE p.id = $1", {id});
  if (!items) return items.error();
  if (items->empty()) return Error::Internal("programme item vanished inside its transaction");
  return std::move(items->front());
}

std::string StoredMatches(const std::vector<std::string>& matches) {
  json::array list;
  for (const auto& match : matches) list.emplace_back(match);
  return json::serialize(list);
}

// Every change to the patient's programme moves its version, so one ETag
// covers the whole document.
Result<void> BumpProgrammeVersion(db::Session& session, std::int64_t patient_id, Instant now) {
  auto updated = session.Query(
      "UPDATE programme SET version = version + 1, updated_at = $1 WHERE patient_id = $2",
      {now, patient_id});
  if (!updated) return updated.error();
  if (updated->affected_rows == 1) return {};
  auto inserted =
      session.Exec("INSERT INTO programme (patient_id, version, updated_at) VALUES ($1, 1, $2)",
                   {patient_id, now});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> AppendVersion(db::Session& session, const ProgrammeItem& item) {
  json::object data{
      {"dosage", EncodeDosage(item.dosage)},
      {"note", assess::JsonOrNull(item.note)},
      {"ended_on", item.ended_on ? json::value(FormatLocalDate(*item.ended_on)) : json::value()}};
  auto appended = session.Exec(
      "INSERT INTO programme_item_version (item_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {item.id, item.version, item.updated_by.id, item.updated_at, json::serialize(data)});
  if (!appended) return appended.error();
  return {};
}

Error Stale() {
  return Error(ErrorCode::kConflict,
               "This programme item has changed since you loaded it. Reload it and try again.");
}

// Writes `item`'s dosage, note and ended_on as the next version.
Result<ProgrammeItem> WriteNextVersion(db::Session& session, std::int64_t patient_id,
                                       ProgrammeItem item, const std::string& author, Instant now) {
  auto updated = session.Query(
      "UPDATE programme_item SET sets = $1, reps = $2, hold_seconds = $3, times = $4, per = $5, "
      "weeks = $6, note = $7, ended_on = $8, ended_by = $9, version = version + 1, updated_by = "
      "$10, "
      "updated_at = $11 WHERE id = $12 AND version = $13",
      {CountOrNull(item.dosage.sets), CountOrNull(item.dosage.reps),
       CountOrNull(item.dosage.hold_seconds), std::int64_t{item.dosage.times},
       std::string(ToString(item.dosage.per)), CountOrNull(item.dosage.weeks),
       db::OrNull(item.note), DateOrNull(item.ended_on),
       item.ended_on ? db::Value(author) : db::Null(), author, now, item.id, item.version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return Stale();
  item.version += 1;
  item.updated_by = {author, std::nullopt};
  item.updated_at = now;
  if (auto appended = AppendVersion(session, item); !appended) return appended.error();
  if (auto bumped = BumpProgrammeVersion(session, patient_id, now); !bumped) return bumped.error();
  return FindById(session, item.id);
}

}  // namespace

bool ProgrammeItem::ActiveOn(LocalDate date) const {
  const auto until = ActiveUntil(dosage, start, ended_on);
  return date >= start && (!until || date < *until);
}

Result<std::int64_t> ProgrammeVersion(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne("SELECT version FROM programme WHERE patient_id = $1", {patient_id});
  if (!row) return row.error();
  if (!*row) return std::int64_t{0};
  return (*row)->Int(0);
}

Result<ProgrammeItem> InsertProgrammeItem(db::Session& session, const people::Patient& patient,
                                          const NewProgrammeItem& item, LocalDate start,
                                          const std::string& author, Instant now) {
  const std::string uuid = NewUuid();
  auto inserted = session.QueryOne(
      "INSERT INTO programme_item (uuid, clinic_id, patient_id, slug, sets, reps, hold_seconds, "
      "times, per, weeks, note, precaution_matches, start_date, version, created_by, created_at, "
      "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, "
      "$14, $15, $14, $15) RETURNING id",
      {uuid, patient.clinic_id, patient.id, item.slug, CountOrNull(item.dosage.sets),
       CountOrNull(item.dosage.reps), CountOrNull(item.dosage.hold_seconds),
       std::int64_t{item.dosage.times}, std::string(ToString(item.dosage.per)),
       CountOrNull(item.dosage.weeks), db::OrNull(item.note),
       StoredMatches(item.precaution_matches), FormatLocalDate(start), author, now});
  if (!inserted) return inserted.error();
  if (!*inserted) return Error::Internal("INSERT … RETURNING gave no row");
  auto stored = FindById(session, (*inserted)->Int(0));
  if (!stored) return stored.error();
  if (auto appended = AppendVersion(session, *stored); !appended) return appended.error();
  if (auto bumped = BumpProgrammeVersion(session, patient.id, now); !bumped) return bumped.error();
  return stored;
}

Result<ProgrammeItem> GetProgrammeItem(db::Session& session, std::int64_t patient_id,
                                       std::string_view item_uuid) {
  auto items = FindItems(session, "WHERE p.patient_id = $1 AND p.uuid = $2",
                         {patient_id, std::string(item_uuid)});
  if (!items) return items.error();
  if (items->empty()) return Error::NotFound("programme item");
  return std::move(items->front());
}

Result<ProgrammeItem> UpdateProgrammeItem(db::Session& session, std::int64_t patient_id,
                                          std::string_view item_uuid,
                                          const ProgrammeItemChange& change,
                                          std::optional<std::int64_t> expected_version,
                                          const std::string& author, Instant now) {
  auto current = GetProgrammeItem(session, patient_id, item_uuid);
  if (!current) return current.error();
  if (expected_version && *expected_version != current->version) return Stale();
  if (current->Ended()) {
    return Error(ErrorCode::kConflict,
                 "This programme item has ended. Assign the exercise again to change it.");
  }
  ProgrammeItem next = *current;
  if (change.dosage) next.dosage = *change.dosage;
  if (change.note) next.note = *change.note;
  if (next.dosage == current->dosage && next.note == current->note) return current;
  return WriteNextVersion(session, patient_id, std::move(next), author, now);
}

Result<ProgrammeItem> EndProgrammeItem(db::Session& session, std::int64_t patient_id,
                                       std::string_view item_uuid, LocalDate ended_on,
                                       std::optional<std::int64_t> expected_version,
                                       const std::string& author, Instant now) {
  auto current = GetProgrammeItem(session, patient_id, item_uuid);
  if (!current) return current.error();
  if (current->Ended()) return current;
  if (expected_version && *expected_version != current->version) return Stale();
  ProgrammeItem next = *current;
  // An item assigned later today still ends no earlier than it started.
  next.ended_on = std::max(ended_on, current->start);
  return WriteNextVersion(session, patient_id, std::move(next), author, now);
}

Result<std::vector<ProgrammeItem>> ListProgrammeItems(db::Session& session, std::int64_t patient_id,
                                                      bool include_ended, LocalDate done_from) {
  auto items = FindItems(session,
                         include_ended ? "WHERE p.patient_id = $1 ORDER BY p.id"
                                       : "WHERE p.patient_id = $1 AND p.ended_on IS NULL "
                                         "ORDER BY p.id",
                         {patient_id});
  if (!items) return items.error();
  auto marks = session.Query(
      "SELECT d.item_id, d.local_date, d.sessions FROM programme_done d "
      "JOIN programme_item p ON p.id = d.item_id WHERE p.patient_id = $1 AND d.local_date >= $2",
      {patient_id, FormatLocalDate(done_from)});
  if (!marks) return marks.error();
  std::map<std::int64_t, ProgrammeItem*> by_id;
  for (auto& item : *items) by_id[item.id] = &item;
  for (const auto& row : marks->rows) {
    const auto found = by_id.find(row.Int(0));
    if (found == by_id.end()) continue;  // an ended item the caller did not ask for
    const auto date = ParseLocalDate(row.Text(1));
    if (!date) return Error::Internal("programme_done has a malformed local_date");
    found->second->done[*date] = static_cast<int>(row.Int(2));
  }
  return items;
}

Result<void> MarkDone(db::Session& session, const ProgrammeItem& item, std::int64_t patient_id,
                      LocalDate date, int sessions, const std::string& author, Instant now) {
  const std::string day = FormatLocalDate(date);
  auto current = session.QueryOne(
      "SELECT sessions FROM programme_done WHERE item_id = $1 AND local_date = $2", {item.id, day});
  if (!current) return current.error();
  if (*current && (*current)->Int(0) == sessions) return {};  // a retried PUT
  auto written =
      *current ? session.Exec(
                     "UPDATE programme_done SET sessions = $1, recorded_by = $2, recorded_at = $3 "
                     "WHERE item_id = $4 AND local_date = $5",
                     {std::int64_t{sessions}, author, now, item.id, day})
               : session.Exec(
                     "INSERT INTO programme_done (item_id, local_date, sessions, recorded_by, "
                     "recorded_at) VALUES ($1, $2, $3, $4, $5)",
                     {item.id, day, std::int64_t{sessions}, author, now});
  if (!written) return written.error();
  return BumpProgrammeVersion(session, patient_id, now);
}

Result<void> ClearDone(db::Session& session, const ProgrammeItem& item, std::int64_t patient_id,
                       LocalDate date, Instant now) {
  auto removed = session.Query("DELETE FROM programme_done WHERE item_id = $1 AND local_date = $2",
                               {item.id, FormatLocalDate(date)});
  if (!removed) return removed.error();
  if (removed->affected_rows == 0) return {};
  return BumpProgrammeVersion(session, patient_id, now);
}

}  // namespace unknot::empower
