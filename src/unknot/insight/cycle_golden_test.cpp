// The cycle analysis against the R reference (analytics_methods.md §4.3):
// every tests/insight/fixtures/NAME.csv is analysed and compared, field by
// field, with tests/insight/expected/NAME.json, which only
// scripts/insight/reference.R writes (scripts/insight/regenerate-goldens.sh).
//
// Tolerances (§4.3): coefficients, SEs, t, CIs, contrasts and the other real
// numbers relative ≤ 1e-9 or absolute ≤ 1e-11; p and q absolute ≤ 1e-10 (log p
// when p < 1e-8); quantiles, tiers, verdicts and eligibility exact. Records
// ruled out as collinear or rank deficient are ill-conditioned by design:
// there only eligibility and the reason must agree.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <boost/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/empower/check_in_csv.hpp"
#include "unknot/insight/cycle.hpp"
#include "unknot/insight/cycle_json.hpp"

namespace unknot::insight {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<CycleCheckIn> LoadFixture(const fs::path& csv) {
  IssueList issues;
  const auto rows = empower::ParseCheckInsCsv(ReadFile(csv), assess::BodyMapRegions{}, issues);
  EXPECT_TRUE(issues.empty()) << csv;
  std::set<std::string> late;
  std::ifstream late_file(fs::path(csv).replace_extension(".late"));
  for (std::string line; std::getline(late_file, line);) late.insert(line);
  std::vector<CycleCheckIn> out;
  for (const auto& row : rows) {
    CycleCheckIn c = FromCsv(row);
    if (late.count(empower::FormatLocalDate(row.date))) c.late = true;
    out.push_back(c);
  }
  return out;
}

const std::set<std::string> kPValues = {"p", "q_bh", "bg_lm_p"};
const std::set<std::string> kExact = {"x_q25",           "x_q75",    "n_pairs",
                                      "n_calendar_days", "nw_lag_L", "df"};

struct Deviations {
  double max_relative = 0;
  std::string max_relative_at;
  double max_p_absolute = 0;
  int numbers = 0;
};

void CompareNumber(const std::string& where, const std::string& field, const json::value& got,
                   const json::value& want, Deviations& dev) {
  if (want.is_null() || got.is_null()) {
    EXPECT_EQ(got.is_null(), want.is_null()) << where << "." << field;
    return;
  }
  const double g = json::value_to<double>(got);
  const double w = json::value_to<double>(want);
  ++dev.numbers;
  if (kExact.count(field)) {
    EXPECT_EQ(g, w) << where << "." << field;
    return;
  }
  if (kPValues.count(field)) {
    if (w < 1e-8) {
      EXPECT_NEAR(std::log(g), std::log(w), 1e-9) << where << "." << field;
    } else {
      const double d = std::fabs(g - w);
      dev.max_p_absolute = std::max(dev.max_p_absolute, d);
      EXPECT_LE(d, 1e-10) << where << "." << field << " " << g << " vs " << w;
    }
    return;
  }
  const double d = std::fabs(g - w);
  if (std::fabs(w) > 1e-11 && d / std::fabs(w) > dev.max_relative) {
    dev.max_relative = d / std::fabs(w);
    dev.max_relative_at = where + "." + field;
  }
  EXPECT_TRUE(d <= 1e-9 * std::fabs(w) || d <= 1e-11)
      << where << "." << field << " " << g << " vs " << w;
}

void CompareRecord(const std::string& where, const json::object& got, const json::object& want,
                   Deviations& dev) {
  for (const auto& [key, expected] : want) {
    const std::string field(key);
    ASSERT_TRUE(got.contains(field)) << where << " lacks " << field;
    const json::value& actual = got.at(field);
    if (field == "sensitivity") {
      for (const char* variant : {"no_trend", "no_late"}) {
        for (const char* part : {"coef_c", "ci_low", "ci_high"}) {
          CompareNumber(where + ".sensitivity." + variant, part, actual.at(variant).at(part),
                        expected.at(variant).at(part), dev);
        }
      }
    } else if (expected.is_number() || (expected.is_null() && !actual.is_string())) {
      CompareNumber(where, field, actual, expected, dev);
    } else {
      EXPECT_EQ(actual, expected) << where << "." << field;
    }
  }
}

TEST(CycleGolden, MatchesTheRReferenceForEveryFixture) {
  const fs::path root = assess::testing::RepositoryRoot();
  ASSERT_FALSE(root.empty());
  const fs::path fixtures = root / "tests" / "insight" / "fixtures";
  const fs::path expected_dir = root / "tests" / "insight" / "expected";
  Deviations dev;
  int fixtures_seen = 0;
  int records_seen = 0;
  for (const auto& entry : fs::directory_iterator(fixtures)) {
    if (entry.path().extension() != ".csv") continue;
    const std::string name = entry.path().stem().string();
    SCOPED_TRACE(name);
    const fs::path expected_file = expected_dir / (name + ".json");
    ASSERT_TRUE(fs::exists(expected_file)) << "run scripts/insight/regenerate-goldens.sh";
    const json::array want = json::parse(ReadFile(expected_file)).as_array();
    const CycleRun run = AnalyseCycle(LoadFixture(entry.path()), {});
    const json::array got = ToJson(run.records);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      const json::object& w = want[i].as_object();
      const json::object& g = got[i].as_object();
      const std::string where =
          fmt::format("{}[{}] {} {}->{}", name, i, w.at("model").as_string().c_str(),
                      w.at("x").as_string().c_str(), w.at("y").as_string().c_str());
      const auto& reason = w.at("ineligible_reason");
      if (reason == "collinear" || reason == "rank_deficient") {
        EXPECT_EQ(g.at("eligible"), w.at("eligible")) << where;
        EXPECT_EQ(g.at("ineligible_reason"), reason) << where;
        EXPECT_EQ(g.at("tier"), w.at("tier")) << where;
        continue;
      }
      CompareRecord(where, g, w, dev);
      ++records_seen;
    }
    ++fixtures_seen;
  }
  EXPECT_GE(fixtures_seen, 15);
  std::cout << "[ golden ] " << fixtures_seen << " fixtures, " << records_seen << " records, "
            << dev.numbers << " numbers; max relative deviation " << dev.max_relative << " ("
            << dev.max_relative_at << "), max |p − p_R| " << dev.max_p_absolute << "\n";
}

}  // namespace
}  // namespace unknot::insight
