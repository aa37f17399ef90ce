// Outcome change per patient and instrument, and the clinic-level summary
// (analytics_methods.md §5.1–5.4), built on assess/outcome_change (MCID and
// reliable change between two scored responses).
//
// Per patient, per (instrument, version, recall period) — never across
// versions or recall periods: baseline = the earliest score, follow-up = the
// latest score on a later date. The category is
//   recovered          reliable improvement and from the clinical range (≥ the
//                      instrument's clinical_cutoff) to below it;
//   improved           reliable improvement, not recovered;
//   no_reliable_change;
//   deteriorated       reliable worsening;
// and, outside the four: no_follow_up (one date only) and not_available (the
// definition gives no reliable-change threshold, or its version differs).
// Patients below the cut-off at baseline cannot recover: they are flagged and
// the clinic summary counts them in a group of their own.
//
// Daily pain (§5.3): rows of the pseudo-instrument "daily_pain" (the check-in
// pain rating) are compared as weekly means: the first 7 calendar days of the
// series vs the latest 7, each with ≥ 4 rated days and not overlapping.
//
// Clinic level (§5.4): counts with denominators; proportions with Wilson 95%
// CIs; mean change with a paired-t 95% CI; the within-group effect size; the
// median follow-up time; and small-cell suppression: when a denominator is
// below 10, proportions, CIs and means are withheld and only counts shown.
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/instrument_registry.hpp"
#include "unknot/assess/outcome_change.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::insight {

inline constexpr std::string_view kScoresCsvHeader =
    "patient,instrument,instrument_version,recall,date,score";
inline constexpr std::string_view kDailyPainInstrument = "daily_pain";

// One exported score. `recall` may be empty (no recall period recorded).
struct ScoreRow {
  std::string patient;
  std::string instrument;
  std::string instrument_version;
  std::string recall;
  std::chrono::sys_days date;
  double score = 0;
  int line = 0;
};

// The header, then one row per score; issues at "lines[N].field" as in the
// check-in CSV. RFC 4180 quoting; CRLF or LF.
std::vector<ScoreRow> ParseScoresCsv(std::string_view text, IssueList& issues);

// The header, then one line per row in the order given (CRLF line ends; a
// field with a comma, quote or line break quoted per RFC 4180; scores in the
// shortest form that reads back exactly). ParseScoresCsv reads it back.
std::string FormatScoresCsv(const std::vector<ScoreRow>& rows);

enum class OutcomeCategory {
  kRecovered,
  kImproved,
  kNoReliableChange,
  kDeteriorated,
  kNoFollowUp,
  kNotAvailable,
};
std::string_view ToString(OutcomeCategory category);

struct PatientOutcome {
  std::string patient;
  std::string instrument;
  std::string instrument_version;
  std::string recall;
  int n_scores = 0;
  std::chrono::sys_days baseline_date;
  double baseline_score = 0;
  std::optional<std::chrono::sys_days> follow_up_date;
  std::optional<double> follow_up_score;
  std::optional<int> follow_up_days;
  std::optional<assess::OutcomeChange> change;  // from assess::CompareResponses
  std::optional<double> cutoff;                 // the definition's clinical cut-off
  std::optional<bool> in_clinical_range_at_baseline;
  std::optional<bool> below_cutoff_at_baseline;  // = !in_clinical_range_at_baseline
  OutcomeCategory category = OutcomeCategory::kNoFollowUp;
  std::optional<bool> mcid_met;
  std::string note;  // why not_available, or why "recovered" cannot be assessed
};

// §5.3 daily pain: weekly means.
struct PainWeeklyChange {
  std::string patient;
  std::chrono::sys_days first_date;
  std::chrono::sys_days last_date;
  int baseline_days = 0;   // rated days in the first 7
  int follow_up_days = 0;  // rated days in the latest 7
  std::optional<double> baseline_mean;
  std::optional<double> follow_up_mean;
  std::optional<double> raw_change;  // follow-up − baseline (negative = less pain)
  std::optional<double> pct_change;  // 100 · raw / baseline; null for a zero baseline
  std::optional<bool> responder_30;  // reduction ≥ 30% and ≥ 1 point
  std::optional<bool> responder_50;  // reduction ≥ 50%
  std::optional<bool> mcid_2pt;      // reduction ≥ 2 points
  std::string note;                  // why nothing was computed
};

struct OutcomeParameters {
  int protocol_week = 12;  // "in the protocol window": week 12 ± 2
  int protocol_tolerance_weeks = 2;
  int suppress_below = 10;  // small cells
  int pain_window_days = 7;
  int pain_min_days = 4;
};

// A count over a denominator, with its Wilson 95% CI unless suppressed.
struct Proportion {
  int count = 0;
  int denominator = 0;
  bool suppressed = false;  // denominator < suppress_below (or 0)
  std::optional<double> proportion;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
};

struct MeanChange {
  int n = 0;
  bool suppressed = false;
  std::optional<double> mean;  // follow-up − baseline
  std::optional<double> sd;
  std::optional<double> ci_low;  // paired t, df = n − 1
  std::optional<double> ci_high;
  std::optional<double> effect_size;  // mean change / SD of baseline scores
  static constexpr const char* kEffectSizeLabel = "within-group; not a treatment effect";
};

// One clinic summary per (instrument, version, recall).
struct InstrumentSummary {
  std::string instrument;
  std::string instrument_version;
  std::string recall;
  int with_baseline = 0;
  int with_follow_up = 0;
  int in_protocol_window = 0;
  std::optional<double> median_follow_up_days;
  bool cutoff_known = false;
  bool reliable_change_known = false;
  // Completers in the clinical range at baseline (all completers when the
  // cut-off is unknown): the four categories share this denominator.
  Proportion recovered;  // denominator 0 when "recovered" cannot be assessed
  Proportion improved;
  Proportion no_reliable_change;
  Proportion deteriorated;
  // Completers below the cut-off at baseline, reported separately.
  Proportion below_cutoff_improved;
  Proportion below_cutoff_no_reliable_change;
  Proportion below_cutoff_deteriorated;
  Proportion mcid_responders;  // over all completers with an MCID verdict
  MeanChange change;
};

struct PainSummary {
  int with_baseline = 0;  // patients with ≥ 4 rated days in their first 7
  int with_follow_up = 0;
  Proportion responder_30;
  Proportion responder_50;
  Proportion mcid_2pt;
  MeanChange change;
};

struct OutcomeReport {
  std::vector<PatientOutcome> patients;
  std::vector<PainWeeklyChange> pain;
  std::vector<InstrumentSummary> instruments;
  PainSummary pain_summary;
};

// Wilson score interval at 95% (z = qnorm(0.975)); R:
// prop.test(count, n, correct = FALSE)$conf.int. n must be > 0.
std::pair<double, double> WilsonInterval(int count, int n);

// Everything for a set of exported scores. Rows of unknown instruments add an
// issue ("unknown-instrument") and are skipped.
OutcomeReport AnalyseOutcomes(const std::vector<ScoreRow>& rows, const assess::Registry& registry,
                              IssueList& issues, const OutcomeParameters& parameters = {});

// §5.3 for one patient's daily ratings (date, pain), any order.
PainWeeklyChange WeeklyPainChange(std::string patient,
                                  std::vector<std::pair<std::chrono::sys_days, double>> ratings,
                                  const OutcomeParameters& parameters = {});

boost::json::value ToJson(const OutcomeReport& report);

}  // namespace unknot::insight
