#include "unknot/insight/flare_simulation.hpp"

#include "unknot/insight/flare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <random>
#include <stdexcept>

namespace unknot::insight {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr double kMean = 5.0;
constexpr int kWarmUp = 28;  // days of history before the 90 days that count
constexpr int kDays = 90;
constexpr double kSelfReportRate = 0.64;  // Costa et al., §3.10
constexpr double kAgreementZ = 4.0;
const sys_days kDay0 = sys_days(std::chrono::year(2026) / 1 / 1);

struct Cell {
  double phi;
  double sd;  // marginal SD of the latent series, in pain points
};

struct Bump {
  int onset = -1;  // day index; -1: no bump
  bool self_report = false;
};

// Same design as scripts/insight/flare_operating.R.
std::vector<FlareInputDay> SimulateSeries(std::mt19937_64& rng, const Cell& cell, Bump bump) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::bernoulli_distribution says_flare(kSelfReportRate);
  const double innovation_sd = cell.sd * std::sqrt(1.0 - cell.phi * cell.phi);
  double x = kMean + cell.sd * normal(rng);
  std::vector<FlareInputDay> series;
  for (int t = 0; t < kWarmUp + kDays; ++t) {
    if (t > 0) x = kMean + cell.phi * (x - kMean) + innovation_sd * normal(rng);
    double value = std::round(x);
    FlareInputDay day;
    day.date = kDay0 + days(t);
    if (bump.onset >= 0 && t >= bump.onset && t < bump.onset + 3) {
      value += 3;
      if (bump.self_report) day.flare = says_flare(rng);
    }
    day.pain = static_cast<int>(std::clamp(value, 0.0, 10.0));
    series.push_back(std::move(day));
  }
  return series;
}

// Mean and per-replicate SD of one check in one cell.
struct Measured {
  double mean = 0;
  double sd = 0;
};

Measured Summarise(const std::vector<double>& values) {
  double sum = 0;
  for (const double v : values) sum += v;
  const double mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  const double var = values.size() > 1 ? squares / static_cast<double>(values.size() - 1) : 0;
  return {mean, std::sqrt(var)};
}

double Replicate(std::mt19937_64& rng, const Cell& cell, FlareCheck check) {
  if (check == FlareCheck::kSpecificity) {
    const sys_days counted_from = kDay0 + days(kWarmUp);
    int episodes = 0;
    for (const auto& e : DetectFlares(SimulateSeries(rng, cell, {})).episodes) {
      episodes += e.start >= counted_from;
    }
    return episodes;
  }
  std::uniform_int_distribution<int> onset_day(kWarmUp + 14, kWarmUp + kDays - 10);
  const int onset = onset_day(rng);
  const Bump bump{onset, check == FlareCheck::kSensitivitySelfReport};
  const sys_days onset_date = kDay0 + days(onset);
  for (const auto& e : DetectFlares(SimulateSeries(rng, cell, bump)).episodes) {
    if (e.start >= onset_date - days(1) && e.start <= onset_date + days(1)) return 1;
  }
  return 0;
}

const FlareOperatingFigure* FindReference(const std::vector<FlareOperatingFigure>& reference,
                                          FlareCheck check, const Cell& cell) {
  for (const auto& figure : reference) {
    if (figure.check == check && std::abs(figure.phi - cell.phi) < 1e-9 &&
        std::abs(figure.sd - cell.sd) < 1e-9) {
      return &figure;
    }
  }
  return nullptr;
}

std::string TargetStatus(FlareCheck check, double mean) {
  if (check == FlareCheck::kSpecificity) {
    return mean <= 1.0 ? "§4.4 target <= 1 met" : "§4.4 target <= 1 not met (design figure)";
  }
  return mean >= 0.90 ? "§4.4 target >= 0.90 met" : "§4.4 target >= 0.90 not met (design figure)";
}

FlareCheckLine CheckCell(std::mt19937_64& rng, const FlareSimulationOptions& options,
                         FlareCheck check, const Cell& cell) {
  std::vector<double> values;
  values.reserve(options.replicates);
  for (int r = 0; r < options.replicates; ++r) values.push_back(Replicate(rng, cell, check));
  const Measured ours = Summarise(values);
  FlareCheckLine line;
  line.name = fmt::format("flare {} phi={} sd={}", ToString(check), cell.phi, cell.sd);
  const FlareOperatingFigure* r = FindReference(options.reference, check, cell);
  if (r == nullptr) {
    line.detail = fmt::format("{:.3f}; no R figure for this cell", ours.mean);
    return line;
  }
  const double se = std::sqrt(ours.sd * ours.sd / options.replicates +
                              r->sd_per_replicate * r->sd_per_replicate / r->replicates);
  // With no variation at all (both rates 0), only equal rates agree.
  const double difference = std::abs(ours.mean - r->mean);
  const double z = se > 0 ? difference / se : (difference == 0 ? 0 : HUGE_VAL);
  line.passed = z <= kAgreementZ;
  line.detail = fmt::format(
      "{:.3f} ({} replicates) vs R {:.3f} ({} replicates): |z| = {:.2f} (criterion <= {}); {}",
      ours.mean, options.replicates, r->mean, r->replicates, z, kAgreementZ,
      TargetStatus(check, r->mean));
  return line;
}

std::optional<FlareCheck> CheckFromString(std::string_view name) {
  for (const FlareCheck c : {FlareCheck::kSpecificity, FlareCheck::kSensitivity,
                             FlareCheck::kSensitivitySelfReport}) {
    if (ToString(c) == name) return c;
  }
  return std::nullopt;
}

template <typename T>
T ParseNumber(std::string_view field, int line) {
  T value{};
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size()) {
    throw std::invalid_argument(fmt::format("line {}: '{}' is not a number", line, field));
  }
  return value;
}

}  // namespace

std::string_view ToString(FlareCheck check) {
  switch (check) {
    case FlareCheck::kSpecificity: return "specificity";
    case FlareCheck::kSensitivity: return "sensitivity";
    case FlareCheck::kSensitivitySelfReport: return "sensitivity_self_report";
  }
  return "specificity";
}

std::vector<FlareOperatingFigure> ParseFlareOperatingFigures(std::string_view csv) {
  constexpr std::string_view kHeader = "check,phi,sd,replicates,mean,sd_per_replicate";
  std::vector<FlareOperatingFigure> figures;
  int line_number = 0;
  while (!csv.empty()) {
    const std::size_t eol = csv.find('\n');
    std::string_view line = csv.substr(0, eol);
    csv = eol == std::string_view::npos ? std::string_view{} : csv.substr(eol + 1);
    ++line_number;
    if (line_number == 1) {
      if (line != kHeader) throw std::invalid_argument("line 1: expected the header " +
                                                       std::string(kHeader));
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() != 6) {
      throw std::invalid_argument(fmt::format("line {}: expected 6 fields", line_number));
    }
    const auto check = CheckFromString(fields[0]);
    if (!check) {
      throw std::invalid_argument(fmt::format("line {}: unknown check '{}'", line_number,
                                              fields[0]));
    }
    figures.push_back({*check, ParseNumber<double>(fields[1], line_number),
                       ParseNumber<double>(fields[2], line_number),
                       ParseNumber<int>(fields[3], line_number),
                       ParseNumber<double>(fields[4], line_number),
                       ParseNumber<double>(fields[5], line_number)});
  }
  return figures;
}

std::vector<FlareCheckLine> RunFlareSimulationChecks(const FlareSimulationOptions& options) {
  std::vector<FlareCheckLine> lines;
  std::mt19937_64 rng(options.seed);
  for (const double sd : {0.7, 1.0, 1.5}) {
    for (const double phi : {0.3, 0.5, 0.7}) {
      for (const FlareCheck check : {FlareCheck::kSpecificity, FlareCheck::kSensitivity,
                                     FlareCheck::kSensitivitySelfReport}) {
        lines.push_back(CheckCell(rng, options, check, {phi, sd}));
      }
    }
  }
  return lines;
}

}  // namespace unknot::insight
