#include "unknot/empower/library_catalog.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>

#include "unknot/assess/content_json.hpp"

namespace unknot::empower {
namespace {

using namespace std::chrono;

const Instant kToday = assess::StartOfDay(2026y / November / 25d);
const CodeSet kRegions = {"neck", "lower_back"};
const CodeSet kPrecautions = {"recent_surgery"};

std::string Entry(std::string_view slug, std::string_view title, std::string_view region = "neck") {
  return fmt::format(R"(---
schema_version: 1
slug: {}
title: {}
type: stretch
regions: [{}]
duration_minutes: 3
level: gentle
precautions: []
summary: A slow stretch.
why: Slow movement helps.
review_due: 2027-11-25
---
1. Move slowly.
)",
                     slug, title, region);
}

Result<LibraryEntry> Parse(std::string_view text, std::string_view file_name) {
  return ParseLibraryEntry(text, file_name, kRegions, kPrecautions, kToday);
}

// The shipped defaults: neck-stretch and back-stretch.
struct Defaults {
  Library library;
  std::map<std::string, std::string, std::less<>> texts;
};

Defaults MakeDefaults() {
  Defaults out;
  for (const auto& [slug, title] :
       {std::pair{"back-stretch", "Back stretch"}, std::pair{"neck-stretch", "Neck stretch"}}) {
    const std::string text = Entry(slug, title);
    out.library.entries.push_back(Parse(text, std::string(slug) + ".md").value());
    out.texts.emplace(slug, text);
  }
  return out;
}

StoredLibraryEntry Row(std::string slug, std::int64_t version, std::optional<std::string> text) {
  return StoredLibraryEntry{.id = version,
                            .slug = std::move(slug),
                            .version = version,
                            .removed = !text.has_value(),
                            .markdown = std::move(text),
                            .updated_by = {"user-1", "Ada Admin"},
                            .updated_at = kToday};
}

ServedLibrary Overlay(const std::vector<StoredLibraryEntry>& rows) {
  static const Defaults defaults = MakeDefaults();
  return OverlayLibrary(defaults.library, defaults.texts, rows, &Parse);
}

std::vector<std::string> Slugs(const ServedLibrary& library) {
  std::vector<std::string> slugs;
  for (const auto& entry : library.library().entries) slugs.push_back(entry.slug);
  return slugs;
}

TEST(LibraryOverlay, WithNoRowsServesTheDefaultsAtVersionZero) {
  const ServedLibrary library = Overlay({});
  EXPECT_EQ(Slugs(library), (std::vector<std::string>{"back-stretch", "neck-stretch"}));
  const EntryOrigin* origin = library.Origin("neck-stretch");
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(origin->source, EntrySource::kDefault);
  EXPECT_EQ(origin->version, 0);
  EXPECT_EQ(origin->markdown, Entry("neck-stretch", "Neck stretch"));
  EXPECT_FALSE(origin->updated_by.has_value());
  EXPECT_EQ(library.StoredVersion("neck-stretch"), 0);

  const auto list = boost::json::parse(library.ListJson());
  const auto& first = list.at("items").at(0);
  EXPECT_EQ(first.at("source"), "default");
  EXPECT_EQ(first.at("version"), 0);
  EXPECT_EQ(first.at("review_due"), "2027-11-25");
  EXPECT_FALSE(first.as_object().contains("html"));
  ASSERT_NE(library.EntryJson("back-stretch"), nullptr);
  EXPECT_EQ(library.EntryJson("no-such"), nullptr);
}

TEST(LibraryOverlay, AClinicEntryReplacesTheDefaultAndANewSlugIsAdded) {
  const ServedLibrary library = Overlay({Row("neck-stretch", 2, Entry("neck-stretch", "Our neck")),
                                         Row("arm-circles", 1, Entry("arm-circles", "Arms"))});
  EXPECT_EQ(Slugs(library),
            (std::vector<std::string>{"arm-circles", "back-stretch", "neck-stretch"}));
  EXPECT_EQ(library.Find("neck-stretch")->title, "Our neck");
  const EntryOrigin* origin = library.Origin("neck-stretch");
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(origin->source, EntrySource::kClinic);
  EXPECT_EQ(origin->version, 2);
  EXPECT_EQ(origin->updated_by->name, "Ada Admin");
  const auto entry = boost::json::parse(*library.EntryJson("neck-stretch"));
  EXPECT_EQ(entry.at("title"), "Our neck");
  EXPECT_EQ(entry.at("source"), "clinic");
  EXPECT_EQ(entry.at("version"), 2);
  EXPECT_EQ(library.Origin("back-stretch")->source, EntrySource::kDefault);
}

TEST(LibraryOverlay, ARemovalShowsTheDefaultAgainOrTakesAClinicEntryOut) {
  const ServedLibrary library =
      Overlay({Row("neck-stretch", 3, std::nullopt), Row("arm-circles", 2, std::nullopt)});
  EXPECT_EQ(Slugs(library), (std::vector<std::string>{"back-stretch", "neck-stretch"}));
  EXPECT_EQ(library.Find("neck-stretch")->title, "Neck stretch");
  const EntryOrigin* origin = library.Origin("neck-stretch");
  EXPECT_EQ(origin->source, EntrySource::kDefault);
  EXPECT_EQ(origin->version, 3) << "the next save must name the removal's version";
  EXPECT_EQ(library.Origin("arm-circles"), nullptr);
  EXPECT_EQ(library.StoredVersion("arm-circles"), 2) << "a new entry continues the history";
}

TEST(LibraryOverlay, AStoredTextThatNoLongerParsesFallsBackToTheDefault) {
  // "jaw" is not a region any more: the clinic's text is left out, the default served.
  const ServedLibrary library =
      Overlay({Row("neck-stretch", 1, Entry("neck-stretch", "Our neck", "jaw")),
               Row("jaw-only", 1, Entry("jaw-only", "Jaw", "jaw"))});
  EXPECT_EQ(library.Find("neck-stretch")->title, "Neck stretch");
  EXPECT_EQ(library.Origin("neck-stretch")->version, 1);
  EXPECT_EQ(library.Find("jaw-only"), nullptr);
}

}  // namespace
}  // namespace unknot::empower
