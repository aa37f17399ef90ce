// The techniques file: the shipped one, every kind of mistake a clinic editing
// it could make, and `unknot content check` refusing a broken one.
#include "unknot/treat/techniques.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "unknot/app/content_commands.hpp"
#include "unknot/assess/assess_content.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::treat {
namespace {

namespace fs = std::filesystem;

// The repository's content/ folder: UNKNOT_CONTENT_DIR when set, otherwise
// found from this source file's location (src/unknot/treat/ → ../../../content).
fs::path ShippedContentDir() {
  if (const char* dir = std::getenv("UNKNOT_CONTENT_DIR")) return dir;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / "content";
}

std::set<std::pair<std::string, std::string>> PathsAndCodes(const Error& error) {
  std::set<std::pair<std::string, std::string>> out;
  for (const Issue& issue : error.issues()) out.emplace(issue.path, issue.code);
  return out;
}

TEST(Techniques, TheShippedListHasTheContractsCodesInOrder) {
  auto techniques = LoadTechniques(ShippedContentDir());
  ASSERT_TRUE(techniques) << techniques.error().message();
  std::vector<std::string> codes;
  for (const auto& technique : techniques->items) {
    codes.push_back(technique.code);
    EXPECT_FALSE(technique.label.empty()) << technique.code;
  }
  EXPECT_EQ(codes,
            (std::vector<std::string>{"soft_tissue_release", "trigger_point", "myofascial_release",
                                      "muscle_energy", "stretching", "massage", "education",
                                      "breathing", "relaxation", "other"}));
  ASSERT_NE(techniques->Find("massage"), nullptr);
  EXPECT_EQ(techniques->Find("massage")->label, "Massage");
  EXPECT_EQ(techniques->Find("cupping"), nullptr);
}

TEST(Techniques, ReportsEveryMistakeWithItsPath) {
  const std::string too_long(kMaxTechniqueLabelLength + 1, 'x');
  auto parsed = ParseTechniques(R"({"schema_version": 2, "colour": "red", "techniques": [
      {"code": "massage", "label": "Massage"},
      {"code": "massage", "label": "Massage again"},
      {"code": "Bad Code", "label": "Bad"},
      {"label": "No code"},
      {"code": "nolabel"},
      {"code": "long", "label": ")" +
                                too_long + R"("},
      {"code": "extra", "label": "Extra", "dose": 3},
      "not an object"]})");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalid);
  const auto issues = PathsAndCodes(parsed.error());
  for (const auto& expected :
       std::vector<std::pair<std::string, std::string>>{{"schema_version", "unsupported-version"},
                                                        {"colour", "unknown-field"},
                                                        {"techniques[1].code", "duplicate-code"},
                                                        {"techniques[2].code", "invalid-code"},
                                                        {"techniques[3].code", "required"},
                                                        {"techniques[4].label", "required"},
                                                        {"techniques[5].label", "too-long"},
                                                        {"techniques[6].dose", "unknown-field"}}) {
    EXPECT_TRUE(issues.contains(expected)) << expected.first << " " << expected.second;
  }
  bool element_reported = false;
  for (const auto& [path, code] : issues) element_reported |= path == "techniques[7]";
  EXPECT_TRUE(element_reported);
}

TEST(Techniques, AnEmptyListOrBrokenJsonIsRefused) {
  auto empty = ParseTechniques(R"({"schema_version": 1, "techniques": []})");
  ASSERT_FALSE(empty);
  EXPECT_TRUE(PathsAndCodes(empty.error()).contains({"techniques", "too-few"}));
  EXPECT_FALSE(ParseTechniques(R"({"schema_version": 1, "techniques": [)"));
  EXPECT_FALSE(ParseTechniques(R"([{"code": "massage", "label": "Massage"}])"));
  EXPECT_FALSE(LoadTechniques("/nonexistent/content"));
}

// A copy of the shipped content folder in a temporary place, to break.
class ContentCopy final {
 public:
  ContentCopy() : path_(fs::temp_directory_path() / ("unknot-techniques-" + NewRequestId())) {
    fs::copy(ShippedContentDir(), path_, fs::copy_options::recursive);
  }
  ~ContentCopy() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary | std::ios::trunc) << text;
  }

 private:
  fs::path path_;
};

TEST(Techniques, ContentCheckPassesTheShippedFileAndRejectsABadOne) {
  const ContentCopy content;
  {
    std::ostringstream out, err;
    EXPECT_EQ(app::ContentCheck(content.path(), {}, out, err), 0) << err.str();
  }
  content.Write("techniques.json",
                R"({"schema_version": 1, "techniques": [{"code": "massage", "label": "Massage"},
                    {"code": "massage", "label": "Twice"}]})");
  std::ostringstream out, err;
  EXPECT_EQ(app::ContentCheck(content.path(), {}, out, err), 1);
  EXPECT_NE(err.str().find("techniques.json: techniques[1].code"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("[duplicate-code]"), std::string::npos) << err.str();
  EXPECT_EQ(out.str(), "");
  // The server refuses to start with it, naming the file.
  auto loaded = assess::LoadAssessContent(content.path(), {}, SystemClock().Now());
  ASSERT_FALSE(loaded);
  const Error error = loaded.error();
  ASSERT_FALSE(error.issues().empty());
  EXPECT_NE(error.issues().front().path.find("techniques.json"), std::string::npos);

  fs::remove(content.path() / "techniques.json");
  std::ostringstream out2, err2;
  EXPECT_EQ(app::ContentCheck(content.path(), {}, out2, err2), 1);
  EXPECT_NE(err2.str().find("techniques.json"), std::string::npos) << err2.str();
}

}  // namespace
}  // namespace unknot::treat
