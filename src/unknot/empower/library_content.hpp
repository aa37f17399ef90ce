// The self-care library (DESIGN E1): Markdown entries in content/library/,
// each with a small front matter block that says what the entry is, which
// body-map regions it is for, how long it takes and which precautions make it
// unsuitable or need care. Clinics add their own files next to ours.
//
// The front matter is a strict `key: value` format parsed here (no YAML
// library): schema in content/library/README.md. ParseLibraryEntry is pure;
// the results are immutable and safe to share between threads.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

inline constexpr int kLibrarySchemaVersion = 1;
// Longer text belongs in the body; the summary and "why" are shown in lists.
inline constexpr std::size_t kMaxTitleLength = 80;
inline constexpr std::size_t kMaxSummaryLength = 200;
inline constexpr std::size_t kMaxWhyLength = 400;
inline constexpr int kMaxDurationMinutes = 120;

enum class EntryType { kStretch, kBreathing, kRelaxation, kSleep, kPacing, kEducation };
enum class EntryLevel { kGentle, kModerate };

using CodeSet = std::set<std::string, std::less<>>;

struct LibraryEntry {
  int schema_version = 0;
  std::string slug;  // the file name without ".md"; stable, used in URLs and home programmes
  std::string title;
  EntryType type = EntryType::kEducation;
  std::vector<std::string> regions;  // body-map codes; empty: not about one place
  int duration_minutes = 0;
  EntryLevel level = EntryLevel::kGentle;
  // "recent_surgery" (any situation of that precaution) or "pregnancy.positioning"
  // (one situation): the patient's recorded precautions that make it unsuitable
  // or need care, so a clinician is warned before assigning it.
  std::vector<std::string> precautions;
  std::string summary;  // one plain sentence for lists
  std::string why;      // why it helps, in one or two sentences
  std::chrono::year_month_day review_due;
  std::vector<std::string> sources;  // optional, free text
  std::string body_markdown;         // everything after the front matter
  std::vector<Issue> warnings;       // review-overdue only
};

// Parses and validates one entry and reports every issue at once, with paths
// such as `front_matter.regions[1]` or `body`: a missing or unterminated front
// matter block, malformed lines, unknown or repeated keys, missing keys, wrong
// types, unknown type or level, region codes not in `region_codes`,
// precaution codes not in `precaution_codes` (see PrecautionCodes), repeated
// codes, a stretch with no region, texts too long, a slug that differs from
// `file_name`'s stem (empty `file_name` skips that check), a bad date, and a
// practice entry (stretch, breathing, relaxation) without numbered steps.
// A review_due before `now` is a "review-overdue" warning.
Result<LibraryEntry> ParseLibraryEntry(std::string_view text, std::string_view file_name,
                                       const CodeSet& region_codes, const CodeSet& precaution_codes,
                                       Instant now);

struct LibraryProblem {
  std::string file;  // the file name inside the library folder: "neck-side-stretch.md"
  Issue issue;
  bool warning = false;
};

struct Library {
  std::vector<LibraryEntry> entries;  // valid entries, sorted by slug
  std::vector<LibraryProblem> problems;

  const LibraryEntry* Find(std::string_view slug) const;
};

// Every content_dir/library/*.md except README.md. A file with errors is left
// out and its issues listed; a file with only warnings is kept and its
// warnings listed too. A missing folder is one problem (file "", code
// "missing-folder").
Library LoadLibrary(const std::filesystem::path& content_dir, const CodeSet& region_codes,
                    const CodeSet& precaution_codes, Instant now);

// The precaution references an entry may use, from the red-flags content's
// precautions: each precaution code and each "precaution.situation" pair.
template <class Precautions>
CodeSet PrecautionCodes(const Precautions& precautions) {
  CodeSet codes;
  for (const auto& precaution : precautions) {
    codes.insert(precaution.code);
    for (const auto& situation : precaution.situations) {
      codes.insert(precaution.code + "." + situation.code);
    }
  }
  return codes;
}

std::string_view ToString(EntryType type);
std::string_view ToString(EntryLevel level);

}  // namespace unknot::empower
