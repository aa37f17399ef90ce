#include "unknot/treat/care_plan_store.hpp"

#include <boost/json.hpp>

namespace unknot::treat {
namespace {

namespace json = boost::json;

Error StaleVersion() {
  return Error(ErrorCode::kConflict,
               "This care plan has changed since you loaded it. Reload it and try again.");
}

}  // namespace

Result<StoredCarePlan> GetCarePlan(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne(
      "SELECT c.version, c.data, c.updated_by, u.display_name, c.updated_at "
      "FROM care_plan c LEFT JOIN user_account u ON u.uuid = c.updated_by "
      "WHERE c.patient_id = $1",
      {patient_id});
  if (!row) return row.error();
  StoredCarePlan plan;
  if (!*row) return plan;
  auto values = ParseStoredCarePlan((*row)->Text(1));
  if (!values) return values.error();
  plan.version = (*row)->Int(0);
  plan.values = std::move(*values);
  plan.updated_by = assess::Author{(*row)->Text(2), (*row)->OptText(3)};
  plan.updated_at = (*row)->Int(4);
  return plan;
}

Result<CarePlanView> LoadCarePlanView(db::Session& session, std::int64_t patient_id) {
  CarePlanView view;
  auto plan = GetCarePlan(session, patient_id);
  if (!plan) return plan.error();
  view.plan = std::move(*plan);
  auto done = CountSignedSessions(session, patient_id);
  if (!done) return done.error();
  view.sessions_done = *done;
  if (view.plan.values && !view.plan.values->goals.empty()) {
    auto ratings = LoadPsfsRatings(session, patient_id);
    if (!ratings) return ratings.error();
    for (const CarePlanGoal& goal : view.plan.values->goals) {
      view.current.push_back(CurrentRating(goal.activity, *ratings));
    }
  }
  return view;
}

Result<StoredCarePlan> SaveCarePlan(db::Session& session, const people::Patient& patient,
                                    const CarePlanValues& values,
                                    std::optional<std::int64_t> expected_version,
                                    const assess::Author& author, Instant now) {
  auto current = GetCarePlan(session, patient.id);
  if (!current) return current;
  if (expected_version && *expected_version != current->version) return StaleVersion();

  const std::string data = json::serialize(EncodeCarePlanValues(values));
  const std::int64_t version = current->version + 1;
  if (current->version == 0) {
    // A concurrent first save hits the primary key: kConflict, reported as stale.
    auto inserted = session.Exec(
        "INSERT INTO care_plan (patient_id, data, version, updated_by, updated_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {patient.id, data, version, author.id, now});
    if (!inserted) {
      return inserted.error().code() == ErrorCode::kConflict ? StaleVersion() : inserted.error();
    }
  } else {
    auto updated = session.Query(
        "UPDATE care_plan SET data = $1, version = $2, updated_by = $3, updated_at = $4 "
        "WHERE patient_id = $5 AND version = $6",
        {data, version, author.id, now, patient.id, current->version});
    if (!updated) return updated.error();
    if (updated->affected_rows != 1) return StaleVersion();  // another writer got there first
  }
  auto appended = session.Exec(
      "INSERT INTO care_plan_version (patient_id, version, author, recorded_at, data) "
      "VALUES ($1, $2, $3, $4, $5)",
      {patient.id, version, author.id, now, data});
  if (!appended) {
    return appended.error().code() == ErrorCode::kConflict ? StaleVersion() : appended.error();
  }
  return StoredCarePlan{version, values, author, now};
}

Result<std::vector<CarePlanVersion>> ListCarePlanVersions(db::Session& session,
                                                          std::int64_t patient_id) {
  auto rows = session.Query(
      "SELECT v.version, v.author, u.display_name, v.recorded_at, v.data "
      "FROM care_plan_version v LEFT JOIN user_account u ON u.uuid = v.author "
      "WHERE v.patient_id = $1 ORDER BY v.version DESC",
      {patient_id});
  if (!rows) return rows.error();
  std::vector<CarePlanVersion> out;
  out.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) {
    auto values = ParseStoredCarePlan(row.Text(4));
    if (!values) return values.error();
    out.push_back(
        {row.Int(0), assess::Author{row.Text(1), row.OptText(2)}, row.Int(3), std::move(*values)});
  }
  return out;
}

Result<std::int64_t> CountSignedSessions(db::Session& session, std::int64_t patient_id) {
  auto count = session.QueryOne(
      "SELECT COUNT(*) FROM session_note WHERE patient_id = $1 AND status = 'signed'",
      {patient_id});
  if (!count) return count.error();
  return *count ? (*count)->Int(0) : 0;
}

Result<std::vector<PsfsRatings>> LoadPsfsRatings(db::Session& session, std::int64_t patient_id) {
  auto rows = session.Query(
      "SELECT answers FROM instrument_response WHERE patient_id = $1 AND instrument_id = 'psfs' "
      "ORDER BY completed_at DESC, id DESC",
      {patient_id});
  if (!rows) return rows.error();
  std::vector<PsfsRatings> out;
  out.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) out.push_back(PsfsRatingsFromAnswers(row.Text(0)));
  return out;
}

}  // namespace unknot::treat
