#include "unknot/assess/formulation_store.hpp"

#include <boost/json.hpp>

#include <set>

#include "unknot/assess/precaution_store.hpp"
#include "unknot/assess/red_flag_store.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

std::optional<json::value> ParseJson(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) return std::nullopt;
  return value;
}

std::optional<double> ScoreOf(const json::value* scale) {
  if (scale == nullptr || !scale->is_object()) return std::nullopt;
  const json::value* score = scale->as_object().if_contains("score");
  if (score == nullptr || !score->is_number()) return std::nullopt;
  return score->to_number<double>();
}

// The parts of a stored ToJson(ScoreResult) the formulation reads.
ScoreResult StoredScore(const json::object& stored, const std::string& instrument) {
  ScoreResult score;
  score.instrument = instrument;
  score.total.id = "total";
  score.total.score = ScoreOf(stored.if_contains("total"));
  if (const json::value* subscales = stored.if_contains("subscales");
      subscales != nullptr && subscales->is_object()) {
    for (const auto& member : subscales->as_object()) {
      ScaleScore scale;
      scale.id = member.key();
      scale.score = ScoreOf(&member.value());
      score.subscales.push_back(std::move(scale));
    }
  }
  if (const json::value* band = stored.if_contains("band"); band != nullptr && band->is_object()) {
    const json::value* id = band->as_object().if_contains("id");
    const json::value* label = band->as_object().if_contains("label");
    if (id != nullptr && id->is_string()) score.band = std::string(id->as_string());
    if (label != nullptr && label->is_string()) score.band_label = std::string(label->as_string());
  }
  return score;
}

Result<std::vector<RecordedResponse>> LatestResponses(db::Session& session,
                                                      std::int64_t patient_id) {
  // Newest first; the first row of each instrument is its latest response.
  auto rows = session.Query(
      "SELECT uuid, instrument_id, total, band, completed_at, score, answers "
      "FROM instrument_response WHERE patient_id = $1 ORDER BY completed_at DESC, id DESC",
      {patient_id});
  if (!rows) return rows.error();
  std::vector<RecordedResponse> latest;
  std::set<std::string> seen;
  for (const db::Row& row : rows->rows) {
    if (!seen.insert(row.Text(1)).second) continue;
    auto score = ParseJson(row.Text(5));
    auto answers = ParseJson(row.Text(6));
    if (!score || !score->is_object() || !answers || !answers->is_object()) {
      return Error::Internal("instrument_response " + row.Text(0) + " holds unreadable JSON");
    }
    RecordedResponse response;
    response.uuid = row.Text(0);
    response.instrument = row.Text(1);
    if (!row.IsNull(2)) response.total = row.Real(2);
    response.band = row.OptText(3);
    response.completed_at = row.Int(4);
    response.score = StoredScore(score->as_object(), response.instrument);
    response.band_label = response.score.band_label;
    response.answers = std::move(answers->as_object());
    latest.push_back(std::move(response));
  }
  return latest;
}

Result<std::optional<RecordedBodyMap>> LatestBodyMap(db::Session& session,
                                                     std::int64_t patient_id) {
  auto row = session.QueryOne(
      "SELECT b.uuid, a.uuid, b.recorded_at, b.recorded_by, u.display_name, b.regions "
      "FROM body_map b LEFT JOIN assessment a ON a.id = b.assessment_id "
      "LEFT JOIN user_account u ON u.uuid = b.recorded_by "
      "WHERE b.patient_id = $1 ORDER BY b.recorded_at DESC, b.id DESC LIMIT 1",
      {patient_id});
  if (!row) return row.error();
  if (!*row) return std::optional<RecordedBodyMap>();
  const db::Row& r = **row;
  RecordedBodyMap map{r.Text(0), r.OptText(1), r.Int(2), Author{r.Text(3), r.OptText(4)}, {}};
  const auto regions = ParseJson(r.Text(5));
  if (!regions || !regions->is_array()) {
    return Error::Internal("body_map " + map.uuid + " holds unreadable regions");
  }
  for (const json::value& entry : regions->as_array()) {
    const json::object* object = entry.if_object();
    const json::value* region = object != nullptr ? object->if_contains("region") : nullptr;
    const json::value* intensity = object != nullptr ? object->if_contains("intensity") : nullptr;
    if (region == nullptr || !region->is_string() || intensity == nullptr ||
        !intensity->is_int64()) {
      return Error::Internal("body_map " + map.uuid + " holds an unreadable region");
    }
    map.regions.push_back(
        {std::string(region->as_string()), static_cast<int>(intensity->as_int64())});
  }
  return std::optional<RecordedBodyMap>(std::move(map));
}

Result<std::int64_t> OpenAlerts(db::Session& session, std::int64_t patient_id) {
  auto row = session.QueryOne(
      "SELECT COUNT(*) FROM safety_alert WHERE patient_id = $1 AND status = 'open'", {patient_id});
  if (!row) return row.error();
  return *row ? (*row)->Int(0) : 0;
}

}  // namespace

Result<FormulationRecord> ReadFormulationRecord(db::Session& session, std::int64_t patient_id,
                                                bool clinician_part,
                                                const RedFlagsContent& content) {
  FormulationRecord record;
  auto responses = LatestResponses(session, patient_id);
  if (!responses) return responses.error();
  record.latest_responses = std::move(*responses);
  auto body_map = LatestBodyMap(session, patient_id);
  if (!body_map) return body_map.error();
  record.body_map = std::move(*body_map);
  if (!clinician_part) return record;

  auto red_flags = LatestRedFlagScreen(session, patient_id, content);
  if (!red_flags) return red_flags.error();
  record.red_flags = std::move(*red_flags);
  auto precautions = GetPrecautions(session, patient_id);
  if (!precautions) return precautions.error();
  record.precautions = std::move(*precautions);
  auto open_alerts = OpenAlerts(session, patient_id);
  if (!open_alerts) return open_alerts.error();
  record.open_alerts = *open_alerts;
  return record;
}

}  // namespace unknot::assess
