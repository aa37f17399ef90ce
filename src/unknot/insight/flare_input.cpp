#include "unknot/insight/flare_input.hpp"

namespace unknot::insight {

std::vector<FlareInputDay> ToFlareInput(const std::vector<empower::CsvCheckIn>& check_ins) {
  std::vector<FlareInputDay> out;
  out.reserve(check_ins.size());
  for (const auto& row : check_ins) {
    const auto& v = row.values;
    out.push_back({std::chrono::sys_days(row.date), v.pain, v.stress, v.mood, v.sleep, v.flare,
                   v.regions, v.note});
  }
  return out;
}

std::vector<FlareInputDay> ParseFlareInputCsv(std::string_view text,
                                              const assess::BodyMapRegions& body_map,
                                              IssueList& issues) {
  return ToFlareInput(empower::ParseCheckInsCsv(text, body_map, issues));
}

}  // namespace unknot::insight
