#include "unknot/treat/demo_care_plan.hpp"

#include <chrono>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/treat/care_plan_store.hpp"

namespace unknot::treat {
namespace {

constexpr std::string_view kDemoPatientEmail = "patient@demo.unknot.test";
constexpr std::string_view kDemoClinicianEmail = "clinician@demo.unknot.test";

}  // namespace

CarePlanValues DemoCarePlan(PlanDate today) {
  CarePlanValues plan;
  plan.problems = {"Neck and shoulder pain with tension, worse after long days at the desk",
                   "Low back pain that flares after lifting and long sitting"};
  plan.goals = {{"Sit through a full working day at my desk", 3, 7},
                {"Carry the shopping home from the shop", 4, 8}};
  plan.planned_sessions = 6;
  plan.frequency = Frequency::kWeekly;
  plan.programme_note =
      "The neck and shoulder stretches and the breathing exercise on most days, with a short "
      "walk at lunchtime. We check how they are going at each session.";
  plan.review_date = PlanDate{std::chrono::sys_days{today} + std::chrono::weeks{6}};
  return plan;
}

Result<void> CreateDemoCarePlan(db::Database& db, const Clock& clock) {
  return db.Write([&](db::Session& session) -> Result<void> {
    auto login = identity::FindUserByEmail(session, kDemoPatientEmail);
    if (!login) return login.error();
    if (!*login || !(*login)->patient_uuid) return {};
    auto clinician = identity::FindUserByEmail(session, kDemoClinicianEmail);
    if (!clinician) return clinician.error();
    if (!*clinician) return {};
    auto patient = people::GetPatient(session, *(*login)->patient_uuid);
    if (!patient) return patient.error();
    auto existing = GetCarePlan(session, patient->id);
    if (!existing) return existing.error();
    if (existing->version > 0) return {};
    auto zone = empower::ClinicTimeZone(session, patient->clinic_id);
    if (!zone) return zone.error();
    const Instant now = clock.Now();
    auto today = empower::LocalToday(now, *zone);
    if (!today) return today.error();
    auto saved = SaveCarePlan(session, *patient, DemoCarePlan(*today), std::nullopt,
                              {(*clinician)->uuid, (*clinician)->display_name}, now);
    if (!saved) return saved.error();
    return {};
  });
}

}  // namespace unknot::treat
