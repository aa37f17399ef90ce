// Demo sign-ins for `unknot demo` and `unknot serve --demo` (is_demo = 1).
#pragma once

#include <string>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

inline constexpr std::string_view kDemoPassword = "demo-password-123";

struct DemoAccount {
  std::string email;
  std::string role;
};

// Creates the demo admin, clinician and patient (linked to the clinic's
// first patient) in `clinic_uuid` unless their emails exist; returns all
// three. Safe to call at every start-up.
Result<std::vector<DemoAccount>> CreateDemoUsers(db::Database& db, const Clock& clock,
                                                 std::string_view clinic_uuid);

// "DEMO accounts (password demo-password-123): admin@…, clinician@…, patient@…"
std::string DescribeDemoAccounts(const std::vector<DemoAccount>& accounts);

}  // namespace unknot::identity
