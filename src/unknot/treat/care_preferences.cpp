#include "unknot/treat/care_preferences.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "unknot/assess/content_json.hpp"
#include "unknot/treat/care_preference_fields.hpp"
#include "unknot/treat/touch_consent.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using assess::JsonPath;

std::string OptionList(const CarePreferenceField& field) {
  std::string out;
  for (const auto& option : field.options) {
    if (!out.empty()) out += ", ";
    out += option.value;
  }
  return out;
}

// One field's value: the canonical value, nullopt for "remove", or an issue.
class ValueDecoder final {
 public:
  ValueDecoder(const assess::BodyMapRegions& body_map, IssueList& issues)
      : body_map_(body_map), issues_(issues) {}

  // Sets `ok` false when an issue was added.
  std::optional<json::value> Decode(const CarePreferenceField& field, const json::value& value,
                                    const std::string& path, bool& ok) {
    const std::size_t before = count_;
    std::optional<json::value> out;
    switch (field.kind) {
      case FieldKind::kChoice: out = Choice(field, value, path); break;
      case FieldKind::kChoices: out = Choices(field, value, path); break;
      case FieldKind::kFlag: out = Flag(value, path); break;
      case FieldKind::kText: out = Text(value, path); break;
      case FieldKind::kTouchMap: out = TouchMap(value, path); break;
    }
    ok = count_ == before;
    return out;
  }

 private:
  void Fail(std::string path, std::string code, std::string message) {
    issues_.Add(std::move(path), std::move(code), std::move(message));
    ++count_;
  }

  std::optional<json::value> Choice(const CarePreferenceField& field, const json::value& value,
                                    const std::string& path) {
    if (!value.is_string()) {
      Fail(path, "wrong-type", "Must be one of the options, or null.");
      return std::nullopt;
    }
    if (FindOption(field, value.as_string()) == nullptr) {
      Fail(path, "invalid-option", fmt::format("Must be one of: {}.", OptionList(field)));
      return std::nullopt;
    }
    return value;
  }

  std::optional<json::value> Choices(const CarePreferenceField& field, const json::value& value,
                                     const std::string& path) {
    if (!value.is_array()) {
      Fail(path, "wrong-type", "Must be a list of options, or null.");
      return std::nullopt;
    }
    std::set<std::string_view> chosen;
    const json::array& items = value.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string at = JsonPath(path, i);
      if (!items[i].is_string()) {
        Fail(at, "wrong-type", "Must be one of the options.");
      } else if (FindOption(field, items[i].as_string()) == nullptr) {
        Fail(at, "invalid-option", fmt::format("Must be one of: {}.", OptionList(field)));
      } else if (!chosen.insert(std::string_view(items[i].as_string())).second) {
        Fail(at, "repeated", "Each option can be chosen once.");
      }
    }
    if (chosen.empty()) return std::nullopt;
    json::array canonical;
    for (const auto& option : field.options) {
      if (chosen.contains(option.value)) canonical.emplace_back(option.value);
    }
    return json::value(std::move(canonical));
  }

  std::optional<json::value> Flag(const json::value& value, const std::string& path) {
    if (!value.is_bool()) {
      Fail(path, "wrong-type", "Must be true, false or null.");
      return std::nullopt;
    }
    return value;
  }

  std::optional<json::value> Text(const json::value& value, const std::string& path) {
    IssueList text_issues;
    auto text = assess::ReadFreeText(&value, path, kMaxCarePreferenceText, text_issues);
    for (auto& issue : text_issues.Take()) Fail(issue.path, issue.code, issue.message);
    if (!text) return std::nullopt;
    return json::value(*text);
  }

  std::optional<json::value> TouchMap(const json::value& value, const std::string& path) {
    if (!value.is_object()) {
      Fail(path, "wrong-type", "Must be an object of body-map region → yes, ask_first or no.");
      return std::nullopt;
    }
    json::object canonical;
    for (const auto& [region, answer] : value.as_object()) {
      const std::string at = JsonPath(path, region);
      if (body_map_.Find(region) == nullptr) {
        Fail(at, "unknown-region",
             fmt::format("\"{}\" is not a body-map region.", std::string_view(region)));
        continue;
      }
      if (!answer.is_string() || !TouchConsentFromString(answer.as_string())) {
        Fail(at, "invalid-option", "Must be yes, ask_first or no.");
        continue;
      }
      canonical[region] = answer;
    }
    if (canonical.empty()) return std::nullopt;
    return json::value(std::move(canonical));
  }

  const assess::BodyMapRegions& body_map_;
  IssueList& issues_;
  std::size_t count_ = 0;
};

Error Corrupt() {
  return Error::Internal("care_preference.data is unreadable");
}

}  // namespace

std::string_view ToString(SetBy side) {
  return side == SetBy::kPatient ? "patient" : "clinician";
}

std::optional<SetBy> SetByFromString(std::string_view text) {
  if (text == "patient") return SetBy::kPatient;
  if (text == "clinician") return SetBy::kClinician;
  return std::nullopt;
}

Result<CarePreferenceChange> DecodeCarePreferenceChange(const json::object& body,
                                                        const assess::BodyMapRegions& body_map) {
  IssueList issues;
  assess::ContentReader reader(issues);
  reader.KnownKeys(body, "", {"values", "reviewed"});
  CarePreferenceChange change;
  if (const json::value* values = body.if_contains("values"); values && !values->is_null()) {
    if (!values->is_object()) {
      issues.Add("values", "wrong-type", "Must be an object of field name → value.");
    } else {
      ValueDecoder decoder(body_map, issues);
      for (const auto& [name, value] : values->as_object()) {
        const std::string path = JsonPath("values", name);
        const CarePreferenceField* field = FindCarePreferenceField(name);
        if (field == nullptr) {
          issues.Add(path, "unknown-field",
                     fmt::format("\"{}\" is not a care preference.", std::string_view(name)));
          continue;
        }
        if (value.is_null()) {
          change.values.emplace(std::string(name), std::nullopt);
          continue;
        }
        bool ok = true;
        auto decoded = decoder.Decode(*field, value, path, ok);
        if (ok) change.values.emplace(std::string(name), std::move(decoded));
      }
    }
  }
  if (const json::value* reviewed = body.if_contains("reviewed");
      reviewed && !reviewed->is_null()) {
    if (!reviewed->is_array()) {
      issues.Add("reviewed", "wrong-type", "Must be a list of field names.");
    } else {
      const json::array& names = reviewed->as_array();
      for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string path = JsonPath("reviewed", i);
        if (!names[i].is_string()) {
          issues.Add(path, "wrong-type", "Must be a field name.");
          continue;
        }
        const std::string name(names[i].as_string());
        if (FindCarePreferenceField(name) == nullptr) {
          issues.Add(path, "unknown-field", fmt::format("\"{}\" is not a care preference.", name));
          continue;
        }
        if (std::find(change.reviewed.begin(), change.reviewed.end(), name) ==
            change.reviewed.end()) {
          change.reviewed.push_back(name);
        }
      }
    }
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return change;
}

bool ApplyCarePreferenceChange(PreferenceFields& fields, const CarePreferenceChange& change,
                               const Author& author, SetBy side, Instant now) {
  std::set<std::string> touched;  // changed or removed by `values`
  for (const auto& [name, value] : change.values) {
    const auto existing = fields.find(name);
    if (!value) {
      if (existing != fields.end()) {
        fields.erase(existing);
        touched.insert(name);
      }
      continue;
    }
    if (existing != fields.end() && existing->second.value == *value) continue;
    fields[name] = PreferenceEntry{*value, now, author, side};
    touched.insert(name);
  }
  bool changed = !touched.empty();
  for (const auto& name : change.reviewed) {
    if (touched.contains(name)) continue;  // already stamped (or gone)
    const auto existing = fields.find(name);
    if (existing == fields.end()) continue;  // nothing to review
    existing->second.reviewed_at = now;
    existing->second.reviewed_by = author;
    changed = true;
  }
  return changed;
}

std::string StoredCarePreferences(const PreferenceFields& fields) {
  json::object out;
  for (const auto& [name, entry] : fields) {
    out[name] = json::object{{"value", entry.value},
                             {"reviewed_at", entry.reviewed_at},
                             {"reviewed_by", entry.reviewed_by.id},
                             {"set_by", ToString(entry.set_by)}};
  }
  return json::serialize(out);
}

Result<PreferenceFields> ParseStoredCarePreferences(std::string_view data_json) {
  boost::system::error_code ec;
  const json::value data = json::parse(data_json, ec);
  if (ec || !data.is_object()) return Corrupt();
  PreferenceFields fields;
  for (const auto& [name, stored] : data.as_object()) {
    const json::object* entry = stored.if_object();
    if (entry == nullptr) return Corrupt();
    const json::value* value = entry->if_contains("value");
    const json::value* reviewed_at = entry->if_contains("reviewed_at");
    const json::value* reviewed_by = entry->if_contains("reviewed_by");
    const json::value* set_by = entry->if_contains("set_by");
    if (value == nullptr || reviewed_at == nullptr || !reviewed_at->is_int64() ||
        reviewed_by == nullptr || !reviewed_by->is_string() || set_by == nullptr ||
        !set_by->is_string()) {
      return Corrupt();
    }
    const auto side = SetByFromString(set_by->as_string());
    if (!side) return Corrupt();
    fields.emplace(
        std::string(name),
        PreferenceEntry{*value, reviewed_at->as_int64(),
                        Author{std::string(reviewed_by->as_string()), std::nullopt}, *side});
  }
  return fields;
}

json::object EncodePreferenceFields(const PreferenceFields& fields) {
  json::object out;
  for (const auto& [name, entry] : fields) {
    out[name] = json::object{{"value", entry.value},
                             {"reviewed_at", FormatInstant(entry.reviewed_at)},
                             {"reviewed_by", assess::EncodeAuthor(entry.reviewed_by)},
                             {"set_by", ToString(entry.set_by)}};
  }
  return out;
}

json::object EncodeCarePreferences(const CarePreferences& preferences) {
  return json::object{
      {"version", preferences.version},
      {"updated_at", preferences.updated_at ? json::value(FormatInstant(*preferences.updated_at))
                                            : json::value(nullptr)},
      {"updated_by", preferences.updated_by
                         ? json::value(assess::EncodeAuthor(*preferences.updated_by))
                         : json::value(nullptr)},
      {"fields", EncodePreferenceFields(preferences.fields)}};
}

json::object EncodeCarePreferencesVersion(const CarePreferencesVersion& version) {
  return json::object{{"version", version.version},
                      {"author", assess::EncodeAuthor(version.author)},
                      {"recorded_at", FormatInstant(version.recorded_at)},
                      {"fields", EncodePreferenceFields(version.fields)}};
}

}  // namespace unknot::treat
