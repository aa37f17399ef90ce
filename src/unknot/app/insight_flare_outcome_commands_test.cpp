#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <sstream>

#include "unknot/app/insight_commands.hpp"
#include "unknot/assess/content_test_support.hpp"

namespace unknot::app {
namespace {

namespace json = boost::json;

InsightOptions Options(const std::filesystem::path& csv, bool as_json) {
  const auto root = assess::testing::RepositoryRoot();
  InsightOptions options;
  options.csv = root / csv;
  options.json = as_json;
  options.content_dir = root / "content";
  return options;
}

TEST(InsightFlaresCommand, PrintsTheEpisodesAsJson) {
  std::ostringstream out, err;
  ASSERT_EQ(InsightFlares(Options("tests/insight/flares/bridged_gap.csv", true), out, err), 0)
      << err.str();
  const json::value doc = json::parse(out.str());
  const auto& episodes = doc.at("episodes").as_array();
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].at("start"), "2026-03-21");
  EXPECT_EQ(episodes[0].at("end"), "2026-03-25");
  EXPECT_EQ(episodes[0].at("end_reason"), "recovered");
  // The patient answered "yes" on one episode day, so the title may say flare-up.
  EXPECT_EQ(episodes[0].at("title_patient"), "A flare-up you told us about");
  EXPECT_EQ(episodes[0].at("message_patient"),
            "Your pain from 21 March 2026 to 25 March 2026 was well above your usual level "
            "(usual ≈ 3.0/10; peak 7/10).");
  EXPECT_EQ(doc.at("days").as_array().size(), 30u);
  EXPECT_TRUE(err.str().empty());
}

TEST(InsightFlaresCommand, ReadableTableAndBadInput) {
  std::ostringstream out, err;
  ASSERT_EQ(InsightFlares(Options("tests/insight/flares/merge_gap_two.csv", false), out, err), 0);
  EXPECT_NE(out.str().find("2 merged"), std::string::npos) << out.str();
  EXPECT_TRUE(out.str().starts_with("30 days, 1 episodes; personal baseline from 2026-03-15\n"))
      << out.str();

  std::ostringstream out2, err2;
  EXPECT_EQ(InsightFlares(Options("tests/insight/flares/missing.csv", true), out2, err2), 2);
  EXPECT_NE(err2.str().find("cannot read"), std::string::npos);

  // A file with the wrong header: every issue on err, nothing on out.
  std::ostringstream out3, err3;
  EXPECT_EQ(InsightFlares(Options("tests/insight/outcomes/scores.csv", true), out3, err3), 2);
  EXPECT_NE(err3.str().find("lines[1]"), std::string::npos) << err3.str();
  EXPECT_TRUE(out3.str().empty());
}

TEST(InsightOutcomesCommand, PrintsCategoriesAndTheClinicSummary) {
  std::ostringstream out, err;
  ASSERT_EQ(InsightOutcomes(Options("tests/insight/outcomes/scores.csv", true), out, err), 0)
      << err.str();
  const json::value doc = json::parse(out.str());
  const auto& patients = doc.at("patients").as_array();
  ASSERT_EQ(patients.size(), 13u);  // 1 GAD-7 + 12 PHQ-9 series
  // gad7 sorts first; it has no reliable-change threshold in content.
  EXPECT_EQ(patients[0].at("instrument"), "gad7");
  EXPECT_EQ(patients[0].at("category"), "not_available");
  EXPECT_EQ(patients[1].at("patient"), "p01");
  EXPECT_EQ(patients[1].at("category"), "recovered");
  const auto& phq9 = doc.at("clinic").at("instruments").as_array()[1];
  EXPECT_EQ(phq9.at("with_baseline"), 12);
  EXPECT_EQ(phq9.at("with_follow_up"), 11);
  EXPECT_EQ(phq9.at("recovered").at("count"), 3);
  EXPECT_EQ(phq9.at("recovered").at("denominator"), 10);
  EXPECT_EQ(phq9.at("in_protocol_window"), 11);  // 84 days after baseline
  const auto& pain = doc.at("daily_pain").as_array();
  ASSERT_EQ(pain.size(), 1u);
  EXPECT_EQ(pain[0].at("responder_30"), true);
  EXPECT_EQ(pain[0].at("responder_50"), false);

  std::ostringstream table, err2;
  ASSERT_EQ(InsightOutcomes(Options("tests/insight/outcomes/scores.csv", false), table, err2), 0);
  EXPECT_NE(table.str().find("recovered 3/10 = 30% (10–61)"), std::string::npos) << table.str();
}

}  // namespace
}  // namespace unknot::app
