// The routes of invitations.hpp: invitations and password resets.
#include <boost/json.hpp>

#include <array>

#include "unknot/identity/access_policy.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/detail/api_support.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/identity/password_resets.hpp"
#include "unknot/identity/session_api.hpp"
#include "unknot/identity/throttle.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// Reset requests send email, so they are limited per address and per
// account: a few free, then a doubling wait (login_throttle rows).
constexpr int kResetFreePerAddress = 5;
constexpr int kResetFreePerAccount = 3;

std::string ResetAddressKey(std::string_view address) {
  return "reset:" + AddressThrottleKey(address);
}
std::string ResetAccountKey(std::string_view email) {
  return "reset:" + AccountThrottleKey(email);
}

// The patient's name as the invitation greets them.
std::string PatientDisplayName(const people::PatientFields& fields) {
  const std::string& first = fields.preferred_name ? *fields.preferred_name : fields.given_name;
  return first + " " + fields.family_name;
}

// {password} with the rules for a new password.
Result<std::string> ReadNewPassword(const Request& request) {
  auto body = http::ReadJsonObject(request);
  if (!body) return body.error();
  IssueList issues;
  auto password = detail::StringMember(*body, "password", true, issues);
  detail::RejectUnknownMembers(*body, {"password"}, issues);
  if (password) CheckNewPassword(*password, "password", issues);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return std::move(*password);
}

class InvitationApi final {
 public:
  InvitationApi(db::Database& db, const Clock& clock, const Authenticator& authenticator,
                std::string public_url)
      : db_(&db), clock_(&clock), auth_(&authenticator), public_url_(std::move(public_url)) {}

  Response InvitePatient(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    const std::string patient_uuid(request.params.Get("id"));
    AuditEvent event =
        MakeAuditEvent(request, &principal, now, "invitation.create", "patient", patient_uuid);
    std::optional<std::string> email;
    if (!request.body.empty()) {
      auto body = http::ReadJsonObject(request);
      if (!body) return Refuse(request, event, body.error());
      IssueList issues;
      email = detail::StringMember(*body, "email", false, issues);
      detail::RejectUnknownMembers(*body, {"email"}, issues);
      if (!issues.empty()) return Refuse(request, event, Error::Invalid(issues.Take()));
    }
    InvitationResult result;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto patient = people::GetPatient(session, patient_uuid);
      if (!patient) return patient.error();
      event.clinic_id = patient->clinic_id;
      event.patient_id = patient->id;
      auto allowed = Authorize(principal, Action::kUpdate,
                               Resource{ResourceKind::kPatient, patient->clinic_id, patient->id});
      if (!allowed) return allowed.error();
      if (!email) email = patient->fields.email;
      if (!email || email->empty()) {
        return Error::Invalid({{"email", "required",
                                "This patient has no email address. Enter one to send the "
                                "invitation."}});
      }
      auto created =
          CreateInvitation(session,
                           InvitationRequest{.clinic_id = patient->clinic_id,
                                             .role = Role::kPatient,
                                             .email = *email,
                                             .display_name = PatientDisplayName(patient->fields),
                                             .patient_id = patient->id,
                                             .public_url = public_url_,
                                             .actor = principal.user_uuid},
                           now);
      if (!created) return created.error();
      result = std::move(*created);
      return RecordAudit(session, event);
    });
    if (!write) return Refuse(request, event, write.error());
    return http::JsonResponse(201, json::object{{"user_id", result.user.uuid},
                                                {"email", result.user.email},
                                                {"expires_at", FormatInstant(result.expires_at)}});
  }

  Response ShowInvitation(Request& request) const {
    const Instant now = clock_->Now();
    std::optional<InvitationInfo> info;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = LookUpInvitation(session, request.params.Get("token"), now);
      if (!found) return found.error();
      info = std::move(*found);
      return {};
    });
    if (!read) return detail::Fail(request, read.error());
    const User& user = info->user;
    return http::JsonResponse(200, json::object{{"email", user.email},
                                                {"display_name", user.display_name},
                                                {"clinic_name", user.clinic_name},
                                                {"role", RoleName(user.role)}});
  }

  Response AcceptInvitation(Request& request) const {
    const Instant now = clock_->Now();
    const std::string_view token = request.params.Get("token");
    AuditEvent event = MakeAuditEvent(request, nullptr, now, "invitation.accept", "user");
    auto password = ReadNewPassword(request);
    if (!password) return Refuse(request, event, password.error());
    // Refuse a dead link before spending an Argon2 hash on it.
    auto live = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = LookUpInvitation(session, token, now);
      if (!found) return found.error();
      return {};
    });
    if (!live) return Refuse(request, event, live.error());
    auto hash = HashPassword(*password);
    if (!hash) return detail::Fail(request, hash.error());
    std::optional<User> user;
    std::optional<IssuedSession> issued;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto accepted = identity::AcceptInvitation(session, token, *hash, clock_->Now());
      if (!accepted) return accepted.error();
      user = std::move(*accepted);
      auto started =
          StartSession(session, *user, SessionState::kActive, request, auth_->settings(), now);
      if (!started) return started.error();
      issued = std::move(*started);
      const Principal principal = user->ToPrincipal(issued->record.id);
      AuditEvent success =
          MakeAuditEvent(request, &principal, now, "invitation.accept", "user", user->uuid);
      success.patient_id = user->patient_id;
      return RecordAudit(session, success);
    });
    if (!write) return Refuse(request, event, write.error());
    return SignedInResponse(*user, *issued, auth_->settings());
  }

  Response RequestReset(Request& request) const {
    const Instant now = clock_->Now();
    AuditEvent event = MakeAuditEvent(request, nullptr, now, "password_reset.request", "user");
    auto body = http::ReadJsonObject(request);
    if (!body) return Refuse(request, event, body.error());
    IssueList issues;
    auto email = detail::StringMember(*body, "email", true, issues);
    detail::RejectUnknownMembers(*body, {"email"}, issues);
    if (!issues.empty()) return Refuse(request, event, Error::Invalid(issues.Take()));
    const std::array<std::string, 2> keys = {
        ResetAddressKey(request.remote_address),
        ResetAccountKey(NormaliseAccountEmail(*email).value_or(*email))};
    std::chrono::seconds wait{0};
    const ThrottleSettings settings;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto locked = ThrottleWait(session, keys, now);
      if (!locked) return locked.error();
      wait = *locked;
      if (wait.count() > 0) return {};
      for (const auto& [key, free] :
           {std::pair{keys[0], kResetFreePerAddress}, std::pair{keys[1], kResetFreePerAccount}}) {
        auto counted = RecordThrottleFailure(session, key, free, settings, now);
        if (!counted) return counted.error();
      }
      auto user = RequestPasswordReset(session, *email, public_url_, now);
      if (!user) return user.error();
      if (*user) {
        event.resource_id = (*user)->uuid;
        event.clinic_id = (*user)->clinic_id;
      }
      return RecordAudit(session, event);
    });
    if (!write) return Refuse(request, event, write.error());
    if (wait.count() > 0) {
      event.outcome = "denied";
      if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
        return detail::Fail(request, recorded.error());
      }
      return Throttled(request, wait);
    }
    // The same answer whether or not the address has an account.
    return Response{202, {}, {}};
  }

  Response CompleteReset(Request& request) const {
    const Instant now = clock_->Now();
    const std::string_view token = request.params.Get("token");
    AuditEvent event = MakeAuditEvent(request, nullptr, now, "password_reset.complete", "user");
    auto password = ReadNewPassword(request);
    if (!password) return Refuse(request, event, password.error());
    auto live = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = IsLiveResetToken(session, token, now);
      if (!found) return found.error();
      if (!*found) return ResetLinkGone();
      return {};
    });
    if (!live) return Refuse(request, event, live.error());
    auto hash = HashPassword(*password);
    if (!hash) return detail::Fail(request, hash.error());
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto user = CompletePasswordReset(session, token, *hash, clock_->Now());
      if (!user) return user.error();
      // A new password also lifts a sign-in lock on the account.
      if (auto cleared = ClearThrottle(session, AccountThrottleKey(user->email)); !cleared) {
        return cleared;
      }
      event.user_id = user->id;
      event.actor = user->uuid;
      event.role = std::string(RoleName(user->role));
      event.clinic_id = user->clinic_id;
      event.resource_id = user->uuid;
      return RecordAudit(session, event);
    });
    if (!write) return Refuse(request, event, write.error());
    return Response::NoContent();
  }

 private:
  // Audits the refusal in its own transaction, then answers the problem.
  Response Refuse(const Request& request, AuditEvent event, const Error& error) const {
    event.outcome = error.code() == ErrorCode::kForbidden ? "denied" : "failure";
    if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
      return detail::Fail(request, recorded.error());
    }
    return detail::Fail(request, error);
  }

  db::Database* db_;
  const Clock* clock_;
  const Authenticator* auth_;
  std::string public_url_;
};

}  // namespace

void RegisterInvitationRoutes(http::Router& router, db::Database& db, const Clock& clock,
                              const Authenticator& authenticator, std::string public_url) {
  const auto api =
      std::make_shared<const InvitationApi>(db, clock, authenticator, std::move(public_url));
  using M = http::Method;
  router.Add(M::kPost, "/api/v1/patients/{id:uuid}/invitation",
             Protected(authenticator, [api](Request& request, const Principal& principal) {
               return api->InvitePatient(request, principal);
             }));
  router.Add(M::kGet, "/api/v1/invitations/{token}",
             [api](Request& request) { return api->ShowInvitation(request); });
  router.Add(M::kPost, "/api/v1/invitations/{token}/accept",
             [api](Request& request) { return api->AcceptInvitation(request); });
  router.Add(M::kPost, "/api/v1/password-resets",
             [api](Request& request) { return api->RequestReset(request); });
  router.Add(M::kPost, "/api/v1/password-resets/{token}",
             [api](Request& request) { return api->CompleteReset(request); });
}

}  // namespace unknot::identity
