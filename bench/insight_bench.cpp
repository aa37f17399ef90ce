// Insight speed (`make bench`, issue 6 item 10): the per-patient analysis —
// the stress–pain cycle of analytics_methods §3 (26 models, diagnostics,
// sensitivity, wording) and the §3.10 flares — for 90 and 365 days of
// check-ins, a 10,000-patient batch, and the same cycle inputs through the
// independent R reference (scripts/insight/reference.R), whose per-patient
// time is the baseline of the ratio. Prints a Markdown section for
// bench/RESULTS.md. Usage (repository root): insight_bench [BATCH_PATIENTS]
//
// Series are synthetic and fixed by seed: stress an AR(1) around 5, pain
// following yesterday's stress, about one day in ten missed.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/insight/cycle.hpp"
#include "unknot/insight/flare.hpp"
#include "unknot/insight/wording.hpp"

namespace {

using namespace unknot;
using Clock = std::chrono::steady_clock;

struct Patient {
  std::vector<insight::CycleCheckIn> cycle;
  std::vector<insight::FlareInputDay> flares;
};

int Rating(double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, 10); }

Patient Synthetic(unsigned seed, int days) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const std::chrono::sys_days first = std::chrono::sys_days{std::chrono::year{2025} / 1 / 1};
  Patient patient;
  double stress = 5, pain = 4.5;
  for (int day = 0; day < days; ++day) {
    const double previous_stress = stress;
    stress = 5 + 0.5 * (stress - 5) + 1.4 * noise(random);
    pain = 1 + 0.35 * pain + 0.45 * previous_stress + noise(random);
    if (uniform(random) < 0.1) continue;
    const auto date = first + std::chrono::days{day};
    insight::CycleCheckIn c{.date = std::chrono::year_month_day{date},
                            .pain = Rating(pain),
                            .stress = Rating(stress),
                            .mood = Rating(6.5 - 0.4 * (pain - 4.5) + noise(random)),
                            .sleep = Rating(7 - 0.3 * (previous_stress - 5) + noise(random)),
                            .tension = Rating(1.5 + 0.6 * stress + noise(random))};
    patient.cycle.push_back(c);
    patient.flares.push_back({.date = date,
                              .pain = c.pain,
                              .stress = c.stress,
                              .mood = c.mood,
                              .sleep = c.sleep,
                              .flare = false,
                              .regions = {"neck"}});
  }
  return patient;
}

std::vector<Patient> Cohort(int count, int days, unsigned first_seed) {
  std::vector<Patient> cohort;
  cohort.reserve(count);
  for (int i = 0; i < count; ++i) cohort.push_back(Synthetic(first_seed + i, days));
  return cohort;
}

// What the server does per patient (insight/patient_insight.cpp) minus JSON.
std::size_t AnalyseAll(const std::vector<Patient>& cohort, bool with_flares) {
  std::size_t records = 0;
  for (const auto& patient : cohort) {
    auto run = insight::AnalyseCycle(patient.cycle, {});
    for (auto& record : run.records) insight::ApplyWording(record);
    records += run.records.size();
    if (with_flares) records += insight::DetectFlares(patient.flares).episodes.size();
  }
  return records;
}

double SecondsFor(const std::vector<Patient>& cohort, bool with_flares) {
  const auto start = Clock::now();
  const std::size_t records = AnalyseAll(cohort, with_flares);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (records == 0) std::abort();  // keeps the work from being optimised away
  return seconds;
}

void WriteCsv(const Patient& patient, const std::filesystem::path& file) {
  std::ofstream out(file);
  out << "date,pain,stress,mood,sleep,tension,flare,regions,note\n";
  for (const auto& c : patient.cycle) {
    out << empower::FormatLocalDate(c.date) << ',' << *c.pain << ',' << *c.stress << ','
        << *c.mood << ',' << *c.sleep << ',' << *c.tension << ",no,neck,\n";
  }
}

// Wall seconds of the R reference over `cohort` written as fixtures, minus R's
// start-up (the same script over an empty folder); negative when R failed.
double RSecondsFor(const std::vector<Patient>& cohort) {
  const auto root = std::filesystem::temp_directory_path() / "unknot-insight-bench";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "empty");
  std::filesystem::create_directories(root / "fixtures");
  for (std::size_t i = 0; i < cohort.size(); ++i) {
    WriteCsv(cohort[i], root / "fixtures" / ("patient_" + std::to_string(i) + ".csv"));
  }
  const auto run = [&](const char* folder) {
    const std::string command = "Rscript scripts/insight/reference.R " + (root / folder).string() +
                                " " + (root / "out").string() + " >/dev/null 2>&1";
    const auto start = Clock::now();
    const int status = std::system(command.c_str());
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return status == 0 ? seconds : -1.0;
  };
  const double startup = run("empty");
  const double total = run("fixtures");
  std::filesystem::remove_all(root);
  return startup < 0 || total < 0 ? -1.0 : total - startup;
}

}  // namespace

int main(int argc, char** argv) {
  const int batch = argc > 1 ? std::atoi(argv[1]) : 10'000;
  constexpr int kSample = 200, kRSample = 40;
  const auto days90 = Cohort(kSample, 90, 1);
  const auto days365 = Cohort(kSample, 365, 100'001);
  const auto cycle_only = Cohort(kRSample, 90, 200'001);

  const double per90 = SecondsFor(days90, true) / kSample;
  const double per365 = SecondsFor(days365, true) / kSample;
  const double cxx_cycle = SecondsFor(cycle_only, false) / kRSample;
  const double r_total = RSecondsFor(cycle_only);
  const auto batch_cohort = Cohort(batch, 90, 300'001);
  const double batch_seconds = SecondsFor(batch_cohort, true);

  const auto ms = [](double s) { return s * 1e3; };
  std::printf("\n## Insight analysis (one thread)\n\n");
  std::printf("Synthetic patients (about one day in ten missed); the cycle is 26 models with\n");
  std::printf("diagnostics, sensitivity refits and wording; flares are §3.10 over the same days.\n\n");
  std::printf("| Scenario | Time | Ratio |\n|---|---:|---:|\n");
  if (r_total > 0) {
    const double r_per = r_total / kRSample;
    std::printf("| R reference (`reference.R`: lm + sandwich + lmtest), cycle only, per patient, "
                "90 days (baseline) | %.1f ms | 100%% |\n", ms(r_per));
    std::printf("| unknot, cycle only, per patient, 90 days (same %d inputs) | %.2f ms | %.2f%% "
                "(%.0f× faster) |\n", kRSample, ms(cxx_cycle), 100 * cxx_cycle / r_per,
                r_per / cxx_cycle);
    std::printf("| unknot, cycle + flares, per patient, 90 days | %.2f ms | %.2f%% |\n", ms(per90),
                100 * per90 / r_per);
    std::printf("| unknot, cycle + flares, per patient, 365 days | %.2f ms | %.2f%% |\n",
                ms(per365), 100 * per365 / r_per);
    std::printf("| unknot, batch of %d patients × 90 days | %.2f s | %.2f%% of R's time for the "
                "same batch |\n", batch, batch_seconds, 100 * batch_seconds / (r_per * batch));
  } else {
    std::printf("| R reference | not run (Rscript with sandwich and lmtest missing) | – |\n");
    std::printf("| unknot, cycle + flares, per patient, 90 days | %.2f ms | – |\n", ms(per90));
    std::printf("| unknot, cycle + flares, per patient, 365 days | %.2f ms | – |\n", ms(per365));
    std::printf("| unknot, batch of %d patients × 90 days | %.2f s | – |\n", batch, batch_seconds);
  }
  std::printf("\nThe R time is wall time minus R's start-up (the same script over no files).\n");
  return 0;
}
