#include "unknot/identity/demo_users.hpp"

#include <fmt/format.h>

#include "unknot/identity/password.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"

namespace unknot::identity {
namespace {

struct DemoUser {
  const char* email;
  const char* display_name;
  Role role;
};

constexpr DemoUser kDemoUsers[] = {
    {"admin@demo.unknot.test", "Demo Admin", Role::kAdmin},
    {"clinician@demo.unknot.test", "Demo Clinician", Role::kClinician},
    {"patient@demo.unknot.test", "Demo Patient", Role::kPatient},
};

// The clinic's first patient: the one the demo patient login opens.
Result<std::int64_t> FirstPatient(db::Session& session, std::int64_t clinic_id) {
  auto row = session.QueryOne(
      "SELECT id FROM patient WHERE clinic_id = $1 ORDER BY created_at, id LIMIT 1", {clinic_id});
  if (!row) return row.error();
  if (!*row) return Error::Internal("the demo clinic has no patient to link the demo login to");
  return (*row)->Int(0);
}

}  // namespace

Result<std::vector<DemoAccount>> CreateDemoUsers(db::Database& db, const Clock& clock,
                                                 std::string_view clinic_uuid) {
  // One hash for all three: the password is the same and hashing is slow.
  auto hash = HashPassword(kDemoPassword);
  if (!hash) return hash.error();
  std::vector<DemoAccount> accounts;
  auto done = db.Write([&](db::Session& session) -> Result<void> {
    auto clinic = people::GetClinic(session, clinic_uuid);
    if (!clinic) return clinic.error();
    const Instant now = clock.Now();
    for (const DemoUser& demo : kDemoUsers) {
      accounts.push_back({demo.email, std::string(RoleName(demo.role))});
      auto existing = FindUserByEmail(session, demo.email);
      if (!existing) return existing.error();
      if (*existing) continue;
      NewUser user{.clinic_id = clinic->id,
                   .role = demo.role,
                   .email = demo.email,
                   .display_name = demo.display_name,
                   .password_hash = *hash,
                   .is_demo = true};
      if (demo.role == Role::kPatient) {
        auto patient = FirstPatient(session, clinic->id);
        if (!patient) return patient.error();
        user.patient_id = *patient;
      }
      if (auto inserted = InsertUser(session, user, now); !inserted) return inserted.error();
    }
    return {};
  });
  if (!done) return done.error();
  return accounts;
}

std::string DescribeDemoAccounts(const std::vector<DemoAccount>& accounts) {
  std::string out = fmt::format(
      "DEMO accounts (made-up data, never for real patients; password \"{}\"):", kDemoPassword);
  for (const DemoAccount& account : accounts) {
    out += fmt::format("\n  {:<9} {}", account.role, account.email);
  }
  return out;
}

}  // namespace unknot::identity
