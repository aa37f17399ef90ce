// The demo patient's care plan for `unknot demo` and `unknot serve --demo`, so
// a newcomer sees the care-plan pages filled in: two problems, two goals in the
// patient's words (PSFS), six weekly sessions, reviewed six weeks from today.
#pragma once

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"
#include "unknot/treat/care_plan.hpp"

namespace unknot::treat {

// The demo plan with its review date six weeks after `today`.
CarePlanValues DemoCarePlan(PlanDate today);

// Stores DemoCarePlan for the demo patient (patient@demo.unknot.test), written
// by the demo clinician. Does nothing when either is missing or the patient
// already has a plan, so it is safe at every start-up.
Result<void> CreateDemoCarePlan(db::Database& db, const Clock& clock);

}  // namespace unknot::treat
