#include "unknot/assess/instrument_registry.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>

#include "unknot/assess/content_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

constexpr double kRangeTolerance = 1e-9;

// Absent and null both mean "no value"; anything else must be a non-empty string.
std::optional<std::string> NullableString(ContentReader& reader, const json::object& object,
                                          std::string_view key, std::string_view path) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return reader.String(object, key, path, false);
}

// Absent and null both mean "no value"; anything else must be a number.
std::optional<double> NullableNumber(ContentReader& reader, const json::object& object,
                                     std::string_view key, std::string_view path) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  return reader.Number(object, key, path, false);
}

bool BoolOr(ContentReader& reader, const json::object& object, std::string_view key,
            std::string_view path, bool fallback) {
  return reader.Bool(object, key, path, false).value_or(fallback);
}

// Calls `read(object, path)` for each element of an array of objects.
template <class Read>
void ForEachObject(ContentReader& reader, const json::array& array, std::string_view path,
                   Read read) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto element_path = JsonPath(path, i);
    if (const auto* object = reader.ElementObject(array[i], element_path)) {
      read(*object, element_path);
    }
  }
}

bool IsIdentifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<std::string> Identifier(ContentReader& reader, const json::object& object,
                                      std::string_view key, std::string_view path) {
  auto id = reader.String(object, key, path);
  if (id && !IsIdentifier(*id)) {
    reader.Fail(JsonPath(path, key), "invalid-id", "Use lower-case letters, digits and _ only.");
  }
  return id;
}

// An unscored item's options carry no score (the PHQ-9 difficulty item).
AnswerOption ReadOption(ContentReader& reader, const json::object& object, const std::string& path,
                        bool scored) {
  reader.KnownKeys(object, path, {"code", "text", "score", "loinc"});
  AnswerOption option;
  option.code = Identifier(reader, object, "code", path).value_or("");
  option.text = NullableString(reader, object, "text", path);
  if (scored) {
    option.score = reader.Number(object, "score", path).value_or(0);
  } else if (object.contains("score")) {
    reader.Fail(JsonPath(path, "score"), "invalid", "Options of an unscored item have no score.");
  }
  option.loinc = NullableString(reader, object, "loinc", path);
  return option;
}

Item ReadItem(ContentReader& reader, const json::object& object, const std::string& path) {
  reader.KnownKeys(object, path,
                   {"linkId", "text", "theme", "type", "options", "min", "max", "scored", "reverse",
                    "loinc", "answer_list_loinc", "requires"});
  Item item;
  item.link_id = Identifier(reader, object, "linkId", path).value_or("");
  if (!object.contains("text"))
    reader.Fail(JsonPath(path, "text"), "required", "Give the text or null.");
  item.text = NullableString(reader, object, "text", path);
  item.theme = NullableString(reader, object, "theme", path);
  item.scored = BoolOr(reader, object, "scored", path, true);
  item.reverse = BoolOr(reader, object, "reverse", path, false);
  item.loinc = NullableString(reader, object, "loinc", path);
  item.answer_list_loinc = NullableString(reader, object, "answer_list_loinc", path);
  item.requires_item = NullableString(reader, object, "requires", path);
  const auto type = reader.String(object, "type", path).value_or("");
  if (type == "choice") {
    item.type = ItemType::kChoice;
    if (const auto* options = reader.Array(object, "options", path)) {
      const auto options_path = JsonPath(path, "options");
      if (options->empty()) reader.Fail(options_path, "required", "A choice item needs options.");
      std::set<std::string> codes;
      ForEachObject(reader, *options, options_path,
                    [&](const json::object& o, const std::string& p) {
                      item.options.push_back(ReadOption(reader, o, p, item.scored));
                      const auto& code = item.options.back().code;
                      if (!code.empty() && !codes.insert(code).second) {
                        reader.Fail(JsonPath(p, "code"), "duplicate",
                                    fmt::format("Option code {} is repeated.", code));
                      }
                    });
    }
  } else if (type == "integer") {
    item.type = ItemType::kInteger;
    item.min = static_cast<int>(reader.Integer(object, "min", path).value_or(0));
    item.max = static_cast<int>(reader.Integer(object, "max", path).value_or(0));
    if (item.min >= item.max)
      reader.Fail(JsonPath(path, "max"), "invalid-range", "max must exceed min.");
  } else if (type == "text") {
    item.type = ItemType::kText;
    if (object.contains("scored") && item.scored) {
      reader.Fail(JsonPath(path, "scored"), "invalid", "A text item cannot be scored.");
    }
    item.scored = false;
  } else if (!type.empty()) {
    reader.Fail(JsonPath(path, "type"), "invalid-value", "type must be choice, integer or text.");
  }
  if (item.type != ItemType::kChoice && object.contains("options")) {
    reader.Fail(JsonPath(path, "options"), "invalid", "Only choice items have options.");
  }
  if (item.reverse && !item.scored) {
    reader.Fail(JsonPath(path, "reverse"), "invalid", "Only scored items can be reverse-scored.");
  }
  return item;
}

void ReadMissing(ContentReader& reader, const json::object& object, const std::string& path,
                 Scale& scale) {
  reader.KnownKeys(object, path, {"rule", "max_missing", "min"});
  const auto rule = reader.String(object, "rule", path).value_or("");
  if (rule == "all") {
    scale.missing = MissingRule::kAll;
  } else if (rule == "prorate") {
    scale.missing = MissingRule::kProrate;
    scale.missing_limit = static_cast<int>(reader.Integer(object, "max_missing", path).value_or(0));
    if (scale.missing_limit < 1 || scale.missing_limit >= static_cast<int>(scale.items.size())) {
      reader.Fail(JsonPath(path, "max_missing"), "out-of-range",
                  "max_missing must be at least 1 and fewer than the scale's items.");
    }
  } else if (rule == "min_answered") {
    scale.missing = MissingRule::kMinAnswered;
    scale.missing_limit = static_cast<int>(reader.Integer(object, "min", path).value_or(0));
    if (scale.missing_limit < 1 || scale.missing_limit > static_cast<int>(scale.items.size())) {
      reader.Fail(JsonPath(path, "min"), "out-of-range",
                  "min must be between 1 and the number of the scale's items.");
    }
    // A sum over whichever items were answered would count the rest as zero.
    if (scale.method == ScoreMethod::kSum) {
      reader.Fail(JsonPath(path, "rule"), "invalid",
                  "min_answered needs method mean; use prorate.");
    }
  } else if (!rule.empty()) {
    reader.Fail(JsonPath(path, "rule"), "invalid-value",
                "rule must be all, prorate or min_answered.");
  }
}

Scale ReadScale(ContentReader& reader, const json::object& object, const std::string& path,
                const InstrumentDefinition& definition, bool is_total) {
  reader.KnownKeys(object, path,
                   {"id", "title", "method", "items", "missing", "min", "max", "loinc"});
  Scale scale;
  if (is_total) {
    scale.id = "total";
    if (object.contains("id"))
      reader.Fail(JsonPath(path, "id"), "invalid", "The total's id is total.");
  } else {
    scale.id = Identifier(reader, object, "id", path).value_or("");
    if (scale.id == "total") reader.Fail(JsonPath(path, "id"), "invalid", "total is reserved.");
  }
  scale.title = reader.String(object, "title", path).value_or("");
  scale.loinc = NullableString(reader, object, "loinc", path);
  const auto method = reader.String(object, "method", path).value_or("");
  if (method == "mean") {
    scale.method = ScoreMethod::kMean;
  } else if (method != "sum" && !method.empty()) {
    reader.Fail(JsonPath(path, "method"), "invalid-value", "method must be sum or mean.");
  }
  scale.items = reader.Strings(object, "items", path, true);
  const auto items_path = JsonPath(path, "items");
  if (scale.items.empty()) reader.Fail(items_path, "required", "A scale needs items.");
  std::set<std::string> seen;
  double lowest = 0;
  double highest = 0;
  bool range_known = true;
  for (std::size_t i = 0; i < scale.items.size(); ++i) {
    const auto* item = definition.FindItem(scale.items[i]);
    if (!seen.insert(scale.items[i]).second) {
      reader.Fail(JsonPath(items_path, i), "duplicate", "This item is listed twice.");
    } else if (item == nullptr) {
      reader.Fail(JsonPath(items_path, i), "unknown-item",
                  fmt::format("No item has linkId {}.", scale.items[i]));
      range_known = false;
    } else if (!item->scored) {
      reader.Fail(JsonPath(items_path, i), "unscored-item",
                  fmt::format("Item {} is not scored.", scale.items[i]));
      range_known = false;
    } else {
      lowest += item->LowestScore();
      highest += item->HighestScore();
    }
  }
  if (const auto* missing = reader.Object(object, "missing", path)) {
    ReadMissing(reader, *missing, JsonPath(path, "missing"), scale);
  }
  scale.min = reader.Number(object, "min", path).value_or(0);
  scale.max = reader.Number(object, "max", path).value_or(0);
  // The declared range is what bands and charts trust, so it must follow
  // from the items.
  if (range_known && !scale.items.empty()) {
    if (scale.method == ScoreMethod::kMean) {
      lowest /= static_cast<double>(scale.items.size());
      highest /= static_cast<double>(scale.items.size());
    }
    if (std::abs(lowest - scale.min) > kRangeTolerance) {
      reader.Fail(JsonPath(path, "min"), "range-mismatch",
                  fmt::format("The items give a lowest score of {}.", lowest));
    }
    if (std::abs(highest - scale.max) > kRangeTolerance) {
      reader.Fail(JsonPath(path, "max"), "range-mismatch",
                  fmt::format("The items give a highest score of {}.", highest));
    }
  }
  return scale;
}

void ReadBands(ContentReader& reader, const json::array& array, const std::string& path,
               InstrumentDefinition& definition) {
  std::set<std::string> ids;
  ForEachObject(reader, array, path, [&](const json::object& object, const std::string& band_path) {
    reader.KnownKeys(object, band_path, {"id", "label", "when"});
    Band band;
    band.id = Identifier(reader, object, "id", band_path).value_or("");
    if (!band.id.empty() && !ids.insert(band.id).second) {
      reader.Fail(JsonPath(band_path, "id"), "duplicate", "Band ids must be unique.");
    }
    band.label = reader.String(object, "label", band_path).value_or("");
    if (const auto* when = reader.Array(object, "when", band_path)) {
      const auto when_path = JsonPath(band_path, "when");
      ForEachObject(reader, *when, when_path, [&](const json::object& o, const std::string& p) {
        reader.KnownKeys(o, p, {"scale", "min", "max"});
        BandCondition condition;
        condition.scale = reader.String(o, "scale", p).value_or("");
        condition.min = NullableNumber(reader, o, "min", p);
        condition.max = NullableNumber(reader, o, "max", p);
        const auto* scale = definition.FindScale(condition.scale);
        if (!condition.scale.empty() && scale == nullptr) {
          reader.Fail(JsonPath(p, "scale"), "unknown-scale", "No scale has this id.");
        }
        if (!condition.min && !condition.max) {
          reader.Fail(p, "required", "Give min, max or both.");
        }
        if (condition.min && condition.max && *condition.min > *condition.max) {
          reader.Fail(JsonPath(p, "max"), "invalid-range", "max is below min.");
        }
        band.when.push_back(std::move(condition));
      });
    }
    definition.bands.push_back(std::move(band));
  });
}

// When every band is one closed range on the same whole-number sum scale,
// the bands must tile that scale's range with no gap and no overlap.
void CheckBandCoverage(ContentReader& reader, const InstrumentDefinition& definition,
                       const std::string& path) {
  const auto& bands = definition.bands;
  if (bands.empty()) return;
  for (const auto& band : bands) {
    if (band.when.size() != 1 || !band.when[0].min || !band.when[0].max ||
        band.when[0].scale != bands[0].when[0].scale) {
      return;
    }
  }
  const auto* scale = definition.FindScale(bands[0].when[0].scale);
  if (scale == nullptr || scale->method != ScoreMethod::kSum) return;
  std::vector<std::size_t> order(bands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return *bands[a].when[0].min < *bands[b].when[0].min;
  });
  double expected = scale->min;
  for (const auto index : order) {
    const auto& condition = bands[index].when[0];
    if (*condition.min != expected) {
      reader.Fail(
          JsonPath(JsonPath(JsonPath(path, index), "when[0]"), "min"), "band-gap",
          fmt::format("Bands must be contiguous: expected this band to start at {}.", expected));
    }
    expected = *condition.max + 1;
  }
  if (expected - 1 != scale->max) {
    reader.Fail(
        path, "band-gap",
        fmt::format("The bands end at {} but the scale ends at {}.", expected - 1, scale->max));
  }
}

void ReadAlerts(ContentReader& reader, const json::array& array, const std::string& path,
                InstrumentDefinition& definition) {
  std::set<std::string> ids;
  ForEachObject(
      reader, array, path, [&](const json::object& object, const std::string& alert_path) {
        reader.KnownKeys(
            object, alert_path,
            {"id", "kind", "item", "scale", "min", "max", "message", "actions", "source"});
        AlertRule rule;
        rule.id = Identifier(reader, object, "id", alert_path).value_or("");
        if (!rule.id.empty() && !ids.insert(rule.id).second) {
          reader.Fail(JsonPath(alert_path, "id"), "duplicate", "Alert ids must be unique.");
        }
        const auto kind = reader.String(object, "kind", alert_path).value_or("");
        if (kind == "safety") {
          rule.kind = AlertKind::kSafety;
        } else if (kind == "screen_positive") {
          rule.kind = AlertKind::kScreenPositive;
        } else if (kind == "info") {
          rule.kind = AlertKind::kInfo;
        } else if (!kind.empty()) {
          reader.Fail(JsonPath(alert_path, "kind"), "invalid-value",
                      "kind must be safety, screen_positive or info.");
        }
        rule.item = NullableString(reader, object, "item", alert_path);
        rule.scale = NullableString(reader, object, "scale", alert_path);
        if (rule.item.has_value() == rule.scale.has_value()) {
          reader.Fail(alert_path, "invalid", "Give exactly one of item and scale.");
        }
        if (rule.item) {
          const auto* item = definition.FindItem(*rule.item);
          if (item == nullptr) {
            reader.Fail(JsonPath(alert_path, "item"), "unknown-item", "No item has this linkId.");
          } else if (!item->scored) {
            reader.Fail(JsonPath(alert_path, "item"), "unscored-item",
                        "Alerts need a scored item.");
          }
        }
        if (rule.scale && definition.FindScale(*rule.scale) == nullptr) {
          reader.Fail(JsonPath(alert_path, "scale"), "unknown-scale", "No scale has this id.");
        }
        rule.min = NullableNumber(reader, object, "min", alert_path);
        rule.max = NullableNumber(reader, object, "max", alert_path);
        if (!rule.min && !rule.max) reader.Fail(alert_path, "required", "Give min, max or both.");
        rule.message = reader.String(object, "message", alert_path).value_or("");
        rule.actions = reader.Strings(object, "actions", alert_path, false);
        rule.source = reader.String(object, "source", alert_path).value_or("");
        definition.alerts.push_back(std::move(rule));
      });
}

std::string ReadEvidence(ContentReader& reader, const json::object& object,
                         const std::string& path) {
  auto evidence = reader.String(object, "evidence", path).value_or("");
  if (!evidence.empty() && evidence != "V" && evidence != "S" && evidence != "U" &&
      evidence != "D") {
    reader.Fail(JsonPath(path, "evidence"), "invalid-value", "evidence must be V, S, U or D.");
  }
  return evidence;
}

void ReadChange(ContentReader& reader, const json::object& object, const std::string& path,
                ChangeParameters& change) {
  reader.KnownKeys(object, path, {"direction", "mcid", "reliable_change", "clinical_cutoff"});
  change.direction = reader.String(object, "direction", path).value_or("");
  if (!change.direction.empty() && change.direction != "higher_is_worse" &&
      change.direction != "higher_is_better") {
    reader.Fail(JsonPath(path, "direction"), "invalid-value",
                "direction must be higher_is_worse or higher_is_better.");
  }
  if (const auto* mcid = reader.Array(object, "mcid", path)) {
    ForEachObject(reader, *mcid, JsonPath(path, "mcid"),
                  [&](const json::object& o, const std::string& p) {
                    reader.KnownKeys(o, p, {"label", "points", "percent", "source", "evidence"});
                    MeaningfulChange entry;
                    entry.label = NullableString(reader, o, "label", p);
                    entry.points = NullableNumber(reader, o, "points", p);
                    entry.percent = NullableNumber(reader, o, "percent", p);
                    if (!entry.points && !entry.percent)
                      reader.Fail(p, "required", "Give points or percent.");
                    entry.source = reader.String(o, "source", p).value_or("");
                    entry.evidence = ReadEvidence(reader, o, p);
                    change.mcid.push_back(std::move(entry));
                  });
  }
  const auto* rc = object.if_contains("reliable_change");
  if (rc != nullptr && !rc->is_null()) {
    const auto rc_path = JsonPath(path, "reliable_change");
    if (!rc->is_object()) {
      reader.Fail(rc_path, "wrong-type", "Must be an object or null.");
      return;
    }
    const auto& o = rc->as_object();
    reader.KnownKeys(
        o, rc_path,
        {"threshold", "sd_baseline", "reliability", "reliability_type", "source", "evidence"});
    ReliableChange entry;
    entry.threshold = NullableNumber(reader, o, "threshold", rc_path);
    entry.sd_baseline = NullableNumber(reader, o, "sd_baseline", rc_path);
    entry.reliability = NullableNumber(reader, o, "reliability", rc_path);
    entry.reliability_type = NullableString(reader, o, "reliability_type", rc_path);
    entry.source = reader.String(o, "source", rc_path).value_or("");
    entry.evidence = ReadEvidence(reader, o, rc_path);
    change.reliable_change = std::move(entry);
  }
  // Optional: older files without it simply do not assess "recovered".
  const auto* cutoff = object.if_contains("clinical_cutoff");
  if (cutoff != nullptr && !cutoff->is_null()) {
    const auto cutoff_path = JsonPath(path, "clinical_cutoff");
    if (!cutoff->is_object()) {
      reader.Fail(cutoff_path, "wrong-type", "Must be an object or null.");
      return;
    }
    const auto& o = cutoff->as_object();
    reader.KnownKeys(o, cutoff_path, {"value", "source", "evidence"});
    ClinicalCutoff entry;
    const auto value = NullableNumber(reader, o, "value", cutoff_path);
    if (!value) reader.Fail(JsonPath(cutoff_path, "value"), "required", "Give the cut-off value.");
    entry.value = value.value_or(0);
    entry.source = reader.String(o, "source", cutoff_path).value_or("");
    entry.evidence = ReadEvidence(reader, o, cutoff_path);
    change.clinical_cutoff = std::move(entry);
  }
}

void ReadLicence(ContentReader& reader, const json::object& object, const std::string& path,
                 InstrumentDefinition& definition) {
  reader.KnownKeys(object, path,
                   {"status", "text_in_public_repo", "copyright", "notice", "source", "evidence"});
  auto& licence = definition.licence;
  licence.status = reader.String(object, "status", path).value_or("");
  if (!licence.status.empty() && licence.status != "free" && licence.status != "unconfirmed" &&
      licence.status != "non_commercial" && licence.status != "licensed") {
    reader.Fail(JsonPath(path, "status"), "invalid-value",
                "status must be free, unconfirmed, non_commercial or licensed.");
  }
  if (!object.contains("text_in_public_repo")) {
    reader.Fail(JsonPath(path, "text_in_public_repo"), "required", "This field is required.");
  }
  licence.text_in_public_repo = BoolOr(reader, object, "text_in_public_repo", path, false);
  if (licence.text_in_public_repo && licence.status != "free") {
    reader.Fail(JsonPath(path, "text_in_public_repo"), "licence",
                "Only instruments whose licence is free may ship their text.");
  }
  licence.copyright = reader.String(object, "copyright", path).value_or("");
  licence.notice = reader.String(object, "notice", path).value_or("");
  licence.source = reader.String(object, "source", path).value_or("");
  licence.evidence = ReadEvidence(reader, object, path);
}

// Item wording must match what the licence allows in the public repository.
void CheckTextAgainstLicence(ContentReader& reader, const InstrumentDefinition& definition) {
  const bool allowed = definition.licence.text_in_public_repo;
  if (!allowed && definition.stem) {
    reader.Fail("stem", "licence", "The licence keeps the stem out of the public repository.");
  }
  for (std::size_t i = 0; i < definition.items.size(); ++i) {
    const auto& item = definition.items[i];
    const auto path = JsonPath(JsonPath("items", i), "text");
    if (!allowed && item.text) {
      reader.Fail(path, "licence", "The licence keeps item text out of the public repository.");
    }
    if (allowed && !item.text) reader.Fail(path, "required", "Free instruments ship their text.");
  }
}

void ReadRecall(ContentReader& reader, const json::object& object, const std::string& path,
                RecallPeriod& recall) {
  reader.KnownKeys(object, path, {"options", "default", "store_with_response", "source"});
  recall.options = reader.Strings(object, "options", path, true);
  if (recall.options.empty())
    reader.Fail(JsonPath(path, "options"), "required", "Give one or more.");
  recall.default_option = reader.String(object, "default", path).value_or("");
  if (!recall.default_option.empty() && std::find(recall.options.begin(), recall.options.end(),
                                                  recall.default_option) == recall.options.end()) {
    reader.Fail(JsonPath(path, "default"), "invalid-value", "default must be one of the options.");
  }
  recall.store_with_response = BoolOr(reader, object, "store_with_response", path, false);
  recall.source = reader.String(object, "source", path).value_or("");
}

void ReadItems(ContentReader& reader, const json::array& array, InstrumentDefinition& definition) {
  if (array.empty()) reader.Fail("items", "required", "An instrument needs items.");
  std::set<std::string> link_ids;
  ForEachObject(reader, array, "items", [&](const json::object& object, const std::string& path) {
    definition.items.push_back(ReadItem(reader, object, path));
    const auto& link_id = definition.items.back().link_id;
    if (!link_id.empty() && !link_ids.insert(link_id).second) {
      reader.Fail(JsonPath(path, "linkId"), "duplicate",
                  fmt::format("linkId {} is repeated.", link_id));
    }
  });
  for (std::size_t i = 0; i < definition.items.size(); ++i) {
    const auto& required = definition.items[i].requires_item;
    if (required &&
        (definition.FindItem(*required) == nullptr || *required == definition.items[i].link_id)) {
      reader.Fail(JsonPath(JsonPath("items", i), "requires"), "unknown-item",
                  "requires must name another item.");
    }
  }
}

void ReadScoring(ContentReader& reader, const json::object& object,
                 InstrumentDefinition& definition) {
  reader.KnownKeys(object, "scoring", {"total", "subscales"});
  if (const auto* total = reader.Object(object, "total", "scoring")) {
    definition.total = ReadScale(reader, *total, "scoring.total", definition, true);
  }
  if (const auto* subscales = reader.Array(object, "subscales", "scoring", false)) {
    std::set<std::string> ids;
    ForEachObject(reader, *subscales, "scoring.subscales",
                  [&](const json::object& o, const std::string& p) {
                    definition.subscales.push_back(ReadScale(reader, o, p, definition, false));
                    const auto& id = definition.subscales.back().id;
                    if (!id.empty() && !ids.insert(id).second) {
                      reader.Fail(JsonPath(p, "id"), "duplicate", "Subscale ids must be unique.");
                    }
                  });
  }
}

}  // namespace

Result<InstrumentDefinition> ParseInstrument(std::string_view json_text) {
  auto parsed = ParseContentJson(json_text);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) {
    return Error::Invalid({{"", "wrong-type", "An instrument file is a JSON object."}});
  }
  const auto& root = parsed->as_object();
  IssueList issues;
  ContentReader reader(issues);
  reader.KnownKeys(root, "",
                   {"schema_version", "id", "version", "title", "stem", "recall_period", "items",
                    "scoring", "bands", "alerts", "loinc", "change", "licence", "notes"});
  InstrumentDefinition definition;
  definition.schema_version =
      static_cast<int>(reader.Integer(root, "schema_version", "").value_or(0));
  if (root.contains("schema_version") && definition.schema_version != kInstrumentSchemaVersion) {
    reader.Fail("schema_version", "unsupported",
                fmt::format("This build reads schema_version {}.", kInstrumentSchemaVersion));
  }
  definition.id = Identifier(reader, root, "id", "").value_or("");
  definition.version = reader.String(root, "version", "").value_or("");
  definition.title = reader.String(root, "title", "").value_or("");
  definition.stem = NullableString(reader, root, "stem", "");
  if (const auto* recall = reader.Object(root, "recall_period", "")) {
    ReadRecall(reader, *recall, "recall_period", definition.recall_period);
  }
  if (const auto* items = reader.Array(root, "items", "")) ReadItems(reader, *items, definition);
  if (const auto* scoring = reader.Object(root, "scoring", "")) {
    ReadScoring(reader, *scoring, definition);
  }
  if (const auto* bands = reader.Array(root, "bands", "", false)) {
    ReadBands(reader, *bands, "bands", definition);
    CheckBandCoverage(reader, definition, "bands");
  }
  if (const auto* alerts = reader.Array(root, "alerts", "", false)) {
    ReadAlerts(reader, *alerts, "alerts", definition);
  }
  if (const auto* loinc = reader.Object(root, "loinc", "", false)) {
    reader.KnownKeys(*loinc, "loinc", {"panel"});
    definition.loinc_panel = NullableString(reader, *loinc, "panel", "loinc");
  }
  if (const auto* change = reader.Object(root, "change", "")) {
    ReadChange(reader, *change, "change", definition.change);
  }
  if (const auto* licence = reader.Object(root, "licence", "")) {
    ReadLicence(reader, *licence, "licence", definition);
    CheckTextAgainstLicence(reader, definition);
  }
  definition.notes = reader.Strings(root, "notes", "", false);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return definition;
}

const InstrumentDefinition* Registry::Find(std::string_view id) const {
  for (const auto& instrument : instruments) {
    if (instrument.id == id) return &instrument;
  }
  return nullptr;
}

Registry LoadRegistry(const std::filesystem::path& dir) {
  Registry registry;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) {
    registry.issues.push_back(
        {dir.string(), {"", "unreadable", "The instrument folder cannot be read."}});
    return registry;
  }
  std::sort(files.begin(), files.end());  // stable output for people and tests
  for (const auto& file : files) {
    const auto text = ReadContentFile(file);
    if (!text) {
      registry.issues.push_back({file.string(), text.error().issues().at(0)});
      continue;
    }
    auto definition = ParseInstrument(*text);
    if (!definition) {
      const auto error = definition.error();
      for (const auto& issue : error.issues()) registry.issues.push_back({file.string(), issue});
      continue;
    }
    if (file.stem().string() != definition->id) {
      registry.issues.push_back(
          {file.string(), {"id", "file-name", "The file must be named after the id (<id>.json)."}});
      continue;
    }
    if (registry.Find(definition->id) != nullptr) {
      registry.issues.push_back({file.string(), {"id", "duplicate", "Another file has this id."}});
      continue;
    }
    registry.instruments.push_back(std::move(*definition));
  }
  return registry;
}

Result<InstrumentDefinition> OverlayText(const InstrumentDefinition& definition,
                                         std::string_view overlay_json) {
  auto parsed = ParseContentJson(overlay_json);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) {
    return Error::Invalid({{"", "wrong-type", "A text overlay is a JSON object."}});
  }
  const auto& root = parsed->as_object();
  IssueList issues;
  ContentReader reader(issues);
  reader.KnownKeys(root, "", {"id", "version", "stem", "items"});
  if (reader.String(root, "id", "").value_or("") != definition.id) {
    reader.Fail("id", "mismatch", fmt::format("The overlay must be for {}.", definition.id));
  }
  if (reader.String(root, "version", "").value_or("") != definition.version) {
    reader.Fail("version", "mismatch",
                fmt::format("The overlay must be for version {}.", definition.version));
  }
  InstrumentDefinition result = definition;
  if (auto stem = NullableString(reader, root, "stem", "")) result.stem = std::move(stem);
  if (const auto* items = reader.Object(root, "items", "")) {
    for (const auto& entry : *items) {
      const auto path = JsonPath("items", entry.key());
      auto it = std::find_if(result.items.begin(), result.items.end(),
                             [&](const Item& item) { return item.link_id == entry.key(); });
      if (it == result.items.end()) {
        reader.Fail(path, "unknown-item", "No item has this linkId.");
      } else if (!entry.value().is_string() || entry.value().as_string().empty()) {
        reader.Fail(path, "wrong-type", "Must be a non-empty string.");
      } else {
        it->text = std::string(entry.value().as_string());
      }
    }
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return result;
}

}  // namespace unknot::assess
