// Shared by the check-in unit tests: a small body map with known codes.
#pragma once

#include "unknot/assess/body_map_regions.hpp"

namespace unknot::empower::testing {

inline assess::BodyMapRegions SmallBodyMap() {
  assess::BodyMapRegions body_map;
  for (const char* code : {"neck", "lower_back", "left_knee"}) {
    body_map.regions.push_back({code, code, assess::BodyView::kBoth, std::nullopt, std::nullopt});
  }
  return body_map;
}

}  // namespace unknot::empower::testing
