#include "unknot/assess/scoring.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "unknot/assess/record_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

// A text answer longer than this is refused rather than stored.
constexpr std::size_t kMaxTextAnswer = 500;

struct ValidAnswers {
  std::map<std::string, double> scores;  // scored items only, after reverse scoring
  std::set<std::string> answered;        // every validly answered item
};

class AnswerReader final {
 public:
  AnswerReader(const InstrumentDefinition& definition, std::vector<Issue>& issues)
      : definition_(definition), issues_(issues) {}

  ValidAnswers Read(const json::value& answers) {
    if (answers.is_array()) {
      const auto& array = answers.as_array();
      for (std::size_t i = 0; i < array.size(); ++i) {
        const auto path = fmt::format("answers[{}]", i);
        const auto* entry = array[i].if_object();
        const auto* link_id = entry ? entry->if_contains("linkId") : nullptr;
        if (link_id == nullptr || !link_id->is_string()) {
          Add(path, "wrong-type", "Each answer is an object with a string linkId and a value.");
          continue;
        }
        const auto* value = entry->if_contains("value");
        static const json::value kNull;
        Take(std::string(link_id->as_string()), value ? *value : kNull, path + ".linkId",
             path + ".value");
      }
    } else if (answers.is_object()) {
      for (const auto& entry : answers.as_object()) {
        const auto path = fmt::format("answers.{}", std::string_view(entry.key()));
        Take(std::string(entry.key()), entry.value(), path, path);
      }
    } else {
      Add("answers", "wrong-type", "Answers are a JSON array or object.");
    }
    // A duplicated answer is ambiguous, so neither copy counts.
    for (const auto& link_id : duplicated_) {
      valid_.scores.erase(link_id);
      valid_.answered.erase(link_id);
    }
    CheckDependencies();
    return std::move(valid_);
  }

 private:
  void Add(std::string path, std::string code, std::string message) {
    issues_.push_back({std::move(path), std::move(code), std::move(message)});
  }

  void Take(const std::string& link_id, const json::value& value, const std::string& id_path,
            const std::string& value_path) {
    const auto* item = definition_.FindItem(link_id);
    if (item == nullptr) {
      Add(id_path, "unknown-item", fmt::format("{} has no item {}.", definition_.id, link_id));
      return;
    }
    if (!seen_.insert(link_id).second) {
      Add(id_path, "duplicate-answer", fmt::format("Item {} is answered more than once.", link_id));
      duplicated_.insert(link_id);
      return;
    }
    if (value.is_null()) return;
    const auto score = ItemScore(*item, value, value_path);
    if (!score) return;
    valid_.answered.insert(link_id);
    if (item->scored) {
      valid_.scores[link_id] =
          item->reverse ? item->LowestScore() + item->HighestScore() - *score : *score;
    }
  }

  // The item's raw score, or nullopt after recording why the value is unusable.
  std::optional<double> ItemScore(const Item& item, const json::value& value,
                                  const std::string& path) {
    switch (item.type) {
      case ItemType::kChoice: {
        if (!value.is_string()) {
          Add(path, "wrong-type", "Give the code of one of the item's options.");
          return std::nullopt;
        }
        for (const auto& option : item.options) {
          if (option.code == value.as_string()) return option.score;
        }
        Add(path, "out-of-range",
            fmt::format("{} is not an option of item {}.", std::string_view(value.as_string()),
                        item.link_id));
        return std::nullopt;
      }
      case ItemType::kInteger: {
        if (!value.is_int64() && !value.is_uint64()) {
          Add(path, "wrong-type", "Give a whole number.");
          return std::nullopt;
        }
        // Whole numbers above INT64_MAX parse as uint64: out of range, whatever the item.
        if (value.is_uint64() || value.as_int64() < item.min || value.as_int64() > item.max) {
          Add(path, "out-of-range",
              fmt::format("Item {} takes {} to {}.", item.link_id, item.min, item.max));
          return std::nullopt;
        }
        return static_cast<double>(value.as_int64());
      }
      case ItemType::kText: {
        if (!value.is_string() || value.as_string().empty()) {
          Add(path, "wrong-type", "Give some text.");
          return std::nullopt;
        }
        if (value.as_string().size() > kMaxTextAnswer) {
          Add(path, "too-long", fmt::format("Keep it under {} characters.", kMaxTextAnswer));
          return std::nullopt;
        }
        return 0.0;
      }
    }
    return std::nullopt;
  }

  // E.g. a PSFS rating means nothing without the activity it rates.
  void CheckDependencies() {
    for (const auto& item : definition_.items) {
      if (item.requires_item && valid_.answered.count(item.link_id) != 0 &&
          valid_.answered.count(*item.requires_item) == 0) {
        Add(item.link_id, "missing-dependency",
            fmt::format("Item {} needs item {} answered too.", item.link_id, *item.requires_item));
      }
    }
  }

  const InstrumentDefinition& definition_;
  std::vector<Issue>& issues_;
  ValidAnswers valid_;
  std::set<std::string> seen_;
  std::set<std::string> duplicated_;
};

ScaleScore ScoreScale(const Scale& scale, const ValidAnswers& answers,
                      std::set<std::pair<std::string, std::string>>& flagged,
                      std::vector<Issue>& issues) {
  ScaleScore out;
  out.id = scale.id;
  double sum = 0;
  for (const auto& link_id : scale.items) {
    const auto it = answers.scores.find(link_id);
    if (it == answers.scores.end()) {
      out.missing.push_back(link_id);
    } else {
      sum += it->second;
      ++out.answered;
    }
  }
  const auto total_items = static_cast<int>(scale.items.size());
  const auto missing = static_cast<int>(out.missing.size());
  bool scorable = missing == 0;
  std::string code = "missing-required";
  if (scale.missing == MissingRule::kProrate && missing > 0 && missing <= scale.missing_limit) {
    scorable = true;
    code = "missing-prorated";
  }
  if (scale.missing == MissingRule::kMinAnswered) {
    scorable = out.answered >= scale.missing_limit;
    if (!scorable) {
      issues.push_back({scale.id, "too-few-answers",
                        fmt::format("{} needs at least {} answered item(s).", scale.title,
                                    scale.missing_limit)});
    }
  } else {
    // Each missing item is reported once even when several scales need it.
    for (const auto& link_id : out.missing) {
      if (flagged.insert({link_id, code}).second) {
        issues.push_back(
            {link_id, code,
             code == "missing-required"
                 ? fmt::format("Item {} is unanswered, so {} has no score.", link_id, scale.title)
                 : fmt::format("Item {} is unanswered; {} is prorated.", link_id, scale.title)});
      }
    }
  }
  if (!scorable) return out;
  out.prorated = missing > 0;
  const double mean = sum / out.answered;
  if (scale.method == ScoreMethod::kMean) {
    out.score = mean;
  } else if (missing == 0) {
    out.score = sum;
  } else {
    // Prorated sums are rounded half up so whole-number bands still apply.
    out.score = std::floor(mean * total_items + 0.5);
  }
  return out;
}

const ScaleScore* FindScore(const ScoreResult& result, std::string_view id) {
  if (result.total.id == id) return &result.total;
  for (const auto& scale : result.subscales) {
    if (scale.id == id) return &scale;
  }
  return nullptr;
}

void ChooseBand(const InstrumentDefinition& definition, ScoreResult& result) {
  for (const auto& band : definition.bands) {
    bool holds = true;
    for (const auto& condition : band.when) {
      const auto* scale = FindScore(result, condition.scale);
      // An earlier band we cannot rule out means no later band is safe to pick.
      if (scale == nullptr || !scale->score) return;
      holds = holds && condition.Holds(*scale->score);
    }
    if (holds) {
      result.band = band.id;
      result.band_label = band.label;
      return;
    }
  }
}

void FireAlerts(const InstrumentDefinition& definition, const ValidAnswers& answers,
                ScoreResult& result) {
  for (const auto& rule : definition.alerts) {
    std::optional<double> value;
    if (rule.item) {
      const auto it = answers.scores.find(*rule.item);
      if (it != answers.scores.end()) value = it->second;
    } else if (rule.scale) {
      if (const auto* scale = FindScore(result, *rule.scale)) value = scale->score;
    }
    const BandCondition range{"", rule.min, rule.max};
    if (value && range.Holds(*value)) {
      result.alerts.push_back({rule.id, rule.kind, rule.message, rule.actions});
    }
  }
}

json::object ScaleJson(const ScaleScore& scale) {
  json::object out;
  out["score"] = JsonNumber(scale.score);
  out["prorated"] = scale.prorated;
  out["answered"] = scale.answered;
  json::array missing;
  for (const auto& link_id : scale.missing) missing.emplace_back(link_id);
  out["missing"] = std::move(missing);
  return out;
}

}  // namespace

ScoreResult Score(const InstrumentDefinition& definition, const json::value& answers) {
  ScoreResult result;
  result.instrument = definition.id;
  result.version = definition.version;
  AnswerReader reader(definition, result.issues);
  const auto valid = reader.Read(answers);
  std::set<std::pair<std::string, std::string>> flagged;
  result.total = ScoreScale(definition.total, valid, flagged, result.issues);
  for (const auto& scale : definition.subscales) {
    result.subscales.push_back(ScoreScale(scale, valid, flagged, result.issues));
  }
  ChooseBand(definition, result);
  FireAlerts(definition, valid, result);
  return result;
}

json::value ToJson(const ScoreResult& result) {
  json::object out;
  out["instrument"] = result.instrument;
  out["version"] = result.version;
  out["total"] = ScaleJson(result.total);
  json::object subscales;
  for (const auto& scale : result.subscales) subscales[scale.id] = ScaleJson(scale);
  out["subscales"] = std::move(subscales);
  if (result.band) {
    out["band"] = json::object{{"id", *result.band}, {"label", *result.band_label}};
  } else {
    out["band"] = nullptr;
  }
  json::array alerts;
  for (const auto& alert : result.alerts) {
    json::array actions;
    for (const auto& action : alert.actions) actions.emplace_back(action);
    alerts.push_back(json::object{{"id", alert.id},
                                  {"kind", ToString(alert.kind)},
                                  {"message", alert.message},
                                  {"actions", std::move(actions)}});
  }
  out["alerts"] = std::move(alerts);
  json::array issues;
  for (const auto& issue : result.issues) {
    issues.push_back(
        json::object{{"path", issue.path}, {"code", issue.code}, {"message", issue.message}});
  }
  out["issues"] = std::move(issues);
  return out;
}

}  // namespace unknot::assess
