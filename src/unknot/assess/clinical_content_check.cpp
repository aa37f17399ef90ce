#include "unknot/assess/clinical_content_check.hpp"

#include <algorithm>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/content_json.hpp"
#include "unknot/assess/crisis_content.hpp"
#include "unknot/assess/red_flags_content.hpp"

namespace unknot::assess {
namespace {

void AddIssues(std::vector<ContentProblem>& problems, const std::string& file,
               const std::vector<Issue>& issues) {
  for (const auto& issue : issues) {
    problems.push_back({file, issue.path, issue.code, issue.message, IsWarning(issue)});
  }
}

// Errors carry every issue; a success may still carry review warnings.
template <class T>
void Collect(std::vector<ContentProblem>& problems, const std::string& file,
             const Result<T>& result) {
  if (result) {
    AddIssues(problems, file, result->warnings);
  } else {
    const Error error = result.error();
    AddIssues(problems, file, error.issues());
  }
}

}  // namespace

std::vector<ContentProblem> CheckClinicalContent(const std::filesystem::path& content_dir,
                                                 Instant now) {
  std::vector<ContentProblem> problems;

  const std::string regions_file = "body_map/regions.json";
  auto regions = LoadBodyMapRegions(content_dir);
  Collect(problems, regions_file, regions);

  std::vector<std::filesystem::path> crisis_files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(content_dir / "crisis", ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      crisis_files.push_back(entry.path());
    }
  }
  std::sort(crisis_files.begin(), crisis_files.end());
  if (crisis_files.empty()) {
    problems.push_back({"crisis", "", "missing",
                        "There must be at least one crisis file, e.g. crisis/gb.json.", false});
  }
  for (const auto& path : crisis_files) {
    const std::string file = "crisis/" + path.filename().string();
    auto text = ReadContentFile(path);
    if (!text) {
      Collect(problems, file, Result<CrisisContent>(text.error()));
      continue;
    }
    Collect(problems, file, ParseCrisisContent(*text, path.filename().string(), now));
  }

  // With a broken region file, region references cannot be judged; the region
  // file's own problems are already reported, so skip them rather than flood.
  const std::string red_flags_file = "red_flags/red_flags.json";
  auto red_flags_text = ReadContentFile(content_dir / red_flags_file);
  if (!red_flags_text) {
    Collect(problems, red_flags_file, Result<RedFlagsContent>(red_flags_text.error()));
  } else {
    const auto codes = regions ? regions->Codes() : std::set<std::string, std::less<>>{};
    Collect(problems, red_flags_file,
            ParseRedFlagsContent(*red_flags_text, red_flags_file, regions ? &codes : nullptr, now));
  }
  return problems;
}

}  // namespace unknot::assess
