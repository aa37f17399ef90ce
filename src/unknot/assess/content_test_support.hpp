// Shared by the content tests: where the repository's content is, and issues
// as sorted (path, code) pairs, so a test states every expected problem at
// once, order-free.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::assess::testing {

// Tests run from the build folder or the repository; walk up to the folder
// that holds content/instruments (empty when there is none).
inline std::filesystem::path RepositoryRoot() {
  for (auto dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::is_directory(dir / "content" / "instruments")) return dir;
    if (dir == dir.root_path()) break;
  }
  return {};
}

using Expected = std::vector<std::pair<std::string, std::string>>;  // path, code

inline Expected PathsAndCodes(const std::vector<Issue>& issues) {
  Expected out;
  for (const auto& issue : issues) out.emplace_back(issue.path, issue.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace unknot::assess::testing
