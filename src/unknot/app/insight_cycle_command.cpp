// `unknot insight cycle --csv FILE [--json]`: the §3.6 records of every pair
// (20 lagged M1, 6 same-day M2) for one patient's check-in CSV.
#include <fmt/format.h>

#include <boost/json.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include "unknot/app/insight_commands.hpp"
#include "unknot/assess/body_map_regions.hpp"
#include "unknot/empower/check_in_csv.hpp"
#include "unknot/insight/cycle.hpp"
#include "unknot/insight/cycle_json.hpp"
#include "unknot/insight/wording.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::app {
namespace {

constexpr std::string_view kCommand = "unknot insight cycle";

std::string Cell(const std::optional<double>& v, int decimals = 2) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "-";
}

std::string PValue(const std::optional<double>& v) {
  return v ? insight::TwoSignificant(*v) : "-";
}

void PrintTable(const insight::CycleRun& run, std::ostream& out) {
  out << fmt::format("Window {} to {} ({} calendar days), compliance {:.0f}%, late {:.0f}%\n",
                     run.window_start.empty() ? "-" : run.window_start,
                     run.window_end.empty() ? "-" : run.window_end, run.n_calendar_days,
                     run.records.empty() ? 0.0 : run.records[0].compliance_pct,
                     run.records.empty() ? 0.0 : run.records[0].late_entries_pct);
  out << fmt::format("{:<6}{:<18}{:>5}  {:<13}{:>7}  {:<16}{:>9}{:>9}  {:<12}{}\n", "model", "pair",
                     "n", "tier", "coef", "95% CI", "p", "q", "family", "verdict");
  for (const auto& r : run.records) {
    const std::string pair =
        fmt::format("{}{}{}", insight::ToString(r.x), r.model == insight::Model::kM1 ? "->" : "~",
                    insight::ToString(r.y));
    const std::string ci =
        r.ci_low ? fmt::format("{} to {}", Cell(r.ci_low), Cell(r.ci_high)) : "-";
    std::string verdict(insight::ToString(r.verdict));
    if (!r.eligible) verdict += fmt::format(" ({})", r.ineligible_reason);
    out << fmt::format("{:<6}{:<18}{:>5}  {:<13}{:>7}  {:<16}{:>9}{:>9}  {:<12}{}\n",
                       insight::ToString(r.model), pair, r.n_pairs, insight::ToString(r.tier),
                       Cell(r.coef_c), ci, PValue(r.p), PValue(r.q_bh), insight::ToString(r.family),
                       verdict);
  }
}

}  // namespace

int InsightCycle(const InsightOptions& options, std::ostream& out, std::ostream& err) {
  std::ifstream in(options.csv, std::ios::binary);
  if (!in) {
    err << fmt::format("{}: cannot read {}\n", kCommand, options.csv.string());
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Region codes are validated by the CSV reader, so it needs the body map.
  const auto body_map = assess::LoadBodyMapRegions(options.content_dir);
  if (!body_map) {
    err << fmt::format("{}: cannot load the body map from {}: {}\n", kCommand,
                       options.content_dir.string(), body_map.error().message());
    return 2;
  }
  IssueList issues;
  const auto rows = empower::ParseCheckInsCsv(text.str(), *body_map, issues);
  // A dropped row would silently change every lag pair around it: refuse.
  if (!issues.empty()) {
    for (const Issue& issue : issues.Take()) {
      err << fmt::format("{}: {}: {}: {} [{}]\n", kCommand, options.csv.string(), issue.path,
                         issue.message, issue.code);
    }
    return 2;
  }
  std::vector<insight::CycleCheckIn> check_ins;
  check_ins.reserve(rows.size());
  for (const auto& row : rows) check_ins.push_back(insight::FromCsv(row));

  insight::CycleOptions cycle_options;
  cycle_options.run_id = NewUuid();
  cycle_options.computed_at = FormatInstant(SystemClock().Now());
  insight::CycleRun run = insight::AnalyseCycle(check_ins, cycle_options);
  for (auto& record : run.records) insight::ApplyWording(record);

  if (options.json) {
    out << boost::json::serialize(insight::ToJson(run.records)) << "\n";
  } else {
    PrintTable(run, out);
  }
  return 0;
}

}  // namespace unknot::app
