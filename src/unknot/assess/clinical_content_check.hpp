// One check over all clinical content other than questionnaires: the body-map
// regions, every crisis file and the red flags and precautions (which must
// refer only to known regions). For `unknot content check` and CI.
//
// Reads files only; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "unknot/platform/clock.hpp"

namespace unknot::assess {

struct ContentProblem {
  std::string file;  // relative to the content folder: "crisis/gb.json"
  std::string path;  // JSON path inside the file; empty for the whole file
  std::string code;
  std::string message;
  bool warning = false;  // true only for "review-overdue"; the caller decides if it fails
};

// Every problem in content_dir/body_map/regions.json, content_dir/crisis/*.json
// (at least one file required) and content_dir/red_flags/red_flags.json, in
// that order. Empty when all is well. `now` decides which reviews are overdue.
std::vector<ContentProblem> CheckClinicalContent(const std::filesystem::path& content_dir,
                                                 Instant now);

}  // namespace unknot::assess
