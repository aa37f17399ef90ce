#include "unknot/people/patient_store.hpp"

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

#include "unknot/people/clinic_store.hpp"
#include "unknot/people/detail/store_support.hpp"
#include "unknot/people/patient_json.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::people {
namespace {

constexpr std::string_view kSelectPatient =
    "SELECT p.id, p.uuid, p.clinic_id, c.uuid, p.version, p.given_name, p.family_name, "
    "p.preferred_name, p.birth_date, p.nhs_number, p.email, p.phone, p.created_at, p.updated_at "
    "FROM patient p JOIN clinic c ON c.id = p.clinic_id";

// The escape character for LIKE patterns; '!' avoids backslash quoting differences.
constexpr char kLikeEscape = '!';

Result<Patient> PatientFromRow(const db::Row& row) {
  Patient patient;
  patient.id = row.Int(0);
  patient.uuid = row.Text(1);
  patient.clinic_id = row.Int(2);
  patient.clinic_uuid = row.Text(3);
  patient.version = row.Int(4);
  PatientFields& f = patient.fields;
  f.given_name = row.Text(5);
  f.family_name = row.Text(6);
  f.preferred_name = row.OptText(7);
  if (const auto birth_date = row.OptText(8)) {
    f.birth_date = ParsePartialDate(*birth_date);
    if (!f.birth_date) {
      return Error::Internal(fmt::format("patient {} has an unreadable birth_date", patient.id));
    }
  }
  f.nhs_number = row.OptText(9);
  f.email = row.OptText(10);
  f.phone = row.OptText(11);
  patient.created_at = row.Int(12);
  patient.updated_at = row.Int(13);
  return patient;
}

// $1…$9 of both INSERT and UPDATE: the editable columns and the search key.
std::vector<db::Value> FieldParams(const PatientFields& f) {
  db::Value birth_date = db::Null();
  db::Value precision = db::Null();
  if (f.birth_date) {
    birth_date = f.birth_date->ToString();
    precision = std::string(PrecisionName(f.birth_date->precision));
  }
  return {f.given_name,          f.family_name,        db::OrNull(f.preferred_name),
          std::move(birth_date), std::move(precision), db::OrNull(f.nhs_number),
          db::OrNull(f.email),   db::OrNull(f.phone),  SearchName(f)};
}

Error DuplicateNhsNumber() {
  constexpr std::string_view kMessage =
      "Another patient in this clinic already has this NHS number.";
  return Error(ErrorCode::kConflict, std::string(kMessage),
               {{"nhs_number", "duplicate", std::string(kMessage)}});
}

Error StaleVersion() {
  return Error(ErrorCode::kConflict,
               "This patient has changed since you loaded it. Reload it and try again.");
}

// Checked before writing so the client gets an issue on `nhs_number`. The
// unique constraint stays the real guard (see AsDuplicate) for a concurrent
// writer on PostgreSQL that passes this check at the same moment.
Result<void> CheckNhsNumberFree(db::Session& session, std::int64_t clinic_id,
                                const PatientFields& fields, std::int64_t patient_id) {
  if (!fields.nhs_number) return {};
  auto row = session.QueryOne(
      "SELECT id FROM patient WHERE clinic_id = $1 AND nhs_number = $2 AND id <> $3",
      {clinic_id, *fields.nhs_number, patient_id});
  if (!row) return row.error();
  if (*row) return DuplicateNhsNumber();
  return {};
}

Error AsDuplicate(Error error, const PatientFields& fields) {
  if (error.code() == ErrorCode::kConflict && fields.nhs_number) return DuplicateNhsNumber();
  return error;
}

Result<void> AppendVersion(db::Session& session, const Patient& patient, std::string_view author,
                           Instant now) {
  auto inserted = session.Exec(
      "INSERT INTO patient_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {patient.id, patient.version, std::string(author), now,
       boost::json::serialize(EncodePatient(patient))});
  if (!inserted) return inserted.error();
  return {};
}

// The internal id of a patient; kNotFound when there is none.
Result<std::int64_t> GetPatientId(db::Session& session, std::string_view uuid) {
  auto row =
      session.QueryOne("SELECT id FROM patient WHERE uuid = $1", {detail::CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The patient");
  return (*row)->Int(0);
}

std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == kLikeEscape) pattern.push_back(kLikeEscape);
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

}  // namespace

Result<Patient> GetPatient(db::Session& session, std::string_view uuid) {
  const std::string sql = std::string(kSelectPatient) + " WHERE p.uuid = $1";
  auto row = session.QueryOne(sql, {detail::CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The patient");
  return PatientFromRow(**row);
}

Result<Patient> UpdatePatient(db::Session& session, std::string_view uuid,
                              const PatientPatch& patch,
                              std::optional<std::int64_t> expected_version, std::string_view author,
                              Instant now) {
  auto current = GetPatient(session, uuid);
  if (!current) return current;
  if (expected_version && *expected_version != current->version) return StaleVersion();
  PatientFields changed = ApplyPatch(current->fields, patch);
  if (changed == current->fields) return current;

  if (auto free = CheckNhsNumberFree(session, current->clinic_id, changed, current->id); !free) {
    return free.error();
  }
  std::vector<db::Value> params = FieldParams(changed);
  params.insert(params.end(), {current->version + 1, now, current->id, current->version});
  auto updated = session.Query(
      "UPDATE patient SET given_name = $1, family_name = $2, preferred_name = $3, "
      "birth_date = $4, birth_date_precision = $5, nhs_number = $6, email = $7, phone = $8, "
      "search_name = $9, version = $10, updated_at = $11 WHERE id = $12 AND version = $13",
      params);
  if (!updated) return AsDuplicate(updated.error(), changed);
  if (updated->affected_rows != 1) return StaleVersion();  // another writer got there first

  Patient patient = std::move(*current);
  patient.fields = std::move(changed);
  patient.version += 1;
  patient.updated_at = now;
  if (auto appended = AppendVersion(session, patient, author, now); !appended) {
    return appended.error();
  }
  return patient;
}

Result<Patient> InsertPatient(db::Session& session, const Clinic& clinic,
                              const PatientFields& fields, std::string_view author, Instant now) {
  if (auto free = CheckNhsNumberFree(session, clinic.id, fields, 0); !free) return free.error();
  Patient patient{0, NewUuid(), clinic.id, clinic.uuid, 1, fields, now, now};
  std::vector<db::Value> params = FieldParams(fields);
  params.insert(params.end(), {patient.uuid, clinic.id, patient.version, now, now});
  auto inserted = session.Query(
      "INSERT INTO patient (given_name, family_name, preferred_name, birth_date, "
      "birth_date_precision, nhs_number, email, phone, search_name, uuid, clinic_id, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14) RETURNING id",
      params);
  if (!inserted) return AsDuplicate(inserted.error(), fields);
  if (inserted->rows.empty()) return Error::Internal("INSERT INTO patient returned no id");
  patient.id = inserted->rows.front().Int(0);
  if (auto appended = AppendVersion(session, patient, author, now); !appended) {
    return appended.error();
  }
  return patient;
}

Result<Patient> PatientStore::Create(std::string_view clinic_uuid, const PatientFields& fields,
                                     std::string_view author) const {
  return detail::InWrite<Patient>(*db_, [&](db::Session& session) -> Result<Patient> {
    auto clinic = GetClinic(session, clinic_uuid);
    if (!clinic) return clinic.error();
    return InsertPatient(session, *clinic, fields, author, clock_->Now());
  });
}

Result<Patient> PatientStore::Get(std::string_view uuid) const {
  return detail::InRead<Patient>(*db_,
                                 [&](db::Session& session) { return GetPatient(session, uuid); });
}

Result<PatientPage> PatientStore::List(std::string_view clinic_uuid,
                                       const PatientQuery& query) const {
  return detail::InRead<PatientPage>(*db_, [&](db::Session& session) -> Result<PatientPage> {
    auto clinic = GetClinic(session, clinic_uuid);
    if (!clinic) return clinic.error();
    const std::string pattern = ContainsPattern(query.search);
    auto count = session.QueryOne(
        "SELECT COUNT(*) FROM patient WHERE clinic_id = $1 AND search_name LIKE $2 ESCAPE '!'",
        {clinic->id, pattern});
    if (!count) return count.error();
    PatientPage page;
    page.total = *count ? (*count)->Int(0) : 0;
    const std::string sql = std::string(kSelectPatient) +
                            " WHERE p.clinic_id = $1 AND p.search_name LIKE $2 ESCAPE '!'"
                            " ORDER BY p.family_name, p.given_name, p.id LIMIT $3 OFFSET $4";
    auto rows = session.Query(sql, {clinic->id, pattern, query.limit, query.offset});
    if (!rows) return rows.error();
    for (const db::Row& row : rows->rows) {
      auto patient = PatientFromRow(row);
      if (!patient) return patient.error();
      page.items.push_back(std::move(*patient));
    }
    return page;
  });
}

Result<Patient> PatientStore::Update(std::string_view uuid, const PatientPatch& patch,
                                     std::optional<std::int64_t> expected_version,
                                     std::string_view author) const {
  return detail::InWrite<Patient>(*db_, [&](db::Session& session) {
    return UpdatePatient(session, uuid, patch, expected_version, author, clock_->Now());
  });
}

Result<std::vector<PatientVersion>> PatientStore::History(std::string_view uuid) const {
  using Versions = std::vector<PatientVersion>;
  return detail::InRead<Versions>(*db_, [&](db::Session& session) -> Result<Versions> {
    auto id = GetPatientId(session, uuid);
    if (!id) return id.error();
    auto rows = session.Query(
        "SELECT version, author, recorded_at, data FROM patient_version "
        "WHERE patient_id = $1 ORDER BY version DESC",
        {*id});
    if (!rows) return rows.error();
    Versions versions;
    for (const db::Row& row : rows->rows) {
      versions.push_back({row.Int(0), row.Text(1), row.Int(2), row.Text(3)});
    }
    return versions;
  });
}

}  // namespace unknot::people
