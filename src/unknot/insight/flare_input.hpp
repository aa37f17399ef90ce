// Check-ins from the Empower CSV export (empower/check_in_csv.hpp) as flare
// input days. Pure and thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/empower/check_in_csv.hpp"
#include "unknot/insight/flare.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::insight {

std::vector<FlareInputDay> ToFlareInput(const std::vector<empower::CsvCheckIn>& check_ins);

// Parses the CSV (every bad row adds its issues) and converts the good rows.
std::vector<FlareInputDay> ParseFlareInputCsv(std::string_view text,
                                              const assess::BodyMapRegions& body_map,
                                              IssueList& issues);

}  // namespace unknot::insight
