#include "unknot/empower/demo_check_ins.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/patient_store.hpp"

namespace unknot::empower {
namespace {

constexpr std::string_view kDemoPatientEmail = "patient@demo.unknot.test";
constexpr Instant kDay = std::chrono::microseconds(std::chrono::hours(24)).count();
// Days back from today of the high-pain period, and the two days the patient
// answered "yes" to "flare-up today?".
constexpr int kFlareFirst = 37, kFlareLast = 33;
constexpr int kFlareSaidFirst = 36, kFlareSaidLast = 35;
constexpr int kEasingDays = 42;  // stress eases over these last days

int Rating(double value) { return std::clamp(static_cast<int>(std::lround(value)), 0, 10); }

}  // namespace

std::vector<std::pair<LocalDate, CheckInValues>> DemoCheckInSeries(LocalDate today) {
  std::mt19937 random(20261202);  // fixed: the same demo every time
  std::normal_distribution<double> noise(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  std::vector<std::pair<LocalDate, CheckInValues>> series;
  double stress = 5.5, pain = 4.5;
  for (int back = kDemoCheckInDays; back >= 1; --back) {
    const LocalDate date{std::chrono::sys_days{today} - std::chrono::days{back}};
    const double easing = back <= kEasingDays ? 1.8 * (kEasingDays - back) / kEasingDays : 0.0;
    const bool workday = std::chrono::weekday{std::chrono::sys_days{date}}.iso_encoding() <= 5;
    const double previous_stress = stress;
    // The generating values stay continuous; the patient reports them rounded.
    stress = 5.0 - easing + (workday ? 0.6 : -0.9) + 0.5 * (previous_stress - 5.0) +
             1.3 * noise(random);
    pain = 1.0 + 0.35 * pain + 0.45 * previous_stress + 0.9 * noise(random);
    const bool flare = back <= kFlareFirst && back >= kFlareLast;
    const double reported_pain = pain + (flare ? 3.5 : 0.0);
    const bool missed = uniform(random) < 0.1 && back > 3 && !flare;
    if (missed) continue;

    CheckInValues values;
    values.pain = Rating(reported_pain);
    values.stress = Rating(stress);
    values.sleep = Rating(7.0 - 0.35 * (previous_stress - 5.0) + 1.1 * noise(random));
    values.mood = Rating(6.5 - 0.35 * (reported_pain - 4.5) - 0.2 * (stress - 5.0) +
                         0.9 * noise(random));
    values.tension = Rating(1.5 + 0.6 * stress + 0.9 * noise(random));
    if (*values.pain >= 3) values.regions.emplace_back("neck");
    if (*values.tension >= 6) {
      values.regions.emplace_back("left_shoulder");
      values.regions.emplace_back("right_shoulder");
    }
    if (flare || *values.pain >= 7) values.regions.emplace_back("lower_back");
    values.self_care_done = uniform(random) < 0.7;
    values.flare = back <= kFlareSaidFirst && back >= kFlareSaidLast;
    if (*values.flare) values.note = "Back went while lifting a box; hard to sit at work.";
    series.emplace_back(date, std::move(values));
  }
  return series;
}

Result<void> CreateDemoCheckIns(db::Database& db, const Clock& clock) {
  return db.Write([&](db::Session& session) -> Result<void> {
    auto login = identity::FindUserByEmail(session, kDemoPatientEmail);
    if (!login) return login.error();
    if (!*login || !(*login)->patient_uuid) return {};
    const identity::User& patient_login = **login;
    auto existing = session.QueryOne("SELECT COUNT(*) FROM check_in WHERE patient_id = $1",
                                     {*patient_login.patient_id});
    if (!existing) return existing.error();
    if (*existing && (*existing)->Int(0) > 0) return {};

    auto patient = people::GetPatient(session, *patient_login.patient_uuid);
    if (!patient) return patient.error();
    auto zone = ClinicTimeZone(session, patient->clinic_id);
    if (!zone) return zone.error();
    const Instant now = clock.Now();
    auto today = LocalToday(now, *zone);
    if (!today) return today.error();
    for (const auto& [date, values] : DemoCheckInSeries(*today)) {
      const auto back = (std::chrono::sys_days{*today} - std::chrono::sys_days{date}).count();
      auto stored = InsertCheckIn(session, *patient, date, values, /*late=*/false,
                                  patient_login.uuid, now - back * kDay);
      if (!stored) return stored.error();
    }
    return {};
  });
}

}  // namespace unknot::empower
