#include "unknot/assess/outcome_change.hpp"

#include <boost/json.hpp>

#include <cmath>

#include "unknot/assess/record_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

// Scores such as 30% of 6.6… carry binary rounding noise; a threshold met to
// within this much is met.
constexpr double kTolerance = 1e-9;

bool AtLeast(double value, double threshold) {
  return value + kTolerance >= threshold;
}

std::optional<McidResult> Mcid(const ChangeParameters& change, double previous,
                               double improvement) {
  if (change.mcid.empty()) return std::nullopt;
  McidResult out;
  out.label = change.mcid.front().label;
  for (const auto& entry : change.mcid) {
    if (entry.label != out.label) continue;
    if (!out.threshold_points && entry.points) out.threshold_points = entry.points;
    if (!out.threshold_percent && entry.percent) out.threshold_percent = entry.percent;
  }
  const bool percent_applies = out.threshold_percent && previous != 0;
  if (!out.threshold_points && !percent_applies) return out;
  bool met = out.threshold_points && AtLeast(improvement, *out.threshold_points);
  if (percent_applies) {
    met = met || AtLeast(improvement, *out.threshold_percent / 100 * std::abs(previous));
  }
  out.met = met;
  return out;
}

}  // namespace

std::optional<double> ReliableChangeThreshold(const ReliableChange& reliable) {
  if (reliable.threshold) return reliable.threshold;
  if (!reliable.sd_baseline || !reliable.reliability) return std::nullopt;
  const double r = *reliable.reliability;
  if (r < 0 || r > 1 || *reliable.sd_baseline < 0) return std::nullopt;
  return 1.96 * *reliable.sd_baseline * std::sqrt(2.0) * std::sqrt(1 - r);
}

std::optional<OutcomeChange> CompareResponses(const ChangeParameters& change,
                                              const ScoredResponse& previous,
                                              const ScoredResponse& current) {
  if (!previous.total || !current.total) return std::nullopt;
  if (previous.instrument_version != current.instrument_version) return std::nullopt;
  if (previous.recall_period != current.recall_period) return std::nullopt;

  OutcomeChange out;
  out.previous_response_id = previous.response_id;
  out.previous_total = *previous.total;
  out.difference = *current.total - *previous.total;
  const bool higher_is_better = change.direction == "higher_is_better";
  const double improvement = higher_is_better ? out.difference : -out.difference;
  if (std::abs(out.difference) <= kTolerance) {
    out.direction = ChangeDirection::kSame;
  } else {
    out.direction = improvement > 0 ? ChangeDirection::kBetter : ChangeDirection::kWorse;
  }
  out.mcid = Mcid(change, *previous.total, improvement);
  if (change.reliable_change) {
    if (const auto threshold = ReliableChangeThreshold(*change.reliable_change)) {
      ReliableResult reliable{*threshold, ReliableCategory::kNoChange};
      if (AtLeast(std::abs(out.difference), *threshold) &&
          out.direction != ChangeDirection::kSame) {
        reliable.category = out.direction == ChangeDirection::kBetter
                                ? ReliableCategory::kImprovement
                                : ReliableCategory::kDeterioration;
      }
      out.reliable_change = reliable;
    }
  }
  return out;
}

std::string_view ToString(ChangeDirection direction) {
  switch (direction) {
    case ChangeDirection::kBetter: return "better";
    case ChangeDirection::kWorse: return "worse";
    case ChangeDirection::kSame: return "same";
  }
  return "same";
}

std::string_view ToString(ReliableCategory category) {
  switch (category) {
    case ReliableCategory::kImprovement: return "reliable_improvement";
    case ReliableCategory::kNoChange: return "no_reliable_change";
    case ReliableCategory::kDeterioration: return "reliable_deterioration";
  }
  return "no_reliable_change";
}

json::value ToJson(const std::optional<OutcomeChange>& change) {
  if (!change) return nullptr;
  json::value mcid = nullptr;
  if (change->mcid) {
    const McidResult& m = *change->mcid;
    mcid = json::object{
        {"threshold_points", JsonNumber(m.threshold_points)},
        {"threshold_percent", JsonNumber(m.threshold_percent)},
        {"met", m.met ? json::value(*m.met) : json::value(nullptr)},
        {"label", m.label ? json::value(*m.label) : json::value(nullptr)},
    };
  }
  json::value reliable = nullptr;
  if (change->reliable_change) {
    reliable = json::object{{"threshold", JsonNumber(change->reliable_change->threshold)},
                            {"category", ToString(change->reliable_change->category)}};
  }
  return json::object{
      {"previous_response_id", change->previous_response_id},
      {"previous_total", JsonNumber(change->previous_total)},
      {"difference", JsonNumber(change->difference)},
      {"direction", ToString(change->direction)},
      {"mcid", std::move(mcid)},
      {"reliable_change", std::move(reliable)},
  };
}

}  // namespace unknot::assess
