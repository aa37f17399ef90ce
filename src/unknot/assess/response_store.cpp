#include "unknot/assess/response_store.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "unknot/assess/assess_store_support.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const std::string& SelectResponse() {
  static const std::string sql =
      "SELECT r.id, r.uuid, r.clinic_id, r.patient_id, r.assessment_id, a.uuid, r.instrument_id, "
      "r.instrument_version, r.recall_period, r.version, r.answers, r.score, r.total, r.band, "
      "r.completed_at, r.recorded_by, " +
      detail::UserNameOf("r.recorded_by") +
      " FROM instrument_response r JOIN assessment a ON a.id = r.assessment_id";
  return sql;
}

Result<ResponseRecord> ResponseFromRow(const db::Row& row) {
  ResponseRecord r;
  r.id = row.Int(0);
  r.uuid = row.Text(1);
  r.clinic_id = row.Int(2);
  r.patient_id = row.Int(3);
  r.assessment_id = row.Int(4);
  r.assessment_uuid = row.Text(5);
  r.instrument = row.Text(6);
  r.instrument_version = row.Text(7);
  r.recall_period = row.OptText(8);
  r.version = row.Int(9);
  auto answers = detail::ParseObjectColumn(row.Text(10), "instrument_response.answers");
  if (!answers) return answers.error();
  r.answers = std::move(*answers);
  auto score = detail::ParseObjectColumn(row.Text(11), "instrument_response.score");
  if (!score) return score.error();
  r.score = std::move(*score);
  if (!row.IsNull(12)) r.total = row.Real(12);
  r.band = row.OptText(13);
  r.completed_at = row.Int(14);
  r.recorded_by = detail::ToUserRef(row, 15, 16);
  return r;
}

// What a version row keeps: enough to show the answers and score as they were.
std::string Snapshot(const json::object& answers, const json::value& score) {
  return json::serialize(json::object{{"answers", answers}, {"score", score}});
}

db::Value Total(const ScoreResult& score) {
  return db::OrNull(score.total.score);
}

Result<void> AppendVersion(db::Session& session, std::int64_t response_id, std::int64_t version,
                           const UserRef& author, Instant now, db::Value reason,
                           const std::string& snapshot) {
  auto inserted = session.Query(
      "INSERT INTO instrument_response_version (response_id, version, author, recorded_at, "
      "reason, data) VALUES ($1, $2, $3, $4, $5, $6)",
      {response_id, version, author.id, now, std::move(reason), snapshot});
  if (!inserted) return inserted.error();
  return {};
}

}  // namespace

Result<ResponseRecord> InsertResponse(db::Session& session, const NewResponse& response,
                                      Instant now) {
  const Assessment& assessment = *response.assessment;
  ResponseRecord r;
  r.uuid = NewUuid();
  r.clinic_id = assessment.clinic_id;
  r.patient_id = assessment.patient_id;
  r.assessment_id = assessment.id;
  r.assessment_uuid = assessment.uuid;
  r.instrument = response.instrument;
  r.instrument_version = response.instrument_version;
  r.recall_period = response.recall_period;
  r.answers = response.answers;
  r.score = ToJson(response.score).as_object();
  r.total = response.score.total.score;
  r.band = response.score.band;
  r.completed_at = now;
  r.recorded_by = response.recorded_by;
  auto inserted = session.Query(
      "INSERT INTO instrument_response (uuid, clinic_id, patient_id, assessment_id, "
      "instrument_id, instrument_version, recall_period, version, answers, score, total, band, "
      "completed_at, recorded_by, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13, $12) RETURNING id",
      {r.uuid, r.clinic_id, r.patient_id, r.assessment_id, r.instrument, r.instrument_version,
       db::OrNull(r.recall_period), json::serialize(r.answers), json::serialize(r.score),
       Total(response.score), db::OrNull(r.band), now, r.recorded_by.id});
  if (!inserted) return inserted.error();
  if (inserted->rows.empty()) return Error::Internal("INSERT INTO instrument_response: no id");
  r.id = inserted->rows.front().Int(0);
  if (auto appended = AppendVersion(session, r.id, 1, r.recorded_by, now, db::Null(),
                                    Snapshot(r.answers, r.score));
      !appended) {
    return appended.error();
  }
  return r;
}

Result<ResponseRecord> GetResponse(db::Session& session, std::string_view uuid) {
  auto row = session.QueryOne(SelectResponse() + " WHERE r.uuid = $1", {CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The response");
  return ResponseFromRow(**row);
}

Result<std::vector<ResponseRecord>> ListResponses(db::Session& session, std::int64_t patient_id,
                                                  std::optional<std::string_view> instrument) {
  constexpr std::string_view kOrder = " ORDER BY r.completed_at, r.id";
  auto rows =
      instrument
          ? session.Query(SelectResponse() + " WHERE r.patient_id = $1 AND r.instrument_id = $2" +
                              std::string(kOrder),
                          {patient_id, std::string(*instrument)})
          : session.Query(SelectResponse() + " WHERE r.patient_id = $1" + std::string(kOrder),
                          {patient_id});
  if (!rows) return rows.error();
  std::vector<ResponseRecord> out;
  for (const auto& row : rows->rows) {
    auto response = ResponseFromRow(row);
    if (!response) return response.error();
    out.push_back(std::move(*response));
  }
  return out;
}

Result<ResponseRecord> CorrectResponse(db::Session& session, const ResponseRecord& current,
                                       const Correction& correction, Instant now) {
  const Error stale(ErrorCode::kConflict,
                    "This response has changed since you loaded it. Reload it and try again.");
  if (correction.expected_version != current.version) return stale;
  ResponseRecord r = current;
  r.version += 1;
  r.answers = correction.answers;
  r.score = ToJson(correction.score).as_object();
  r.total = correction.score.total.score;
  r.band = correction.score.band;
  auto updated = session.Query(
      "UPDATE instrument_response SET version = $1, answers = $2, score = $3, total = $4, "
      "band = $5, updated_at = $6 WHERE id = $7 AND version = $8",
      {r.version, json::serialize(r.answers), json::serialize(r.score), Total(correction.score),
       db::OrNull(r.band), now, r.id, current.version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return stale;  // another writer got there first
  if (auto appended = AppendVersion(session, r.id, r.version, correction.author, now,
                                    correction.reason, Snapshot(r.answers, r.score));
      !appended) {
    return appended.error();
  }
  return r;
}

Result<std::vector<ResponseVersion>> ResponseHistory(db::Session& session,
                                                     std::int64_t response_id) {
  auto rows = session.Query("SELECT version, author, " + detail::UserNameOf("author") +
                                ", recorded_at, reason, data FROM instrument_response_version "
                                "WHERE response_id = $1 ORDER BY version DESC",
                            {response_id});
  if (!rows) return rows.error();
  std::vector<ResponseVersion> out;
  for (const auto& row : rows->rows) {
    auto data = detail::ParseObjectColumn(row.Text(5), "instrument_response_version.data");
    if (!data) return data.error();
    ResponseVersion v{row.Int(0), detail::ToUserRef(row, 1, 2), row.Int(3), row.OptText(4), {}, {}};
    if (const auto* answers = data->if_contains("answers"); answers && answers->is_object()) {
      v.answers = answers->as_object();
    }
    if (const auto* score = data->if_contains("score"); score && score->is_object()) {
      v.score = score->as_object();
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace unknot::assess
