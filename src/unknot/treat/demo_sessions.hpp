// Demo session notes for `unknot demo` and `unknot serve --demo`: three signed
// weekly sessions for the demo patient, so the session screen, the notes list
// with its before/after chart and the portal's session summaries have
// something to show.
#pragma once

#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"
#include "unknot/treat/session_note.hpp"

namespace unknot::treat {

// The three notes, oldest first, dated 21, 14 and 7 days before `today`.
// Never the neck (the demo patient's consent says no there); the lower back
// only with the patient's "ask first" confirmed; pain, tension and stress
// after each session lower than before, and lower week by week; each with a
// summary for the patient (the demo patient asked for one).
std::vector<SessionNoteFields> DemoSessionNotes(LocalDate today);

// Stores DemoSessionNotes for the demo patient (patient@demo.unknot.test),
// written and signed by the demo clinician, with one addendum on the first.
// Does nothing when either account is missing or the patient already has a
// session note, so it is safe at every start-up.
Result<void> CreateDemoSessions(db::Database& db, const Clock& clock);

}  // namespace unknot::treat
