// Demo data for trying unknot out (`unknot demo`, `unknot serve --demo`).
#pragma once

#include <string>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::people {

// When the database has no clinic yet, creates "Calm Tissue Clinic (demo)"
// with eight made-up patients (some with NHS numbers, some with partial birth
// dates) in one write transaction, and returns the clinic's UUID. When any
// clinic exists it changes nothing and returns the UUID of the oldest clinic,
// so calling it at every start-up is safe. The patients' versions are authored
// by "demo".
Result<std::string> CreateDemoClinic(db::Database& db, const Clock& clock);

}  // namespace unknot::people
