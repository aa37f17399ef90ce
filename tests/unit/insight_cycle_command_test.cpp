// `unknot insight cycle` through InsightCycle with string streams: JSON and
// table output over a committed fixture, and the documented exit codes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "unknot/app/insight_commands.hpp"
#include "unknot/assess/content_test_support.hpp"

namespace unknot::app {
namespace {

namespace fs = std::filesystem;

InsightOptions Options(const fs::path& csv, bool json) {
  const fs::path root = assess::testing::RepositoryRoot();
  InsightOptions options;
  options.csv = csv;
  options.json = json;
  options.content_dir = root / "content";
  return options;
}

fs::path Fixture(const char* name) {
  return assess::testing::RepositoryRoot() / "tests" / "insight" / "fixtures" / name;
}

TEST(InsightCycleCommand, PrintsEveryPairRecordAsJson) {
  std::ostringstream out, err;
  ASSERT_EQ(InsightCycle(Options(Fixture("complete_90.csv"), true), out, err), 0) << err.str();
  const auto records = boost::json::parse(out.str()).as_array();
  ASSERT_EQ(records.size(), 26u);
  int m1 = 0;
  for (const auto& value : records) {
    const auto& r = value.as_object();
    m1 += r.at("model") == "M1";
    EXPECT_EQ(r.at("n_calendar_days"), 90);
    EXPECT_EQ(r.at("software_version"), UNKNOT_VERSION);
    EXPECT_EQ(r.at("reference_checksum").as_string().size(), 64u);
    EXPECT_FALSE(r.at("message_clinician").as_string().empty());
  }
  EXPECT_EQ(m1, 20);
  EXPECT_TRUE(err.str().empty());
}

TEST(InsightCycleCommand, PrintsAReadableTable) {
  std::ostringstream out, err;
  ASSERT_EQ(InsightCycle(Options(Fixture("pairs_27.csv"), false), out, err), 0) << err.str();
  const std::string text = out.str();
  EXPECT_NE(text.find("Window 2026-01-05 to 2026-02-12 (39 calendar days)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("stress->pain"), std::string::npos);
  EXPECT_NE(text.find("not_shown (too_few_pairs)"), std::string::npos);
}

TEST(InsightCycleCommand, ExitsTwoWhenTheInputCannotBeRead) {
  std::ostringstream out, err;
  EXPECT_EQ(InsightCycle(Options(Fixture("no_such_file.csv"), true), out, err), 2);
  EXPECT_NE(err.str().find("cannot read"), std::string::npos);

  const fs::path bad = fs::temp_directory_path() / "unknot_insight_cycle_bad.csv";
  std::ofstream(bad) << "date,pain,stress,mood,sleep,tension,flare,regions,note\n"
                        "2026-01-05,5,5,5,5,5,,,\n2026-01-06,eleven,5,5,5,5,,,\n";
  std::ostringstream out2, err2;
  EXPECT_EQ(InsightCycle(Options(bad, true), out2, err2), 2);
  EXPECT_NE(err2.str().find("lines[3].pain"), std::string::npos) << err2.str();
  EXPECT_TRUE(out2.str().empty());
  fs::remove(bad);
}

}  // namespace
}  // namespace unknot::app
