#include "unknot/identity/mfa_api.hpp"

#include <boost/json.hpp>

#include <array>

#include "unknot/identity/audit.hpp"
#include "unknot/identity/detail/api_support.hpp"
#include "unknot/identity/mfa.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/identity/session_api.hpp"
#include "unknot/identity/throttle.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::array ToJson(const std::vector<std::string>& codes) {
  json::array out;
  for (const std::string& code : codes) out.emplace_back(code);
  return out;
}

// The one string member a body may hold ({code} or {password}).
Result<std::string> ReadSingleField(const Request& request, std::string_view key) {
  auto body = http::ReadJsonObject(request);
  if (!body) return body.error();
  IssueList issues;
  auto value = detail::StringMember(*body, key, true, issues);
  detail::RejectUnknownMembers(*body, {key}, issues);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return std::move(*value);
}

class MfaApi final {
 public:
  MfaApi(db::Database& db, const Clock& clock) : db_(&db), clock_(&clock) {}

  Response Start(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    TotpEnrolment enrolment;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto started = StartTotpEnrolment(session, principal.user_id, principal.email, now);
      if (!started) return started.error();
      enrolment = std::move(*started);
      return RecordAudit(session, Event(request, principal, now, "mfa.enrol"));
    });
    if (!write) return Refuse(request, principal, now, "mfa.enrol", write.error());
    return http::JsonResponse(200, json::object{{"secret", enrolment.secret},
                                                {"otpauth_uri", enrolment.otpauth_uri},
                                                {"qr_svg", enrolment.qr_svg}});
  }

  Response Confirm(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    auto code = ReadSingleField(request, "code");
    if (!code) return Refuse(request, principal, now, "mfa.confirm", code.error());
    std::vector<std::string> codes;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto confirmed = ConfirmTotp(session, principal.user_id, *code, now);
      if (!confirmed) return confirmed.error();
      codes = std::move(*confirmed);
      return RecordAudit(session, Event(request, principal, now, "mfa.confirm"));
    });
    if (!write) return Refuse(request, principal, now, "mfa.confirm", write.error());
    return http::JsonResponse(200, json::object{{"recovery_codes", ToJson(codes)}});
  }

  Response Disable(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    auto checked = CheckPassword(request, principal, now, "mfa.disable", /*refuse_required=*/true);
    if (checked) return *checked;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      if (auto disabled = DisableTotp(session, principal.user_id); !disabled) return disabled;
      return RecordAudit(session, Event(request, principal, now, "mfa.disable"));
    });
    if (!write) return Refuse(request, principal, now, "mfa.disable", write.error());
    return Response::NoContent();
  }

  Response RecoveryCodes(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    auto checked =
        CheckPassword(request, principal, now, "mfa.recovery_codes", /*refuse_required=*/false);
    if (checked) return *checked;
    std::vector<std::string> codes;
    auto write = db_->Write([&](db::Session& session) -> Result<void> {
      auto replaced = ReplaceRecoveryCodes(session, principal.user_id);
      if (!replaced) return replaced.error();
      codes = std::move(*replaced);
      return RecordAudit(session, Event(request, principal, now, "mfa.recovery_codes"));
    });
    if (!write) return Refuse(request, principal, now, "mfa.recovery_codes", write.error());
    return http::JsonResponse(200, json::object{{"recovery_codes", ToJson(codes)}});
  }

 private:
  static AuditEvent Event(const Request& request, const Principal& principal, Instant now,
                          std::string action) {
    return MakeAuditEvent(request, &principal, now, std::move(action), "user", principal.user_uuid);
  }

  // Audits the refusal (in its own transaction), then answers the problem.
  Response Refuse(const Request& request, const Principal& principal, Instant now,
                  std::string action, const Error& error) const {
    AuditEvent event = Event(request, principal, now, std::move(action));
    event.outcome = "failure";
    if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
      return detail::Fail(request, recorded.error());
    }
    return detail::Fail(request, error);
  }

  // Confirms the caller's password before a change to their second factor.
  // nullopt when it is right; otherwise the response to send. Wrong passwords
  // count against the account's throttle, like sign-in failures.
  std::optional<Response> CheckPassword(const Request& request, const Principal& principal,
                                        Instant now, const std::string& action,
                                        bool refuse_required) const {
    auto password = ReadSingleField(request, "password");
    if (!password) return Refuse(request, principal, now, action, password.error());
    std::optional<User> user;
    std::chrono::seconds wait{0};
    const std::array<std::string, 1> keys = {AccountThrottleKey(principal.email)};
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = FindUserById(session, principal.user_id);
      if (!found) return found.error();
      user = std::move(*found);
      auto locked = ThrottleWait(session, keys, now);
      if (!locked) return locked.error();
      wait = *locked;
      return {};
    });
    if (!read) return detail::Fail(request, read.error());
    if (!user) return detail::Fail(request, Error(ErrorCode::kUnauthenticated, "Please sign in."));
    if (refuse_required && user->MfaRequired()) {
      return Refuse(request, principal, now, action,
                    Error(ErrorCode::kConflict,
                          "Your clinic requires two-step sign-in for staff, so it stays on."));
    }
    if (wait.count() > 0) return Throttled(request, wait);
    if (user->password_hash && VerifyPassword(*user->password_hash, *password)) {
      return std::nullopt;
    }
    if (!user->password_hash) VerifyAgainstDummy(*password);
    const ThrottleSettings settings;
    auto counted = db_->Write([&](db::Session& session) -> Result<void> {
      return RecordThrottleFailure(session, keys[0], settings.account_free_failures, settings, now);
    });
    if (!counted) return detail::Fail(request, counted.error());
    return Refuse(request, principal, now, action,
                  Error::Invalid({{"password", "wrong-password", "The password is not right."}}));
  }

  db::Database* db_;
  const Clock* clock_;
};

}  // namespace

void RegisterMfaRoutes(http::Router& router, db::Database& db, const Clock& clock,
                       const Authenticator& authenticator) {
  // Enrolment works before MFA is set up: it is how a user gets there.
  const ProtectedRoutes<MfaApi> routes(router, authenticator, MfaApi(db, clock),
                                       RouteOptions{.allow_without_mfa = true});
  using M = http::Method;
  routes.Add(M::kPost, "/api/v1/account/mfa/totp", &MfaApi::Start);
  routes.Add(M::kPost, "/api/v1/account/mfa/totp/confirm", &MfaApi::Confirm);
  routes.Add(M::kDelete, "/api/v1/account/mfa/totp", &MfaApi::Disable);
  routes.Add(M::kPost, "/api/v1/account/mfa/recovery-codes", &MfaApi::RecoveryCodes);
}

}  // namespace unknot::identity
