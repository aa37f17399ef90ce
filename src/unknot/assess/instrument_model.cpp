#include "unknot/assess/instrument_model.hpp"

#include <algorithm>

namespace unknot::assess {

double Item::LowestScore() const {
  if (type == ItemType::kInteger) return min;
  if (options.empty()) return 0;
  return std::min_element(options.begin(), options.end(),
                          [](const auto& a, const auto& b) { return a.score < b.score; })
      ->score;
}

double Item::HighestScore() const {
  if (type == ItemType::kInteger) return max;
  if (options.empty()) return 0;
  return std::max_element(options.begin(), options.end(),
                          [](const auto& a, const auto& b) { return a.score < b.score; })
      ->score;
}

const Item* InstrumentDefinition::FindItem(std::string_view link_id) const {
  for (const auto& item : items) {
    if (item.link_id == link_id) return &item;
  }
  return nullptr;
}

const Scale* InstrumentDefinition::FindScale(std::string_view scale_id) const {
  if (total.id == scale_id) return &total;
  for (const auto& scale : subscales) {
    if (scale.id == scale_id) return &scale;
  }
  return nullptr;
}

std::string_view ToString(AlertKind kind) {
  switch (kind) {
    case AlertKind::kSafety: return "safety";
    case AlertKind::kScreenPositive: return "screen_positive";
    case AlertKind::kInfo: return "info";
  }
  return "info";
}

}  // namespace unknot::assess
