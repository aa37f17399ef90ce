// The research subcommands of `unknot` (Insight, DESIGN §2 I1–I5). Each reads
// files only (no configuration, no database), prints to `out`, reports
// problems on `err` and returns the process exit code: 0 done, 2 the input
// could not be read.
//
//   unknot insight cycle --csv FILE [--json] [--content DIR]
//       The stress–pain cycle records (analytics_methods §3.6) for every pair,
//       models M1 and M2, from a check-in CSV (the Empower export format).
//   unknot insight flares --csv FILE [--json] [--content DIR]
//       The flare episodes of §3.10 from the same CSV. (Both read the body-map
//       regions from the content folder to check the CSV's regions.)
//   unknot insight outcomes --csv FILE [--json] [--content DIR]
//       Outcome change per patient and instrument over exported scores.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace unknot::app {

struct InsightOptions {
  std::filesystem::path csv;
  bool json = false;
  std::filesystem::path content_dir = "content";
};

int InsightCycle(const InsightOptions& options, std::ostream& out, std::ostream& err);
int InsightFlares(const InsightOptions& options, std::ostream& out, std::ostream& err);
int InsightOutcomes(const InsightOptions& options, std::ostream& out, std::ostream& err);

}  // namespace unknot::app
