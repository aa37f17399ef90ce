#include "unknot/insight/outcome.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/insight/student_t.hpp"

namespace unknot::insight {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::sys_days;

// qnorm(0.975) to double precision.
constexpr double kZ975 = 1.959963984540054;
// Means of integer ratings carry binary rounding noise; a threshold met to
// within this much is met (as in assess/outcome_change).
constexpr double kTolerance = 1e-9;

std::string FormatDate(sys_days date) {
  const std::chrono::year_month_day ymd(date);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

std::string IssuePath(int line, std::string_view field = {}) {
  return field.empty() ? fmt::format("lines[{}]", line) : fmt::format("lines[{}].{}", line, field);
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
struct Record {
  int line = 0;
  std::vector<std::string> fields;
  bool bad_quote = false;
};

std::vector<Record> SplitCsv(std::string_view text) {
  std::vector<Record> out;
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    Record record{line, {}, false};
    std::string field;
    bool quoted = false;
    bool done = false;
    while (!done) {
      if (i >= text.size()) {
        if (quoted) record.bad_quote = true;
        record.fields.push_back(std::move(field));
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        continue;
      }
      if (c == '"' && field.empty()) {
        quoted = true;
        ++i;
      } else if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record.fields.push_back(std::move(field));
        done = true;
      } else {
        field += c;
        ++i;
      }
    }
    out.push_back(std::move(record));
  }
  return out;
}

std::optional<double> ParseNumber(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

Proportion MakeProportion(int count, int denominator, const OutcomeParameters& p) {
  Proportion out;
  out.count = count;
  out.denominator = denominator;
  out.suppressed = denominator < p.suppress_below;
  if (denominator > 0 && !out.suppressed) {
    out.proportion = static_cast<double>(count) / denominator;
    const auto [low, high] = WilsonInterval(count, denominator);
    out.ci_low = low;
    out.ci_high = high;
  }
  return out;
}

double Mean(const std::vector<double>& x) {
  double sum = 0;
  for (const double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double SampleSd(const std::vector<double>& x) {
  const double m = Mean(x);
  double ss = 0;
  for (const double v : x) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

std::optional<double> MedianOf(std::vector<double> x) {
  if (x.empty()) return std::nullopt;
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2.0;
}

// Paired t on the differences (follow-up − baseline); R:
// t.test(follow_up, baseline, paired = TRUE)$conf.int.
MeanChange MakeMeanChange(const std::vector<double>& differences,
                          const std::vector<double>& baselines, const OutcomeParameters& p) {
  MeanChange out;
  out.n = static_cast<int>(differences.size());
  out.suppressed = out.n < p.suppress_below;
  if (out.suppressed || out.n < 2) return out;
  out.mean = Mean(differences);
  out.sd = SampleSd(differences);
  const double half =
      StudentTQuantile(0.975, out.n - 1) * *out.sd / std::sqrt(static_cast<double>(out.n));
  out.ci_low = *out.mean - half;
  out.ci_high = *out.mean + half;
  const double sd_baseline = SampleSd(baselines);
  if (sd_baseline > 0) out.effect_size = *out.mean / sd_baseline;
  return out;
}

bool InClinicalRange(const assess::ChangeParameters& change, double score) {
  const double cutoff = change.clinical_cutoff->value;
  return change.direction == "higher_is_better" ? score <= cutoff : score >= cutoff;
}

PatientOutcome Assess(const std::vector<const ScoreRow*>& rows,
                      const assess::InstrumentDefinition& definition) {
  // rows: one per date, oldest first.
  const ScoreRow& first = *rows.front();
  const ScoreRow& last = *rows.back();
  PatientOutcome out;
  out.patient = first.patient;
  out.instrument = first.instrument;
  out.instrument_version = first.instrument_version;
  out.recall = first.recall;
  out.n_scores = static_cast<int>(rows.size());
  out.baseline_date = first.date;
  out.baseline_score = first.score;
  const assess::ChangeParameters& change = definition.change;
  if (change.clinical_cutoff) {
    out.cutoff = change.clinical_cutoff->value;
    out.in_clinical_range_at_baseline = InClinicalRange(change, first.score);
    out.below_cutoff_at_baseline = !*out.in_clinical_range_at_baseline;
  }
  if (rows.size() < 2) {
    out.category = OutcomeCategory::kNoFollowUp;
    return out;
  }
  out.follow_up_date = last.date;
  out.follow_up_score = last.score;
  out.follow_up_days = static_cast<int>((last.date - first.date).count());
  if (definition.version != first.instrument_version) {
    out.category = OutcomeCategory::kNotAvailable;
    out.note = fmt::format("The instrument definition is version {}; these scores are version {}.",
                           definition.version, first.instrument_version);
    return out;
  }
  const std::optional<std::string> recall =
      first.recall.empty() ? std::nullopt : std::optional<std::string>(first.recall);
  const assess::ScoredResponse previous{"baseline", first.instrument_version, recall, first.score};
  const assess::ScoredResponse current{"follow_up", last.instrument_version, recall, last.score};
  out.change = assess::CompareResponses(change, previous, current);
  if (out.change && out.change->mcid) out.mcid_met = out.change->mcid->met;
  if (!out.change || !out.change->reliable_change) {
    out.category = OutcomeCategory::kNotAvailable;
    out.note = "The instrument definition gives no reliable-change threshold.";
    return out;
  }
  switch (out.change->reliable_change->category) {
    case assess::ReliableCategory::kImprovement:
      out.category =
          out.in_clinical_range_at_baseline.value_or(false) && !InClinicalRange(change, last.score)
              ? OutcomeCategory::kRecovered
              : OutcomeCategory::kImproved;
      break;
    case assess::ReliableCategory::kNoChange:
      out.category = OutcomeCategory::kNoReliableChange;
      break;
    case assess::ReliableCategory::kDeterioration:
      out.category = OutcomeCategory::kDeteriorated;
      break;
  }
  if (!change.clinical_cutoff) {
    out.note = "Recovered cannot be assessed: the definition gives no clinical cut-off.";
  }
  return out;
}

InstrumentSummary Summarise(const std::vector<const PatientOutcome*>& group,
                            const assess::InstrumentDefinition* definition,
                            const OutcomeParameters& p) {
  InstrumentSummary s;
  s.instrument = group.front()->instrument;
  s.instrument_version = group.front()->instrument_version;
  s.recall = group.front()->recall;
  s.cutoff_known = definition && definition->change.clinical_cutoff.has_value();
  s.reliable_change_known = definition && definition->change.reliable_change &&
                            assess::ReliableChangeThreshold(*definition->change.reliable_change);
  const int window_low = (p.protocol_week - p.protocol_tolerance_weeks) * 7;
  const int window_high = (p.protocol_week + p.protocol_tolerance_weeks) * 7;
  std::vector<double> follow_up_days, differences, baselines;
  int cases = 0, recovered = 0, improved = 0, unchanged = 0, deteriorated = 0;
  int below = 0, below_improved = 0, below_unchanged = 0, below_deteriorated = 0;
  int mcid_n = 0, mcid_met = 0;
  for (const PatientOutcome* o : group) {
    ++s.with_baseline;
    if (!o->follow_up_score) continue;
    ++s.with_follow_up;
    follow_up_days.push_back(*o->follow_up_days);
    if (*o->follow_up_days >= window_low && *o->follow_up_days <= window_high) {
      ++s.in_protocol_window;
    }
    differences.push_back(*o->follow_up_score - o->baseline_score);
    baselines.push_back(o->baseline_score);
    if (o->mcid_met) {
      ++mcid_n;
      mcid_met += *o->mcid_met;
    }
    if (o->category == OutcomeCategory::kNotAvailable) continue;
    const bool is_below = o->below_cutoff_at_baseline.value_or(false);
    int& n = is_below ? below : cases;
    ++n;
    switch (o->category) {
      case OutcomeCategory::kRecovered: ++recovered; break;
      case OutcomeCategory::kImproved: ++(is_below ? below_improved : improved); break;
      case OutcomeCategory::kNoReliableChange: ++(is_below ? below_unchanged : unchanged); break;
      case OutcomeCategory::kDeteriorated: ++(is_below ? below_deteriorated : deteriorated); break;
      default: break;
    }
  }
  s.median_follow_up_days = MedianOf(follow_up_days);
  s.recovered = MakeProportion(recovered, s.cutoff_known ? cases : 0, p);
  s.improved = MakeProportion(improved, cases, p);
  s.no_reliable_change = MakeProportion(unchanged, cases, p);
  s.deteriorated = MakeProportion(deteriorated, cases, p);
  s.below_cutoff_improved = MakeProportion(below_improved, below, p);
  s.below_cutoff_no_reliable_change = MakeProportion(below_unchanged, below, p);
  s.below_cutoff_deteriorated = MakeProportion(below_deteriorated, below, p);
  s.mcid_responders = MakeProportion(mcid_met, mcid_n, p);
  s.change = MakeMeanChange(differences, baselines, p);
  return s;
}

json::value Num(const std::optional<double>& v) {
  if (!v) return nullptr;
  return *v;
}
json::value Bool(const std::optional<bool>& v) {
  if (!v) return nullptr;
  return *v;
}

json::object ProportionJson(const Proportion& p) {
  return {{"count", p.count},           {"denominator", p.denominator},
          {"suppressed", p.suppressed}, {"proportion", Num(p.proportion)},
          {"ci_low", Num(p.ci_low)},    {"ci_high", Num(p.ci_high)}};
}

json::object MeanJson(const MeanChange& m) {
  return {{"n", m.n},
          {"suppressed", m.suppressed},
          {"mean", Num(m.mean)},
          {"sd", Num(m.sd)},
          {"ci_low", Num(m.ci_low)},
          {"ci_high", Num(m.ci_high)},
          {"effect_size", Num(m.effect_size)},
          {"effect_size_label", MeanChange::kEffectSizeLabel}};
}

}  // namespace

std::vector<ScoreRow> ParseScoresCsv(std::string_view text, IssueList& issues) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::vector<Record> records = SplitCsv(text);
  std::string header;
  if (!records.empty()) {
    for (std::size_t i = 0; i < records[0].fields.size(); ++i) {
      header += (i ? "," : "") + records[0].fields[i];
    }
  }
  if (header != kScoresCsvHeader) {
    issues.Add(IssuePath(1), "invalid-header",
               fmt::format("The first line must be exactly: {}", kScoresCsvHeader));
    return {};
  }
  std::vector<ScoreRow> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    if (record.bad_quote) {
      issues.Add(IssuePath(record.line), "invalid-csv", "A quoted field is never closed.");
      continue;
    }
    if (record.fields.size() != 6) {
      issues.Add(IssuePath(record.line), "wrong-column-count",
                 fmt::format("Expected 6 columns, found {}.", record.fields.size()));
      continue;
    }
    const auto& f = record.fields;
    bool ok = true;
    const char* names[] = {"patient", "instrument", "instrument_version"};
    for (int i = 0; i < 3; ++i) {
      if (f[i].empty()) {
        issues.Add(IssuePath(record.line, names[i]), "required", "This field is required.");
        ok = false;
      }
    }
    const auto date = empower::ParseLocalDate(f[4]);
    if (!date) {
      issues.Add(IssuePath(record.line, "date"), "invalid-date", "Give the date as YYYY-MM-DD.");
      ok = false;
    }
    const auto score = ParseNumber(f[5]);
    if (!score) {
      issues.Add(IssuePath(record.line, "score"), "not-a-number", "Give the score as a number.");
      ok = false;
    }
    if (!ok) continue;
    rows.push_back({f[0], f[1], f[2], f[3], sys_days(*date), *score, record.line});
  }
  return rows;
}

std::string FormatScoresCsv(const std::vector<ScoreRow>& rows) {
  const auto field = [](std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string quoted = "\"";
    for (const char c : value) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    return quoted + '"';
  };
  std::string csv = std::string(kScoresCsvHeader) + "\r\n";
  for (const auto& row : rows) {
    csv += fmt::format("{},{},{},{},{},{}\r\n", field(row.patient), field(row.instrument),
                       field(row.instrument_version), field(row.recall),
                       empower::FormatLocalDate(std::chrono::year_month_day{row.date}), row.score);
  }
  return csv;
}

std::string_view ToString(OutcomeCategory category) {
  switch (category) {
    case OutcomeCategory::kRecovered: return "recovered";
    case OutcomeCategory::kImproved: return "improved";
    case OutcomeCategory::kNoReliableChange: return "no_reliable_change";
    case OutcomeCategory::kDeteriorated: return "deteriorated";
    case OutcomeCategory::kNoFollowUp: return "no_follow_up";
    case OutcomeCategory::kNotAvailable: return "not_available";
  }
  return "not_available";
}

std::pair<double, double> WilsonInterval(int count, int n) {
  const double nn = n;
  const double phat = count / nn;
  const double z2 = kZ975 * kZ975;
  const double denominator = 1 + z2 / nn;
  const double centre = (phat + z2 / (2 * nn)) / denominator;
  const double half = kZ975 / denominator * std::sqrt(phat * (1 - phat) / nn + z2 / (4 * nn * nn));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

PainWeeklyChange WeeklyPainChange(std::string patient,
                                  std::vector<std::pair<sys_days, double>> ratings,
                                  const OutcomeParameters& p) {
  PainWeeklyChange out;
  out.patient = std::move(patient);
  if (ratings.empty()) {
    out.note = "No daily pain ratings.";
    return out;
  }
  // One rating per date: the last one given.
  std::stable_sort(ratings.begin(), ratings.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<sys_days, double> by_date;
  for (const auto& [date, value] : ratings) by_date[date] = value;
  out.first_date = by_date.begin()->first;
  out.last_date = by_date.rbegin()->first;
  const sys_days baseline_end = out.first_date + days(p.pain_window_days - 1);
  const sys_days follow_up_start = out.last_date - days(p.pain_window_days - 1);
  std::vector<double> baseline, follow_up;
  for (const auto& [date, value] : by_date) {
    if (date <= baseline_end) baseline.push_back(value);
    if (date >= follow_up_start) follow_up.push_back(value);
  }
  out.baseline_days = static_cast<int>(baseline.size());
  out.follow_up_days = static_cast<int>(follow_up.size());
  if (out.baseline_days >= p.pain_min_days) out.baseline_mean = Mean(baseline);
  if (follow_up_start <= baseline_end) {
    out.follow_up_days = 0;
    out.note = "The first and the latest 7 days overlap: no follow-up week yet.";
    return out;
  }
  if (out.baseline_days < p.pain_min_days || out.follow_up_days < p.pain_min_days) {
    out.note = fmt::format("Each week needs at least {} rated days.", p.pain_min_days);
    return out;
  }
  out.follow_up_mean = Mean(follow_up);
  const double b = *out.baseline_mean;
  out.raw_change = *out.follow_up_mean - b;
  const double reduction = -*out.raw_change;
  if (b != 0) out.pct_change = 100.0 * *out.raw_change / b;
  out.responder_30 = b > 0 && reduction + kTolerance >= 0.30 * b && reduction + kTolerance >= 1.0;
  out.responder_50 = b > 0 && reduction + kTolerance >= 0.50 * b;
  out.mcid_2pt = reduction + kTolerance >= 2.0;
  return out;
}

OutcomeReport AnalyseOutcomes(const std::vector<ScoreRow>& rows, const assess::Registry& registry,
                              IssueList& issues, const OutcomeParameters& p) {
  OutcomeReport report;
  using Key = std::tuple<std::string, std::string, std::string,
                         std::string>;  // instr, ver, recall, patient
  std::map<Key, std::vector<const ScoreRow*>> groups;
  std::map<std::string, std::vector<std::pair<sys_days, double>>> pain;
  std::optional<std::pair<std::string, std::string>> pain_version;  // version, recall
  for (const ScoreRow& row : rows) {
    if (row.instrument == kDailyPainInstrument) {
      if (!pain_version) pain_version.emplace(row.instrument_version, row.recall);
      if (*pain_version != std::pair(row.instrument_version, row.recall)) {
        issues.Add(IssuePath(row.line), "mixed-version",
                   "Daily pain rows must share one version and recall period.");
        continue;
      }
      pain[row.patient].emplace_back(row.date, row.score);
      continue;
    }
    if (registry.Find(row.instrument) == nullptr) {
      issues.Add(IssuePath(row.line, "instrument"), "unknown-instrument",
                 fmt::format("No instrument definition has the id {}.", row.instrument));
      continue;
    }
    groups[{row.instrument, row.instrument_version, row.recall, row.patient}].push_back(&row);
  }
  for (auto& [key, list] : groups) {
    // Oldest first; on a date given twice the later row of the file wins.
    std::stable_sort(list.begin(), list.end(),
                     [](const ScoreRow* a, const ScoreRow* b) { return a->date < b->date; });
    std::vector<const ScoreRow*> one_per_date;
    for (const ScoreRow* row : list) {
      if (!one_per_date.empty() && one_per_date.back()->date == row->date) {
        one_per_date.back() = row;
      } else {
        one_per_date.push_back(row);
      }
    }
    report.patients.push_back(Assess(one_per_date, *registry.Find(std::get<0>(key))));
  }
  // The groups are ordered by instrument, version, recall, then patient.
  std::size_t i = 0;
  while (i < report.patients.size()) {
    std::vector<const PatientOutcome*> group;
    const PatientOutcome& head = report.patients[i];
    while (i < report.patients.size() && report.patients[i].instrument == head.instrument &&
           report.patients[i].instrument_version == head.instrument_version &&
           report.patients[i].recall == head.recall) {
      group.push_back(&report.patients[i++]);
    }
    report.instruments.push_back(Summarise(group, registry.Find(head.instrument), p));
  }

  std::vector<double> differences, baselines;
  int r30 = 0, r50 = 0, mcid = 0;
  for (auto& [patient, ratings] : pain) {
    PainWeeklyChange change = WeeklyPainChange(patient, std::move(ratings), p);
    if (change.baseline_mean) ++report.pain_summary.with_baseline;
    if (change.raw_change) {
      ++report.pain_summary.with_follow_up;
      differences.push_back(*change.raw_change);
      baselines.push_back(*change.baseline_mean);
      r30 += *change.responder_30;
      r50 += *change.responder_50;
      mcid += *change.mcid_2pt;
    }
    report.pain.push_back(std::move(change));
  }
  const int completers = report.pain_summary.with_follow_up;
  report.pain_summary.responder_30 = MakeProportion(r30, completers, p);
  report.pain_summary.responder_50 = MakeProportion(r50, completers, p);
  report.pain_summary.mcid_2pt = MakeProportion(mcid, completers, p);
  report.pain_summary.change = MakeMeanChange(differences, baselines, p);
  return report;
}

json::value ToJson(const OutcomeReport& report) {
  json::array patients;
  for (const PatientOutcome& o : report.patients) {
    patients.push_back(json::object{
        {"patient", o.patient},
        {"instrument", o.instrument},
        {"instrument_version", o.instrument_version},
        {"recall", o.recall},
        {"n_scores", o.n_scores},
        {"baseline_date", FormatDate(o.baseline_date)},
        {"baseline_score", o.baseline_score},
        {"follow_up_date", o.follow_up_date
                               ? json::value(json::string(FormatDate(*o.follow_up_date)))
                               : json::value(nullptr)},
        {"follow_up_score", Num(o.follow_up_score)},
        {"follow_up_days",
         o.follow_up_days ? json::value(*o.follow_up_days) : json::value(nullptr)},
        {"change", assess::ToJson(o.change)},
        {"cutoff", Num(o.cutoff)},
        {"below_cutoff_at_baseline", Bool(o.below_cutoff_at_baseline)},
        {"category", ToString(o.category)},
        {"mcid_met", Bool(o.mcid_met)},
        {"note", o.note},
    });
  }
  json::array pain;
  for (const PainWeeklyChange& c : report.pain) {
    pain.push_back(json::object{
        {"patient", c.patient},
        {"first_date", FormatDate(c.first_date)},
        {"last_date", FormatDate(c.last_date)},
        {"baseline_days", c.baseline_days},
        {"follow_up_days", c.follow_up_days},
        {"baseline_mean", Num(c.baseline_mean)},
        {"follow_up_mean", Num(c.follow_up_mean)},
        {"raw_change", Num(c.raw_change)},
        {"pct_change", Num(c.pct_change)},
        {"responder_30", Bool(c.responder_30)},
        {"responder_50", Bool(c.responder_50)},
        {"mcid_2pt", Bool(c.mcid_2pt)},
        {"note", c.note},
    });
  }
  json::array instruments;
  for (const InstrumentSummary& s : report.instruments) {
    instruments.push_back(json::object{
        {"instrument", s.instrument},
        {"instrument_version", s.instrument_version},
        {"recall", s.recall},
        {"with_baseline", s.with_baseline},
        {"with_follow_up", s.with_follow_up},
        {"in_protocol_window", s.in_protocol_window},
        {"median_follow_up_days", Num(s.median_follow_up_days)},
        {"cutoff_known", s.cutoff_known},
        {"reliable_change_known", s.reliable_change_known},
        {"recovered", ProportionJson(s.recovered)},
        {"improved", ProportionJson(s.improved)},
        {"no_reliable_change", ProportionJson(s.no_reliable_change)},
        {"deteriorated", ProportionJson(s.deteriorated)},
        {"below_cutoff_at_baseline",
         json::object{{"improved", ProportionJson(s.below_cutoff_improved)},
                      {"no_reliable_change", ProportionJson(s.below_cutoff_no_reliable_change)},
                      {"deteriorated", ProportionJson(s.below_cutoff_deteriorated)}}},
        {"mcid_responders", ProportionJson(s.mcid_responders)},
        {"change", MeanJson(s.change)},
    });
  }
  const PainSummary& ps = report.pain_summary;
  return json::object{
      {"patients", std::move(patients)},
      {"daily_pain", std::move(pain)},
      {"clinic",
       json::object{
           {"instruments", std::move(instruments)},
           {"daily_pain", json::object{{"with_baseline", ps.with_baseline},
                                       {"with_follow_up", ps.with_follow_up},
                                       {"responder_30", ProportionJson(ps.responder_30)},
                                       {"responder_50", ProportionJson(ps.responder_50)},
                                       {"mcid_2pt", ProportionJson(ps.mcid_2pt)},
                                       {"change", MeanJson(ps.change)}}},
       }},
  };
}

}  // namespace unknot::insight
