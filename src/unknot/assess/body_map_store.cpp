#include "unknot/assess/body_map_store.hpp"

#include <boost/json.hpp>

#include "unknot/assess/answer_validation.hpp"
#include "unknot/assess/assess_store_support.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const std::string& SelectBodyMap() {
  static const std::string sql =
      "SELECT b.uuid, a.uuid, b.recorded_at, b.recorded_by, " +
      detail::UserNameOf("b.recorded_by") +
      ", b.regions FROM body_map b LEFT JOIN assessment a ON a.id = b.assessment_id";
  return sql;
}

Result<BodyMapRecord> BodyMapFromRow(const db::Row& row) {
  BodyMapRecord b{row.Text(0), row.OptText(1), row.Int(2), detail::ToUserRef(row, 3, 4), {}};
  boost::system::error_code ec;
  const json::value regions = json::parse(row.Text(5), ec);
  if (ec || !regions.is_array()) return Error::Internal("body_map.regions is not a JSON array");
  b.regions = ParseMarks(regions);
  return b;
}

Result<std::vector<BodyMapRecord>> Collect(Result<db::QueryResult> rows) {
  if (!rows) return rows.error();
  std::vector<BodyMapRecord> out;
  for (const auto& row : rows->rows) {
    auto body_map = BodyMapFromRow(row);
    if (!body_map) return body_map.error();
    out.push_back(std::move(*body_map));
  }
  return out;
}

}  // namespace

Result<BodyMapRecord> InsertBodyMap(db::Session& session, const Assessment& assessment,
                                    const std::vector<BodyMapMark>& marks, const UserRef& by,
                                    Instant now) {
  BodyMapRecord b{NewUuid(), assessment.uuid, now, by, marks};
  auto inserted = session.Exec(
      "INSERT INTO body_map (uuid, clinic_id, patient_id, assessment_id, regions, recorded_by, "
      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {b.uuid, assessment.clinic_id, assessment.patient_id, assessment.id,
       json::serialize(EncodeMarks(marks)), by.id, now});
  if (!inserted) return inserted.error();
  return b;
}

Result<std::vector<BodyMapRecord>> ListBodyMaps(db::Session& session, std::int64_t patient_id) {
  return Collect(session.Query(
      SelectBodyMap() + " WHERE b.patient_id = $1 ORDER BY b.recorded_at DESC, b.id DESC",
      {patient_id}));
}

Result<std::optional<BodyMapRecord>> BodyMapOfAssessment(db::Session& session,
                                                         std::int64_t assessment_id) {
  auto found = Collect(session.Query(
      SelectBodyMap() + " WHERE b.assessment_id = $1 ORDER BY b.id DESC", {assessment_id}));
  if (!found) return found.error();
  if (found->empty()) return std::optional<BodyMapRecord>();
  return std::optional<BodyMapRecord>(std::move(found->front()));
}

}  // namespace unknot::assess
