#include "unknot/empower/check_in_store.hpp"

#include <boost/json.hpp>

#include "unknot/platform/ids.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

constexpr const char* kSelect =
    "SELECT c.id, c.uuid, c.local_date, c.pain, c.stress, c.mood, c.sleep, c.tension, "
    "c.regions, c.self_care_done, c.flare, c.note, c.late, c.version, c.created_by, "
    "cu.display_name, c.created_at, c.updated_by, uu.display_name, c.updated_at "
    "FROM check_in c LEFT JOIN user_account cu ON cu.uuid = c.created_by "
    "LEFT JOIN user_account uu ON uu.uuid = c.updated_by ";

std::optional<int> OptRating(const db::Row& row, std::size_t i) {
  const auto value = row.OptInt(i);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<bool> OptBool(const db::Row& row, std::size_t i) {
  const auto value = row.OptInt(i);
  if (!value) return std::nullopt;
  return *value != 0;
}

db::Value BoolOrNull(const std::optional<bool>& value) {
  if (!value) return db::Null();
  return std::int64_t{*value ? 1 : 0};
}

db::Value RatingOrNull(const std::optional<int>& value) {
  if (!value) return db::Null();
  return std::int64_t{*value};
}

std::string StoredRegions(const std::vector<std::string>& regions) {
  json::array list;
  for (const auto& region : regions) list.emplace_back(region);
  return json::serialize(list);
}

Result<CheckInRecord> FromRow(const db::Row& row) {
  CheckInRecord record;
  record.id = row.Int(0);
  record.uuid = row.Text(1);
  const auto date = ParseLocalDate(row.Text(2));
  if (!date) return Error::Internal("check_in " + record.uuid + " has a malformed local_date");
  record.date = *date;
  CheckInValues& v = record.values;
  v.pain = OptRating(row, 3);
  v.stress = OptRating(row, 4);
  v.mood = OptRating(row, 5);
  v.sleep = OptRating(row, 6);
  v.tension = OptRating(row, 7);
  boost::system::error_code ec;
  const json::value regions = json::parse(row.Text(8), ec);
  if (ec || !regions.is_array()) {
    return Error::Internal("check_in " + record.uuid + " has malformed regions");
  }
  for (const auto& region : regions.as_array()) {
    if (region.is_string()) v.regions.emplace_back(region.as_string());
  }
  v.self_care_done = OptBool(row, 9);
  v.flare = OptBool(row, 10);
  v.note = row.OptText(11);
  record.late = row.Int(12) != 0;
  record.version = row.Int(13);
  record.created_by = {row.Text(14), row.OptText(15)};
  record.created_at = row.Int(16);
  record.updated_by = {row.Text(17), row.OptText(18)};
  record.updated_at = row.Int(19);
  return record;
}

Result<std::optional<CheckInRecord>> FindOne(db::Session& session, std::string_view where,
                                             std::initializer_list<db::Value> params) {
  auto row = session.QueryOne(std::string(kSelect) + std::string(where), params);
  if (!row) return row.error();
  if (!*row) return std::optional<CheckInRecord>();
  auto record = FromRow(**row);
  if (!record) return record.error();
  return std::optional<CheckInRecord>(std::move(*record));
}

Result<void> AppendVersion(db::Session& session, const CheckInRecord& record) {
  auto appended = session.Exec(
      "INSERT INTO check_in_version (check_in_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {record.id, record.version, record.updated_by.id, record.updated_at,
       json::serialize(EncodeCheckInValues(record.values))});
  if (!appended) return appended.error();
  return {};
}

Error DateTaken(LocalDate date) {
  return Error(
      ErrorCode::kConflict,
      "There is already a check-in for " + FormatLocalDate(date) + ". Change that one instead.",
      {{"date", "already-checked-in", "This date already has a check-in."}});
}

}  // namespace

Result<std::string> ClinicTimeZone(db::Session& session, std::int64_t clinic_id) {
  auto row = session.QueryOne("SELECT time_zone FROM clinic WHERE id = $1", {clinic_id});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("clinic");
  return (*row)->Text(0);
}

Result<std::optional<CheckInRecord>> FindIdempotentCheckIn(db::Session& session,
                                                           std::int64_t patient_id,
                                                           const IdempotencyKey& key) {
  auto row = session.QueryOne(
      "SELECT request_hash, check_in_id FROM check_in_idempotency "
      "WHERE patient_id = $1 AND idempotency_key = $2",
      {patient_id, key.key});
  if (!row) return row.error();
  if (!*row) return std::optional<CheckInRecord>();
  if ((*row)->Text(0) != key.request_hash) {
    return Error(ErrorCode::kConflict,
                 "This Idempotency-Key was already used with a different check-in. Send a new "
                 "key for a new check-in.");
  }
  auto record = FindOne(session, "WHERE c.id = $1", {(*row)->Int(1)});
  if (!record) return record.error();
  if (!*record) return Error::Internal("idempotency entry without its check-in");
  return record;
}

Result<CheckInRecord> InsertCheckIn(db::Session& session, const people::Patient& patient,
                                    LocalDate date, const CheckInValues& values, bool late,
                                    const std::string& author, Instant now,
                                    const std::optional<IdempotencyKey>& key) {
  auto exists = CheckInExists(session, patient.id, date);
  if (!exists) return exists.error();
  if (*exists) return DateTaken(date);
  CheckInRecord record;
  record.uuid = NewUuid();
  record.date = date;
  record.values = values;
  record.late = late;
  record.version = 1;
  record.created_by = record.updated_by = {author, std::nullopt};
  record.created_at = record.updated_at = now;
  auto inserted = session.QueryOne(
      "INSERT INTO check_in (uuid, clinic_id, patient_id, local_date, pain, stress, mood, sleep, "
      "tension, regions, self_care_done, flare, note, late, version, created_by, created_at, "
      "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, 1, $15, $16, $15, $16) RETURNING id",
      {record.uuid, patient.clinic_id, patient.id, FormatLocalDate(date), RatingOrNull(values.pain),
       RatingOrNull(values.stress), RatingOrNull(values.mood), RatingOrNull(values.sleep),
       RatingOrNull(values.tension), StoredRegions(values.regions),
       BoolOrNull(values.self_care_done), BoolOrNull(values.flare), db::OrNull(values.note),
       std::int64_t{late ? 1 : 0}, author, now});
  if (!inserted) {
    // A concurrent POST for the same date got there first.
    return inserted.error().code() == ErrorCode::kConflict ? DateTaken(date) : inserted.error();
  }
  if (!*inserted) return Error::Internal("INSERT … RETURNING gave no row");
  record.id = (*inserted)->Int(0);
  if (auto appended = AppendVersion(session, record); !appended) return appended.error();
  if (key) {
    auto stored = session.Exec(
        "INSERT INTO check_in_idempotency (patient_id, idempotency_key, request_hash, "
        "check_in_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        {patient.id, key->key, key->request_hash, record.id, now});
    if (!stored) return stored.error();
  }
  // Read back so the authors carry their display names.
  auto stored = FindOne(session, "WHERE c.id = $1", {record.id});
  if (!stored) return stored.error();
  if (!*stored) return Error::Internal("inserted check-in not found");
  return std::move(**stored);
}

Result<CheckInRecord> UpdateCheckIn(db::Session& session, std::int64_t patient_id, LocalDate date,
                                    const CheckInValues& values,
                                    std::optional<std::int64_t> expected_version,
                                    const std::string& author, Instant now) {
  auto current = FindOne(session, "WHERE c.patient_id = $1 AND c.local_date = $2",
                         {patient_id, FormatLocalDate(date)});
  if (!current) return current.error();
  if (!*current) return Error::NotFound("check-in");
  CheckInRecord record = std::move(**current);
  const auto stale = [] {
    return Error(ErrorCode::kConflict,
                 "This check-in has changed since you loaded it. Reload it and try again.");
  };
  if (expected_version && *expected_version != record.version) return stale();
  if (values == record.values) return record;  // a double-submitted form adds no history
  auto updated = session.Query(
      "UPDATE check_in SET pain = $1, stress = $2, mood = $3, sleep = $4, tension = $5, "
      "regions = $6, self_care_done = $7, flare = $8, note = $9, version = version + 1, "
      "updated_by = $10, updated_at = $11 WHERE id = $12 AND version = $13",
      {RatingOrNull(values.pain), RatingOrNull(values.stress), RatingOrNull(values.mood),
       RatingOrNull(values.sleep), RatingOrNull(values.tension), StoredRegions(values.regions),
       BoolOrNull(values.self_care_done), BoolOrNull(values.flare), db::OrNull(values.note), author,
       now, record.id, record.version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return stale();
  record.values = values;
  record.version += 1;
  record.updated_by = {author, std::nullopt};
  record.updated_at = now;
  if (auto appended = AppendVersion(session, record); !appended) return appended.error();
  auto stored = FindOne(session, "WHERE c.id = $1", {record.id});
  if (!stored) return stored.error();
  if (!*stored) return Error::Internal("updated check-in not found");
  return std::move(**stored);
}

Result<std::vector<CheckInRecord>> ListCheckIns(db::Session& session, std::int64_t patient_id,
                                                std::optional<LocalDate> from,
                                                std::optional<LocalDate> to) {
  // 'YYYY-MM-DD' text orders as the dates do; open bounds use sentinels.
  auto rows =
      session.Query(std::string(kSelect) +
                        "WHERE c.patient_id = $1 AND c.local_date >= $2 AND c.local_date <= $3 "
                        "ORDER BY c.local_date DESC",
                    {patient_id, from ? FormatLocalDate(*from) : std::string("0000-00-00"),
                     to ? FormatLocalDate(*to) : std::string("9999-99-99")});
  if (!rows) return rows.error();
  std::vector<CheckInRecord> records;
  records.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    auto record = FromRow(row);
    if (!record) return record.error();
    records.push_back(std::move(*record));
  }
  return records;
}

Result<bool> CheckInExists(db::Session& session, std::int64_t patient_id, LocalDate date) {
  auto row = session.QueryOne("SELECT 1 FROM check_in WHERE patient_id = $1 AND local_date = $2",
                              {patient_id, FormatLocalDate(date)});
  if (!row) return row.error();
  return row->has_value();
}

}  // namespace unknot::empower
