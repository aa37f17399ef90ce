#include "unknot/assess/content_json_encode.hpp"

#include <boost/json.hpp>

#include <boost/json/value_from.hpp>

#include <algorithm>

#include "unknot/assess/record_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

std::string_view ToString(ItemType type) {
  switch (type) {
    case ItemType::kChoice: return "choice";
    case ItemType::kInteger: return "integer";
    case ItemType::kText: return "text";
  }
  return "text";
}

std::string_view ToString(ScoreMethod method) {
  return method == ScoreMethod::kMean ? "mean" : "sum";
}

json::object EncodeItem(const Item& item) {
  json::array options;
  for (const auto& option : item.options) {
    options.push_back(json::object{{"code", option.code},
                                   {"text", JsonOrNull(option.text)},
                                   {"score", JsonNumber(option.score)}});
  }
  json::object out{{"link_id", item.link_id},
                   {"text", JsonOrNull(item.text)},
                   {"theme", JsonOrNull(item.theme)},
                   {"type", ToString(item.type)},
                   {"options", std::move(options)},
                   {"scored", item.scored},
                   {"requires_item", JsonOrNull(item.requires_item)}};
  // A range means something for whole-number items only.
  if (item.type == ItemType::kInteger) {
    out["min"] = item.min;
    out["max"] = item.max;
  }
  return out;
}

json::object EncodeAlertRule(const AlertRule& rule) {
  return {{"id", rule.id},
          {"kind", ToString(rule.kind)},
          {"item", JsonOrNull(rule.item)},
          {"scale", JsonOrNull(rule.scale)},
          {"min", JsonNumber(rule.min)},
          {"max", JsonNumber(rule.max)},
          {"message", rule.message}};
}

json::object EncodeChange(const ChangeParameters& change) {
  json::array mcid;
  for (const auto& entry : change.mcid) {
    mcid.push_back(json::object{{"label", JsonOrNull(entry.label)},
                                {"points", JsonNumber(entry.points)},
                                {"percent", JsonNumber(entry.percent)}});
  }
  json::value reliable = nullptr;
  if (change.reliable_change) {
    reliable = json::object{{"threshold", JsonNumber(change.reliable_change->threshold)}};
  }
  return {{"direction", change.direction},
          {"mcid", std::move(mcid)},
          {"reliable_change", std::move(reliable)}};
}

json::object EncodeLicence(const Licence& licence) {
  return {{"status", licence.status}, {"copyright", licence.copyright}, {"notice", licence.notice}};
}

json::array EncodeSources(const std::vector<ContentSource>& sources) {
  json::array out;
  for (const auto& source : sources) {
    out.push_back(json::object{{"title", source.title}, {"url", JsonOrNull(source.url)}});
  }
  return out;
}

json::object EncodeCrisisLine(const CrisisLine& line) {
  json::array contacts;
  for (const auto& contact : line.contacts) {
    contacts.push_back(json::object{{"kind", ToString(contact.kind)},
                                    {"display", contact.display},
                                    {"href", contact.Href()},
                                    {"message", JsonOrNull(contact.message)},
                                    {"instructions", JsonOrNull(contact.instructions)}});
  }
  return {{"code", line.code},
          {"name", line.name},
          {"purpose", line.purpose},
          {"urgency", line.urgency},
          {"audience", JsonOrNull(line.audience)},
          {"nations", json::value_from(line.nations)},
          {"hours", line.hours},
          {"contacts", std::move(contacts)},
          {"sources", EncodeSources(line.sources)},
          {"last_reviewed", FormatContentDate(line.review.last_reviewed)},
          {"review_due", FormatContentDate(line.review.review_due)}};
}

json::value EncodeShape(const std::optional<BodyShape>& shape) {
  if (!shape) return nullptr;
  if (shape->kind == BodyShape::Kind::kEllipse) {
    return json::object{{"kind", "ellipse"},
                        {"cx", JsonNumber(shape->cx)},
                        {"cy", JsonNumber(shape->cy)},
                        {"rx", JsonNumber(shape->rx)},
                        {"ry", JsonNumber(shape->ry)}};
  }
  return json::object{{"kind", "rect"},
                      {"x", JsonNumber(shape->x)},
                      {"y", JsonNumber(shape->y)},
                      {"width", JsonNumber(shape->width)},
                      {"height", JsonNumber(shape->height)}};
}

json::value EncodeRegionRule(const std::optional<RegionRule>& rule) {
  if (!rule) return nullptr;
  return json::object{{"area", rule->area}, {"regions", Strings(rule->regions)}};
}

json::object EncodeFlag(const RedFlag& flag) {
  json::array features;
  for (const auto& feature : flag.features) {
    features.push_back(json::object{{"code", feature.code}, {"text", feature.text}});
  }
  json::array actions;
  for (const auto& action : flag.actions) actions.push_back(EncodeFlagAction(action));
  return {{"code", flag.code},
          {"name", flag.name},
          {"applies_when", JsonOrNull(flag.applies_when)},
          {"features", std::move(features)},
          {"notes", Strings(flag.notes)},
          {"actions", std::move(actions)},
          {"treatment_restriction", JsonOrNull(flag.treatment_restriction)},
          {"record_prompts", Strings(flag.record_prompts)}};
}

json::object EncodeSituation(const PrecautionSituation& situation) {
  json::value escalation = nullptr;
  if (situation.escalation) escalation = json::string(ToString(*situation.escalation));
  json::value cap = nullptr;
  if (situation.pressure_cap) cap = json::string(ToString(*situation.pressure_cap));
  return {{"code", situation.code},
          {"name", situation.name},
          {"guidance", situation.guidance},
          {"response", ToString(situation.response)},
          {"escalation", std::move(escalation)},
          {"pressure_cap", std::move(cap)},
          {"pressure_cap_area", EncodeRegionRule(situation.pressure_cap_area)},
          {"exclusion", EncodeRegionRule(situation.exclusion)},
          {"technique_exclusions", Strings(situation.technique_exclusions)},
          {"record_fields", Strings(situation.record_fields)}};
}

}  // namespace

bool TextAvailable(const InstrumentDefinition& definition) {
  return std::none_of(definition.items.begin(), definition.items.end(),
                      [](const Item& item) { return item.scored && !item.text; });
}

json::object EncodeInstrumentSummary(const InstrumentDefinition& definition) {
  return {{"id", definition.id},
          {"version", definition.version},
          {"title", definition.title},
          {"item_count", definition.items.size()},
          {"text_available", TextAvailable(definition)},
          {"licence", EncodeLicence(definition.licence)}};
}

json::object EncodeInstrument(const InstrumentDefinition& definition) {
  json::array items;
  for (const auto& item : definition.items) items.push_back(EncodeItem(item));
  json::array subscales;
  for (const auto& scale : definition.subscales) {
    subscales.push_back(json::object{{"id", scale.id},
                                     {"title", scale.title},
                                     {"min", JsonNumber(scale.min)},
                                     {"max", JsonNumber(scale.max)}});
  }
  json::array bands;
  for (const auto& band : definition.bands) {
    // The conditions too, so charts can draw each band's score range.
    json::array when;
    for (const auto& condition : band.when) {
      when.push_back(json::object{{"scale", condition.scale},
                                  {"min", JsonOrNull(condition.min)},
                                  {"max", JsonOrNull(condition.max)}});
    }
    bands.push_back(
        json::object{{"id", band.id}, {"label", band.label}, {"when", std::move(when)}});
  }
  json::array alerts;
  for (const auto& rule : definition.alerts) alerts.push_back(EncodeAlertRule(rule));
  json::object licence = EncodeLicence(definition.licence);
  licence["text_available"] = TextAvailable(definition);
  return {{"id", definition.id},
          {"version", definition.version},
          {"title", definition.title},
          {"stem", JsonOrNull(definition.stem)},
          {"recall_period", json::object{{"options", Strings(definition.recall_period.options)},
                                         {"default", definition.recall_period.default_option}}},
          {"items", std::move(items)},
          {"total", json::object{{"min", JsonNumber(definition.total.min)},
                                 {"max", JsonNumber(definition.total.max)},
                                 {"method", ToString(definition.total.method)}}},
          {"subscales", std::move(subscales)},
          {"bands", std::move(bands)},
          {"alerts", std::move(alerts)},
          {"change", EncodeChange(definition.change)},
          {"licence", std::move(licence)}};
}

json::object EncodeCrisisContent(const CrisisContent& crisis) {
  json::array lines;
  for (const auto& line : crisis.lines) lines.push_back(EncodeCrisisLine(line));
  return {{"country", crisis.country},
          {"title", crisis.title},
          {"lead", crisis.lead},
          {"care_plan_note", crisis.care_plan_note},
          {"clinic_hours_note", crisis.clinic_hours_note},
          {"lines", std::move(lines)}};
}

json::object EncodeBodyMapContent(const BodyMapRegions& body_map) {
  json::array regions;
  for (const auto& region : body_map.regions) {
    regions.push_back(json::object{{"code", region.code},
                                   {"label", region.label},
                                   {"view", ToString(region.view)},
                                   {"front", EncodeShape(region.front)},
                                   {"back", EncodeShape(region.back)}});
  }
  return {{"view_width", JsonNumber(body_map.view_width)},
          {"view_height", JsonNumber(body_map.view_height)},
          {"regions", std::move(regions)}};
}

json::object EncodeRedFlagsContent(const RedFlagsContent& red_flags) {
  json::array states;
  for (const auto& state : red_flags.answer_states) {
    states.push_back(json::object{{"code", state.code}, {"label", state.label}});
  }
  json::array flags;
  for (const auto& flag : red_flags.flags) flags.push_back(EncodeFlag(flag));
  json::array precautions;
  for (const auto& precaution : red_flags.precautions) {
    json::array situations;
    for (const auto& situation : precaution.situations) {
      situations.push_back(EncodeSituation(situation));
    }
    precautions.push_back(json::object{{"code", precaution.code},
                                       {"name", precaution.name},
                                       {"summary", precaution.summary},
                                       {"situations", std::move(situations)}});
  }
  return {{"answer_states", std::move(states)},
          {"flags", std::move(flags)},
          {"precautions", std::move(precautions)}};
}

json::object EncodeFlagAction(const FlagAction& action) {
  return {{"urgency", ToString(action.urgency)},
          {"when", action.when},
          {"instruction", action.instruction}};
}

}  // namespace unknot::assess
