#include "unknot/assess/assess_content.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace unknot::assess {
namespace {

namespace fs = std::filesystem;

std::string FileIssuePath(const fs::path& file, std::string_view path) {
  return path.empty() ? file.string() : fmt::format("{}: {}", file.string(), path);
}

void AddIssues(std::vector<Issue>& out, const fs::path& file, const Error& error) {
  if (error.issues().empty()) {
    out.push_back({file.string(), "invalid-content", error.message()});
    return;
  }
  for (const Issue& issue : error.issues()) {
    out.push_back({FileIssuePath(file, issue.path), issue.code, issue.message});
  }
}

Result<std::string> ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Invalid({{file.string(), "unreadable", "The file cannot be read."}});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<Issue> ApplyLicensedText(Registry& registry, const fs::path& licensed_dir) {
  std::vector<Issue> issues;
  std::error_code ec;
  if (!fs::is_directory(licensed_dir, ec)) {
    issues.push_back({licensed_dir.string(), "missing-folder",
                      "The licensed content folder ([content] licensed_dir) does not exist."});
    return issues;
  }
  for (const auto& entry : fs::directory_iterator(licensed_dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    const std::string id = entry.path().stem().string();
    auto found = std::find_if(registry.instruments.begin(), registry.instruments.end(),
                              [&](const InstrumentDefinition& d) { return d.id == id; });
    if (found == registry.instruments.end()) {
      issues.push_back({entry.path().string(), "unknown-instrument",
                        fmt::format("No shipped instrument is called {}.", id)});
      continue;
    }
    auto text = ReadText(entry.path());
    if (!text) {
      AddIssues(issues, entry.path(), text.error());
      continue;
    }
    auto overlaid = OverlayText(*found, *text);
    if (!overlaid) {
      AddIssues(issues, entry.path(), overlaid.error());
      continue;
    }
    *found = std::move(*overlaid);
  }
  return issues;
}

Result<std::shared_ptr<const AssessContent>> LoadAssessContent(const fs::path& content_dir,
                                                               const fs::path& licensed_dir,
                                                               Instant now) {
  auto content = std::make_shared<AssessContent>();
  std::vector<Issue> issues;
  content->registry = LoadRegistry(content_dir / "instruments");
  for (const FileIssue& problem : content->registry.issues) {
    issues.push_back({FileIssuePath(problem.file, problem.issue.path), problem.issue.code,
                      problem.issue.message});
  }
  if (!licensed_dir.empty()) {
    for (Issue& issue : ApplyLicensedText(content->registry, licensed_dir)) {
      issues.push_back(std::move(issue));
    }
  }

  if (auto crisis = LoadCrisisContent(content_dir, kCrisisCountry, now)) {
    content->crisis = std::move(*crisis);
  } else {
    AddIssues(issues, content_dir / "crisis", crisis.error());
  }
  if (auto regions = LoadBodyMapRegions(content_dir)) {
    content->body_map = std::move(*regions);
    if (auto flags = LoadRedFlagsContent(content_dir, content->body_map.Codes(), now)) {
      content->red_flags = std::move(*flags);
    } else {
      AddIssues(issues, content_dir / "red_flags", flags.error());
    }
  } else {
    AddIssues(issues, content_dir / "body_map", regions.error());
  }
  if (auto techniques = treat::LoadTechniques(content_dir)) {
    content->techniques = std::move(*techniques);
  } else {
    AddIssues(issues, content_dir / treat::kTechniquesFile, techniques.error());
  }
  if (!issues.empty()) {
    return Error(ErrorCode::kInvalid,
                 fmt::format("The clinical content in {} is invalid (run `unknot content check`).",
                             content_dir.string()),
                 std::move(issues));
  }
  return std::shared_ptr<const AssessContent>(std::move(content));
}

}  // namespace unknot::assess
