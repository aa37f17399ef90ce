// The content subcommands of `unknot`, for clinics, researchers and CI:
//
//   unknot content check [--content DIR] [--licensed DIR]
//       Validates every content file (instruments, crisis lines, red flags
//       and precautions, body-map regions, the self-care library, and any
//       licensed-text overlays) and prints each issue as `file: path:
//       message`. Exit 0 when all is well (overdue reviews are warnings), 1
//       when any issue was found.
//   unknot instrument score ID --answers JSON [--content DIR]
//       Scores one answer set and prints the result as JSON. Exit 0 when the
//       answers had no issues, 1 when the result lists issues (it is still
//       printed), 2 when the instrument or the answers cannot be read.
//   unknot instrument import FILE [--id ID] [--out PATH] [--text-out PATH]
//       Turns a FHIR R4 Questionnaire (LOINC form style) into an instrument
//       definition and prints it as JSON, or writes it to --out. Item text
//       goes to --text-out as a text overlay (the licence is unconfirmed).
//       What could not be mapped is listed on `err`. Exit 0 when imported,
//       2 when the file cannot be read or is not an importable Questionnaire.
//
// Each returns the process exit code and writes results to `out`, errors to
// `err`. Neither touches the database.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace unknot::app {

// With `licensed_dir` (not empty), the clinic's licensed-text overlays are checked too.
int ContentCheck(const std::filesystem::path& content_dir,
                 const std::filesystem::path& licensed_dir, std::ostream& out, std::ostream& err);

int InstrumentScore(const std::filesystem::path& content_dir, const std::string& instrument_id,
                    const std::string& answers_json, std::ostream& out, std::ostream& err);

struct InstrumentImportOptions {
  std::filesystem::path file;
  std::optional<std::string> id;
  std::optional<std::filesystem::path> out;
  std::optional<std::filesystem::path> text_out;
};

int InstrumentImport(const InstrumentImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace unknot::app
