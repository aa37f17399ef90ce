// Checks the shipped content/ folder itself, plus how the combined check
// reports broken folders.
#include "unknot/assess/clinical_content_check.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/crisis_content.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/platform/clock.hpp"

namespace unknot::assess {
namespace {

using namespace std::chrono;
namespace fs = std::filesystem;

// The repository's content/ folder: UNKNOT_CONTENT_DIR when set, otherwise
// found from this source file's location (src/unknot/assess/ → ../../../content).
fs::path ShippedContentDir() {
  if (const char* dir = std::getenv("UNKNOT_CONTENT_DIR")) return dir;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / "content";
}

std::vector<ContentProblem> ErrorsOnly(const std::vector<ContentProblem>& problems) {
  std::vector<ContentProblem> errors;
  for (const auto& problem : problems) {
    if (!problem.warning) errors.push_back(problem);
  }
  return errors;
}

std::string Describe(const std::vector<ContentProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += p.file + " " + p.path + " " + p.code + ": " + p.message + "\n";
  }
  return out;
}

TEST(ClinicalContentCheckTest, ShippedContentHasNoErrors) {
  const auto errors = ErrorsOnly(CheckClinicalContent(ShippedContentDir(), SystemClock().Now()));
  EXPECT_TRUE(errors.empty()) << Describe(errors);
}

TEST(ClinicalContentCheckTest, StaleReviewsAreWarningsNamingFileAndPath) {
  const auto problems = CheckClinicalContent(ShippedContentDir(), StartOfDay(2030y / January / 1d));
  ASSERT_FALSE(problems.empty());
  bool saw_crisis = false;
  bool saw_red_flags = false;
  for (const auto& problem : problems) {
    EXPECT_TRUE(problem.warning) << problem.file << " " << problem.path << " " << problem.code;
    EXPECT_EQ(problem.code, "review-overdue");
    saw_crisis |= problem.file == "crisis/gb.json" && problem.path == "lines[0].review_due";
    saw_red_flags |=
        problem.file == "red_flags/red_flags.json" && problem.path == "precautions[0].review_due";
  }
  EXPECT_TRUE(saw_crisis);
  EXPECT_TRUE(saw_red_flags);
}

TEST(ClinicalContentCheckTest, ShippedRegionsCoverTheStandardMap) {
  auto regions = LoadBodyMapRegions(ShippedContentDir());
  ASSERT_TRUE(regions);
  for (std::string_view code : {"jaw", "neck", "upper_back", "mid_back", "lower_back"}) {
    EXPECT_NE(regions->Find(code), nullptr) << code;
  }
  for (std::string_view side : {"left_", "right_"}) {
    for (std::string_view part : {"shoulder", "hip", "upper_arm", "forearm", "hand", "thigh",
                                  "knee", "lower_leg", "foot"}) {
      const std::string code = std::string(side) + std::string(part);
      const auto* region = regions->Find(code);
      ASSERT_NE(region, nullptr) << code;
      EXPECT_EQ(region->view, BodyView::kBoth) << code;
    }
  }
}

TEST(ClinicalContentCheckTest, ShippedRedFlagsMatchReferenceSections7And7b) {
  const auto dir = ShippedContentDir();
  auto regions = LoadBodyMapRegions(dir);
  ASSERT_TRUE(regions);
  auto content = LoadRedFlagsContent(dir, regions->Codes(), SystemClock().Now());
  ASSERT_TRUE(content);
  const std::vector<std::pair<std::string_view, Urgency>> flags = {
      {"cauda_equina", Urgency::kEmergency},
      {"malignancy", Urgency::kEmergency},
      {"infection", Urgency::kEmergency},
      {"fracture", Urgency::kEmergency},
      {"cervical_arterial_dysfunction", Urgency::kEmergency},
      {"inflammatory_back_pain", Urgency::kRoutine}};
  for (const auto& [code, most_urgent] : flags) {
    const auto* flag = content->FindFlag(code);
    ASSERT_NE(flag, nullptr) << code;
    EXPECT_EQ(flag->MostUrgent(), most_urgent) << code;
    EXPECT_FALSE(flag->sources.empty()) << code;
  }
  for (std::string_view code :
       {"pregnancy", "oncology", "anticoagulants", "dvt", "recent_surgery"}) {
    const auto* precaution = content->FindPrecaution(code);
    ASSERT_NE(precaution, nullptr) << code;
    EXPECT_FALSE(precaution->sources.empty()) << code;
    // Every region a precaution names must be on the body map.
    for (const auto& situation : precaution->situations) {
      for (const auto* rule : {&situation.exclusion, &situation.pressure_cap_area}) {
        if (!rule->has_value()) continue;
        for (const auto& region : (*rule)->regions) {
          EXPECT_NE(regions->Find(region), nullptr) << code << " " << region;
        }
      }
    }
  }
  const auto* anticoagulants = content->FindPrecaution("anticoagulants");
  EXPECT_EQ(anticoagulants->situations[0].pressure_cap, PressureCap::kLightModerate);
}

TEST(ClinicalContentCheckTest, ShippedCrisisLinesHaveSourcesAndReviewDates) {
  auto content = LoadCrisisContent(ShippedContentDir(), "GB", SystemClock().Now());
  ASSERT_TRUE(content);
  ASSERT_FALSE(content->lead.empty());
  for (const auto& line : content->lines) {
    EXPECT_FALSE(line.sources.empty()) << line.code;
    EXPECT_TRUE(line.review.last_reviewed.ok()) << line.code;
    EXPECT_LT(sys_days{line.review.last_reviewed}, sys_days{line.review.review_due}) << line.code;
    EXPECT_FALSE(line.contacts.empty()) << line.code;
  }
  // Spot checks against clinical reference §8.
  const auto find = [&](std::string_view code) -> const CrisisLine* {
    for (const auto& line : content->lines) {
      if (line.code == code) return &line;
    }
    return nullptr;
  };
  ASSERT_NE(find("samaritans"), nullptr);
  EXPECT_EQ(find("samaritans")->contacts[0].Href(), "tel:116123");
  ASSERT_NE(find("shout"), nullptr);
  EXPECT_EQ(find("shout")->contacts[0].Href(), "sms:85258?body=SHOUT");
  ASSERT_NE(find("emergency-999"), nullptr);
  EXPECT_EQ(find("emergency-999")->contacts[0].Href(), "tel:999");
}

class BrokenContentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("unknot-content-check-" + std::to_string(SystemClock().Now()));
    fs::create_directories(dir_ / "body_map");
    fs::create_directories(dir_ / "red_flags");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const fs::path& relative, std::string_view text) {
    std::ofstream(dir_ / relative) << text;
  }
  fs::path dir_;
};

TEST_F(BrokenContentTest, ReportsEachFileAndSkipsRegionChecksWhenRegionsFail) {
  Write("body_map/regions.json", "{not json");
  // Copy the shipped red flags: valid except that regions cannot be judged.
  fs::copy_file(ShippedContentDir() / "red_flags" / "red_flags.json",
                dir_ / "red_flags" / "red_flags.json");
  // Today's date: the copied file's reviews may be overdue (warnings) but never in the future.
  const auto problems = ErrorsOnly(CheckClinicalContent(dir_, SystemClock().Now()));
  ASSERT_EQ(problems.size(), 2u) << Describe(problems);
  EXPECT_EQ(problems[0].file, "body_map/regions.json");
  EXPECT_EQ(problems[0].code, "malformed-json");
  EXPECT_EQ(problems[1].file, "crisis");
  EXPECT_EQ(problems[1].code, "missing");
}

TEST_F(BrokenContentTest, MissingFilesAreReported) {
  fs::create_directories(dir_ / "crisis");
  Write("crisis/gb.json", "[]");
  const auto problems = CheckClinicalContent(dir_, StartOfDay(2026y / November / 25d));
  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  EXPECT_EQ(problems[0].file, "body_map/regions.json");
  EXPECT_EQ(problems[0].code, "unreadable");
  EXPECT_EQ(problems[1].file, "crisis/gb.json");
  EXPECT_EQ(problems[1].code, "wrong-type");
  EXPECT_EQ(problems[2].file, "red_flags/red_flags.json");
  EXPECT_EQ(problems[2].code, "unreadable");
}

}  // namespace
}  // namespace unknot::assess
