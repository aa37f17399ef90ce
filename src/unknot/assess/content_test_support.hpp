// Shared by the content parsers' tests: issues as sorted (path, code) pairs,
// so a test states every expected problem at once, order-free.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::assess::testing {

using Expected = std::vector<std::pair<std::string, std::string>>;  // path, code

inline Expected PathsAndCodes(const std::vector<Issue>& issues) {
  Expected out;
  for (const auto& issue : issues) out.emplace_back(issue.path, issue.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace unknot::assess::testing
