#include "unknot/identity/invitations.hpp"

#include "unknot/identity/account_mail.hpp"
#include "unknot/identity/account_tokens.hpp"
#include "unknot/people/text_rules.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::identity {
namespace {

Instant Micros(std::chrono::hours hours) {
  return std::chrono::duration_cast<std::chrono::microseconds>(hours).count();
}

Error EmailTaken() {
  return Error(ErrorCode::kConflict, "An account with this email already exists.",
               {{"email", "duplicate", "An account with this email already exists."}});
}

Result<void> CheckRequest(const InvitationRequest& request) {
  IssueList issues;
  CheckAccountFields(request.email, request.display_name, issues);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  if ((request.role == Role::kPatient) != request.patient_id.has_value()) {
    return Error::Internal("an invitation for a patient needs the patient, and staff have none");
  }
  return {};
}

// The account this invitation is for, if one exists: the patient's login, or
// for staff the account with that email. Refuses accounts already in use.
Result<std::optional<User>> ExistingInvitee(db::Session& session, const InvitationRequest& request,
                                            std::string_view email) {
  auto by_email = FindUserByEmail(session, email);
  if (!by_email) return by_email.error();
  std::optional<User> existing;
  if (request.patient_id) {
    auto by_patient = FindUserByPatientId(session, *request.patient_id);
    if (!by_patient) return by_patient.error();
    existing = std::move(*by_patient);
    if (*by_email && (!existing || (*by_email)->id != existing->id)) return EmailTaken();
  } else if (*by_email) {
    const User& user = **by_email;
    if (user.clinic_id != request.clinic_id || user.role != request.role) return EmailTaken();
    existing = user;
  }
  if (existing && existing->password_hash) {
    return Error(ErrorCode::kConflict,
                 "This person already has an account and can sign in. If they have forgotten "
                 "their password, they can reset it from the sign-in page.");
  }
  if (existing && existing->disabled) {
    return Error(ErrorCode::kConflict, "This account is turned off. Turn it on first.");
  }
  return existing;
}

Result<User> RefreshInvitee(db::Session& session, const User& user, std::string_view email,
                            std::string_view display_name, Instant now) {
  auto updated = session.Exec(
      "UPDATE user_account SET email = $1, display_name = $2, updated_at = $3 WHERE id = $4",
      {std::string(email), std::string(display_name), now, user.id});
  if (!updated) {
    Error error = updated.error();
    if (error.code() == ErrorCode::kConflict) return EmailTaken();
    return error;
  }
  return GetUserByUuid(session, user.uuid);
}

}  // namespace

Error InvitationGone() {
  return Error(ErrorCode::kNotFound,
               "This invitation link does not work any more. It may have been used already or "
               "have expired. Ask the clinic to send a new one.");
}

std::string AccountLink(std::string_view public_url, std::string_view kind,
                        std::string_view token) {
  while (public_url.ends_with('/')) public_url.remove_suffix(1);
  return std::string(public_url) + "/" + std::string(kind) + "/" + std::string(token);
}

Result<InvitationResult> CreateInvitation(db::Session& session, const InvitationRequest& request,
                                          Instant now) {
  if (auto checked = CheckRequest(request); !checked) return checked.error();
  const std::string email = *NormaliseAccountEmail(request.email);
  const std::string display_name(people::TrimSpace(request.display_name));
  auto existing = ExistingInvitee(session, request, email);
  if (!existing) return existing.error();

  InvitationResult result;
  if (*existing) {
    auto user = RefreshInvitee(session, **existing, email, display_name, now);
    if (!user) return user.error();
    result.user = std::move(*user);
  } else {
    auto user = InsertUser(session,
                           NewUser{.clinic_id = request.clinic_id,
                                   .role = request.role,
                                   .email = email,
                                   .display_name = display_name,
                                   .patient_id = request.patient_id},
                           now);
    if (!user) return user.error();
    result.user = std::move(*user);
    result.created = true;
  }
  auto token = IssueAccountToken(session, result.user.id, TokenPurpose::kInvitation,
                                 Micros(kInvitationLifetime), now);
  if (!token) return token.error();
  result.link = AccountLink(request.public_url, "invite", token->token);
  result.expires_at = token->expires_at;
  auto queued = mail::EnqueueMail(
      session, InvitationMail(result.user.email, result.user.display_name, result.link), now);
  if (!queued) return queued.error();
  log::Info("invitation created", {{"user", result.user.uuid},
                                   {"role", std::string(RoleName(result.user.role))},
                                   {"actor", request.actor},
                                   {"new_account", result.created}});
  return result;
}

Result<InvitationInfo> LookUpInvitation(db::Session& session, std::string_view token, Instant now) {
  auto live = FindLiveToken(session, token, TokenPurpose::kInvitation, now);
  if (!live) return live.error();
  if (!*live) return InvitationGone();
  auto user = FindUserById(session, (*live)->user_id);
  if (!user) return user.error();
  if (!*user || (*user)->disabled || (*user)->password_hash) return InvitationGone();
  return InvitationInfo{std::move(**user), (*live)->id};
}

Result<User> AcceptInvitation(db::Session& session, std::string_view token,
                              std::string_view password_hash, Instant now) {
  auto info = LookUpInvitation(session, token, now);
  if (!info) return info.error();
  auto used = UseAccountToken(session, info->token_id, now);
  if (!used) return used.error();
  if (!*used) return InvitationGone();
  if (auto set = SetPasswordHash(session, info->user.id, password_hash, now); !set) {
    return set.error();
  }
  auto user = FindUserById(session, info->user.id);
  if (!user) return user.error();
  if (!*user) return InvitationGone();
  return std::move(**user);
}

}  // namespace unknot::identity
