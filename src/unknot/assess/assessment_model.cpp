#include "unknot/assess/assessment_model.hpp"

namespace unknot::assess {

std::string_view ToString(AssessmentStatus status) {
  switch (status) {
    case AssessmentStatus::kSent: return "sent";
    case AssessmentStatus::kInProgress: return "in_progress";
    case AssessmentStatus::kCompleted: return "completed";
    case AssessmentStatus::kCancelled: return "cancelled";
  }
  return "sent";
}

std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view text) {
  for (const auto status : {AssessmentStatus::kSent, AssessmentStatus::kInProgress,
                            AssessmentStatus::kCompleted, AssessmentStatus::kCancelled}) {
    if (ToString(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace unknot::assess
