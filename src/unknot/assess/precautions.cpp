#include "unknot/assess/precautions.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <utility>

#include "unknot/assess/content_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const PrecautionSituation* FindSituation(const Precaution& precaution, std::string_view code) {
  for (const auto& situation : precaution.situations) {
    if (situation.code == code) return &situation;
  }
  return nullptr;
}

// The rules of a situation that name an area of the body.
std::vector<const RegionRule*> AreaRules(const PrecautionSituation& situation) {
  std::vector<const RegionRule*> rules;
  if (situation.exclusion) rules.push_back(&*situation.exclusion);
  if (situation.pressure_cap_area) rules.push_back(&*situation.pressure_cap_area);
  return rules;
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A region may be chosen when some rule allows any region or lists this one.
bool RegionAllowed(const std::vector<const RegionRule*>& rules, std::string_view region) {
  return std::any_of(rules.begin(), rules.end(), [region](const RegionRule* rule) {
    return rule->regions.empty() || Contains(rule->regions, region);
  });
}

std::string AllowedList(const std::vector<const RegionRule*>& rules) {
  std::vector<std::string> codes;
  for (const RegionRule* rule : rules) {
    for (const auto& code : rule->regions) {
      if (!Contains(codes, code)) codes.push_back(code);
    }
  }
  return fmt::format("{}", fmt::join(codes, ", "));
}

std::vector<std::string> RuleRegions(const std::optional<RegionRule>& rule,
                                     const std::vector<std::string>& chosen) {
  if (!rule) return {};
  if (rule->regions.empty()) return chosen;
  if (chosen.empty()) return rule->regions;
  std::vector<std::string> out;
  for (const auto& region : chosen) {
    if (Contains(rule->regions, region)) out.push_back(region);
  }
  return out;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

json::object Details(const std::map<std::string, std::string>& details) {
  json::object out;
  for (const auto& [field, text] : details) out[field] = text;
  return out;
}

// An optional member sent as null means the same as leaving it out.
bool IsNull(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_null();
}

json::value TextOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string(*text);
}

// Everything of one item whose precaution and situation may be unknown: the
// other members are still checked, so every issue is reported at once.
class ItemDecoder final {
 public:
  ItemDecoder(const RedFlagsContent& content, const BodyMapRegions& body_map, IssueList& issues)
      : content_(content), body_map_(body_map), issues_(issues), reader_(issues) {}

  std::optional<PrecautionChoice> Decode(const json::value& element, const std::string& path) {
    const json::object* object = reader_.ElementObject(element, path);
    if (object == nullptr) return std::nullopt;
    reader_.KnownKeys(*object, path, {"precaution", "situation", "regions", "details", "note"});
    PrecautionChoice choice;
    const PrecautionSituation* situation = Situation(*object, path, choice);
    choice.regions = Regions(*object, path, situation);
    choice.details = DetailsOf(*object, path, situation);
    choice.note = ReadFreeText(object->if_contains("note"), JsonPath(path, "note"),
                               kMaxPrecautionNoteLength, issues_);
    if (situation == nullptr) return std::nullopt;
    return choice;
  }

 private:
  const PrecautionSituation* Situation(const json::object& object, const std::string& path,
                                       PrecautionChoice& choice) {
    auto precaution_code = reader_.String(object, "precaution", path);
    auto situation_code = reader_.String(object, "situation", path);
    if (!precaution_code) return nullptr;
    const Precaution* precaution = content_.FindPrecaution(*precaution_code);
    if (precaution == nullptr) {
      issues_.Add(JsonPath(path, "precaution"), "unknown-precaution",
                  "This precaution is not in the clinic's list.");
      return nullptr;
    }
    if (!situation_code) return nullptr;
    const PrecautionSituation* situation = FindSituation(*precaution, *situation_code);
    if (situation == nullptr) {
      issues_.Add(JsonPath(path, "situation"), "unknown-situation",
                  fmt::format("This is not one of the situations of \"{}\".", precaution->name));
      return nullptr;
    }
    if (!seen_.emplace(*precaution_code, *situation_code).second) {
      issues_.Add(JsonPath(path, "situation"), "duplicate",
                  "This precaution and situation are already in the list.");
      return nullptr;
    }
    choice.precaution = std::move(*precaution_code);
    choice.situation = std::move(*situation_code);
    return situation;
  }

  std::vector<std::string> Regions(const json::object& object, const std::string& path,
                                   const PrecautionSituation* situation) {
    std::vector<std::string> regions;
    if (IsNull(object, "regions")) return regions;
    const json::array* array = reader_.Array(object, "regions", path, /*required=*/false);
    if (array == nullptr || array->empty()) return regions;
    const std::string here = JsonPath(path, "regions");
    const auto rules =
        situation != nullptr ? AreaRules(*situation) : std::vector<const RegionRule*>{};
    if (situation != nullptr && rules.empty()) {
      issues_.Add(here, "not-applicable",
                  "This situation applies to the whole person; there is no area to mark.");
      return regions;
    }
    for (std::size_t j = 0; j < array->size(); ++j) {
      const std::string at = JsonPath(here, j);
      const json::value& element = (*array)[j];
      if (!element.is_string()) {
        issues_.Add(at, "wrong-type", "Must be a body-map region code.");
      } else if (body_map_.Find(element.as_string()) == nullptr) {
        issues_.Add(at, "unknown-region", "This is not a body-map region.");
      } else if (Contains(regions, element.as_string())) {
        issues_.Add(at, "duplicate", "Each region is listed once.");
      } else if (situation != nullptr && !RegionAllowed(rules, element.as_string())) {
        issues_.Add(at, "not-allowed",
                    fmt::format("This situation concerns {} only.", AllowedList(rules)));
      } else {
        regions.emplace_back(element.as_string());
      }
    }
    return regions;
  }

  std::map<std::string, std::string> DetailsOf(const json::object& object, const std::string& path,
                                               const PrecautionSituation* situation) {
    std::map<std::string, std::string> details;
    if (IsNull(object, "details")) return details;
    const json::object* members = reader_.Object(object, "details", path, /*required=*/false);
    if (members == nullptr) return details;
    const std::string here = JsonPath(path, "details");
    for (const auto& member : *members) {
      const std::string at = JsonPath(here, member.key());
      if (situation != nullptr && !Contains(situation->record_fields, member.key())) {
        issues_.Add(
            at, "unknown-field",
            situation->record_fields.empty()
                ? std::string("This situation records no details.")
                : fmt::format("Record one of: {}.", fmt::join(situation->record_fields, ", ")));
        continue;
      }
      if (auto text = ReadFreeText(&member.value(), at, kMaxPrecautionDetailLength, issues_)) {
        details.emplace(std::string(member.key()), std::move(*text));
      }
    }
    return details;
  }

  const RedFlagsContent& content_;
  const BodyMapRegions& body_map_;
  IssueList& issues_;
  ContentReader reader_;
  std::set<std::pair<std::string, std::string>> seen_;
};

}  // namespace

Result<std::vector<PrecautionChoice>> DecodePrecautionChoices(const json::object& body,
                                                              const RedFlagsContent& content,
                                                              const BodyMapRegions& body_map) {
  IssueList issues;
  ContentReader reader(issues);
  reader.KnownKeys(body, "", {"items"});
  std::vector<PrecautionChoice> choices;
  if (const json::array* items = reader.Array(body, "items", "")) {
    ItemDecoder decoder(content, body_map, issues);
    for (std::size_t i = 0; i < items->size(); ++i) {
      if (auto choice = decoder.Decode((*items)[i], JsonPath("items", i))) {
        choices.push_back(std::move(*choice));
      }
    }
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return choices;
}

AffectedRegions DeriveRegions(const PrecautionSituation& situation,
                              const std::vector<std::string>& chosen) {
  return {RuleRegions(situation.exclusion, chosen),
          RuleRegions(situation.pressure_cap_area, chosen)};
}

std::string StoredPrecautionChoices(const std::vector<PrecautionChoice>& items) {
  json::array out;
  for (const auto& item : items) {
    out.push_back(json::object{{"precaution", item.precaution},
                               {"situation", item.situation},
                               {"regions", Strings(item.regions)},
                               {"details", Details(item.details)},
                               {"note", TextOrNull(item.note)}});
  }
  return json::serialize(out);
}

Result<std::vector<PrecautionChoice>> ParseStoredPrecautionChoices(std::string_view json_text) {
  const auto corrupt = [] { return Error::Internal("patient_precautions.items is unreadable"); };
  boost::system::error_code ec;
  const json::value value = json::parse(json_text, ec);
  if (ec || !value.is_array()) return corrupt();
  std::vector<PrecautionChoice> items;
  for (const json::value& element : value.as_array()) {
    const json::object* object = element.if_object();
    if (object == nullptr) return corrupt();
    const json::value* precaution = object->if_contains("precaution");
    const json::value* situation = object->if_contains("situation");
    const json::value* regions = object->if_contains("regions");
    const json::value* details = object->if_contains("details");
    if (precaution == nullptr || !precaution->is_string() || situation == nullptr ||
        !situation->is_string() || regions == nullptr || !regions->is_array() ||
        details == nullptr || !details->is_object()) {
      return corrupt();
    }
    PrecautionChoice item;
    item.precaution = precaution->as_string();
    item.situation = situation->as_string();
    for (const json::value& region : regions->as_array()) {
      if (!region.is_string()) return corrupt();
      item.regions.emplace_back(region.as_string());
    }
    for (const auto& member : details->as_object()) {
      if (!member.value().is_string()) return corrupt();
      item.details.emplace(std::string(member.key()), std::string(member.value().as_string()));
    }
    if (const json::value* note = object->if_contains("note"); note && note->is_string()) {
      item.note = std::string(note->as_string());
    }
    items.push_back(std::move(item));
  }
  return items;
}

json::object EncodePrecautionEntry(const PrecautionChoice& choice, const RedFlagsContent& content) {
  const Precaution* precaution = content.FindPrecaution(choice.precaution);
  const PrecautionSituation* situation =
      precaution != nullptr ? FindSituation(*precaution, choice.situation) : nullptr;
  json::object entry{{"precaution", choice.precaution},
                     {"situation", choice.situation},
                     {"name", precaution != nullptr ? precaution->name : choice.precaution},
                     {"situation_name", situation != nullptr ? situation->name : choice.situation},
                     {"guidance", situation != nullptr ? situation->guidance : std::string()},
                     {"response", nullptr},
                     {"pressure_cap", nullptr},
                     {"regions", Strings(choice.regions)},
                     {"excluded_regions", json::array()},
                     {"pressure_cap_regions", json::array()},
                     {"details", Details(choice.details)},
                     {"note", TextOrNull(choice.note)}};
  if (situation != nullptr) {
    entry["response"] = ToString(situation->response);
    if (situation->pressure_cap) entry["pressure_cap"] = ToString(*situation->pressure_cap);
    const AffectedRegions affected = DeriveRegions(*situation, choice.regions);
    entry["excluded_regions"] = Strings(affected.excluded);
    entry["pressure_cap_regions"] = Strings(affected.pressure_cap);
  }
  return entry;
}

json::object EncodePatientPrecautions(const PatientPrecautions& precautions,
                                      const RedFlagsContent& content) {
  json::array items;
  for (const auto& item : precautions.items) items.push_back(EncodePrecautionEntry(item, content));
  json::value updated_at = nullptr;
  if (precautions.updated_at) updated_at = json::string(FormatInstant(*precautions.updated_at));
  json::value updated_by = nullptr;
  if (precautions.updated_by) updated_by = EncodeAuthor(*precautions.updated_by);
  return {{"version", precautions.version},
          {"updated_at", std::move(updated_at)},
          {"updated_by", std::move(updated_by)},
          {"items", std::move(items)}};
}

}  // namespace unknot::assess
