#include "unknot/app/insight_commands.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <cmath>
#include <fstream>
#include <ostream>
#include <sstream>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/insight/flare.hpp"
#include "unknot/insight/flare_input.hpp"
#include "unknot/insight/outcome.hpp"
#include "unknot/insight/wording.hpp"

namespace unknot::app {
namespace {

namespace json = boost::json;

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every issue, one per line; true when there were any.
bool ReportIssues(std::string_view command, const std::filesystem::path& file, IssueList& issues,
                  std::ostream& err) {
  if (issues.empty()) return false;
  for (const Issue& issue : issues.Take()) {
    err << fmt::format("{}: {}: {}: {} [{}]\n", command, file.string(), issue.path, issue.message,
                       issue.code);
  }
  return true;
}

std::string Opt(const std::optional<double>& v, int decimals = 1) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "-";
}

std::string Rate(const insight::Proportion& p) {
  if (p.denominator == 0) return "-";
  if (p.suppressed) return fmt::format("{}/{} (n<10)", p.count, p.denominator);
  // The interval is rounded outward (analytics_methods §3.7).
  return fmt::format("{}/{} = {:.0f}% ({:.0f}–{:.0f})", p.count, p.denominator, 100 * *p.proportion,
                     std::floor(100 * *p.ci_low + 1e-9), std::ceil(100 * *p.ci_high - 1e-9));
}

}  // namespace

int InsightFlares(const InsightOptions& options, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kCommand = "unknot insight flares";
  const auto text = ReadFile(options.csv);
  if (!text) {
    err << fmt::format("{}: cannot read {}\n", kCommand, options.csv.string());
    return 2;
  }
  const auto body_map = assess::LoadBodyMapRegions(options.content_dir);
  if (!body_map) {
    err << fmt::format("{}: cannot load the body map from {}: {}\n", kCommand,
                       options.content_dir.string(), body_map.error().message());
    return 2;
  }
  IssueList issues;
  auto input = insight::ParseFlareInputCsv(*text, *body_map, issues);
  // A dropped row would change every baseline after it: refuse instead.
  if (ReportIssues(kCommand, options.csv, issues, err)) return 2;

  const insight::FlareAnalysis analysis = insight::DetectFlares(std::move(input));
  if (options.json) {
    json::value doc = insight::ToJson(analysis, true);
    auto& episodes = doc.as_object()["episodes"].as_array();
    for (std::size_t i = 0; i < analysis.episodes.size(); ++i) {
      const auto& e = analysis.episodes[i];
      auto& o = episodes[i].as_object();
      o["title_patient"] = insight::FlarePatientTitle(e);
      o["message_patient"] = insight::FlarePatientSentence(e);
      o["message_clinician"] = insight::FlareClinicianLine(e);
    }
    doc.as_object()["software_version"] = UNKNOT_VERSION;
    out << json::serialize(doc) << "\n";
    return 0;
  }
  std::string established = "never (fewer than 14 rated days in any 28)";
  if (analysis.baseline_established_from) {
    const std::chrono::year_month_day ymd(*analysis.baseline_established_from);
    established = fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                              unsigned(ymd.day()));
  }
  out << fmt::format("{} days, {} episodes; personal baseline from {}\n", analysis.days.size(),
                     analysis.episodes.size(), established);
  for (const auto& e : analysis.episodes) out << insight::FlareClinicianLine(e) << "\n";
  const auto& c = analysis.concordance;
  out << fmt::format(
      "Self-reported flare days: {} ({} inside an episode); episode days: {} ({} answered, {} "
      "yes)\n",
      c.self_report_yes_days, c.self_report_yes_in_episode, c.episode_days, c.episode_days_answered,
      c.episode_days_with_yes);
  return 0;
}

int InsightOutcomes(const InsightOptions& options, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kCommand = "unknot insight outcomes";
  const auto text = ReadFile(options.csv);
  if (!text) {
    err << fmt::format("{}: cannot read {}\n", kCommand, options.csv.string());
    return 2;
  }
  const assess::Registry registry = assess::LoadRegistry(options.content_dir / "instruments");
  for (const auto& problem : registry.issues) {
    err << fmt::format("{}: {}: {}: {} [{}]\n", kCommand, problem.file, problem.issue.path,
                       problem.issue.message, problem.issue.code);
  }
  if (!registry.issues.empty() || registry.instruments.empty()) {
    err << fmt::format("{}: no valid instrument definitions in {}\n", kCommand,
                       (options.content_dir / "instruments").string());
    return 2;
  }
  IssueList issues;
  const auto rows = insight::ParseScoresCsv(*text, issues);
  if (ReportIssues(kCommand, options.csv, issues, err)) return 2;
  const insight::OutcomeReport report = insight::AnalyseOutcomes(rows, registry, issues);
  if (ReportIssues(kCommand, options.csv, issues, err)) return 2;

  if (options.json) {
    json::value doc = insight::ToJson(report);
    doc.as_object()["software_version"] = UNKNOT_VERSION;
    out << json::serialize(doc) << "\n";
    return 0;
  }
  out << "patient  instrument  version  recall  baseline  follow-up  days  category\n";
  for (const auto& p : report.patients) {
    out << fmt::format("{}  {}  {}  {}  {}  {}  {}  {}\n", p.patient, p.instrument,
                       p.instrument_version, p.recall.empty() ? "-" : p.recall, p.baseline_score,
                       Opt(p.follow_up_score, 0), p.follow_up_days ? *p.follow_up_days : 0,
                       insight::ToString(p.category));
  }
  for (const auto& s : report.instruments) {
    out << fmt::format(
        "\n{} {} ({}): baseline {}, follow-up {}, in week 12±2 window {}\n"
        "  recovered {}; improved {}; no reliable change {}; deteriorated {}\n"
        "  MCID responders {}; mean change {} (95% CI {} to {})\n",
        s.instrument, s.instrument_version, s.recall.empty() ? "-" : s.recall, s.with_baseline,
        s.with_follow_up, s.in_protocol_window, Rate(s.recovered), Rate(s.improved),
        Rate(s.no_reliable_change), Rate(s.deteriorated), Rate(s.mcid_responders),
        Opt(s.change.mean), Opt(s.change.ci_low), Opt(s.change.ci_high));
  }
  const auto& ps = report.pain_summary;
  if (ps.with_baseline > 0) {
    out << fmt::format(
        "\ndaily pain (weekly means): baseline {}, follow-up {}; 30% responders {}; 50% "
        "responders {}; 2-point {}\n",
        ps.with_baseline, ps.with_follow_up, Rate(ps.responder_30), Rate(ps.responder_50),
        Rate(ps.mcid_2pt));
  }
  return 0;
}

}  // namespace unknot::app
