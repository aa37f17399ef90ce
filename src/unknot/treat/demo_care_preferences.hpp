// Demo care preferences for `unknot demo` and `unknot serve --demo`, so the
// preferences pages, the session screen and the session-note consent checks
// have something real to show.
#pragma once

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::treat {

// The demo patient's (patient@demo.unknot.test) preferences: no touch on the
// neck, ask first for the lower back, yes for both shoulders; stop signal
// "hand up"; light pressure; a written summary after each session; quiet;
// unscented products. Set by the patient two weeks ago and gone through with
// the demo clinician a week ago (two versions). Does nothing when the demo
// patient is missing or already has preferences, so it is safe at every
// start-up.
Result<void> CreateDemoCarePreferences(db::Database& db, const Clock& clock);

}  // namespace unknot::treat
