// Reads instrument definitions (content/instruments/*.json) into the typed
// model, checking every rule of the schema in content/instruments/README.md.
//
// Validation reports every problem at once, each with a JSON path such as
// `items[3].options[1].score`. ParseInstrument is pure; LoadRegistry reads a
// folder. The result is immutable and safe to share between threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/instrument_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr int kInstrumentSchemaVersion = 1;

// One definition from its JSON text. On failure the error lists every issue.
Result<InstrumentDefinition> ParseInstrument(std::string_view json_text);

// An issue found in one file of a folder.
struct FileIssue {
  std::string file;  // as given to LoadRegistry, joined with the file name
  Issue issue;
};

struct Registry {
  std::vector<InstrumentDefinition> instruments;
  std::vector<FileIssue> issues;  // empty when every file is valid

  const InstrumentDefinition* Find(std::string_view id) const;
};

// Every `*.json` in `dir` (not recursive). A file must be named `<id>.json`
// and ids must be unique. Invalid files are left out of `instruments` and
// reported in `issues`.
Registry LoadRegistry(const std::filesystem::path& dir);

// Puts licensed item text from a private content pack over a definition
// whose public file ships without it. The overlay is
// {"id", "version", "stem"?, "items": {"<linkId>": "text", …}}; it must name
// the same id and version and only known items.
Result<InstrumentDefinition> OverlayText(const InstrumentDefinition& definition,
                                         std::string_view overlay_json);

}  // namespace unknot::assess
