#include "unknot/assess/assessment_json.hpp"

#include <boost/json.hpp>

#include <cmath>

#include "unknot/assess/answer_validation.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

json::value OptionalText(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::value OptionalInstant(const std::optional<Instant>& instant) {
  return instant ? json::value(FormatInstant(*instant)) : json::value(nullptr);
}

json::value Number(const std::optional<double>& value) {
  if (!value) return nullptr;
  if (std::floor(*value) == *value && std::abs(*value) < 1e15) {
    return static_cast<std::int64_t>(*value);
  }
  return *value;
}

// The band's label as scored (the score keeps {id, label}).
json::value BandLabel(const json::object& score) {
  const auto* band = score.if_contains("band");
  const auto* object = band ? band->if_object() : nullptr;
  const auto* label = object ? object->if_contains("label") : nullptr;
  return label ? *label : json::value(nullptr);
}

ScoredResponse Scored(const ResponseRecord& r) {
  return {r.uuid, r.instrument_version, r.recall_period, r.total};
}

}  // namespace

json::object EncodeUser(const UserRef& user) {
  return {{"id", user.id}, {"name", user.name}};
}

json::object EncodeSummary(const Assessment& a, const Registry& registry) {
  json::array instruments;
  std::int64_t questions = 0;
  for (const auto& id : a.instruments) {
    instruments.emplace_back(id);
    if (const auto* definition = registry.Find(id)) {
      questions += static_cast<std::int64_t>(definition->items.size());
    }
  }
  std::int64_t answered = 0;
  for (const auto& [id, answers] : a.draft.answers) {
    answered += static_cast<std::int64_t>(answers.size());
  }
  return {
      {"id", a.uuid},
      {"patient_id", a.patient_uuid},
      {"title", a.title},
      {"status", ToString(a.status)},
      {"instruments", std::move(instruments)},
      {"body_map", a.body_map},
      {"created_at", FormatInstant(a.created_at)},
      {"created_by", EncodeUser(a.created_by)},
      {"completed_at", OptionalInstant(a.completed_at)},
      {"answered", answered},
      {"question_count", questions},
      {"open_safety_alert", a.open_safety_alert},
  };
}

json::object EncodeAssessment(const Assessment& a, const AssessmentDetails& details,
                              const AssessContent& content) {
  json::object out = EncodeSummary(a, content.registry);
  out["draft"] = EncodeDraft(a.draft);
  out["draft_version"] = a.draft_version;
  // In pack order, so the screen lists them as they were asked.
  json::array responses;
  for (const auto& instrument : a.instruments) {
    for (std::size_t i = 0; i < details.patient_responses.size(); ++i) {
      const ResponseRecord& r = details.patient_responses[i];
      if (r.assessment_id != a.id || r.instrument != instrument) continue;
      responses.push_back(
          EncodeResponse(r, content.registry,
                         ChangeSincePrevious(details.patient_responses, i, content.registry)));
    }
  }
  out["responses"] = std::move(responses);
  out["body_map_entry"] = details.body_map
                              ? json::value(EncodeBodyMap(*details.body_map, content.body_map))
                              : json::value(nullptr);
  out["safety"] = ToJson(details.safety);
  return out;
}

std::optional<OutcomeChange> ChangeSincePrevious(const std::vector<ResponseRecord>& oldest_first,
                                                 std::size_t index, const Registry& registry) {
  const ResponseRecord& current = oldest_first.at(index);
  const InstrumentDefinition* definition = registry.Find(current.instrument);
  if (definition == nullptr) return std::nullopt;
  for (std::size_t i = index; i-- > 0;) {
    const ResponseRecord& earlier = oldest_first[i];
    if (earlier.instrument != current.instrument ||
        earlier.instrument_version != current.instrument_version ||
        earlier.recall_period != current.recall_period) {
      continue;
    }
    return CompareResponses(definition->change, Scored(earlier), Scored(current));
  }
  return std::nullopt;
}

json::object EncodeResponse(const ResponseRecord& r, const Registry& registry,
                            const std::optional<OutcomeChange>& change) {
  const InstrumentDefinition* definition = registry.Find(r.instrument);
  return {
      {"id", r.uuid},
      {"assessment_id", r.assessment_uuid},
      {"instrument", r.instrument},
      {"instrument_version", r.instrument_version},
      {"title", definition ? definition->title : r.instrument},
      {"recall_period", OptionalText(r.recall_period)},
      {"completed_at", FormatInstant(r.completed_at)},
      {"recorded_by", EncodeUser(r.recorded_by)},
      {"version", r.version},
      {"answers", r.answers},
      {"score", r.score},
      {"total", Number(r.total)},
      {"band", OptionalText(r.band)},
      {"band_label", BandLabel(r.score)},
      {"change", ToJson(change)},
  };
}

json::array EncodeResponses(const std::vector<ResponseRecord>& oldest_first,
                            const Registry& registry,
                            const std::function<bool(const ResponseRecord&)>& keep) {
  json::array out;
  for (std::size_t i = oldest_first.size(); i-- > 0;) {
    if (!keep(oldest_first[i])) continue;
    out.push_back(
        EncodeResponse(oldest_first[i], registry, ChangeSincePrevious(oldest_first, i, registry)));
  }
  return out;
}

json::object EncodeResponseVersion(const ResponseVersion& v) {
  return {
      {"version", v.version},
      {"author", EncodeUser(v.author)},
      {"recorded_at", FormatInstant(v.recorded_at)},
      {"reason", OptionalText(v.reason)},
      {"answers", v.answers},
      {"score", v.score},
  };
}

json::object EncodeBodyMap(const BodyMapRecord& b, const BodyMapRegions& regions) {
  json::array marks;
  for (const auto& mark : b.regions) {
    const BodyRegion* region = regions.Find(mark.region);
    marks.push_back(json::object{{"region", mark.region},
                                 {"label", region ? region->label : mark.region},
                                 {"intensity", mark.intensity}});
  }
  return {
      {"id", b.uuid},
      {"assessment_id", OptionalText(b.assessment_uuid)},
      {"recorded_at", FormatInstant(b.recorded_at)},
      {"recorded_by", EncodeUser(b.recorded_by)},
      {"regions", std::move(marks)},
  };
}

json::object EncodeAlert(const AlertRecord& a) {
  return {
      {"id", a.uuid},
      {"patient", json::object{{"id", a.patient_uuid}, {"name", a.patient_name}}},
      {"assessment_id", a.assessment_uuid},
      {"instrument", a.instrument},
      {"rule", a.rule},
      {"message", a.message},
      {"raised_at", FormatInstant(a.raised_at)},
      {"status", a.open ? "open" : "acknowledged"},
      {"acknowledged_by",
       a.acknowledged_by ? json::value(EncodeUser(*a.acknowledged_by)) : json::value(nullptr)},
      {"acknowledged_at", OptionalInstant(a.acknowledged_at)},
      {"note", OptionalText(a.note)},
  };
}

}  // namespace unknot::assess
