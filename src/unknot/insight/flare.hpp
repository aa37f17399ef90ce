// Pain-defined flare episodes (analytics_methods.md §3.10): a rolling personal
// baseline, candidate days, episode start/end/merge rules and the per-episode
// outputs, shown next to the patient's own "flare-up" answers.
//
// The §4.4 simulation checks of these rules are in flare_simulation.hpp.
//
// Reading of the rules (docs/insight.md, "Flares", lists each choice):
// - The calendar grid runs from the first to the last check-in date; a day
//   without a pain rating is "missing".
// - B_t and S_t use the observed, non-episode days in [t−28, t−1]; fewer than
//   14 → baseline_status "not_established" and t cannot be a candidate.
// - Candidate: pain_t ≥ B_t + max(2, 1.5·S_t), S_t = max(1, 1.4826·MAD).
// - Start (a): t is a candidate and so is the next observed day u with
//   u − t ≤ 2 (u judged with its own B_u, t not yet in an episode); a single
//   missing day between them is bridged. Start (b): t is a candidate and the
//   patient answered "yes" to the flare item on t.
// - B* = B_t at the start, frozen for the whole episode (also after a merge).
// - End "recovered": the episode's last day is the first of two consecutive
//   calendar days, both observed, with pain ≤ B* + 1 (read literally: "the
//   first of 2 consecutive observed days"). End "no_data": three consecutive
//   missing days; the episode ends on the last observed day before them.
//   End "ongoing": the series stops first.
// - Merge: a new start at most 2 days after an episode's end (gap ≤ 2 days)
//   continues that episode: the gap days join it and B* stays the first one.
//
// Pure functions on plain values; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace unknot::insight {

// One check-in day as the flare rules need it. Ratings are 0–10.
struct FlareInputDay {
  std::chrono::sys_days date;
  std::optional<int> pain;
  std::optional<int> stress;
  std::optional<int> mood;
  std::optional<int> sleep;   // as reported that day (last night's sleep)
  std::optional<bool> flare;  // "Are you having a flare-up today?"
  std::vector<std::string> regions;
  std::optional<std::string> note;
};

// The numbers of §3.10 as a struct, so tests and simulations can vary them.
struct FlareParameters {
  int baseline_days = 28;        // window [t−28, t−1]
  int min_baseline_days = 14;    // observed, non-episode days needed
  double mad_scale = 1.4826;     // MAD → SD for a normal
  double spread_floor = 1.0;     // S = max(1, …)
  double candidate_floor = 2.0;  // B + max(2, 1.5·S)
  double candidate_spreads = 1.5;
  int bridge_days = 2;            // rule (a): next observed day within ≤ 2 days
  double recovered_margin = 1.0;  // end: pain ≤ B* + 1
  int recovered_run = 2;          // … on 2 consecutive observed days
  int no_data_run = 3;            // end: ≥ 3 consecutive missing days
  int merge_gap_days = 2;         // merge episodes separated by ≤ 2 days
  int panel_days = 3;             // "what the 3 days before looked like"
};

enum class BaselineStatus { kEstablished, kNotEstablished };

// The rolling baseline of one calendar day (also for days inside episodes,
// for the chart's baseline ribbon).
struct FlareDayState {
  std::chrono::sys_days date;
  std::optional<int> pain;
  BaselineStatus baseline_status = BaselineStatus::kNotEstablished;
  int baseline_n = 0;                  // observed non-episode days in the window
  std::optional<double> baseline;      // B_t
  std::optional<double> spread;        // S_t
  std::optional<double> threshold;     // B_t + max(2, 1.5·S_t)
  bool candidate = false;              // judged only outside episodes
  std::optional<std::size_t> episode;  // index into FlareAnalysis::episodes
};

enum class FlareStartRule { kConsecutive, kSelfReport, kBoth };
enum class FlareEndReason { kRecovered, kNoData, kOngoing };

// Days with a value of one variable and its personal median.
struct PanelVariable {
  std::vector<std::optional<int>> values;  // the panel days, oldest first
  std::optional<double> personal_median;   // over the baseline window of B*
};

struct PrecedingDaysPanel {
  std::vector<std::chrono::sys_days> dates;  // start−3 … start−1
  PanelVariable stress;
  PanelVariable sleep;  // as reported on those dates (the night before each)
  PanelVariable mood;
  // Always "descriptive only: not a cause" (§3.10 item 7).
  static constexpr const char* kLabel = "descriptive only: not a cause";
};

struct RegionCounts {
  int days_with_check_in = 0;       // days in the span with any regions answer recorded
  std::map<std::string, int> days;  // region code → days it was reported
};

struct SelfReportConcordance {
  int yes_days = 0;
  int no_days = 0;
  int unanswered_days = 0;  // days in the episode without a flare answer
};

struct FlareEpisode {
  std::chrono::sys_days start;
  std::chrono::sys_days end;  // inclusive
  int duration_days = 0;      // end − start + 1 calendar days
  FlareStartRule start_rule = FlareStartRule::kConsecutive;
  FlareEndReason end_reason = FlareEndReason::kOngoing;
  int merged_segments = 1;     // > 1 when later starts were merged in
  double baseline_frozen = 0;  // B*
  double spread_at_start = 0;  // S at the start
  int baseline_n = 0;          // days behind B*
  int observed_days = 0;
  int peak_pain = 0;
  double peak_excess = 0;  // peak − B*
  double excess_auc = 0;   // Σ (pain − B*)+ over observed episode days
  RegionCounts regions_episode;
  RegionCounts regions_baseline;  // the non-episode days behind B*
  SelfReportConcordance self_report;
  bool patient_called_it_flare = false;  // any "yes" during the episode
  PrecedingDaysPanel before;
  std::vector<std::string> notes;  // free-text notes in the episode, shown for context
};

// Series-level agreement between pain-defined episodes and self-reports.
struct FlareConcordance {
  int self_report_yes_days = 0;
  int self_report_yes_in_episode = 0;
  int episode_days = 0;
  int episode_days_with_yes = 0;
  int episode_days_answered = 0;  // episode days with any flare answer
};

struct FlareAnalysis {
  std::vector<FlareDayState> days;  // the calendar grid, first to last check-in
  std::vector<FlareEpisode> episodes;
  FlareConcordance concordance;
  std::optional<std::chrono::sys_days> baseline_established_from;
};

// `check_ins` may be in any order; a date given twice keeps the later entry in
// the vector (the caller has already applied the one-per-day rule).
FlareAnalysis DetectFlares(std::vector<FlareInputDay> check_ins,
                           const FlareParameters& parameters = {});

std::string_view ToString(BaselineStatus status);  // "established" | "not_established"
std::string_view ToString(FlareStartRule rule);    // "consecutive" | "self_report" | "both"
std::string_view ToString(FlareEndReason reason);  // "recovered" | "no_data" | "ongoing"

// The §3.10 episodes as JSON. `with_days` adds the daily baseline grid.
boost::json::value ToJson(const FlareAnalysis& analysis, bool with_days);

}  // namespace unknot::insight
