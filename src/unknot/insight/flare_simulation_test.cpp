#include "unknot/insight/flare_simulation.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::insight {
namespace {

std::vector<FlareOperatingFigure> CommittedFigures() {
  std::ifstream in(assess::testing::RepositoryRoot() / "tests" / "insight" /
                   "flare_operating_characteristics.csv");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseFlareOperatingFigures(text.str());
}

TEST(FlareSimulation, CommittedRFiguresCoverEveryCell) {
  const auto figures = CommittedFigures();
  ASSERT_EQ(figures.size(), 27u) << "run scripts/insight/flare_operating.R";
  for (const auto& f : figures) {
    EXPECT_GE(f.replicates, 2000) << ToString(f.check);  // §4.4: at least 2,000 per cell
    EXPECT_GE(f.mean, 0.0);
  }
}

TEST(FlareSimulation, ParserNamesTheBadLine) {
  const std::string header = "check,phi,sd,replicates,mean,sd_per_replicate\n";
  EXPECT_EQ(ParseFlareOperatingFigures(header + "sensitivity,0.3,0.7,10,0.9,0.3\n").size(), 1u);
  try {
    ParseFlareOperatingFigures(header + "sensitivity,0.3,0.7,10,0.9,0.3\nspecificity,0.3,x,1,1,1\n");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ParseFlareOperatingFigures("phi,sd\n"), std::invalid_argument);
  EXPECT_THROW(ParseFlareOperatingFigures(header + "recall,0.3,0.7,10,0.9,0.3\n"),
               std::invalid_argument);
  EXPECT_THROW(ParseFlareOperatingFigures(header + "sensitivity,0.3,0.7,10,0.9\n"),
               std::invalid_argument);
}

// A short run (the 2,000-replicate one is `make stats-check`): 27 lines, each
// naming R's figure and the §4.4 target.
TEST(FlareSimulation, SmallRunAgreesWithR) {
  const auto lines = RunFlareSimulationChecks({.replicates = 200, .seed = 7,
                                               .reference = CommittedFigures()});
  ASSERT_EQ(lines.size(), 27u);
  for (const auto& line : lines) {
    EXPECT_TRUE(line.passed) << line.name << ": " << line.detail;
    EXPECT_NE(line.detail.find("vs R"), std::string::npos);
    EXPECT_NE(line.detail.find("§4.4 target"), std::string::npos);
  }
}

// The check can fail: a reference 0.4 away from what the rule does (about 6 Monte
// Carlo SEs at 200 replicates for the noisiest cell), or none.
TEST(FlareSimulation, DisagreementOrAMissingCellFails) {
  auto shifted = CommittedFigures();
  for (auto& f : shifted) f.mean += 0.4;
  for (const auto& line : RunFlareSimulationChecks({.replicates = 200, .seed = 7,
                                                    .reference = shifted})) {
    EXPECT_FALSE(line.passed) << line.name << ": " << line.detail;
  }
  const auto none = RunFlareSimulationChecks({.replicates = 5, .seed = 7, .reference = {}});
  ASSERT_EQ(none.size(), 27u);
  for (const auto& line : none) EXPECT_FALSE(line.passed) << line.name;
}

}  // namespace
}  // namespace unknot::insight
