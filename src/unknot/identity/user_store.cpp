#include "unknot/identity/user_store.hpp"

#include <algorithm>

#include "unknot/people/field_rules.hpp"
#include "unknot/people/text_rules.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::identity {
namespace {

constexpr std::size_t kMaxDisplayNameLength = 200;

// mfa_enabled reads totp_credential (migration 0003).
constexpr std::string_view kSelectUser =
    "SELECT u.id, u.uuid, u.clinic_id, c.uuid, c.name, c.require_mfa, u.role, u.email, "
    "u.display_name, u.password_hash, u.patient_id, p.uuid, u.disabled, u.is_demo, "
    "u.created_at, u.updated_at, "
    "(SELECT COUNT(*) FROM totp_credential t WHERE t.user_id = u.id "
    "AND t.confirmed_at IS NOT NULL) "
    "FROM user_account u JOIN clinic c ON c.id = u.clinic_id "
    "LEFT JOIN patient p ON p.id = u.patient_id";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  return out;
}

Result<User> UserFromRow(const db::Row& row) {
  User user;
  user.id = row.Int(0);
  user.uuid = row.Text(1);
  user.clinic_id = row.Int(2);
  user.clinic_uuid = row.Text(3);
  user.clinic_name = row.Text(4);
  user.clinic_requires_mfa = row.Int(5) != 0;
  const auto role = ParseRole(row.Text(6));
  if (!role) return Error::Internal("user_account " + std::to_string(user.id) + " has a bad role");
  user.role = *role;
  user.email = row.Text(7);
  user.display_name = row.Text(8);
  user.password_hash = row.OptText(9);
  user.patient_id = row.OptInt(10);
  user.patient_uuid = row.OptText(11);
  user.disabled = row.Int(12) != 0;
  user.is_demo = row.Int(13) != 0;
  user.created_at = row.Int(14);
  user.updated_at = row.Int(15);
  user.mfa_enabled = row.Int(16) > 0;
  return user;
}

Result<std::optional<User>> FindOne(db::Session& session, std::string_view where,
                                    std::initializer_list<db::Value> params) {
  const std::string sql = std::string(kSelectUser) + " WHERE " + std::string(where);
  auto row = session.QueryOne(sql, params);
  if (!row) return row.error();
  if (!*row) return std::optional<User>();
  auto user = UserFromRow(**row);
  if (!user) return user.error();
  return std::optional<User>(std::move(*user));
}

Result<std::vector<User>> FindMany(db::Session& session, std::string_view tail,
                                   std::initializer_list<db::Value> params) {
  auto rows = session.Query(std::string(kSelectUser) + " " + std::string(tail), params);
  if (!rows) return rows.error();
  std::vector<User> users;
  for (const db::Row& row : rows->rows) {
    auto user = UserFromRow(row);
    if (!user) return user.error();
    users.push_back(std::move(*user));
  }
  return users;
}

Error DuplicateEmail() {
  constexpr std::string_view kMessage = "An account with this email already exists.";
  return Error(ErrorCode::kConflict, std::string(kMessage),
               {{"email", "duplicate", std::string(kMessage)}});
}

Result<void> ExpectOneRow(Result<std::int64_t> changed) {
  if (!changed) return changed.error();
  if (*changed != 1) return Error::NotFound("The user");
  return {};
}

}  // namespace

Principal User::ToPrincipal(std::int64_t session_id) const {
  Principal p;
  p.user_id = id;
  p.user_uuid = uuid;
  p.email = email;
  p.display_name = display_name;
  p.role = role;
  p.clinic_id = clinic_id;
  p.clinic_uuid = clinic_uuid;
  p.patient_id = patient_id;
  p.patient_uuid = patient_uuid;
  p.session_id = session_id;
  p.mfa_enabled = mfa_enabled;
  return p;
}

std::optional<std::string> NormaliseAccountEmail(std::string_view text) {
  auto email = people::NormaliseEmail(people::TrimSpace(text));
  if (!email) return std::nullopt;
  return Lower(*email);
}

void CheckAccountFields(std::string_view email, std::string_view display_name, IssueList& issues) {
  if (people::TrimSpace(email).empty()) {
    issues.Add("email", "required", "Enter an email address.");
  } else if (!NormaliseAccountEmail(email)) {
    issues.Add("email", "invalid-email", "Enter an email address like name@example.org.");
  }
  const std::string_view name = people::TrimSpace(display_name);
  if (name.empty()) {
    issues.Add("display_name", "required", "Enter a name.");
  } else if (name.size() > kMaxDisplayNameLength) {
    issues.Add("display_name", "too-long", "The name is too long.");
  }
}

Result<User> InsertUser(db::Session& session, const NewUser& user, Instant now) {
  if ((user.role == Role::kPatient) != user.patient_id.has_value()) {
    return Error::Internal("a patient login needs a patient record, and staff have none");
  }
  auto taken = FindUserByEmail(session, user.email);
  if (!taken) return taken.error();
  if (*taken) return DuplicateEmail();
  const std::string uuid = NewUuid();
  auto inserted = session.Exec(
      "INSERT INTO user_account (uuid, clinic_id, role, email, display_name, password_hash, "
      "patient_id, disabled, is_demo, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9)",
      {uuid, user.clinic_id, std::string(RoleName(user.role)), user.email,
       std::string(people::TrimSpace(user.display_name)), db::OrNull(user.password_hash),
       db::OrNull(user.patient_id), std::int64_t{user.is_demo ? 1 : 0}, now});
  if (!inserted) {
    Error error = inserted.error();
    if (error.code() == ErrorCode::kConflict) return DuplicateEmail();
    return error;
  }
  return GetUserByUuid(session, uuid);
}

Result<std::optional<User>> FindUserByEmail(db::Session& session, std::string_view email) {
  return FindOne(session, "u.email = $1", {Lower(email)});
}

Result<std::optional<User>> FindUserById(db::Session& session, std::int64_t id) {
  return FindOne(session, "u.id = $1", {id});
}

Result<std::optional<User>> FindUserByPatientId(db::Session& session, std::int64_t patient_id) {
  return FindOne(session, "u.patient_id = $1", {patient_id});
}

Result<User> GetUserByUuid(db::Session& session, std::string_view uuid) {
  auto user = FindOne(session, "u.uuid = $1", {Lower(uuid)});
  if (!user) return user.error();
  if (!*user) return Error::NotFound("The user");
  return std::move(**user);
}

Result<std::vector<User>> ListUsers(db::Session& session, std::int64_t clinic_id) {
  return FindMany(session,
                  "WHERE u.clinic_id = $1 ORDER BY CASE u.role WHEN 'patient' THEN 1 ELSE 0 END, "
                  "u.display_name, u.id",
                  {clinic_id});
}

Result<std::vector<User>> ListAllUsers(db::Session& session) {
  return FindMany(session, "ORDER BY u.clinic_id, u.role, u.email", {});
}

Result<void> SetPasswordHash(db::Session& session, std::int64_t user_id, std::string_view hash,
                             Instant now) {
  return ExpectOneRow(
      session.Exec("UPDATE user_account SET password_hash = $1, updated_at = $2 WHERE id = $3",
                   {std::string(hash), now, user_id}));
}

Result<void> SetDisabled(db::Session& session, std::int64_t user_id, bool disabled, Instant now) {
  return ExpectOneRow(
      session.Exec("UPDATE user_account SET disabled = $1, updated_at = $2 WHERE id = $3",
                   {std::int64_t{disabled ? 1 : 0}, now, user_id}));
}

Result<void> SetDisplayName(db::Session& session, std::int64_t user_id, std::string_view name,
                            Instant now) {
  return ExpectOneRow(
      session.Exec("UPDATE user_account SET display_name = $1, updated_at = $2 WHERE id = $3",
                   {std::string(people::TrimSpace(name)), now, user_id}));
}

Result<bool> ClinicRequiresMfa(db::Session& session, std::int64_t clinic_id) {
  auto row = session.QueryOne("SELECT require_mfa FROM clinic WHERE id = $1", {clinic_id});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The clinic");
  return (*row)->Int(0) != 0;
}

Result<void> SetClinicRequiresMfa(db::Session& session, std::int64_t clinic_id, bool required,
                                  Instant now) {
  auto changed = session.Exec(
      "UPDATE clinic SET require_mfa = $1, updated_at = $2 WHERE id = $3 AND require_mfa <> $1",
      {std::int64_t{required ? 1 : 0}, now, clinic_id});
  if (!changed) return changed.error();
  return {};
}

}  // namespace unknot::identity
