#include "unknot/assess/instrument_registry.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <utility>

namespace unknot::assess {
namespace {

// A small but complete definition; tests break one thing at a time or many at once.
constexpr std::string_view kValid = R"({
  "schema_version": 1, "id": "demo", "version": "1.0", "title": "Demo", "stem": "How often?",
  "recall_period": {"options": ["P2W"], "default": "P2W", "source": "test"},
  "items": [
    {"linkId": "a", "text": "A", "type": "choice",
     "options": [{"code": "no", "text": "No", "score": 0}, {"code": "yes", "text": "Yes", "score": 2}]},
    {"linkId": "b", "text": "B", "type": "integer", "min": 0, "max": 4, "reverse": true},
    {"linkId": "note", "text": "Anything else?", "type": "text"}
  ],
  "scoring": {"total": {"title": "Total", "method": "sum", "items": ["a", "b"],
                        "missing": {"rule": "all"}, "min": 0, "max": 6}},
  "bands": [{"id": "low", "label": "Low", "when": [{"scale": "total", "min": 0, "max": 2}]},
            {"id": "high", "label": "High", "when": [{"scale": "total", "min": 3, "max": 6}]}],
  "alerts": [{"id": "a_yes", "kind": "safety", "item": "a", "min": 1, "message": "A said yes.",
              "actions": ["call"], "source": "test"}],
  "loinc": {"panel": null},
  "change": {"direction": "higher_is_worse", "mcid": [], "reliable_change": null},
  "licence": {"status": "free", "text_in_public_repo": true, "copyright": "c", "notice": "n",
              "source": "s", "evidence": "V"}
})";

// Every fault here is independent, so each must be reported in one pass.
constexpr std::string_view kBroken = R"({
  "schema_version": 2, "id": "Bad Id", "version": "1.0", "title": "Broken", "stem": null,
  "colour": "blue",
  "recall_period": {"options": ["P2W"], "default": "P1W", "source": "test"},
  "items": [
    {"linkId": "a", "text": "A", "type": "choice",
     "options": [{"code": "no", "text": "No", "score": 0}, {"code": "yes", "text": "Yes", "score": "2"}]},
    {"linkId": "a", "text": "A again", "type": "integer", "min": 4, "max": 4},
    {"linkId": "c", "text": "C", "type": "slider"},
    {"linkId": "d", "text": null, "type": "choice", "scored": false, "options": [{"code": "x", "score": 1}]}
  ],
  "scoring": {"total": {"title": "Total", "method": "median", "items": ["a", "zzz", "d"],
                        "missing": {"rule": "prorate", "max_missing": 0}, "min": 0, "max": 99}},
  "bands": [{"id": "low", "label": "Low", "when": [{"scale": "total", "min": 0, "max": 1}]},
            {"id": "high", "label": "High", "when": [{"scale": "nope", "min": 3, "max": 6}]}],
  "alerts": [{"id": "x", "kind": "urgent", "item": "a", "scale": "total", "message": "m",
              "actions": [], "source": "s"}],
  "change": {"direction": "sideways", "mcid": [{"source": "s", "evidence": "X"}]},
  "licence": {"status": "unconfirmed", "text_in_public_repo": true, "copyright": "c",
              "notice": "n", "source": "s", "evidence": "U"}
})";

// kValid with one fragment swapped; the fragment must be present.
std::string Edited(std::string_view from, std::string_view to) {
  std::string text(kValid);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::set<std::pair<std::string, std::string>> PathsAndCodes(const Error& error) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& issue : error.issues()) out.insert({issue.path, issue.code});
  return out;
}

TEST(InstrumentRegistry, ParsesAValidDefinition) {
  const auto definition = ParseInstrument(kValid);
  ASSERT_TRUE(definition) << definition.error().issues().front().path;
  EXPECT_EQ(definition->id, "demo");
  ASSERT_EQ(definition->items.size(), 3u);
  EXPECT_TRUE(definition->items[1].reverse);
  EXPECT_FALSE(definition->items[2].scored);
  EXPECT_EQ(definition->total.max, 6);
  EXPECT_EQ(definition->alerts.at(0).kind, AlertKind::kSafety);
  EXPECT_EQ(definition->bands.at(1).id, "high");
}

TEST(InstrumentRegistry, ReportsEveryIssueOfABadFileAtOnce) {
  const auto definition = ParseInstrument(kBroken);
  ASSERT_FALSE(definition);
  const auto error = definition.error();
  const auto found = PathsAndCodes(error);
  const std::set<std::pair<std::string, std::string>> expected = {
      {"schema_version", "unsupported"},
      {"id", "invalid-id"},
      {"colour", "unknown-field"},
      {"recall_period.default", "invalid-value"},
      {"items[0].options[1].score", "wrong-type"},
      {"items[1].linkId", "duplicate"},
      {"items[1].max", "invalid-range"},
      {"items[2].type", "invalid-value"},
      {"scoring.total.method", "invalid-value"},
      {"scoring.total.items[1]", "unknown-item"},
      {"scoring.total.items[2]", "unscored-item"},
      {"scoring.total.missing.max_missing", "out-of-range"},
      {"bands[1].when[0].scale", "unknown-scale"},
      {"alerts[0].kind", "invalid-value"},
      {"alerts[0]", "invalid"},
      {"alerts[0]", "required"},
      {"change.direction", "invalid-value"},
      {"change.mcid[0]", "required"},
      {"change.mcid[0].evidence", "invalid-value"},
      {"licence.text_in_public_repo", "licence"},
      {"items[3].options[0].score", "invalid"},
  };
  for (const auto& entry : expected) {
    EXPECT_TRUE(found.count(entry)) << entry.first << " " << entry.second;
  }
}

TEST(InstrumentRegistry, ChecksTheDeclaredRangeAndBandCoverage) {
  auto text = Edited("\"max\": 6}}", "\"max\": 7}}");
  text.replace(text.find("\"min\": 3, \"max\": 6"), 18, "\"min\": 4, \"max\": 6");
  const auto definition = ParseInstrument(text);
  ASSERT_FALSE(definition);
  const auto error = definition.error();
  const auto found = PathsAndCodes(error);
  EXPECT_TRUE(found.count({"scoring.total.max", "range-mismatch"}));
  EXPECT_TRUE(found.count({"bands[1].when[0].min", "band-gap"}));
  EXPECT_TRUE(found.count({"bands", "band-gap"}));
}

TEST(InstrumentRegistry, KeepsLicensedTextOutOfThePublicRepository) {
  const auto definition =
      ParseInstrument(Edited("\"status\": \"free\", \"text_in_public_repo\": true",
                             "\"status\": \"licensed\", \"text_in_public_repo\": false"));
  ASSERT_FALSE(definition);
  const auto error = definition.error();
  const auto found = PathsAndCodes(error);
  EXPECT_TRUE(found.count({"stem", "licence"}));
  EXPECT_TRUE(found.count({"items[0].text", "licence"}));
  EXPECT_TRUE(found.count({"items[2].text", "licence"}));
}

TEST(InstrumentRegistry, RefusesMalformedJsonAndSumsOverWhateverWasAnswered) {
  const auto malformed = ParseInstrument("{\"id\": ");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().issues().at(0).code, "malformed-json");

  const auto sum_of_answered =
      ParseInstrument(Edited("{\"rule\": \"all\"}", "{\"rule\": \"min_answered\", \"min\": 1}"));
  ASSERT_FALSE(sum_of_answered);
  const auto error = sum_of_answered.error();
  EXPECT_TRUE(PathsAndCodes(error).count({"scoring.total.missing.rule", "invalid"}));
}

TEST(InstrumentRegistry, LoadsAFolderAndReportsEachFile) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("unknot-registry-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "demo.json") << kValid;
  std::ofstream(dir / "other.json") << kValid;  // right content, wrong name
  std::ofstream(dir / "broken.json") << kBroken;
  std::ofstream(dir / "README.md") << "not an instrument";
  const auto registry = LoadRegistry(dir);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(registry.instruments.size(), 1u);
  EXPECT_NE(registry.Find("demo"), nullptr);
  std::set<std::string> files_with_issues;
  for (const auto& entry : registry.issues) {
    files_with_issues.insert(std::filesystem::path(entry.file).filename().string());
  }
  EXPECT_EQ(files_with_issues, (std::set<std::string>{"broken.json", "other.json"}));
  EXPECT_GT(registry.issues.size(), 10u);  // the broken file's issues, not just the first
}

TEST(InstrumentRegistry, OverlaysLicensedTextFromAPrivatePack) {
  auto definition = ParseInstrument(kValid);
  ASSERT_TRUE(definition);
  const auto overlaid =
      OverlayText(*definition, R"({"id": "demo", "version": "1.0", "items": {"a": "Licensed A"}})");
  ASSERT_TRUE(overlaid);
  EXPECT_EQ(overlaid->items[0].text, "Licensed A");
  EXPECT_EQ(overlaid->items[1].text, "B");

  const auto wrong =
      OverlayText(*definition, R"({"id": "other", "version": "2.0", "items": {"zzz": 1}})");
  ASSERT_FALSE(wrong);
  const auto error = wrong.error();
  EXPECT_EQ(PathsAndCodes(error),
            (std::set<std::pair<std::string, std::string>>{
                {"id", "mismatch"}, {"version", "mismatch"}, {"items.zzz", "unknown-item"}}));
}

}  // namespace
}  // namespace unknot::assess

namespace unknot::assess {
namespace {

// The clinical cut-off "recovered" is judged against (analytics_methods §5.2).
TEST(InstrumentRegistry, ReadsAndChecksTheClinicalCutoff) {
  const auto with = ParseInstrument(
      Edited("\"reliable_change\": null}",
             "\"reliable_change\": null, \"clinical_cutoff\": {\"value\": 3, \"source\": \"s\", "
             "\"evidence\": \"V\"}}"));
  ASSERT_TRUE(with) << with.error().issues().front().path;
  ASSERT_TRUE(with->change.clinical_cutoff);
  EXPECT_EQ(with->change.clinical_cutoff->value, 3);
  EXPECT_EQ(with->change.clinical_cutoff->evidence, "V");

  EXPECT_FALSE(ParseInstrument(kValid)->change.clinical_cutoff);  // optional

  const auto broken = ParseInstrument(Edited(
      "\"reliable_change\": null}",
      "\"reliable_change\": null, \"clinical_cutoff\": {\"source\": \"s\", \"evidence\": \"X\", "
      "\"extra\": 1}}"));
  ASSERT_FALSE(broken);
  const auto found = PathsAndCodes(broken.error());
  EXPECT_TRUE(found.count({"change.clinical_cutoff.value", "required"}));
  EXPECT_TRUE(found.count({"change.clinical_cutoff.evidence", "invalid-value"}));
  EXPECT_EQ(found.size(), 3u);  // and the unknown field
}

}  // namespace
}  // namespace unknot::assess
