// Demo daily check-ins for `unknot demo` and `unknot serve --demo`, so a
// newcomer sees the check-in chart, the heat map, the calendar and (Insight)
// the stress–pain analysis filled with plausible data.
#pragma once

#include <utility>
#include <vector>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

inline constexpr int kDemoCheckInDays = 100;

// The demo patient's series for the kDemoCheckInDays days before `today`
// (today itself is left for the visitor to fill in). Deterministic. Planted:
// higher stress is followed by higher pain the next day (pain_t ≈ 1 + 0.35
// pain_{t−1} + 0.45 stress_{t−1} + noise), stress eases over the last six
// weeks as PHQ-9 improves in the demo questionnaires, one five-day period of
// much higher pain about five weeks ago that the patient called a flare-up on
// two days, and about one day in ten missed (never the last three or the
// high-pain period).
std::vector<std::pair<LocalDate, CheckInValues>> DemoCheckInSeries(LocalDate today);

// Stores DemoCheckInSeries for the demo patient (patient@demo.unknot.test),
// entered by the patient on each day. Does nothing when the demo patient is
// missing or already has a check-in, so it is safe at every start-up.
Result<void> CreateDemoCheckIns(db::Database& db, const Clock& clock);

}  // namespace unknot::empower
