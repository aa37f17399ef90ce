#include "unknot/insight/flare.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace unknot::insight {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string FormatDate(sys_days date) {
  const std::chrono::year_month_day ymd(date);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

// Median of a non-empty list (the mean of the two middle values when even).
double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::optional<double> MedianOf(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return Median(values);
}

struct Baseline {
  int n = 0;
  std::optional<double> b;
  std::optional<double> s;
  std::optional<double> threshold;
  std::vector<std::size_t> window;  // the non-episode days of [t−28, t−1], pain or not
};

// The whole detection: one pass over the calendar grid in date order, so
// that every baseline sees exactly the episodes detected before its day.
class Detector final {
 public:
  Detector(std::vector<FlareInputDay> check_ins, const FlareParameters& p) : p_(p) {
    std::stable_sort(check_ins.begin(), check_ins.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    if (check_ins.empty()) return;
    first_ = check_ins.front().date;
    const auto count = static_cast<std::size_t>((check_ins.back().date - first_).count() + 1);
    grid_.resize(count);
    present_.assign(count, false);
    for (auto& day : check_ins) {
      const auto i = static_cast<std::size_t>((day.date - first_).count());
      grid_[i] = std::move(day);  // a later duplicate wins
      present_[i] = true;
    }
    in_episode_.assign(count, kNone);
  }

  FlareAnalysis Run() {
    FlareAnalysis out;
    const std::size_t n = grid_.size();
    out.days.resize(n);
    std::size_t open = kNone;
    for (std::size_t t = 0; t < n; ++t) {
      FlareDayState& state = out.days[t];
      state.date = first_ + days(static_cast<int>(t));
      state.pain = Pain(t);
      const Baseline base = ComputeBaseline(t);
      state.baseline_n = base.n;
      state.baseline = base.b;
      state.spread = base.s;
      state.threshold = base.threshold;
      state.baseline_status =
          base.b ? BaselineStatus::kEstablished : BaselineStatus::kNotEstablished;
      if (base.b && !out.baseline_established_from) out.baseline_established_from = state.date;

      if (open != kNone) {
        Open& episode = open_[open];
        if (Missing(t) && Missing(t + 1) && Missing(t + 2)) {
          // Three missing days in a row: the episode stops at the last observed day.
          std::size_t last = t;
          while (last > episode.start && Missing(last)) --last;
          for (std::size_t j = last + 1; j < t; ++j) in_episode_[j] = kNone;
          episode.end = last;
          episode.end_reason = FlareEndReason::kNoData;
          open = kNone;
          continue;  // t is missing, so it cannot be a candidate either
        }
        in_episode_[t] = open;
        const double limit = episode.b_star + p_.recovered_margin;
        if (RecoveredRunFrom(t, limit)) {
          episode.end = t;
          episode.end_reason = FlareEndReason::kRecovered;
          open = kNone;
        }
        continue;
      }

      if (!IsCandidate(t, base)) continue;
      state.candidate = true;
      const bool rule_b = grid_[t].flare.value_or(false);
      bool rule_a = false;
      for (std::size_t u = t + 1; u < n && u <= t + static_cast<std::size_t>(p_.bridge_days); ++u) {
        if (Missing(u)) continue;
        rule_a = IsCandidate(u, ComputeBaseline(u));
        break;  // only the next observed day counts
      }
      if (!rule_a && !rule_b) continue;

      if (!open_.empty() && open_.back().end_reason != FlareEndReason::kOngoing &&
          t - open_.back().end - 1 <= static_cast<std::size_t>(p_.merge_gap_days)) {
        // A new start within 2 days of the last end continues that episode.
        open = open_.size() - 1;
        Open& episode = open_[open];
        for (std::size_t j = episode.end + 1; j <= t; ++j) in_episode_[j] = open;
        episode.end_reason = FlareEndReason::kOngoing;
        ++episode.segments;
        continue;
      }
      Open episode;
      episode.start = t;
      episode.b_star = *base.b;
      episode.s_start = *base.s;
      episode.baseline_n = base.n;
      episode.window = base.window;
      episode.rule = rule_a && rule_b ? FlareStartRule::kBoth
                     : rule_a         ? FlareStartRule::kConsecutive
                                      : FlareStartRule::kSelfReport;
      open_.push_back(std::move(episode));
      open = open_.size() - 1;
      in_episode_[t] = open;
    }
    if (open != kNone) {
      Open& episode = open_[open];
      std::size_t last = n - 1;
      while (last > episode.start && Missing(last)) --last;
      for (std::size_t j = last + 1; j < n; ++j) in_episode_[j] = kNone;
      episode.end = last;
      episode.end_reason = FlareEndReason::kOngoing;
    }

    for (std::size_t t = 0; t < n; ++t) {
      if (in_episode_[t] != kNone) out.days[t].episode = in_episode_[t];
    }
    for (const Open& episode : open_) out.episodes.push_back(Describe(episode));
    out.concordance = Concordance();
    return out;
  }

 private:
  struct Open {
    std::size_t start = 0;
    std::size_t end = 0;
    double b_star = 0;
    double s_start = 0;
    int baseline_n = 0;
    std::vector<std::size_t> window;
    FlareStartRule rule = FlareStartRule::kConsecutive;
    FlareEndReason end_reason = FlareEndReason::kOngoing;
    int segments = 1;
  };

  std::optional<int> Pain(std::size_t t) const {
    return t < grid_.size() ? grid_[t].pain : std::nullopt;
  }
  // Only days inside the grid can be missing: after the last check-in the
  // series has simply stopped.
  bool Missing(std::size_t t) const { return t < grid_.size() && !grid_[t].pain; }
  bool Observed(std::size_t t) const { return t < grid_.size() && grid_[t].pain.has_value(); }

  bool RecoveredRunFrom(std::size_t t, double limit) const {
    for (int k = 0; k < p_.recovered_run; ++k) {
      const std::size_t j = t + static_cast<std::size_t>(k);
      if (!Observed(j) || *grid_[j].pain > limit) return false;
    }
    return true;
  }

  bool IsCandidate(std::size_t t, const Baseline& base) const {
    return base.threshold && Observed(t) && *grid_[t].pain >= *base.threshold;
  }

  Baseline ComputeBaseline(std::size_t t) const {
    Baseline out;
    const std::size_t from =
        t >= static_cast<std::size_t>(p_.baseline_days) ? t - p_.baseline_days : 0;
    std::vector<double> pains;
    for (std::size_t j = from; j < t; ++j) {
      if (in_episode_[j] != kNone) continue;
      out.window.push_back(j);
      if (grid_[j].pain) pains.push_back(*grid_[j].pain);
    }
    out.n = static_cast<int>(pains.size());
    if (out.n < p_.min_baseline_days) return out;
    const double b = Median(pains);
    std::vector<double> deviations;
    deviations.reserve(pains.size());
    for (const double x : pains) deviations.push_back(std::abs(x - b));
    const double s = std::max(p_.spread_floor, p_.mad_scale * Median(deviations));
    out.b = b;
    out.s = s;
    out.threshold = b + std::max(p_.candidate_floor, p_.candidate_spreads * s);
    return out;
  }

  PanelVariable Panel(const Open& episode, std::optional<int> FlareInputDay::*field) const {
    PanelVariable out;
    const int k = p_.panel_days;
    for (int i = k; i >= 1; --i) {
      const long j = static_cast<long>(episode.start) - i;
      out.values.push_back(j >= 0 ? grid_[static_cast<std::size_t>(j)].*field : std::nullopt);
    }
    std::vector<double> values;
    for (const std::size_t j : episode.window) {
      if (const auto& v = grid_[j].*field) values.push_back(*v);
    }
    out.personal_median = MedianOf(values);
    return out;
  }

  FlareEpisode Describe(const Open& open) const {
    FlareEpisode e;
    e.start = first_ + days(static_cast<int>(open.start));
    e.end = first_ + days(static_cast<int>(open.end));
    e.duration_days = static_cast<int>(open.end - open.start + 1);
    e.start_rule = open.rule;
    e.end_reason = open.end_reason;
    e.merged_segments = open.segments;
    e.baseline_frozen = open.b_star;
    e.spread_at_start = open.s_start;
    e.baseline_n = open.baseline_n;
    for (std::size_t t = open.start; t <= open.end; ++t) {
      const FlareInputDay& day = grid_[t];
      if (day.pain) {
        ++e.observed_days;
        e.peak_pain = std::max(e.peak_pain, *day.pain);
        e.excess_auc += std::max(0.0, *day.pain - open.b_star);
      }
      if (present_[t]) {
        ++e.regions_episode.days_with_check_in;
        for (const auto& region : day.regions) ++e.regions_episode.days[region];
        if (day.note && !day.note->empty()) e.notes.push_back(*day.note);
      }
      if (!day.flare) {
        ++e.self_report.unanswered_days;
      } else if (*day.flare) {
        ++e.self_report.yes_days;
      } else {
        ++e.self_report.no_days;
      }
    }
    e.peak_excess = e.peak_pain - open.b_star;
    e.patient_called_it_flare = e.self_report.yes_days > 0;
    for (const std::size_t j : open.window) {
      const FlareInputDay& day = grid_[j];
      if (!present_[j]) continue;
      ++e.regions_baseline.days_with_check_in;
      for (const auto& region : day.regions) ++e.regions_baseline.days[region];
    }
    for (int i = p_.panel_days; i >= 1; --i) e.before.dates.push_back(e.start - days(i));
    e.before.stress = Panel(open, &FlareInputDay::stress);
    e.before.sleep = Panel(open, &FlareInputDay::sleep);
    e.before.mood = Panel(open, &FlareInputDay::mood);
    return e;
  }

  FlareConcordance Concordance() const {
    FlareConcordance c;
    for (std::size_t t = 0; t < grid_.size(); ++t) {
      const bool yes = grid_[t].flare.value_or(false);
      const bool inside = in_episode_[t] != kNone;
      c.self_report_yes_days += yes;
      c.self_report_yes_in_episode += yes && inside;
      c.episode_days += inside;
      c.episode_days_with_yes += inside && yes;
      c.episode_days_answered += inside && grid_[t].flare.has_value();
    }
    return c;
  }

  FlareParameters p_;
  sys_days first_{};
  std::vector<FlareInputDay> grid_;  // one per calendar day
  std::vector<bool> present_;        // a check-in exists on that day
  std::vector<std::size_t> in_episode_;
  std::vector<Open> open_;
};

json::value Num(const std::optional<double>& value) {
  if (!value) return nullptr;
  return *value;
}
json::value Int(const std::optional<int>& value) {
  if (!value) return nullptr;
  return *value;
}

json::object Regions(const RegionCounts& counts) {
  json::object days;
  for (const auto& [region, n] : counts.days) days[region] = n;
  return {{"days_with_check_in", counts.days_with_check_in}, {"days", std::move(days)}};
}

json::object PanelJson(const PanelVariable& v) {
  json::array values;
  for (const auto& x : v.values) values.push_back(Int(x));
  return {{"values", std::move(values)}, {"personal_median", Num(v.personal_median)}};
}

}  // namespace

FlareAnalysis DetectFlares(std::vector<FlareInputDay> check_ins,
                           const FlareParameters& parameters) {
  return Detector(std::move(check_ins), parameters).Run();
}

std::string_view ToString(BaselineStatus status) {
  return status == BaselineStatus::kEstablished ? "established" : "not_established";
}

std::string_view ToString(FlareStartRule rule) {
  switch (rule) {
    case FlareStartRule::kConsecutive: return "consecutive";
    case FlareStartRule::kSelfReport: return "self_report";
    case FlareStartRule::kBoth: return "both";
  }
  return "consecutive";
}

std::string_view ToString(FlareEndReason reason) {
  switch (reason) {
    case FlareEndReason::kRecovered: return "recovered";
    case FlareEndReason::kNoData: return "no_data";
    case FlareEndReason::kOngoing: return "ongoing";
  }
  return "ongoing";
}

json::value ToJson(const FlareAnalysis& analysis, bool with_days) {
  json::array episodes;
  for (const FlareEpisode& e : analysis.episodes) {
    json::array dates;
    for (const auto d : e.before.dates) dates.push_back(json::string(FormatDate(d)));
    json::array notes;
    for (const auto& note : e.notes) notes.push_back(json::string(note));
    episodes.push_back(json::object{
        {"start", FormatDate(e.start)},
        {"end", FormatDate(e.end)},
        {"duration_days", e.duration_days},
        {"start_rule", ToString(e.start_rule)},
        {"end_reason", ToString(e.end_reason)},
        {"merged_segments", e.merged_segments},
        {"baseline_frozen", e.baseline_frozen},
        {"spread_at_start", e.spread_at_start},
        {"baseline_n", e.baseline_n},
        {"observed_days", e.observed_days},
        {"peak_pain", e.peak_pain},
        {"peak_excess", e.peak_excess},
        {"excess_auc", e.excess_auc},
        {"regions_episode", Regions(e.regions_episode)},
        {"regions_baseline", Regions(e.regions_baseline)},
        {"self_report", json::object{{"yes_days", e.self_report.yes_days},
                                     {"no_days", e.self_report.no_days},
                                     {"unanswered_days", e.self_report.unanswered_days}}},
        {"patient_called_it_flare", e.patient_called_it_flare},
        {"before", json::object{{"label", PrecedingDaysPanel::kLabel},
                                {"dates", std::move(dates)},
                                {"stress", PanelJson(e.before.stress)},
                                {"sleep", PanelJson(e.before.sleep)},
                                {"mood", PanelJson(e.before.mood)}}},
        {"notes", std::move(notes)},
    });
  }
  const FlareConcordance& c = analysis.concordance;
  json::object out{
      {"episodes", std::move(episodes)},
      {"concordance", json::object{{"self_report_yes_days", c.self_report_yes_days},
                                   {"self_report_yes_in_episode", c.self_report_yes_in_episode},
                                   {"episode_days", c.episode_days},
                                   {"episode_days_with_yes", c.episode_days_with_yes},
                                   {"episode_days_answered", c.episode_days_answered}}},
      {"baseline_established_from",
       analysis.baseline_established_from
           ? json::value(json::string(FormatDate(*analysis.baseline_established_from)))
           : json::value(nullptr)},
  };
  if (with_days) {
    json::array days;
    for (const FlareDayState& d : analysis.days) {
      days.push_back(json::object{
          {"date", FormatDate(d.date)},
          {"pain", Int(d.pain)},
          {"baseline_status", ToString(d.baseline_status)},
          {"baseline_n", d.baseline_n},
          {"baseline", Num(d.baseline)},
          {"spread", Num(d.spread)},
          {"threshold", Num(d.threshold)},
          {"candidate", d.candidate},
          {"episode",
           d.episode ? json::value(static_cast<std::int64_t>(*d.episode)) : json::value(nullptr)},
      });
    }
    out["days"] = std::move(days);
  }
  return out;
}

}  // namespace unknot::insight
