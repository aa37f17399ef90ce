// Everything the Assess routes read from content/: the instrument registry
// (with any licensed item text overlaid), the crisis-support panel, the red
// flags and precautions, and the body-map regions; plus the treatment
// techniques session notes record (Treat), loaded with them so that a broken
// file stops start-up the same way.
//
// Loaded once at start-up; immutable afterwards, so one instance is shared by
// every worker thread.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/crisis_content.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"
#include "unknot/treat/techniques.hpp"

namespace unknot::assess {

// The crisis panel shown to patients; the only country shipped so far.
inline constexpr std::string_view kCrisisCountry = "GB";

struct AssessContent {
  Registry registry;
  CrisisContent crisis;
  RedFlagsContent red_flags;
  BodyMapRegions body_map;
  treat::Techniques techniques;  // content/techniques.json, for session notes (Treat)
};

// Lays every `<licensed_dir>/<instrument id>.json` over its instrument in
// `registry` and returns the issues of the files that could not be applied
// (each path prefixed by its file; those instruments stay as they were).
std::vector<Issue> ApplyLicensedText(Registry& registry, const std::filesystem::path& licensed_dir);

// Reads content_dir and, when licensed_dir is not empty, overlays every
// `<licensed_dir>/<instrument id>.json` onto its instrument. Any invalid file
// (or an overlay for an unknown instrument) fails the whole load with every
// issue listed, each path prefixed by its file: a server must not start with
// half its clinical content. Overdue reviews stay warnings.
Result<std::shared_ptr<const AssessContent>> LoadAssessContent(
    const std::filesystem::path& content_dir, const std::filesystem::path& licensed_dir,
    Instant now);

}  // namespace unknot::assess
