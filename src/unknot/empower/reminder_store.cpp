#include "unknot/empower/reminder_store.hpp"

#include <boost/json.hpp>

namespace unknot::empower {
namespace {

namespace json = boost::json;

// Starts from the patient, so a patient who never saved a preference still
// has their clinic's zone, their login and their last check-in.
constexpr const char* kSelectState =
    "SELECT p.id, c.time_zone, r.channel, r.local_time, r.days, r.version, r.updated_by, "
    "ub.display_name, r.updated_at, u.email, u.disabled, u.display_name, "
    "(SELECT MAX(s.local_date) FROM reminder_sent s WHERE s.patient_id = p.id), "
    "(SELECT MAX(k.local_date) FROM check_in k WHERE k.patient_id = p.id) "
    "FROM patient p JOIN clinic c ON c.id = p.clinic_id "
    "LEFT JOIN reminder_preference r ON r.patient_id = p.id "
    "LEFT JOIN user_account u ON u.patient_id = p.id "
    "LEFT JOIN user_account ub ON ub.uuid = r.updated_by ";

Result<ReminderDays> StoredDays(const std::string& text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) return Error::Internal("reminder_preference has malformed days");
  ReminderDays days{};
  for (const auto& code : parsed.as_array()) {
    const auto index = code.is_string() ? ParseDayCode(code.as_string()) : std::nullopt;
    if (!index) return Error::Internal("reminder_preference has an unknown day");
    days[static_cast<std::size_t>(*index)] = true;
  }
  return days;
}

std::optional<LocalDate> OptDate(const db::Row& row, std::size_t i) {
  const auto text = row.OptText(i);
  if (!text) return std::nullopt;
  return ParseLocalDate(*text);
}

Result<ReminderState> FromRow(const db::Row& row) {
  ReminderState state;
  state.patient_id = row.Int(0);
  state.time_zone = row.Text(1);
  StoredReminderPreference& stored = state.stored;
  if (!row.IsNull(2)) {
    const auto channel = ParseChannel(row.Text(2));
    const auto time = ParseReminderTime(row.Text(3));
    auto days = StoredDays(row.Text(4));
    if (!channel || !time) return Error::Internal("reminder_preference has a malformed row");
    if (!days) return days.error();
    stored.preference = {*channel, *time, *days};
    stored.version = row.Int(5);
    stored.updated_by = assess::Author{row.Text(6), row.OptText(7)};
    stored.updated_at = row.Int(8);
  }
  state.email = row.OptText(9);
  state.login_disabled = row.OptInt(10).value_or(0) != 0;
  state.login_name = row.OptText(11).value_or("");
  state.facts = ReminderFacts{.saved_at = stored.updated_at,
                              .last_sent = OptDate(row, 12),
                              .last_check_in = OptDate(row, 13),
                              .deliverable = state.email.has_value() && !state.login_disabled};
  return state;
}

Error Stale() {
  return Error(ErrorCode::kConflict,
               "The reminder settings have changed since you loaded them. Reload them and try "
               "again.");
}

}  // namespace

Result<ReminderState> LoadReminderState(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne(std::string(kSelectState) + "WHERE p.id = $1", {patient_id});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("patient");
  return FromRow(**row);
}

Result<std::vector<ReminderState>> ListEmailReminders(db::Session& session) {
  auto rows = session.Query(std::string(kSelectState) + "WHERE r.channel = 'email' ORDER BY p.id");
  if (!rows) return rows.error();
  std::vector<ReminderState> out;
  out.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) {
    auto state = FromRow(row);
    if (!state) return state.error();
    out.push_back(std::move(*state));
  }
  return out;
}

Result<StoredReminderPreference> SaveReminderPreference(
    db::Session& session, std::int64_t patient_id, const ReminderPreference& preference,
    std::optional<std::int64_t> expected_version, const std::string& author, Instant now) {
  auto current = LoadReminderState(session, patient_id);
  if (!current) return current.error();
  const StoredReminderPreference& stored = current->stored;
  if (expected_version && *expected_version != stored.version) return Stale();
  if (stored.version > 0 && stored.preference == preference) return stored;

  const std::string time = FormatReminderTime(preference.time);
  const std::string days = json::serialize(EncodeDays(preference.days));
  const std::string channel(ChannelName(preference.channel));
  const std::int64_t version = stored.version + 1;
  Result<std::int64_t> written = 0;
  if (stored.version == 0) {
    // Two first saves at once: the primary key lets one in; the other is stale.
    written = session.Exec(
        "INSERT INTO reminder_preference (patient_id, channel, local_time, days, version, "
        "updated_by, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6) "
        "ON CONFLICT (patient_id) DO NOTHING",
        {patient_id, channel, time, days, author, now});
  } else {
    written = session.Exec(
        "UPDATE reminder_preference SET channel = $1, local_time = $2, days = $3, version = $4, "
        "updated_by = $5, updated_at = $6 WHERE patient_id = $7 AND version = $8",
        {channel, time, days, version, author, now, patient_id, stored.version});
  }
  if (!written) return written.error();
  if (*written != 1) return Stale();
  auto appended = session.Exec(
      "INSERT INTO reminder_preference_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {patient_id, version, author, now, json::serialize(EncodeReminderValues(preference))});
  if (!appended) return appended.error();
  auto saved = LoadReminderState(session, patient_id);
  if (!saved) return saved.error();
  return saved->stored;
}

Result<bool> RecordReminderSent(db::Session& session, std::int64_t patient_id, LocalDate date,
                                Instant now) {
  auto inserted = session.Exec(
      "INSERT INTO reminder_sent (patient_id, local_date, sent_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (patient_id, local_date) DO NOTHING",
      {patient_id, FormatLocalDate(date), now});
  if (!inserted) return inserted.error();
  return *inserted == 1;
}

}  // namespace unknot::empower
