// The imported LOINC PHQ-9 (tests/fixtures/fhir/) against the shipped
// content/instruments/phq9.json: same items, codes and scores, and the same
// scoring result for every complete answer set and for partial ones.
#include "unknot/assess/fhir_import.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/scoring.hpp"

namespace unknot::assess {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int kPhq9Items = 9;
constexpr int kPhq9Options = 4;
// Partial sets: every kPartialStride-th complete set, each with one item left out.
constexpr int kPartialStride = 97;

// Tests run from the build folder or the repository; walk up to the root
// (as tests/unit/scoring_cases_test.cpp does).
fs::path RepoRoot() {
  for (auto dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "content" / "instruments")) return dir;
    if (dir == dir.root_path()) break;
  }
  return {};
}

std::string ReadText(const fs::path& relative) {
  const auto text = ReadContentFile(RepoRoot() / relative);
  return text ? *text : std::string();
}

std::set<std::string> Codes(const Result<ImportResult>& result) {
  std::set<std::string> out;
  if (result) return out;
  const auto error = result.error();
  for (const auto& issue : error.issues()) out.insert(issue.path + " " + issue.code);
  return out;
}

std::set<std::string> UnmappedCodes(const ImportResult& result) {
  std::set<std::string> out;
  for (const auto& note : result.unmapped) out.insert(note.path + " " + note.code);
  return out;
}

class FhirImportPhq9 : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(RepoRoot().empty()) << "run from inside the repository";
    auto shipped = ParseInstrument(ReadText("content/instruments/phq9.json"));
    ASSERT_TRUE(shipped);
    shipped_ = *shipped;
    auto imported = ImportFhirQuestionnaire(
        ReadText("tests/fixtures/fhir/loinc_phq9_questionnaire.json"), {.id = "phq9"});
    ASSERT_TRUE(imported) << (imported ? "" : imported.error().issues().at(0).path);
    imported_ = *imported;
    // Shipped item → imported item, and option code → option code, by LOINC code.
    for (const auto& item : shipped_.items) {
      const auto it =
          std::find_if(imported_.definition.items.begin(), imported_.definition.items.end(),
                       [&](const Item& candidate) { return candidate.loinc == item.loinc; });
      ASSERT_NE(it, imported_.definition.items.end()) << item.link_id;
      link_ids_[item.link_id] = it->link_id;
      for (const auto& option : item.options) {
        for (const auto& candidate : it->options) {
          if (candidate.loinc == option.loinc) option_codes_[option.code] = candidate.code;
        }
      }
    }
    // FHIR carries no bands or alerts: the caller adds them, as here.
    scoring_ = imported_.definition;
    scoring_.bands = shipped_.bands;
    scoring_.alerts = shipped_.alerts;
    for (auto& alert : scoring_.alerts) {
      if (alert.item) alert.item = link_ids_.at(*alert.item);
    }
  }

  // The answer set numbered `index` in base 4, item 1 first; `skip` leaves one out.
  std::pair<json::object, json::object> Answers(int index, int skip = -1) const {
    json::object shipped, imported;
    for (int i = 0; i < kPhq9Items; ++i, index /= kPhq9Options) {
      if (i == skip) continue;
      const auto& item = shipped_.items[i];
      const auto& code = item.options[index % kPhq9Options].code;
      shipped[item.link_id] = code;
      imported[link_ids_.at(item.link_id)] = option_codes_.at(code);
    }
    return {std::move(shipped), std::move(imported)};
  }

  std::set<std::string> Alerts(const ScoreResult& result) const {
    std::set<std::string> out;
    for (const auto& alert : result.alerts)
      out.insert(alert.id + " " + std::string(ToString(alert.kind)));
    return out;
  }

  // Issues with the imported linkIds put back to the shipped ones.
  std::set<std::string> Issues(const ScoreResult& result, bool imported) const {
    std::set<std::string> out;
    for (const auto& issue : result.issues) {
      auto path = issue.path;
      if (imported) {
        for (const auto& [from, to] : link_ids_) {
          if (path == to) path = from;
        }
      }
      out.insert(path + " " + issue.code);
    }
    return out;
  }

  void ExpectSame(const json::object& shipped_answers, const json::object& imported_answers,
                  int index) const {
    const auto expected = Score(shipped_, shipped_answers);
    const auto actual = Score(scoring_, imported_answers);
    ASSERT_EQ(expected.total.score, actual.total.score) << "answer set " << index;
    ASSERT_EQ(expected.band, actual.band) << "answer set " << index;
    ASSERT_EQ(Alerts(expected), Alerts(actual)) << "answer set " << index;
    ASSERT_EQ(Issues(expected, false), Issues(actual, true)) << "answer set " << index;
  }

  InstrumentDefinition shipped_;
  ImportResult imported_;
  InstrumentDefinition scoring_;
  std::map<std::string, std::string> link_ids_;
  std::map<std::string, std::string> option_codes_;
};

TEST_F(FhirImportPhq9, ItemsCodesAndScoresMatchTheShippedDefinition) {
  const auto& definition = imported_.definition;
  EXPECT_EQ(definition.id, "phq9");
  EXPECT_EQ(definition.loinc_panel, shipped_.loinc_panel);
  ASSERT_EQ(definition.items.size(), shipped_.items.size());
  for (std::size_t i = 0; i < shipped_.items.size(); ++i) {
    const auto& expected = shipped_.items[i];
    const auto& actual = definition.items[i];
    EXPECT_EQ(actual.loinc, expected.loinc) << i;
    EXPECT_EQ(actual.scored, expected.scored) << i;
    EXPECT_EQ(actual.type, expected.type) << i;
    ASSERT_EQ(actual.options.size(), expected.options.size()) << i;
    for (std::size_t j = 0; j < expected.options.size(); ++j) {
      EXPECT_EQ(actual.options[j].loinc, expected.options[j].loinc) << i << "/" << j;
      EXPECT_EQ(actual.options[j].text, expected.options[j].text) << i << "/" << j;
      EXPECT_EQ(actual.options[j].score, expected.options[j].score) << i << "/" << j;
    }
  }
  EXPECT_EQ(definition.total.loinc, shipped_.total.loinc);
  EXPECT_EQ(definition.total.min, shipped_.total.min);
  EXPECT_EQ(definition.total.max, shipped_.total.max);
  std::vector<std::string> mapped;
  for (const auto& link_id : shipped_.total.items) mapped.push_back(link_ids_.at(link_id));
  EXPECT_EQ(definition.total.items, mapped);

  // The wording travels in the text overlay and puts back the shipped text.
  const auto with_text = OverlayText(definition, json::serialize(imported_.text_overlay));
  ASSERT_TRUE(with_text);
  for (std::size_t i = 0; i < shipped_.items.size(); ++i) {
    EXPECT_EQ(with_text->items[i].text, shipped_.items[i].text) << i;
  }
  // The file form reads back as the same definition.
  const auto reparsed = ParseInstrument(json::serialize(imported_.json));
  ASSERT_TRUE(reparsed);
  EXPECT_EQ(reparsed->items.size(), definition.items.size());
}

TEST_F(FhirImportPhq9, ScoresEveryCompleteAnswerSetLikeTheShippedDefinition) {
  int count = 1;
  for (int i = 0; i < kPhq9Items; ++i) count *= kPhq9Options;
  ASSERT_EQ(count, 262144);
  for (int index = 0; index < count; ++index) {
    const auto [shipped, imported] = Answers(index);
    ExpectSame(shipped, imported, index);
    if (HasFatalFailure()) return;
  }
}

TEST_F(FhirImportPhq9, ScoresPartialAnswerSetsWithTheSameIssues) {
  int count = 1;
  for (int i = 0; i < kPhq9Items; ++i) count *= kPhq9Options;
  for (int index = 0; index < count; index += kPartialStride) {
    for (int skip = 0; skip < kPhq9Items; ++skip) {
      const auto [shipped, imported] = Answers(index, skip);
      ExpectSame(shipped, imported, index);
      if (HasFatalFailure()) return;
    }
  }
}

TEST_F(FhirImportPhq9, ListsWhatItCouldNotMap) {
  const auto notes = UnmappedCodes(imported_);
  for (const auto* expected :
       {"item[0] display", "item[10] unscored", "item[11] calculated-total",
        "definition.bands not-in-fhir", "definition.alerts not-in-fhir",
        "definition.recall_period not-in-fhir", "definition.licence licence-unconfirmed"}) {
    EXPECT_TRUE(notes.contains(expected)) << expected;
  }
  EXPECT_TRUE(imported_.definition.bands.empty());
  EXPECT_TRUE(imported_.definition.alerts.empty());
}

TEST(FhirImport, ReportsEveryProblemWithItsPath) {
  EXPECT_EQ(Codes(ImportFhirQuestionnaire("{not json")), std::set<std::string>{" malformed-json"});
  EXPECT_EQ(Codes(ImportFhirQuestionnaire("[]")), std::set<std::string>{" wrong-type"});
  const auto bad = ImportFhirQuestionnaire(R"({
    "resourceType": "Patient", "id": "bad",
    "item": [
      {"type": "choice", "answerOption": [
        {"valueCoding": {"system": "http://loinc.org", "code": "LA1-1"},
         "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]}]},
      {"linkId": "q2", "type": "choice", "answerOption": [
        {"valueCoding": {"code": "a"},
         "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 0}]},
        {"valueCoding": {"code": "b"}},
        {"valueString": "c"}]},
      {"linkId": "q2", "type": "choice", "answerValueSet": "http://loinc.org/vs/LL358-3"}
    ]})");
  EXPECT_EQ(Codes(bad), (std::set<std::string>{
                            "resourceType not-a-questionnaire",
                            "item[0].linkId required",
                            "item[1].answerOption[1] missing-score",
                            "item[1].answerOption[2].valueCoding required",
                            "item[2].linkId duplicate",
                            "item[2].answerOption required",
                        }));
}

TEST(FhirImport, MapsOlderWeightsAndNotesConditionsAndGroups) {
  const auto result = ImportFhirQuestionnaire(R"({
    "resourceType": "Questionnaire", "id": "Small-Form", "version": "2",
    "item": [{"linkId": "g", "type": "group", "item": [
      {"linkId": "a", "type": "choice", "answerOption": [
        {"valueCoding": {"code": "no", "display": "No",
          "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value", "valueDecimal": 0}]}},
        {"valueCoding": {"code": "yes", "display": "Yes",
          "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value", "valueDecimal": 2}]}}]},
      {"linkId": "b", "type": "string", "text": "Why?",
       "enableWhen": [{"question": "a", "operator": "=", "answerCoding": {"code": "yes"}}]},
      {"linkId": "c", "type": "date"}]}]})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->definition.id, "small_form");
  ASSERT_EQ(result->definition.items.size(), 2u);
  EXPECT_EQ(result->definition.items[0].options[1].score, 2);
  EXPECT_EQ(result->definition.items[1].type, ItemType::kText);
  EXPECT_EQ(result->definition.total.max, 2);
  const auto notes = UnmappedCodes(*result);
  for (const auto* expected :
       {"item[0] group", "item[0].item[1].enableWhen enable-when",
        "item[0].item[2] unsupported-type", "item no-total", "code no-panel-code"}) {
    EXPECT_TRUE(notes.contains(expected)) << expected;
  }
}

TEST(FhirImport, ChecksTheMappedDefinitionAgainstTheSchema) {
  const auto result = ImportFhirQuestionnaire(
      R"({"resourceType": "Questionnaire", "id": "x", "item": [{"linkId": "a", "type": "choice",
          "answerOption": [{"valueCoding": {"code": "n"},
            "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueInteger": 1}]}]}]})",
      {.id = "Not-An-Id"});
  EXPECT_TRUE(Codes(result).contains("definition.id invalid-id"));
}

}  // namespace
}  // namespace unknot::assess
