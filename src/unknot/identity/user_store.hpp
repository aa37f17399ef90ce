// User accounts in the database (table `user_account`, migration 0002).
//
// Every function runs inside the caller's transaction (db::Session), so an
// account change, its session revocations and its audit event commit
// together. Emails are stored lower-cased (NormaliseAccountEmail).
//
// Errors: kNotFound for an unknown user; kConflict with an issue on `email`
// ("duplicate") when the address is taken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/identity/principal.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

struct User {
  std::int64_t id = 0;  // internal key
  std::string uuid;     // public identifier
  std::int64_t clinic_id = 0;
  std::string clinic_uuid;
  std::string clinic_name;
  bool clinic_requires_mfa = false;
  Role role = Role::kPatient;
  std::string email;
  std::string display_name;
  std::optional<std::string> password_hash;  // nullopt until set (invitation)
  std::optional<std::int64_t> patient_id;    // role patient only
  std::optional<std::string> patient_uuid;
  bool disabled = false;
  bool is_demo = false;
  bool mfa_enabled = false;  // a confirmed TOTP credential exists (migration 0003)
  Instant created_at = 0;
  Instant updated_at = 0;

  // The principal this user acts as in `session_id`.
  Principal ToPrincipal(std::int64_t session_id) const;
  bool MfaRequired() const { return clinic_requires_mfa && role != Role::kPatient; }
};

struct NewUser {
  std::int64_t clinic_id = 0;
  Role role = Role::kClinician;
  std::string email;  // normalised (NormaliseAccountEmail)
  std::string display_name;
  std::optional<std::string> password_hash;
  std::optional<std::int64_t> patient_id;  // required for role patient, absent otherwise
  bool is_demo = false;
};

// Trimmed and lower-cased when it looks like an address; nullopt otherwise.
std::optional<std::string> NormaliseAccountEmail(std::string_view text);
// Adds issues for `email` / `display_name` (codes required, invalid-email, too-long).
void CheckAccountFields(std::string_view email, std::string_view display_name, IssueList& issues);

Result<User> InsertUser(db::Session& session, const NewUser& user, Instant now);
Result<std::optional<User>> FindUserByEmail(db::Session& session, std::string_view email);
Result<std::optional<User>> FindUserById(db::Session& session, std::int64_t id);
Result<std::optional<User>> FindUserByPatientId(db::Session& session, std::int64_t patient_id);
Result<User> GetUserByUuid(db::Session& session, std::string_view uuid);
// The users of one clinic, staff first, then by display name.
Result<std::vector<User>> ListUsers(db::Session& session, std::int64_t clinic_id);
// The whole installation, for `unknot user list`.
Result<std::vector<User>> ListAllUsers(db::Session& session);

Result<void> SetPasswordHash(db::Session& session, std::int64_t user_id, std::string_view hash,
                             Instant now);
Result<void> SetDisabled(db::Session& session, std::int64_t user_id, bool disabled, Instant now);
Result<void> SetDisplayName(db::Session& session, std::int64_t user_id, std::string_view name,
                            Instant now);

// clinic.require_mfa (added by migration 0002).
Result<bool> ClinicRequiresMfa(db::Session& session, std::int64_t clinic_id);
Result<void> SetClinicRequiresMfa(db::Session& session, std::int64_t clinic_id, bool required,
                                  Instant now);

}  // namespace unknot::identity
