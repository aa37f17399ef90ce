// Shared by the clinical-record tests: the repository's own content, loaded
// once, so the rules are tested against the checklist that actually ships.
#pragma once

#include <gtest/gtest.h>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/content_test_support.hpp"

namespace unknot::assess::testing {

inline const AssessContent& ShippedContent() {
  static const std::shared_ptr<const AssessContent> content = [] {
    auto loaded = LoadAssessContent(RepositoryRoot() / "content", {}, SystemClock().Now());
    if (!loaded) throw std::runtime_error("content/ does not load: " + loaded.error().message());
    return *loaded;
  }();
  return *content;
}

}  // namespace unknot::assess::testing
