// The treatment techniques a session note can record (content/techniques.json;
// DESIGN §2 T2: "techniques from a configurable list"). A clinic edits the
// file; `unknot content check` validates it and the server refuses to start
// with a broken one (it is loaded with the clinical content).
//
// File shape (schema version 1):
//   {"schema_version": 1, "techniques": [{"code": "massage", "label": "Massage"}, …]}
// Codes are lower-case [a-z0-9_-], unique and stable (stored notes keep them);
// labels are plain English, at most 100 characters. At least one technique.
//
// ParseTechniques is pure; the result is immutable and safe to share between
// threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::treat {

inline constexpr int kTechniquesSchemaVersion = 1;
inline constexpr std::size_t kMaxTechniqueLabelLength = 100;

struct Technique {
  std::string code;
  std::string label;
};

struct Techniques {
  std::vector<Technique> items;  // in file order, which is the order the web lists them
  std::vector<Issue> warnings;   // none so far; kept for FinishContent

  const Technique* Find(std::string_view code) const;
};

// Every issue at once, with JSON paths such as `techniques[3].code`: malformed
// JSON, unknown members, a wrong schema version, no techniques, missing or
// invalid codes, duplicate codes, missing or too-long labels.
Result<Techniques> ParseTechniques(std::string_view json_text);

// content_dir/techniques.json.
Result<Techniques> LoadTechniques(const std::filesystem::path& content_dir);

// The file's name inside the content folder.
inline constexpr std::string_view kTechniquesFile = "techniques.json";

}  // namespace unknot::treat
