#include "unknot/app/content_commands.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <ostream>

#include "unknot/platform/clock.hpp"

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/clinical_content_check.hpp"
#include "unknot/assess/content_json.hpp"
#include "unknot/assess/fhir_import.hpp"
#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/assess/scoring.hpp"
#include "unknot/empower/library_content.hpp"
#include "unknot/treat/techniques.hpp"

namespace unknot::app {
namespace {

// Answers typed on a command line are small; a deep document is a mistake.
constexpr std::size_t kMaxAnswersDepth = 8;

std::filesystem::path InstrumentDir(const std::filesystem::path& content_dir) {
  return content_dir / "instruments";
}

void PrintIssues(const std::vector<Issue>& issues, std::string_view prefix, std::ostream& err) {
  for (const auto& issue : issues) {
    err << prefix << (issue.path.empty() ? "(file)" : issue.path) << ": " << issue.message << " ["
        << issue.code << "]\n";
  }
}

// Writes `value` as JSON to `file`; false (with a message on `err`) when it cannot.
bool WriteJson(const std::filesystem::path& file, const boost::json::value& value,
               std::ostream& err) {
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  stream << boost::json::serialize(value) << "\n";
  if (stream.flush()) return true;
  err << "unknot: cannot write " << file.string() << "\n";
  return false;
}

struct IssueCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t entries = 0;
};

// content_dir/library/*.md against the body-map regions and the precautions.
// When either of those failed to load, their own errors are already counted,
// and the library cannot be checked against them.
IssueCounts CheckLibrary(const std::filesystem::path& content_dir, Instant now, std::ostream& err) {
  IssueCounts counts;
  const auto body_map = assess::LoadBodyMapRegions(content_dir);
  if (!body_map) {
    err << (content_dir / "library").string()
        << ": not checked, because the body-map regions have errors\n";
    return counts;
  }
  const auto regions = body_map->Codes();
  const auto red_flags = assess::LoadRedFlagsContent(content_dir, regions, now);
  if (!red_flags) {
    err << (content_dir / "library").string()
        << ": not checked, because the red flags and precautions have errors\n";
    return counts;
  }
  const auto library = empower::LoadLibrary(content_dir, regions,
                                            empower::PrecautionCodes(red_flags->precautions), now);
  for (const auto& problem : library.problems) {
    err << (content_dir / "library" / problem.file).string() << ": "
        << (problem.issue.path.empty() ? "(file)" : problem.issue.path) << ": "
        << problem.issue.message << " [" << problem.issue.code << "]"
        << (problem.warning ? " (warning)" : "") << "\n";
    ++(problem.warning ? counts.warnings : counts.errors);
  }
  counts.entries = library.entries.size();
  return counts;
}

}  // namespace

int ContentCheck(const std::filesystem::path& content_dir,
                 const std::filesystem::path& licensed_dir, std::ostream& out, std::ostream& err) {
  const auto dir = InstrumentDir(content_dir);
  if (!std::filesystem::is_directory(dir)) {
    err << dir.string() << ": no such folder\n";
    return 1;
  }
  std::size_t errors = 0;
  auto registry = assess::LoadRegistry(dir);
  for (const auto& [file, issue] : registry.issues) {
    err << file << ": " << (issue.path.empty() ? "(file)" : issue.path) << ": " << issue.message
        << " [" << issue.code << "]\n";
    ++errors;
  }
  if (!licensed_dir.empty()) {
    for (const Issue& issue : assess::ApplyLicensedText(registry, licensed_dir)) {
      err << issue.path << ": " << issue.message << " [" << issue.code << "]\n";
      ++errors;
    }
  }
  // An overdue review is reported but does not fail the check: the content is
  // still correct, and the UI shows its review date.
  const SystemClock clock;
  std::size_t warnings = 0;
  for (const auto& problem : assess::CheckClinicalContent(content_dir, clock.Now())) {
    err << (content_dir / problem.file).string() << ": "
        << (problem.path.empty() ? "(file)" : problem.path) << ": " << problem.message << " ["
        << problem.code << "]" << (problem.warning ? " (warning)" : "") << "\n";
    ++(problem.warning ? warnings : errors);
  }
  if (auto techniques = treat::LoadTechniques(content_dir); !techniques) {
    const Error error = techniques.error();
    const std::string file = (content_dir / treat::kTechniquesFile).string();
    PrintIssues(error.issues(), file + ": ", err);
    if (error.issues().empty()) err << file << ": " << error.message() << "\n";
    errors += std::max<std::size_t>(error.issues().size(), 1);
  }
  const auto library = CheckLibrary(content_dir, clock.Now(), err);
  errors += library.errors;
  warnings += library.warnings;
  if (errors > 0) {
    err << errors << " issue(s) in " << content_dir.string() << "\n";
    return 1;
  }
  out << "content ok: " << registry.instruments.size() << " instrument(s), " << library.entries
      << " library entries and the clinical content in " << content_dir.string()
      << (warnings > 0 ? " (with warnings)" : "") << "\n";
  return 0;
}

int InstrumentScore(const std::filesystem::path& content_dir, const std::string& instrument_id,
                    const std::string& answers_json, std::ostream& out, std::ostream& err) {
  const auto registry = assess::LoadRegistry(InstrumentDir(content_dir));
  const auto* definition = registry.Find(instrument_id);
  if (definition == nullptr) {
    err << "unknot: no valid instrument " << instrument_id << " in "
        << InstrumentDir(content_dir).string() << " (run `unknot content check`)\n";
    return 2;
  }
  boost::json::parse_options options;
  options.max_depth = kMaxAnswersDepth;
  boost::system::error_code ec;
  const auto answers = boost::json::parse(answers_json, ec, {}, options);
  if (ec) {
    err << "unknot: --answers is not valid JSON\n";
    return 2;
  }
  const auto result = assess::Score(*definition, answers);
  out << boost::json::serialize(assess::ToJson(result)) << "\n";
  return result.issues.empty() ? 0 : 1;
}

int InstrumentImport(const InstrumentImportOptions& options, std::ostream& out, std::ostream& err) {
  const auto text = assess::ReadContentFile(options.file);
  if (!text) {
    err << "unknot: cannot read " << options.file.string() << "\n";
    return 2;
  }
  const auto imported = assess::ImportFhirQuestionnaire(*text, {.id = options.id});
  if (!imported) {
    const auto error = imported.error();
    PrintIssues(error.issues(), options.file.string() + ": ", err);
    return 2;
  }
  // Notes go to `err` so that `out` stays a clean JSON document for a redirect.
  PrintIssues(imported->unmapped, "not mapped: ", err);
  if (options.text_out && !imported->text_overlay.empty() &&
      !WriteJson(*options.text_out, imported->text_overlay, err)) {
    return 2;
  }
  if (options.out) return WriteJson(*options.out, imported->json, err) ? 0 : 2;
  out << boost::json::serialize(imported->json) << "\n";
  return 0;
}

}  // namespace unknot::app
