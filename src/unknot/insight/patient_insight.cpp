#include "unknot/insight/patient_insight.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

#include "unknot/empower/check_in_csv.hpp"
#include "unknot/insight/cycle.hpp"
#include "unknot/insight/cycle_json.hpp"
#include "unknot/insight/flare.hpp"
#include "unknot/insight/flare_input.hpp"
#include "unknot/insight/wording.hpp"
#include "unknot/platform/crypto.hpp"

namespace unknot::insight {
namespace {

namespace json = boost::json;

// The three unordered primary pairs of §3.3, each as (X, Y) with its two
// directions X→Y and Y→X; the first names the patient's headline pair.
constexpr std::array<std::pair<Variable, Variable>, 3> kPrimaryPairs{{
    {Variable::kStress, Variable::kPain},
    {Variable::kSleep, Variable::kPain},
    {Variable::kPain, Variable::kMood},
}};

std::vector<empower::CheckInRecord> OldestFirst(std::vector<empower::CheckInRecord> records) {
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  return records;
}

const CycleRecord* FindLagged(const std::vector<CycleRecord>& records, Variable x, Variable y) {
  for (const auto& record : records) {
    if (record.model == Model::kM1 && record.x == x && record.y == y) return &record;
  }
  return nullptr;
}

json::value OptionalNumber(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value OptionalRating(const std::optional<int>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// One direction as the patient sees it: the verdict and the sentence, and the
// high-vs-low-day contrast for a chart; never p, q or SE.
json::object PatientDirection(const CycleRecord& record) {
  return {{"x", ToString(record.x)},
          {"y", ToString(record.y)},
          {"verdict", ToString(record.verdict)},
          {"message", record.message_patient},
          {"contrast_delta", OptionalNumber(record.contrast_delta)},
          {"contrast_ci_low", OptionalNumber(record.contrast_ci_low)},
          {"contrast_ci_high", OptionalNumber(record.contrast_ci_high)}};
}

json::array PatientPairs(const std::vector<CycleRecord>& records) {
  json::array pairs;
  for (const auto& [x, y] : kPrimaryPairs) {
    const CycleRecord* forward = FindLagged(records, x, y);
    const CycleRecord* backward = FindLagged(records, y, x);
    if (forward == nullptr || backward == nullptr) continue;
    const int days_needed = std::max(0, kMinPairs - std::max(forward->n_pairs, backward->n_pairs));
    pairs.push_back(json::object{
        {"x", ToString(x)},
        {"y", ToString(y)},
        {"tier", ToString(forward->tier)},
        {"days_needed", days_needed},
        {"n_pairs", forward->n_pairs},
        {"both_directions", BothDirections(*forward, *backward)},
        {"summary", CycleMessage(*forward, *backward)},
        {"directions", json::array{PatientDirection(*forward), PatientDirection(*backward)}}});
  }
  return pairs;
}

json::array ClinicianCycles(const std::vector<CycleRecord>& records) {
  json::array cycles;
  for (const auto& [x, y] : kPrimaryPairs) {
    const CycleRecord* forward = FindLagged(records, x, y);
    const CycleRecord* backward = FindLagged(records, y, x);
    if (forward == nullptr || backward == nullptr) continue;
    cycles.push_back(json::object{{"x", ToString(x)},
                                  {"y", ToString(y)},
                                  {"both_directions", BothDirections(*forward, *backward)},
                                  {"summary", CycleMessage(*forward, *backward)}});
  }
  return cycles;
}

// The daily ratings inside the analysis window, oldest first, for charts.
json::array WindowSeries(const std::vector<empower::CheckInRecord>& records,
                         const CycleRun& cycle) {
  json::array series;
  for (const auto& record : records) {
    const std::string date = empower::FormatLocalDate(record.date);
    if (cycle.window_start.empty() || date < cycle.window_start || date > cycle.window_end) {
      continue;
    }
    const auto& v = record.values;
    series.push_back(json::object{{"date", date},
                                  {"pain", OptionalRating(v.pain)},
                                  {"stress", OptionalRating(v.stress)},
                                  {"mood", OptionalRating(v.mood)},
                                  {"sleep", OptionalRating(v.sleep)},
                                  {"tension", OptionalRating(v.tension)},
                                  {"flare", v.flare ? json::value(*v.flare) : json::value()},
                                  {"late", record.late}});
  }
  return series;
}

std::string FormatDay(std::chrono::sys_days day) {
  return empower::FormatLocalDate(std::chrono::year_month_day{day});
}

json::array PatientPeriods(const FlareAnalysis& flares) {
  json::array periods;
  for (const auto& episode : flares.episodes) {
    periods.push_back(json::object{{"start", FormatDay(episode.start)},
                                   {"end", FormatDay(episode.end)},
                                   {"ongoing", episode.end_reason == FlareEndReason::kOngoing},
                                   {"you_called_it_a_flare", episode.patient_called_it_flare},
                                   {"title", FlarePatientTitle(episode)},
                                   {"sentence", FlarePatientSentence(episode)}});
  }
  return periods;
}

json::array ClinicianLines(const FlareAnalysis& flares) {
  json::array lines;
  for (const auto& episode : flares.episodes) lines.push_back(json::string(FlareClinicianLine(episode)));
  return lines;
}

json::array Issues(const std::vector<Issue>& issues) {
  json::array out;
  for (const auto& issue : issues) {
    out.push_back(json::object{
        {"path", issue.path}, {"code", issue.code}, {"message", issue.message}});
  }
  return out;
}

}  // namespace

std::string InsightInputChecksum(const std::vector<empower::CheckInRecord>& records) {
  std::string canonical = "unknot-insight-input-v1\n" UNKNOT_VERSION "\n";
  for (const auto& record : OldestFirst(records)) {
    canonical += empower::FormatLocalDate(record.date);
    canonical += record.late ? ",late," : ",on-time,";
    canonical += json::serialize(empower::EncodeCheckInValues(record.values));
    canonical += '\n';
  }
  return crypto::HashToken(canonical);
}

PatientInsight AnalysePatient(const std::vector<empower::CheckInRecord>& records,
                              const InsightRun& run) {
  const auto ordered = OldestFirst(records);
  std::vector<CycleCheckIn> cycle_input;
  std::vector<empower::CsvCheckIn> rows;
  cycle_input.reserve(ordered.size());
  rows.reserve(ordered.size());
  for (const auto& record : ordered) {
    rows.push_back({record.date, record.values});
    CycleCheckIn check_in = FromCsv(rows.back());
    check_in.late = record.late;
    cycle_input.push_back(check_in);
  }
  CycleRun cycle = AnalyseCycle(cycle_input, {.patient_id = run.patient_id,
                                              .run_id = run.run_id,
                                              .computed_at = run.computed_at});
  for (auto& record : cycle.records) ApplyWording(record);
  const FlareAnalysis flares = DetectFlares(ToFlareInput(rows));

  const json::object run_fields{{"run_id", run.run_id},
                                {"computed_at", run.computed_at},
                                {"software_version", UNKNOT_VERSION},
                                {"window_start", cycle.window_start},
                                {"window_end", cycle.window_end},
                                {"n_calendar_days", cycle.n_calendar_days},
                                {"check_ins", static_cast<std::int64_t>(ordered.size())}};
  PatientInsight insight{.input_checksum = InsightInputChecksum(records)};
  insight.patient_view = run_fields;
  insight.patient_view["pairs"] = PatientPairs(cycle.records);
  insight.patient_view["series"] = WindowSeries(ordered, cycle);
  insight.patient_view["periods"] = PatientPeriods(flares);

  insight.clinician_view = run_fields;
  insight.clinician_view["reference_checksum"] = cycle.reference_checksum;
  insight.clinician_view["cycles"] = ClinicianCycles(cycle.records);
  insight.clinician_view["records"] = ToJson(cycle.records);
  insight.clinician_view["flares"] = ToJson(flares, /*with_days=*/true);
  insight.clinician_view["flare_lines"] = ClinicianLines(flares);
  insight.clinician_view["data_quality"] = Issues(cycle.data_quality);
  insight.clinician_view["series"] = insight.patient_view["series"];
  return insight;
}

}  // namespace unknot::insight
