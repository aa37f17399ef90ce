#include "unknot/assess/fhir_import.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/instrument_registry.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

constexpr std::string_view kLoincSystem = "http://loinc.org";
// Extensions are matched on the last segment of their URL: publishers put
// them under hl7.org/fhir or hl7.org/fhir/uv/sdc, and the name is what counts.
constexpr std::string_view kOrdinalValue = "ordinalValue";
constexpr std::string_view kItemWeight = "itemWeight";
constexpr std::string_view kCoValue = "iso21090-CO-value";
constexpr std::string_view kCalculatedValue = "cqf-calculatedValue";
constexpr std::string_view kCalculatedExpression = "sdc-questionnaire-calculatedExpression";
// LOINC names every total-score item "... total score ..."; used only when a
// numeric item carries no calculation extension.
constexpr std::string_view kTotalScoreWords = "total score";
// Paths of things FHIR does not carry at all name the definition's field.
constexpr std::string_view kDefinitionPath = "definition";

const json::string* NonEmptyString(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string() || value->as_string().empty()) return nullptr;
  return &value->as_string();
}

std::string_view LastSegment(std::string_view url) {
  const auto slash = url.rfind('/');
  return slash == std::string_view::npos ? url : url.substr(slash + 1);
}

// The extensions named `name` directly on `object`.
std::vector<const json::object*> Extensions(const json::object& object, std::string_view name) {
  std::vector<const json::object*> out;
  const auto* list = object.if_contains("extension");
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& entry : list->as_array()) {
    if (!entry.is_object()) continue;
    const auto* url = NonEmptyString(entry.as_object(), "url");
    if (url != nullptr && LastSegment(*url) == name) out.push_back(&entry.as_object());
  }
  return out;
}

bool HasExtension(const json::object& object, std::string_view name) {
  return !Extensions(object, name).empty();
}

// The ordinal score of an answer option: on the option (R4 ordinalValue) or,
// in older LOINC exports, on its valueCoding (itemWeight, iso21090-CO-value).
std::optional<double> OptionScore(const json::object& option) {
  std::vector<const json::object*> holders{&option};
  if (const auto* coding = option.if_contains("valueCoding"); coding && coding->is_object()) {
    holders.push_back(&coding->as_object());
  }
  for (const auto* holder : holders) {
    for (const auto name : {kOrdinalValue, kItemWeight, kCoValue}) {
      for (const auto* extension : Extensions(*holder, name)) {
        for (const auto* key : {"valueDecimal", "valueInteger"}) {
          const auto* value = extension->if_contains(key);
          if (value != nullptr && value->is_number()) return value->to_number<double>();
        }
      }
    }
  }
  return std::nullopt;
}

// The first LOINC coding in `object[key]` (an array of Coding or a CodeableConcept's coding).
const json::object* LoincCoding(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_array()) return nullptr;
  for (const auto& coding : value->as_array()) {
    if (!coding.is_object()) continue;
    const auto* system = NonEmptyString(coding.as_object(), "system");
    if (system != nullptr && *system == kLoincSystem && NonEmptyString(coding.as_object(), "code"))
      return &coding.as_object();
  }
  return nullptr;
}

std::optional<std::string> LoincCode(const json::object& object, std::string_view key) {
  const auto* coding = LoincCoding(object, key);
  if (coding == nullptr) return std::nullopt;
  return std::string(coding->at("code").as_string());
}

// FHIR linkIds and codes ("/44250-9", "LA6568-5") as registry identifiers
// ("44250_9", "la6568_5"): lower case, any other character run becomes one _.
std::string ToIdentifier(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

bool ContainsIgnoringCase(std::string_view text, std::string_view words) {
  return std::search(text.begin(), text.end(), words.begin(), words.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

// Whole scores stay integers in the file (0, not 0E0), as hand-written files have them.
json::value ScoreValue(double score) {
  // Beyond 2^53 a double has no fraction anyway, and the cast would overflow.
  constexpr double kExactLimit = 9007199254740992.0;
  if (!(std::fabs(score) < kExactLimit)) return score;
  const auto whole = static_cast<std::int64_t>(score);
  if (static_cast<double>(whole) == score) return whole;
  return score;
}

struct TotalItem {
  std::string path;
  std::optional<std::string> text;
  std::optional<std::string> loinc;
};

// Walks the Questionnaire once, collecting errors (the input cannot be
// imported) and unmapped notes (imported, but a person must finish the job).
class Importer final {
 public:
  void Import(const json::object& root, const FhirImportOptions& options);
  Result<ImportResult> Finish();

 private:
  void Fail(std::string path, std::string code, std::string message) {
    errors_.Add(std::move(path), std::move(code), std::move(message));
  }
  void Unmapped(std::string path, std::string code, std::string message) {
    unmapped_.push_back({std::move(path), std::move(code), std::move(message)});
  }
  void Walk(const json::array& items, const std::string& path);
  void MapItem(const json::object& item, const std::string& path);
  bool IsTotal(const json::object& item, std::string_view type) const;
  void MapOptions(const json::object& item, const std::string& path, json::object& out,
                  double& lowest, double& highest);
  void BuildDefinition(const json::object& root, const FhirImportOptions& options);

  IssueList errors_;
  std::vector<Issue> unmapped_;
  json::array items_;
  json::array scored_ids_;
  double total_min_ = 0;
  double total_max_ = 0;
  std::optional<TotalItem> total_;
  std::set<std::string, std::less<>> link_ids_;
  std::set<std::string, std::less<>> item_ids_;
  json::object texts_;
  json::object definition_;
  std::string id_;
  std::string version_;
};

void Importer::Walk(const json::array& items, const std::string& path) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto item_path = JsonPath(path, i);
    if (!items[i].is_object()) {
      Fail(item_path, "wrong-type", "An item is a JSON object.");
      continue;
    }
    MapItem(items[i].as_object(), item_path);
  }
}

bool Importer::IsTotal(const json::object& item, std::string_view type) const {
  if (HasExtension(item, kCalculatedValue) || HasExtension(item, kCalculatedExpression)) {
    return true;
  }
  if (type != "integer" && type != "decimal" && type != "quantity") return false;
  const auto* coding = LoincCoding(item, "code");
  const auto* display = coding ? NonEmptyString(*coding, "display") : nullptr;
  return display != nullptr && ContainsIgnoringCase(*display, kTotalScoreWords);
}

void Importer::MapItem(const json::object& item, const std::string& path) {
  const auto* link_id = NonEmptyString(item, "linkId");
  std::string id;
  if (link_id == nullptr) {
    Fail(JsonPath(path, "linkId"), "required", "Every item needs a linkId.");
  } else if (!link_ids_.insert(std::string(*link_id)).second) {
    Fail(JsonPath(path, "linkId"), "duplicate", fmt::format("linkId {} is used twice.", *link_id));
  } else {
    id = ToIdentifier(*link_id);
    if (id.empty()) {
      Fail(JsonPath(path, "linkId"), "invalid-id", "The linkId has no letters or digits.");
    }
  }
  const auto* type_value = NonEmptyString(item, "type");
  const std::string type = type_value ? std::string(*type_value) : std::string();
  if (type_value == nullptr) Fail(JsonPath(path, "type"), "required", "Every item needs a type.");

  if (item.contains("enableWhen")) {
    Unmapped(JsonPath(path, "enableWhen"), "enable-when",
             "Conditional display is not part of the registry; the item is always asked.");
  }
  const auto* children = item.if_contains("item");
  if (type == "group") {
    Unmapped(path, "group", "The group is flattened: its questions are listed in order.");
    if (children != nullptr && children->is_array())
      Walk(children->as_array(), JsonPath(path, "item"));
    return;
  }
  if (children != nullptr) {
    Unmapped(JsonPath(path, "item"), "nested-items", "Items nested under a question are skipped.");
  }
  if (type == "display") {
    Unmapped(path, "display", "Display text is not an item of the registry; skipped.");
    return;
  }
  if (!type.empty() && IsTotal(item, type)) {
    if (total_) {
      Unmapped(path, "second-total",
               fmt::format("Only one total is imported ({}); this one is skipped.", total_->path));
      return;
    }
    const auto* text = NonEmptyString(item, "text");
    total_ = TotalItem{path, text ? std::optional<std::string>(*text) : std::nullopt,
                       LoincCode(item, "code")};
    Unmapped(path, "calculated-total",
             "The total's calculation is not read: it becomes the sum of the scored items.");
    return;
  }

  json::object out;
  out["linkId"] = id;
  out["text"] = nullptr;  // licence unconfirmed: the wording goes to the text overlay
  if (const auto* text = NonEmptyString(item, "text"); text && !id.empty()) texts_[id] = *text;
  const bool choice = type == "choice" || type == "open-choice";
  bool scored = false;
  if (choice) {
    out["type"] = "choice";
    if (type == "open-choice") {
      Unmapped(path, "open-choice", "Free-text answers of an open choice are not recorded.");
    }
    double lowest = 0, highest = 0;
    MapOptions(item, path, out, lowest, highest);
    scored = !out.contains("scored");
    if (scored) {
      total_min_ += lowest;
      total_max_ += highest;
    }
  } else if (type == "string" || type == "text") {
    out["type"] = "text";
    out["scored"] = false;
  } else {
    if (!type.empty()) {
      Unmapped(path, "unsupported-type",
               fmt::format("Items of type {} have no registry form; skipped.", type));
    }
    return;
  }
  if (auto loinc = LoincCode(item, "code")) out["loinc"] = *loinc;
  if (const auto* value_set = NonEmptyString(item, "answerValueSet")) {
    // LOINC forms name the answer list as http://loinc.org/vs/LL…
    const auto list = LastSegment(*value_set);
    if (list.starts_with("LL")) out["answer_list_loinc"] = list;
  }
  if (id.empty() || !item_ids_.insert(id).second) {
    if (!id.empty()) {
      Fail(JsonPath(path, "linkId"), "duplicate",
           fmt::format("linkId {} maps to id {}, already taken by another item.",
                       link_id ? std::string(*link_id) : std::string(), id));
    }
    return;
  }
  if (scored) scored_ids_.emplace_back(id);
  items_.emplace_back(std::move(out));
}

void Importer::MapOptions(const json::object& item, const std::string& path, json::object& out,
                          double& lowest, double& highest) {
  const auto options_path = JsonPath(path, "answerOption");
  const auto* options = item.if_contains("answerOption");
  if (options == nullptr || !options->is_array() || options->as_array().empty()) {
    Fail(options_path, "required",
         "A choice item needs answerOption (an answerValueSet alone carries no scores).");
    return;
  }
  json::array mapped;
  std::vector<std::string> unscored_paths;
  std::set<std::string, std::less<>> codes;
  std::size_t scored_count = 0;
  const auto& array = options->as_array();
  for (std::size_t j = 0; j < array.size(); ++j) {
    const auto option_path = JsonPath(options_path, j);
    const auto* coding_value =
        array[j].is_object() ? array[j].as_object().if_contains("valueCoding") : nullptr;
    const auto* code = coding_value && coding_value->is_object()
                           ? NonEmptyString(coding_value->as_object(), "code")
                           : nullptr;
    if (code == nullptr) {
      Fail(JsonPath(option_path, "valueCoding"), "required",
           "Each option needs a valueCoding with a code.");
      continue;
    }
    const auto& coding = coding_value->as_object();
    json::object option;
    option["code"] = ToIdentifier(*code);
    if (!codes.insert(option["code"].as_string().c_str()).second) {
      Fail(JsonPath(JsonPath(option_path, "valueCoding"), "code"), "duplicate",
           fmt::format("Option code {} is used twice in this item.", *code));
    }
    const auto* display = NonEmptyString(coding, "display");
    option["text"] = display ? json::value(*display) : json::value(nullptr);
    if (const auto score = OptionScore(array[j].as_object())) {
      option["score"] = ScoreValue(*score);
      lowest = scored_count == 0 ? *score : std::min(lowest, *score);
      highest = scored_count == 0 ? *score : std::max(highest, *score);
      ++scored_count;
    } else {
      unscored_paths.push_back(option_path);
    }
    const auto* system = NonEmptyString(coding, "system");
    if (system != nullptr && *system == kLoincSystem) option["loinc"] = *code;
    mapped.emplace_back(std::move(option));
  }
  if (scored_count == 0) {
    // The LOINC PHQ-9 difficulty item: asked and recorded, never scored.
    out["scored"] = false;
    Unmapped(path, "unscored", "No option carries a score: the item is recorded, not scored.");
  } else {
    for (auto& option_path : unscored_paths) {
      Fail(std::move(option_path), "missing-score",
           "Other options of this item are scored; this one has no ordinalValue or itemWeight.");
    }
  }
  out["options"] = std::move(mapped);
}

void Importer::BuildDefinition(const json::object& root, const FhirImportOptions& options) {
  const auto* fhir_id = NonEmptyString(root, "id");
  const auto* name = NonEmptyString(root, "name");
  if (options.id) {
    id_ = *options.id;
  } else if (fhir_id || name) {
    id_ = ToIdentifier(fhir_id ? *fhir_id : *name);
  }
  if (id_.empty()) Fail("id", "required", "The Questionnaire has no id or name: give an id.");
  const auto* title = NonEmptyString(root, "title");
  const auto* version = NonEmptyString(root, "version");
  version_ = version ? std::string(*version) : "1";
  if (version == nullptr) {
    Unmapped("version", "defaulted", "The Questionnaire has no version; 1 is used.");
  }
  const auto definition_path = [](std::string_view field) {
    return JsonPath(kDefinitionPath, field);
  };
  Unmapped(definition_path("stem"), "not-in-fhir", "FHIR carries no question stem; add it.");
  Unmapped(definition_path("recall_period"), "not-in-fhir",
           "FHIR carries no recall period; replace \"unspecified\" with the instrument's.");
  Unmapped(definition_path("bands"), "not-in-fhir", "FHIR carries no severity bands; add them.");
  Unmapped(definition_path("alerts"), "not-in-fhir",
           "FHIR carries no alert rules (e.g. safety items); add them.");
  Unmapped(definition_path("scoring.total.missing"), "not-in-fhir",
           "FHIR carries no missing-answer rule; the strictest (all items needed) is used.");
  Unmapped(definition_path("change"), "not-in-fhir",
           "FHIR carries no MCID or reliable change, nor whether higher is worse; "
           "higher_is_worse is assumed.");
  Unmapped(definition_path("licence"), "licence-unconfirmed",
           "The licence cannot be confirmed from FHIR: the item text is in the text overlay, "
           "and the copyright is copied as given.");

  std::optional<std::string> panel = LoincCode(root, "code");
  if (!panel) Unmapped("code", "no-panel-code", "The Questionnaire has no LOINC panel code.");
  if (!total_) {
    Unmapped("item", "no-total",
             "No calculated or LOINC total-score item: the total is the sum of the scored items.");
  }
  if (scored_ids_.empty() && errors_.empty()) {
    Fail("item", "no-scored-items", "No item has scored answer options.");
  }

  const auto* copyright = NonEmptyString(root, "copyright");
  const auto* url = NonEmptyString(root, "url");
  const std::string source = fmt::format("FHIR Questionnaire {}", url ? std::string(*url) : id_);
  const std::string display_title = title ? std::string(*title) : name ? std::string(*name) : id_;
  json::array notes;
  notes.emplace_back(fmt::format("Imported from {}.", source));
  for (const auto& note : unmapped_) {
    notes.emplace_back(fmt::format("{}: {}", note.path, note.message));
  }
  const std::string notice = copyright ? std::string(*copyright) : "No copyright given in FHIR.";
  definition_ = json::object{
      {"schema_version", kInstrumentSchemaVersion},
      {"id", id_},
      {"version", version_},
      {"title", display_title},
      {"stem", nullptr},
      {"recall_period",
       {{"options", json::array{"unspecified"}}, {"default", "unspecified"}, {"source", source}}},
      {"items", items_},
      {"scoring",
       {{"total",
         {{"title", total_ && total_->text ? *total_->text : display_title + " total"},
          {"method", "sum"},
          {"items", scored_ids_},
          {"missing", {{"rule", "all"}}},
          {"min", ScoreValue(total_min_)},
          {"max", ScoreValue(total_max_)},
          {"loinc", total_ && total_->loinc ? json::value(*total_->loinc) : nullptr}}}}},
      {"bands", json::array{}},
      {"alerts", json::array{}},
      {"loinc", {{"panel", panel ? json::value(*panel) : nullptr}}},
      {"change",
       {{"direction", "higher_is_worse"}, {"mcid", json::array{}}, {"reliable_change", nullptr}}},
      {"licence",
       {{"status", "unconfirmed"},
        {"text_in_public_repo", false},
        {"copyright", notice},
        {"notice", notice},
        {"source", source},
        {"evidence", "U"}}},
      {"notes", std::move(notes)}};
}

void Importer::Import(const json::object& root, const FhirImportOptions& options) {
  const auto* resource_type = NonEmptyString(root, "resourceType");
  if (resource_type == nullptr || *resource_type != "Questionnaire") {
    Fail("resourceType", "not-a-questionnaire", "resourceType must be Questionnaire.");
  }
  const auto* items = root.if_contains("item");
  if (items == nullptr || !items->is_array() || items->as_array().empty()) {
    Fail("item", "required", "A Questionnaire needs items.");
  } else {
    Walk(items->as_array(), "item");
  }
  BuildDefinition(root, options);
}

Result<ImportResult> Importer::Finish() {
  if (!errors_.empty()) return Error::Invalid(errors_.Take());
  auto parsed = ParseInstrument(json::serialize(definition_));
  if (!parsed) {
    // A mapped value broke a schema rule (an --id with capitals, a total out of range).
    auto issues = parsed.error().issues();
    for (auto& issue : issues) issue.path = JsonPath(kDefinitionPath, issue.path);
    return Error::Invalid(std::move(issues));
  }
  ImportResult result;
  result.definition = std::move(*parsed);
  result.json = std::move(definition_);
  if (!texts_.empty()) {
    result.text_overlay = {{"id", id_}, {"version", version_}, {"items", std::move(texts_)}};
  }
  result.unmapped = std::move(unmapped_);
  return result;
}

}  // namespace

Result<ImportResult> ImportFhirQuestionnaire(std::string_view json_text,
                                             const FhirImportOptions& options) {
  auto parsed = ParseContentJson(json_text);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) {
    return Error::Invalid({{"", "wrong-type", "A FHIR Questionnaire is a JSON object."}});
  }
  Importer importer;
  importer.Import(parsed->as_object(), options);
  return importer.Finish();
}

}  // namespace unknot::assess
