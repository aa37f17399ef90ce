// The typed form of one instrument definition (content/instruments/*.json).
//
// Plain values with no I/O: the registry fills them from a validated file and
// scoring reads them. Every clinical number lives in the file, not here; the
// schema is documented in content/instruments/README.md. Immutable after load,
// so safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unknot::assess {

enum class ItemType { kChoice, kInteger, kText };

struct AnswerOption {
  std::string code;                 // stable identifier the answers use
  std::optional<std::string> text;  // display label
  double score = 0;
  std::optional<std::string> loinc;  // LOINC answer code (LA…)
};

struct Item {
  std::string link_id;
  std::optional<std::string> text;   // null when the licence keeps wording out of the repo
  std::optional<std::string> theme;  // what the item is about, for text-less instruments
  ItemType type = ItemType::kChoice;
  std::vector<AnswerOption> options;  // kChoice only
  int min = 0;                        // kInteger only
  int max = 0;
  bool scored = true;    // false: recorded but never part of a score (PHQ-9 difficulty item)
  bool reverse = false;  // scored as (lowest + highest) − score
  std::optional<std::string> loinc;
  std::optional<std::string> answer_list_loinc;
  std::optional<std::string> requires_item;  // answering this needs that item answered too

  double LowestScore() const;
  double HighestScore() const;
};

enum class ScoreMethod { kSum, kMean };

// What happens when some of a scale's items are unanswered. Never zero-fill.
enum class MissingRule {
  kAll,          // every item needed, otherwise no score
  kProrate,      // up to `limit` missing: scale up from the answered items
  kMinAnswered,  // mean of whatever was answered, if at least `limit` were
};

struct Scale {
  std::string id;  // "total" for the total
  std::string title;
  ScoreMethod method = ScoreMethod::kSum;
  std::vector<std::string> items;
  MissingRule missing = MissingRule::kAll;
  int missing_limit = 0;
  double min = 0;
  double max = 0;
  std::optional<std::string> loinc;
};

struct BandCondition {
  std::string scale;
  std::optional<double> min;  // inclusive
  std::optional<double> max;  // inclusive
  bool Holds(double value) const { return (!min || value >= *min) && (!max || value <= *max); }
};

// Bands are tried in file order; the first whose conditions all hold wins.
struct Band {
  std::string id;
  std::string label;
  std::vector<BandCondition> when;
};

enum class AlertKind { kSafety, kScreenPositive, kInfo };

struct AlertRule {
  std::string id;
  AlertKind kind = AlertKind::kInfo;
  std::optional<std::string> item;  // exactly one of item and scale is set
  std::optional<std::string> scale;
  std::optional<double> min;
  std::optional<double> max;
  std::string message;
  std::vector<std::string> actions;
  std::string source;
};

struct MeaningfulChange {
  std::optional<std::string> label;
  std::optional<double> points;
  std::optional<double> percent;
  std::string source;
  std::string evidence;  // V, S, U or D as in the clinical reference
};

struct ReliableChange {
  std::optional<double> threshold;
  std::optional<double> sd_baseline;
  std::optional<double> reliability;
  std::optional<std::string> reliability_type;
  std::string source;
  std::string evidence;
};

// The clinical cut-off on the total that "recovered" is judged against
// (Jacobson–Truax clinically significant change, analytics_methods §5.2). The
// clinical range is total ≥ value for higher_is_worse, total ≤ value for
// higher_is_better.
struct ClinicalCutoff {
  double value = 0;
  std::string source;
  std::string evidence;
};

struct ChangeParameters {
  std::string direction;  // higher_is_worse | higher_is_better
  std::vector<MeaningfulChange> mcid;
  std::optional<ReliableChange> reliable_change;
  std::optional<ClinicalCutoff> clinical_cutoff;  // absent: "recovered" is not assessed
};

struct RecallPeriod {
  std::vector<std::string> options;  // ISO 8601 durations or "now"; one when fixed
  std::string default_option;
  bool store_with_response = false;  // NPRS: the period travels with every observation
  std::string source;
};

struct Licence {
  std::string status;  // free | unconfirmed | non_commercial | licensed
  bool text_in_public_repo = false;
  std::string copyright;
  std::string notice;
  std::string source;
  std::string evidence;
};

struct InstrumentDefinition {
  int schema_version = 0;
  std::string id;
  std::string version;
  std::string title;
  std::optional<std::string> stem;
  RecallPeriod recall_period;
  std::vector<Item> items;
  Scale total;
  std::vector<Scale> subscales;
  std::vector<Band> bands;
  std::vector<AlertRule> alerts;
  std::optional<std::string> loinc_panel;
  ChangeParameters change;
  Licence licence;
  std::vector<std::string> notes;

  const Item* FindItem(std::string_view link_id) const;
  const Scale* FindScale(std::string_view scale_id) const;  // "total" or a subscale id
};

std::string_view ToString(AlertKind kind);

}  // namespace unknot::assess
