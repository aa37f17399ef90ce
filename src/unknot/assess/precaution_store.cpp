#include "unknot/assess/precaution_store.hpp"

namespace unknot::assess {
namespace {

Error StaleVersion() {
  return Error(ErrorCode::kConflict,
               "These precautions have changed since you loaded them. Reload them and try again.");
}

}  // namespace

Result<PatientPrecautions> GetPrecautions(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne(
      "SELECT p.version, p.items, p.updated_by, u.display_name, p.updated_at "
      "FROM patient_precautions p LEFT JOIN user_account u ON u.uuid = p.updated_by "
      "WHERE p.patient_id = $1",
      {patient_id});
  if (!row) return row.error();
  PatientPrecautions precautions;
  if (!*row) return precautions;
  auto items = ParseStoredPrecautionChoices((*row)->Text(1));
  if (!items) return items.error();
  precautions.version = (*row)->Int(0);
  precautions.items = std::move(*items);
  precautions.updated_by = Author{(*row)->Text(2), (*row)->OptText(3)};
  precautions.updated_at = (*row)->Int(4);
  return precautions;
}

Result<PatientPrecautions> ReplacePrecautions(db::Session& session, const people::Patient& patient,
                                              std::vector<PrecautionChoice> items,
                                              std::optional<std::int64_t> expected_version,
                                              const Author& author, Instant now) {
  auto current = GetPrecautions(session, patient.id);
  if (!current) return current;
  if (expected_version && *expected_version != current->version) return StaleVersion();
  if (current->version > 0 && items == current->items) return current;

  const std::string stored = StoredPrecautionChoices(items);
  const std::int64_t version = current->version + 1;
  if (current->version == 0) {
    // A concurrent first write hits the primary key: kConflict, reported as stale.
    auto inserted = session.Exec(
        "INSERT INTO patient_precautions (patient_id, clinic_id, version, items, updated_by, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {patient.id, patient.clinic_id, version, stored, author.id, now});
    if (!inserted) {
      return inserted.error().code() == ErrorCode::kConflict ? StaleVersion() : inserted.error();
    }
  } else {
    auto updated = session.Query(
        "UPDATE patient_precautions SET version = $1, items = $2, updated_by = $3, "
        "updated_at = $4 WHERE patient_id = $5 AND version = $6",
        {version, stored, author.id, now, patient.id, current->version});
    if (!updated) return updated.error();
    if (updated->affected_rows != 1) return StaleVersion();  // another writer got there first
  }
  auto appended = session.Exec(
      "INSERT INTO patient_precautions_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {patient.id, version, author.id, now, stored});
  if (!appended) return appended.error();
  return PatientPrecautions{version, now, author, std::move(items)};
}

}  // namespace unknot::assess
