// Runs every scoring case file: tests/cases/scoring/<instrument id>/*.json.
//
// A case is {"description", "answers", "expect": {"total", "band",
// "subscales"?, "alerts": [{"id", "kind"}], "issues": [{"path", "code"}]}}.
// Expected values are worked out by hand from the clinical reference, never
// produced by this code. Alerts and issues are compared as sets.
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/content_test_support.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/scoring.hpp"

namespace unknot::assess {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// Means such as 11/3 are written to 6 decimal places in the case files.
constexpr double kTolerance = 1e-6;

json::value ReadJson(const fs::path& file) {
  const auto text = ReadContentFile(file);
  if (!text) return nullptr;
  const auto value = ParseContentJson(*text);
  return value ? *value : json::value(nullptr);
}

std::string ScoreText(const std::optional<double>& score) {
  return score ? std::to_string(*score) : "null";
}

void ExpectScore(const json::value& expected, const std::optional<double>& actual,
                 std::string_view what) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual) << what << " should have no score, got " << ScoreText(actual);
    return;
  }
  ASSERT_TRUE(actual) << what << " should be " << json::serialize(expected);
  EXPECT_NEAR(*actual, expected.to_number<double>(), kTolerance) << what;
}

std::set<std::string> Pairs(const json::array& expected, std::string_view first,
                            std::string_view second) {
  std::set<std::string> out;
  for (const auto& entry : expected) {
    out.insert(std::string(entry.at(first).as_string()) + " " +
               std::string(entry.at(second).as_string()));
  }
  return out;
}

void CheckCase(const InstrumentDefinition& definition, const json::object& test) {
  const auto result = Score(definition, test.at("answers"));
  const auto& expect = test.at("expect").as_object();
  ExpectScore(expect.at("total"), result.total.score, "total");
  const auto& band = expect.at("band");
  EXPECT_EQ(result.band.value_or("null"), band.is_null() ? "null" : band.as_string().c_str());
  std::size_t subscales_expected = 0;
  if (const auto* subscales = expect.if_contains("subscales")) {
    for (const auto& [id, value] : subscales->as_object()) {
      ++subscales_expected;
      const auto it = std::find_if(result.subscales.begin(), result.subscales.end(),
                                   [&](const ScaleScore& s) { return s.id == id; });
      ASSERT_NE(it, result.subscales.end()) << id;
      ExpectScore(value, it->score, id);
    }
  }
  EXPECT_EQ(subscales_expected, result.subscales.size()) << "every subscale needs an expectation";
  std::set<std::string> alerts;
  for (const auto& alert : result.alerts)
    alerts.insert(alert.id + " " + std::string(ToString(alert.kind)));
  EXPECT_EQ(alerts, Pairs(expect.at("alerts").as_array(), "id", "kind"));
  std::set<std::string> issues;
  for (const auto& issue : result.issues) issues.insert(issue.path + " " + issue.code);
  EXPECT_EQ(issues, Pairs(expect.at("issues").as_array(), "path", "code"));
}

TEST(ScoringCases, EveryCaseFileMatchesTheReferenceRules) {
  const auto root = testing::RepositoryRoot();
  ASSERT_FALSE(root.empty()) << "run from inside the repository";
  const auto registry = LoadRegistry(root / "content" / "instruments");
  for (const auto& [file, issue] : registry.issues) {
    ADD_FAILURE() << file << ": " << issue.path << ": " << issue.message;
  }
  const auto cases_dir = root / "tests" / "cases" / "scoring";
  std::set<std::string> covered;
  std::size_t count = 0;
  for (const auto& folder : fs::directory_iterator(cases_dir)) {
    if (!folder.is_directory()) continue;
    const auto id = folder.path().filename().string();
    const auto* definition = registry.Find(id);
    if (definition == nullptr) {
      ADD_FAILURE() << "no instrument " << id << " for " << folder.path();
      continue;
    }
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (file.path().extension() != ".json") continue;
      SCOPED_TRACE(file.path().string());
      const auto test = ReadJson(file.path());
      if (!test.is_object()) {
        ADD_FAILURE() << "not a JSON object";
        continue;
      }
      CheckCase(*definition, test.as_object());
      covered.insert(id);
      ++count;
    }
  }
  for (const auto& instrument : registry.instruments) {
    EXPECT_TRUE(covered.count(instrument.id)) << "no scoring cases for " << instrument.id;
  }
  EXPECT_GT(count, 0u);
  std::cout << "[ scoring ] " << count << " case files\n";
}

}  // namespace
}  // namespace unknot::assess
