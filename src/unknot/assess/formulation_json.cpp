#include "unknot/assess/formulation_json.hpp"

#include <boost/json.hpp>

#include "unknot/assess/content_json_encode.hpp"
#include "unknot/assess/record_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

json::object EncodePatientPart(const Formulation& formulation) {
  json::array summary;
  for (const auto& sentence : formulation.summary) summary.emplace_back(sentence);
  json::array drivers;
  for (const auto& state : formulation.drivers) {
    drivers.push_back(json::object{
        {"driver", ToString(state.driver)}, {"active", state.active()}, {"plain", state.plain}});
  }
  return {{"summary", std::move(summary)}, {"drivers", std::move(drivers)}};
}

json::array EncodeScores(const FormulationRecord& record, const Registry& registry) {
  json::array scores;
  for (const auto& response : record.latest_responses) {
    const InstrumentDefinition* definition = registry.Find(response.instrument);
    scores.push_back(
        json::object{{"instrument", response.instrument},
                     {"title", definition != nullptr ? definition->title : response.instrument},
                     {"total", JsonNumber(response.total)},
                     {"band", JsonOrNull(response.band)},
                     {"band_label", JsonOrNull(response.band_label)},
                     {"completed_at", FormatInstant(response.completed_at)},
                     {"response_id", response.uuid}});
  }
  return scores;
}

json::value EncodeBodyMap(const std::optional<RecordedBodyMap>& map,
                          const BodyMapRegions& regions) {
  if (!map) return nullptr;
  json::array entries;
  for (const auto& entry : map->regions) {
    const BodyRegion* region = regions.Find(entry.region);
    entries.push_back(json::object{{"region", entry.region},
                                   {"label", region != nullptr ? region->label : entry.region},
                                   {"intensity", entry.intensity}});
  }
  return json::object{{"id", map->uuid},
                      {"assessment_id", JsonOrNull(map->assessment_uuid)},
                      {"recorded_at", FormatInstant(map->recorded_at)},
                      {"recorded_by", EncodeAuthor(map->recorded_by)},
                      {"regions", std::move(entries)}};
}

// The latest screen, reduced to what needs attention: present flags with
// their most urgent action first, then the unsure ones still to settle.
json::value EncodeRedFlagSummary(const std::optional<RedFlagScreen>& screen,
                                 const RedFlagsContent& content) {
  if (!screen) return nullptr;
  json::array present;
  json::array unsure;
  for (const auto& answer : screen->answers) {
    if (answer.answer == FlagAnswer::kAbsent) continue;
    const RedFlag* flag = content.FindFlag(answer.flag);
    json::object entry{{"flag", answer.flag}, {"name", flag != nullptr ? flag->name : answer.flag}};
    if (answer.answer == FlagAnswer::kUnsure) {
      unsure.push_back(std::move(entry));
      continue;
    }
    const FlagAction* action = flag != nullptr ? MostUrgentAction(*flag) : nullptr;
    entry["action"] = action != nullptr ? json::value(EncodeFlagAction(*action)) : nullptr;
    present.push_back(std::move(entry));
  }
  return json::object{{"recorded_at", FormatInstant(screen->recorded_at)},
                      {"present", std::move(present)},
                      {"unsure", std::move(unsure)}};
}

}  // namespace

FormulationInput FormulationInputFrom(const FormulationRecord& record, const Registry& registry) {
  FormulationInput input;
  for (const auto& response : record.latest_responses) {
    const InstrumentDefinition* definition = registry.Find(response.instrument);
    if (definition == nullptr) continue;
    input.responses.push_back({definition, response.score, response.answers});
  }
  if (record.body_map) input.body_map = record.body_map->regions;
  return input;
}

json::object EncodeFormulation(const FormulationRecord& record, bool clinician_part,
                               const AssessContent& content) {
  json::object document{
      {"patient", EncodePatientPart(Formulate(FormulationInputFrom(record, content.registry)))}};
  if (!clinician_part) return document;
  json::array precautions;
  for (const auto& item : record.precautions.items) {
    precautions.push_back(EncodePrecautionEntry(item, content.red_flags));
  }
  document["clinician"] =
      json::object{{"scores", EncodeScores(record, content.registry)},
                   {"body_map", EncodeBodyMap(record.body_map, content.body_map)},
                   {"red_flags", EncodeRedFlagSummary(record.red_flags, content.red_flags)},
                   {"precautions", std::move(precautions)},
                   {"open_alerts", record.open_alerts}};
  return document;
}

}  // namespace unknot::assess
