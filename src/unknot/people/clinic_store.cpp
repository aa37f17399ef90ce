#include "unknot/people/clinic_store.hpp"

#include "unknot/people/detail/store_support.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::people {
namespace {

constexpr std::string_view kSelectClinic =
    "SELECT id, uuid, name, time_zone, created_at, updated_at, require_mfa, safety_email "
    "FROM clinic";

Clinic ClinicFromRow(const db::Row& row) {
  Clinic clinic;
  clinic.id = row.Int(0);
  clinic.uuid = row.Text(1);
  clinic.fields.name = row.Text(2);
  clinic.fields.time_zone = row.Text(3);
  clinic.created_at = row.Int(4);
  clinic.updated_at = row.Int(5);
  clinic.require_mfa = row.Int(6) != 0;
  clinic.fields.safety_email = row.OptText(7);
  return clinic;
}

}  // namespace

Result<Clinic> GetClinic(db::Session& session, std::string_view uuid) {
  const std::string sql = std::string(kSelectClinic) + " WHERE uuid = $1";
  auto row = session.QueryOne(sql, {detail::CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The clinic");
  return ClinicFromRow(**row);
}

Result<std::vector<Clinic>> ListClinics(db::Session& session) {
  const std::string sql = std::string(kSelectClinic) + " ORDER BY created_at, id";
  auto result = session.Query(sql);
  if (!result) return result.error();
  std::vector<Clinic> clinics;
  clinics.reserve(result->rows.size());
  for (const db::Row& row : result->rows) clinics.push_back(ClinicFromRow(row));
  return clinics;
}

Result<Clinic> InsertClinic(db::Session& session, const ClinicFields& fields, Instant now) {
  Clinic clinic{0, NewUuid(), fields, now, now};
  auto row = session.QueryOne(
      "INSERT INTO clinic (uuid, name, time_zone, safety_email, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {clinic.uuid, fields.name, fields.time_zone, db::OrNull(fields.safety_email), now, now});
  if (!row) return row.error();
  if (!*row) return Error::Internal("INSERT INTO clinic returned no id");
  clinic.id = (*row)->Int(0);
  return clinic;
}

Result<std::vector<Clinic>> ClinicStore::List() const {
  return detail::InRead<std::vector<Clinic>>(*db_, ListClinics);
}

Result<Clinic> ClinicStore::Create(const ClinicFields& fields) const {
  return detail::InWrite<Clinic>(
      *db_, [&](db::Session& session) { return InsertClinic(session, fields, clock_->Now()); });
}

Result<Clinic> ClinicStore::Get(std::string_view uuid) const {
  return detail::InRead<Clinic>(*db_,
                                [&](db::Session& session) { return GetClinic(session, uuid); });
}

Result<Clinic> UpdateClinic(db::Session& session, std::string_view uuid, const ClinicPatch& patch,
                            Instant now) {
  auto clinic = GetClinic(session, uuid);
  if (!clinic) return clinic;
  ClinicFields changed = ApplyPatch(clinic->fields, patch);
  if (changed == clinic->fields) return clinic;
  auto updated = session.Exec(
      "UPDATE clinic SET name = $1, time_zone = $2, safety_email = $3, updated_at = $4 "
      "WHERE id = $5",
      {changed.name, changed.time_zone, db::OrNull(changed.safety_email), now, clinic->id});
  if (!updated) return updated.error();
  clinic->fields = std::move(changed);
  clinic->updated_at = now;
  return clinic;
}

Result<Clinic> ClinicStore::Update(std::string_view uuid, const ClinicPatch& patch) const {
  return detail::InWrite<Clinic>(*db_, [&](db::Session& session) {
    return UpdateClinic(session, uuid, patch, clock_->Now());
  });
}

}  // namespace unknot::people
