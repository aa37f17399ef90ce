// Demo questionnaire history for `unknot demo` and `unknot serve --demo`.
#pragma once

#include "unknot/assess/assess_content.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

// Gives the demo clinic (the clinic of patient@demo.unknot.test) something to
// look at, in one write transaction: the demo patient gets three completed
// PHQ-9/GAD-7/NPRS packs six, four and two weeks ago with PHQ-9 improving
// (16 → 12 → 7), a body map with the first, and one pack sent yesterday that
// the portal shows as "to do"; the clinic's next patient gets one completed
// pack. Packs are recorded as entered by the demo clinician. No answer fires
// a safety rule: demo data must never raise an alert or queue an email.
//
// Does nothing when the demo sign-ins are missing or the clinic already has
// an assessment, so it is safe to call at every start-up. Call it after the
// demo clinic and users exist (people::CreateDemoClinic, identity::CreateDemoUsers).
Result<void> CreateDemoAssessments(db::Database& db, const Clock& clock,
                                   const AssessContent& content);

}  // namespace unknot::assess
