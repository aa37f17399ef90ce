#include "unknot/empower/library_content.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/content_json.hpp"
#include "unknot/assess/content_test_support.hpp"
#include "unknot/assess/red_flags_content.hpp"

namespace unknot::empower {
namespace {

using namespace std::chrono;
using assess::testing::Expected;
using assess::testing::PathsAndCodes;

const Instant kToday = assess::StartOfDay(2026y / November / 25d);
const CodeSet kRegions = {"neck", "jaw", "left_shoulder", "right_shoulder", "lower_back"};
const CodeSet kPrecautions = {"pregnancy", "pregnancy.positioning", "recent_surgery"};

constexpr std::string_view kValid = R"(---
schema_version: 1
slug: neck-side-stretch
title: Gentle neck side stretch
type: stretch
regions: [neck, left_shoulder]
duration_minutes: 3
level: gentle
precautions: [recent_surgery, pregnancy.positioning]
summary: A slow stretch for the sides of your neck.
why: Slow movement helps tense muscles let go.
review_due: 2027-11-25
sources:
  - Clinic protocol, 2026
  - Another source
---
Sit tall.

1. Tip your ear towards your shoulder.
2. Breathe.
)";

Result<LibraryEntry> Parse(std::string_view text,
                           std::string_view file_name = "neck-side-stretch.md") {
  return ParseLibraryEntry(text, file_name, kRegions, kPrecautions, kToday);
}

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const auto at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

Expected IssuesOf(const std::string& text, std::string_view file_name = "neck-side-stretch.md") {
  auto entry = Parse(text, file_name);
  EXPECT_FALSE(entry.has_value());
  return entry ? Expected{} : PathsAndCodes(entry.error().issues());
}

TEST(LibraryContent, ParsesAValidEntry) {
  auto entry = Parse(kValid);
  ASSERT_TRUE(entry.has_value()) << entry.error().issues().front().path;
  EXPECT_EQ(entry->slug, "neck-side-stretch");
  EXPECT_EQ(entry->title, "Gentle neck side stretch");
  EXPECT_EQ(entry->type, EntryType::kStretch);
  EXPECT_EQ(entry->regions, (std::vector<std::string>{"neck", "left_shoulder"}));
  EXPECT_EQ(entry->duration_minutes, 3);
  EXPECT_EQ(entry->level, EntryLevel::kGentle);
  EXPECT_EQ(entry->precautions,
            (std::vector<std::string>{"recent_surgery", "pregnancy.positioning"}));
  EXPECT_EQ(entry->summary, "A slow stretch for the sides of your neck.");
  EXPECT_EQ(entry->why, "Slow movement helps tense muscles let go.");
  EXPECT_EQ(entry->review_due, 2027y / November / 25d);
  EXPECT_EQ(entry->sources, (std::vector<std::string>{"Clinic protocol, 2026", "Another source"}));
  EXPECT_TRUE(entry->body_markdown.starts_with("Sit tall.\n"));
  EXPECT_TRUE(entry->warnings.empty());
}

TEST(LibraryContent, AcceptsWindowsLineEndingsAndEmptyLists) {
  std::string text =
      Replace(kValid, "precautions: [recent_surgery, pregnancy.positioning]", "precautions: []");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto entry = Parse(crlf);
  ASSERT_TRUE(entry.has_value());
  EXPECT_TRUE(entry->precautions.empty());
  EXPECT_EQ(entry->title, "Gentle neck side stretch");
}

TEST(LibraryContent, RequiresTheFrontMatterFences) {
  EXPECT_EQ(IssuesOf("# Just a heading\n"), (Expected{{"front_matter", "missing-front-matter"}}));
  EXPECT_EQ(IssuesOf("---\nslug: x\n"), (Expected{{"front_matter", "unterminated-front-matter"}}));
}

TEST(LibraryContent, ReportsEveryFrontMatterProblemAtOnce) {
  std::string text = R"(---
schema_version: 2
slug: Neck_Stretch
title: Gentle neck side stretch
title: Twice
type: yoga
regions: [neck, knee, neck]
duration_minutes: 0
level: hard
precautions: [recent_surgery, pregnancy.scuba]
summary: [a list]
review_due: 2027-02-30
colour: blue
not a key line
  - stray item
---
Body without steps.
)";
  EXPECT_EQ(IssuesOf(text), (Expected{
                                {"front_matter", "malformed-line"},
                                {"front_matter", "malformed-line"},
                                {"front_matter.colour", "unknown-field"},
                                {"front_matter.duration_minutes", "out-of-range"},
                                {"front_matter.level", "invalid-value"},
                                {"front_matter.precautions[1]", "unknown-precaution"},
                                {"front_matter.regions[1]", "unknown-region"},
                                {"front_matter.regions[2]", "duplicate"},
                                {"front_matter.review_due", "invalid-date"},
                                {"front_matter.schema_version", "unsupported-version"},
                                {"front_matter.slug", "invalid-slug"},
                                {"front_matter.summary", "wrong-type"},
                                {"front_matter.title", "duplicate-field"},
                                {"front_matter.type", "invalid-value"},
                                {"front_matter.why", "required"},
                            }));
}

TEST(LibraryContent, ChecksTypesOfEachField) {
  std::string text = Replace(kValid, "duration_minutes: 3", "duration_minutes: three");
  text = Replace(text, "regions: [neck, left_shoulder]", "regions: neck");
  text = Replace(text, "title: Gentle neck side stretch", "title:");
  text = Replace(text, "precautions: [recent_surgery, pregnancy.positioning]",
                 "precautions: [recent_surgery, ]");
  EXPECT_EQ(IssuesOf(text), (Expected{
                                {"front_matter.duration_minutes", "wrong-type"},
                                {"front_matter.precautions[1]", "empty"},
                                {"front_matter.regions", "wrong-type"},
                                {"front_matter.title", "empty"},
                            }));
}

TEST(LibraryContent, SlugMustMatchTheFileName) {
  EXPECT_EQ(IssuesOf(std::string(kValid), "content/library/other-name.md"),
            (Expected{{"front_matter.slug", "slug-mismatch"}}));
  EXPECT_TRUE(Parse(kValid, "").has_value());  // no file name: no check
}

TEST(LibraryContent, LimitsTextLengths) {
  std::string text = Replace(kValid, "summary: A slow stretch for the sides of your neck.",
                             "summary: " + std::string(kMaxSummaryLength + 1, 'a'));
  text = Replace(text, "why: Slow movement helps tense muscles let go.",
                 "why: " + std::string(kMaxWhyLength + 1, 'b'));
  text = Replace(text, "title: Gentle neck side stretch",
                 "title: " + std::string(kMaxTitleLength + 1, 'c'));
  EXPECT_EQ(IssuesOf(text), (Expected{{"front_matter.summary", "too-long"},
                                      {"front_matter.title", "too-long"},
                                      {"front_matter.why", "too-long"}}));
}

TEST(LibraryContent, StretchNeedsARegionAndPracticeNeedsSteps) {
  std::string text = Replace(kValid, "regions: [neck, left_shoulder]", "regions: []");
  text = Replace(text, "1. Tip your ear towards your shoulder.\n2. Breathe.\n", "Just do it.\n");
  EXPECT_EQ(IssuesOf(text), (Expected{{"body", "no-steps"}, {"front_matter.regions", "too-few"}}));

  // Education needs neither.
  text = Replace(text, "type: stretch", "type: education");
  EXPECT_TRUE(Parse(text).has_value());
}

TEST(LibraryContent, BodyMustNotBeEmpty) {
  std::string text(kValid.substr(0, kValid.find("Sit tall.")));
  EXPECT_EQ(IssuesOf(text + "\n  \n"), (Expected{{"body", "empty"}}));
}

TEST(LibraryContent, OverdueReviewIsAWarning) {
  auto entry = Parse(Replace(kValid, "review_due: 2027-11-25", "review_due: 2026-11-24"));
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(PathsAndCodes(entry->warnings),
            (Expected{{"front_matter.review_due", "review-overdue"}}));

  // Alongside an error, the warning is listed too so nothing is hidden.
  std::string text = Replace(kValid, "review_due: 2027-11-25", "review_due: 2026-11-24");
  text = Replace(text, "level: gentle", "level: hard");
  EXPECT_EQ(IssuesOf(text), (Expected{{"front_matter.level", "invalid-value"},
                                      {"front_matter.review_due", "review-overdue"}}));
}

TEST(LibraryContent, PrecautionCodesIncludeSituations) {
  struct Situation {
    std::string code;
  };
  struct Precaution {
    std::string code;
    std::vector<Situation> situations;
  };
  const std::vector<Precaution> precautions = {{"pregnancy", {{"positioning"}, {"postnatal"}}},
                                               {"recent_surgery", {{"operation_site"}}}};
  EXPECT_EQ(PrecautionCodes(precautions),
            (CodeSet{"pregnancy", "pregnancy.positioning", "pregnancy.postnatal", "recent_surgery",
                     "recent_surgery.operation_site"}));
}

TEST(LibraryContent, LoadsTheShippedLibrary) {
  const auto root = assess::testing::RepositoryRoot();
  ASSERT_FALSE(root.empty());
  const auto content = root / "content";
  auto body_map = assess::LoadBodyMapRegions(content);
  ASSERT_TRUE(body_map.has_value());
  const auto regions = body_map->Codes();
  auto red_flags = assess::LoadRedFlagsContent(content, regions, kToday);
  ASSERT_TRUE(red_flags.has_value());

  const auto library =
      LoadLibrary(content, regions, PrecautionCodes(red_flags->precautions), kToday);
  for (const auto& problem : library.problems) {
    ADD_FAILURE() << problem.file << ": " << problem.issue.path << ": " << problem.issue.message
                  << " [" << problem.issue.code << "]";
  }
  EXPECT_GE(library.entries.size(), 20u);

  std::set<EntryType> types;
  std::set<std::string> covered;
  for (const auto& entry : library.entries) {
    types.insert(entry.type);
    covered.insert(entry.regions.begin(), entry.regions.end());
    EXPECT_EQ(library.Find(entry.slug), &entry);
  }
  EXPECT_EQ(types.size(), 6u) << "every type: stretch, breathing, relaxation, sleep, pacing, "
                                 "education";
  // The regions the clinic article names: neck, shoulders, jaw, lower back, hips.
  for (const char* region :
       {"neck", "jaw", "lower_back", "left_shoulder", "right_shoulder", "left_hip", "right_hip"}) {
    EXPECT_TRUE(covered.contains(region)) << region;
  }
  EXPECT_EQ(library.Find("no-such-entry"), nullptr);
}

TEST(LibraryContent, LoadReportsBadFilesAndAMissingFolder) {
  const auto dir = std::filesystem::temp_directory_path() / "unknot-library-test";
  std::filesystem::remove_all(dir);
  auto missing = LoadLibrary(dir, kRegions, kPrecautions, kToday);
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].issue.code, "missing-folder");

  std::filesystem::create_directories(dir / "library");
  auto write = [&](const std::string& name, std::string_view text) {
    std::ofstream(dir / "library" / name, std::ios::binary) << text;
  };
  write("README.md", "# Not an entry\n");
  write("neck-side-stretch.md", kValid);
  write("broken.md", "no front matter\n");
  auto library = LoadLibrary(dir, kRegions, kPrecautions, kToday);
  ASSERT_EQ(library.entries.size(), 1u);
  ASSERT_EQ(library.problems.size(), 1u);
  EXPECT_EQ(library.problems[0].file, "broken.md");
  EXPECT_EQ(library.problems[0].issue.code, "missing-front-matter");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace unknot::empower
