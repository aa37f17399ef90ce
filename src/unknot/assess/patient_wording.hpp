// Words that patient-facing text must not use, shared by every wording test
// (assess/formulation_test.cpp, insight/wording_test.cpp) so there is one list
// of each, not copies.
//
// - kPlainLanguageBannedWords (DESIGN §11): words that turn a person into a case.
// - kCausalBannedPhrases (analytics_methods.md §3.9): words that claim a cause
//   from patterns in the person's own records.
//
// Matching is case-insensitive and by substring, so "fail" also catches
// "failed" and "impact" catches "impacts". Header-only; constants only.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace unknot::assess {

inline constexpr std::array<std::string_view, 6> kPlainLanguageBannedWords = {
    "risk", "score", "severe", "disorder", "abnormal", "fail"};

inline constexpr std::array<std::string_view, 8> kCausalBannedPhrases = {
    "causes",    "triggers", "leads to", "impact",
    "effect of", "because",  "proves",   "predicts you will"};

// The entries of `list` that occur in `text` (case-insensitive).
template <std::size_t N>
std::vector<std::string> FindBannedWords(std::string_view text,
                                         const std::array<std::string_view, N>& list) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::vector<std::string> found;
  for (const auto word : list) {
    if (lower.find(word) != std::string::npos) found.emplace_back(word);
  }
  return found;
}

}  // namespace unknot::assess
