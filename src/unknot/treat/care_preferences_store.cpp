#include "unknot/treat/care_preferences_store.hpp"

#include <map>
#include <string>

namespace unknot::treat {
namespace {

Error StaleVersion() {
  return Error(ErrorCode::kConflict,
               "These care preferences have changed since you loaded them. Reload them and try "
               "again.");
}

// Fills in the display names of every user the fields name (one lookup per
// distinct user: a document names a handful at most).
class Names final {
 public:
  explicit Names(db::Session& session) : session_(session) {}

  Result<std::optional<std::string>> Of(const std::string& uuid) {
    if (const auto found = cache_.find(uuid); found != cache_.end()) return found->second;
    auto row = session_.QueryOne("SELECT display_name FROM user_account WHERE uuid = $1", {uuid});
    if (!row) return row.error();
    std::optional<std::string> name;
    if (*row) name = (*row)->Text(0);
    cache_.emplace(uuid, name);
    return name;
  }

  Result<void> Fill(PreferenceFields& fields) {
    for (auto& [field, entry] : fields) {
      auto name = Of(entry.reviewed_by.id);
      if (!name) return name.error();
      entry.reviewed_by.name = std::move(*name);
    }
    return {};
  }

 private:
  db::Session& session_;
  std::map<std::string, std::optional<std::string>> cache_;
};

}  // namespace

Result<CarePreferences> GetCarePreferences(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne(
      "SELECT c.version, c.data, c.updated_by, u.display_name, c.updated_at "
      "FROM care_preference c LEFT JOIN user_account u ON u.uuid = c.updated_by "
      "WHERE c.patient_id = $1",
      {patient_id});
  if (!row) return row.error();
  CarePreferences preferences;
  if (!*row) return preferences;
  auto fields = ParseStoredCarePreferences((*row)->Text(1));
  if (!fields) return fields.error();
  Names names(session);
  if (auto filled = names.Fill(*fields); !filled) return filled.error();
  preferences.version = (*row)->Int(0);
  preferences.fields = std::move(*fields);
  preferences.updated_by = Author{(*row)->Text(2), (*row)->OptText(3)};
  preferences.updated_at = (*row)->Int(4);
  return preferences;
}

Result<CarePreferences> SaveCarePreferences(db::Session& session, std::int64_t patient_id,
                                            const CarePreferenceChange& change,
                                            std::optional<std::int64_t> expected_version,
                                            const Author& author, SetBy side, Instant now) {
  auto current = GetCarePreferences(session, patient_id);
  if (!current) return current;
  if (expected_version && *expected_version != current->version) return StaleVersion();
  PreferenceFields fields = current->fields;
  if (!ApplyCarePreferenceChange(fields, change, author, side, now)) return current;

  const std::string stored = StoredCarePreferences(fields);
  const std::int64_t version = current->version + 1;
  if (current->version == 0) {
    // A concurrent first write hits the primary key: kConflict, reported as stale.
    auto inserted = session.Exec(
        "INSERT INTO care_preference (patient_id, data, version, updated_by, updated_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {patient_id, stored, version, author.id, now});
    if (!inserted) {
      return inserted.error().code() == ErrorCode::kConflict ? StaleVersion() : inserted.error();
    }
  } else {
    auto updated = session.Query(
        "UPDATE care_preference SET data = $1, version = $2, updated_by = $3, updated_at = $4 "
        "WHERE patient_id = $5 AND version = $6",
        {stored, version, author.id, now, patient_id, current->version});
    if (!updated) return updated.error();
    if (updated->affected_rows != 1) return StaleVersion();  // another writer got there first
  }
  auto appended = session.Exec(
      "INSERT INTO care_preference_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {patient_id, version, author.id, now, stored});
  if (!appended) {
    return appended.error().code() == ErrorCode::kConflict ? StaleVersion() : appended.error();
  }
  Names names(session);
  if (auto filled = names.Fill(fields); !filled) return filled.error();
  return CarePreferences{version, now, author, std::move(fields)};
}

Result<std::vector<CarePreferencesVersion>> ListCarePreferencesVersions(db::Session& session,
                                                                        std::int64_t patient_id) {
  auto rows = session.Query(
      "SELECT v.version, v.author, u.display_name, v.recorded_at, v.data "
      "FROM care_preference_version v LEFT JOIN user_account u ON u.uuid = v.author "
      "WHERE v.patient_id = $1 ORDER BY v.version DESC",
      {patient_id});
  if (!rows) return rows.error();
  Names names(session);
  std::vector<CarePreferencesVersion> versions;
  versions.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) {
    auto fields = ParseStoredCarePreferences(row.Text(4));
    if (!fields) return fields.error();
    if (auto filled = names.Fill(*fields); !filled) return filled.error();
    versions.push_back(CarePreferencesVersion{row.Int(0), Author{row.Text(1), row.OptText(2)},
                                              row.Int(3), std::move(*fields)});
  }
  return versions;
}

}  // namespace unknot::treat
