#include "unknot/insight/cycle_record.hpp"

namespace unknot::insight {

std::string_view ToString(Variable variable) {
  switch (variable) {
    case Variable::kPain: return "pain";
    case Variable::kStress: return "stress";
    case Variable::kMood: return "mood";
    case Variable::kSleep: return "sleep";
    case Variable::kTension: return "tension";
  }
  return "pain";
}

std::string_view ToString(Model model) {
  return model == Model::kM1 ? "M1" : "M2";
}

std::string_view ToString(Tier tier) {
  switch (tier) {
    case Tier::kInsufficient: return "insufficient";
    case Tier::kEarlyLook: return "early_look";
    case Tier::kStandard: return "standard";
    case Tier::kEstablished: return "established";
  }
  return "insufficient";
}

std::string_view ToString(Family family) {
  return family == Family::kPrimary ? "primary" : "exploratory";
}

std::string_view ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kClearPositive: return "clear_positive";
    case Verdict::kClearNegative: return "clear_negative";
    case Verdict::kUnclear: return "unclear";
    case Verdict::kNotShown: return "not_shown";
  }
  return "not_shown";
}

}  // namespace unknot::insight
