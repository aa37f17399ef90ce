#include "unknot/app/account_commands.hpp"

#include <fmt/format.h>

#include <ostream>

#include "unknot/identity/audit.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/mfa.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"

namespace unknot::app {
namespace {

using identity::User;

int Report(std::ostream& err, const Error& error) {
  err << "unknot: " << error.message() << "\n";
  for (const Issue& issue : error.issues())
    err << "  " << issue.path << ": " << issue.message << "\n";
  if (!error.internal().empty()) err << "  (" << error.internal() << ")\n";
  return 1;
}

// The audit trail names the command line as the actor of these changes.
identity::AuditEvent CliEvent(Instant now, std::string action, const User& user) {
  http::Request request;
  request.request_id = "cli";
  request.remote_address = "local";
  identity::AuditEvent event =
      identity::MakeAuditEvent(request, nullptr, now, std::move(action), "user", user.uuid);
  event.actor = "cli";
  event.clinic_id = user.clinic_id;
  return event;
}

Result<people::Clinic> ChooseClinic(db::Session& session, const std::optional<std::string>& uuid) {
  if (uuid) return people::GetClinic(session, *uuid);
  auto clinics = people::ListClinics(session);
  if (!clinics) return clinics.error();
  if (clinics->size() == 1) return clinics->front();
  return Error(ErrorCode::kInvalid, clinics->empty()
                                        ? "There is no clinic yet: run `unknot clinic add` first."
                                        : "There are several clinics: choose one with --clinic.");
}

// Runs `change(session, user)` on the user with this email, in one write transaction.
template <class Change>
Result<User> WithUser(db::Database& db, const std::string& email, Change&& change) {
  std::optional<User> found;
  auto done = db.Write([&](db::Session& session) -> Result<void> {
    auto user = identity::FindUserByEmail(session, email);
    if (!user) return user.error();
    if (!*user) return Error::NotFound("The user " + email);
    found = std::move(**user);
    return change(session, *found);
  });
  if (!done) return done.error();
  return std::move(*found);
}

}  // namespace

int UserAdd(db::Database& db, const Clock& clock, const UserAddOptions& options, std::ostream& out,
            std::ostream& err) {
  const auto role = identity::ParseRole(options.role);
  if (!role || *role == identity::Role::kPatient) {
    err << "unknot: --role must be admin or clinician (patients are invited from their record)\n";
    return 2;
  }
  IssueList issues;
  identity::CheckAccountFields(options.email, options.name, issues);
  if (options.password) identity::CheckNewPassword(*options.password, "password", issues);
  if (!issues.empty()) return Report(err, Error::Invalid(issues.Take()));
  std::optional<std::string> hash;
  if (options.password) {
    auto made = identity::HashPassword(*options.password);
    if (!made) return Report(err, made.error());
    hash = std::move(*made);
  }
  const Instant now = clock.Now();
  std::optional<User> user;
  std::string link;
  auto done = db.Write([&](db::Session& session) -> Result<void> {
    auto clinic = ChooseClinic(session, options.clinic);
    if (!clinic) return clinic.error();
    if (hash) {
      auto inserted = identity::InsertUser(
          session,
          identity::NewUser{.clinic_id = clinic->id,
                            .role = *role,
                            .email = *identity::NormaliseAccountEmail(options.email),
                            .display_name = options.name,
                            .password_hash = *hash},
          now);
      if (!inserted) return inserted.error();
      user = std::move(*inserted);
    } else {
      auto invited =
          identity::CreateInvitation(session,
                                     identity::InvitationRequest{.clinic_id = clinic->id,
                                                                 .role = *role,
                                                                 .email = options.email,
                                                                 .display_name = options.name,
                                                                 .public_url = options.public_url,
                                                                 .actor = "cli"},
                                     now);
      if (!invited) return invited.error();
      link = invited->link;
      user = std::move(invited->user);
    }
    return identity::RecordAudit(session, CliEvent(now, "user.create", *user));
  });
  if (!done) return Report(err, done.error());
  out << fmt::format("user {} {} ({}) in {}\n", user->uuid, user->email,
                     identity::RoleName(user->role), user->clinic_name);
  if (!link.empty()) {
    out << "One-time invitation link (valid 7 days; also emailed when [mail] is set up):\n"
        << link << "\n";
  }
  return 0;
}

int UserList(db::Database& db, std::ostream& out, std::ostream& err) {
  std::vector<User> users;
  auto read = db.Read([&](db::Session& session) -> Result<void> {
    auto all = identity::ListAllUsers(session);
    if (!all) return all.error();
    users = std::move(*all);
    return {};
  });
  if (!read) return Report(err, read.error());
  for (const User& u : users) {
    std::string flags;
    if (u.disabled) flags += " disabled";
    if (u.mfa_enabled) flags += " mfa";
    if (!u.password_hash) flags += " invited";
    if (u.is_demo) flags += " DEMO";
    out << fmt::format("{:<36} {:<9} {:<40} {}{}\n", u.uuid, identity::RoleName(u.role), u.email,
                       u.clinic_name, flags);
  }
  if (users.empty()) out << "no users yet: `unknot user add --role admin …` makes the first\n";
  return 0;
}

int UserDisable(db::Database& db, const Clock& clock, const std::string& email, std::ostream& out,
                std::ostream& err) {
  const Instant now = clock.Now();
  auto user = WithUser(db, email, [&](db::Session& session, const User& u) -> Result<void> {
    if (auto set = identity::SetDisabled(session, u.id, true, now); !set) return set;
    auto revoked = identity::RevokeUserSessions(session, u.id, now);
    if (!revoked) return revoked.error();
    return identity::RecordAudit(session, CliEvent(now, "user.update", u));
  });
  if (!user) return Report(err, user.error());
  out << "disabled " << user->email << "; every session of theirs has ended\n";
  return 0;
}

int UserResetMfa(db::Database& db, const Clock& clock, const std::string& email, std::ostream& out,
                 std::ostream& err) {
  const Instant now = clock.Now();
  auto user = WithUser(db, email, [&](db::Session& session, const User& u) -> Result<void> {
    if (auto removed = identity::DisableTotp(session, u.id); !removed) return removed;
    return identity::RecordAudit(session, CliEvent(now, "mfa.reset", u));
  });
  if (!user) return Report(err, user.error());
  out << "two-step sign-in removed for " << user->email
      << " (TOTP and recovery codes); they can enrol again from their account page\n";
  return 0;
}

int ClinicAdd(db::Database& db, const Clock& clock, const std::string& name, std::ostream& out,
              std::ostream& err) {
  IssueList issues;
  const people::ClinicFields fields =
      people::ValidateNewClinic(people::ClinicInput{people::InputField::Text(name), {}}, issues);
  if (!issues.empty()) return Report(err, Error::Invalid(issues.Take()));
  std::optional<people::Clinic> clinic;
  auto done = db.Write([&](db::Session& session) -> Result<void> {
    auto inserted = people::InsertClinic(session, fields, clock.Now());
    if (!inserted) return inserted.error();
    clinic = std::move(*inserted);
    return {};
  });
  if (!done) return Report(err, done.error());
  out << "clinic " << clinic->uuid << " " << clinic->fields.name << "\n";
  return 0;
}

}  // namespace unknot::app
