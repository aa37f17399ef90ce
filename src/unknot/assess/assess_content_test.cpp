#include "unknot/assess/assess_content.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::assess {
namespace {

namespace fs = std::filesystem;

fs::path ContentDir() {
  return testing::RepositoryRoot() / "content";
}

// A private folder of licensed text, removed when the test ends.
class LicensedFolder final {
 public:
  LicensedFolder() : dir_(fs::temp_directory_path() / ("unknot-licensed-" + NewRequestId())) {
    fs::create_directories(dir_);
  }
  ~LicensedFolder() { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

const Instant kNow = SystemClock().Now();

TEST(AssessContent, LoadsTheShippedContent) {
  auto content = LoadAssessContent(ContentDir(), {}, kNow);
  ASSERT_TRUE(content) << content.error().message();
  const auto& loaded = **content;
  ASSERT_NE(loaded.registry.Find("phq9"), nullptr);
  EXPECT_EQ(loaded.crisis.country, "GB");
  EXPECT_NE(loaded.red_flags.FindFlag("cauda_equina"), nullptr);
  EXPECT_NE(loaded.body_map.Find("neck"), nullptr);
  // Scoring-only instruments ship without their wording.
  EXPECT_FALSE(loaded.registry.Find("startback")->items[0].text.has_value());
}

TEST(AssessContent, OverlaysLicensedTextFromTheConfiguredFolder) {
  LicensedFolder licensed;
  licensed.Write("startback.json",
                 R"({"id": "startback", "version": "1.0", "items": {"sbst_1": "Licensed one"}})");
  auto content = LoadAssessContent(ContentDir(), licensed.path(), kNow);
  ASSERT_TRUE(content) << content.error().message();
  const auto* startback = (*content)->registry.Find("startback");
  EXPECT_EQ(startback->items[0].text, "Licensed one");
  EXPECT_FALSE(startback->items[1].text.has_value());
}

TEST(AssessContent, RefusesToStartWithABadOverlayAndSaysWhichFile) {
  LicensedFolder licensed;
  licensed.Write("startback.json", R"({"id": "startback", "version": "9.9", "items": {}})");
  licensed.Write("nosuch.json", R"({"id": "nosuch", "version": "1.0", "items": {}})");
  auto content = LoadAssessContent(ContentDir(), licensed.path(), kNow);
  ASSERT_FALSE(content);
  const Error error = content.error();
  std::set<std::string> codes;
  for (const Issue& issue : error.issues()) {
    codes.insert(issue.code);
    EXPECT_NE(issue.path.find(licensed.path().string()), std::string::npos) << issue.path;
  }
  EXPECT_EQ(codes, (std::set<std::string>{"mismatch", "unknown-instrument"}));
}

TEST(AssessContent, AMissingLicensedFolderIsAnError) {
  auto content = LoadAssessContent(ContentDir(), "/nonexistent/licensed", kNow);
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().issues().at(0).code, "missing-folder");
}

TEST(AssessContent, AMissingContentFolderIsAnError) {
  auto content = LoadAssessContent("/nonexistent/content", {}, kNow);
  ASSERT_FALSE(content);
  EXPECT_FALSE(content.error().issues().empty());
}

}  // namespace
}  // namespace unknot::assess
