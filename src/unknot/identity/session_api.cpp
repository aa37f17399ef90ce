#include "unknot/identity/session_api.hpp"

#include <boost/json.hpp>

#include "unknot/identity/audit.hpp"
#include "unknot/identity/detail/api_support.hpp"
#include "unknot/identity/mfa.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/http/cookies.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::identity {
namespace {

namespace json = boost::json;
using detail::Fail;
using http::Request;
using http::Response;

constexpr std::size_t kMaxUserAgent = 300;

Error WrongCredentials() {
  return Error(ErrorCode::kUnauthenticated, "The email or password is not right.");
}

Error WrongCode() {
  return Error(ErrorCode::kUnauthenticated, "That code is not right. Try the current one.");
}

Error SignInAgain() {
  return Error(ErrorCode::kUnauthenticated, "Please sign in again.");
}

Instant Micros(auto duration) {
  return std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
}

Instant IdleLimit(const User& user, const SessionSettings& settings) {
  return Micros(user.role == Role::kPatient ? settings.patient_idle_timeout
                                            : settings.staff_idle_timeout);
}

std::optional<std::string> SessionToken(const Request& request) {
  const auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  return http::FindCookie(*header, kSessionCookie);
}

// Runs `work` in a write transaction; its value comes back through `out`.
template <class T, class Work>
Result<T> InWrite(db::Database& db, Work&& work) {
  std::optional<T> out;
  auto done = db.Write([&](db::Session& session) -> Result<void> {
    Result<T> value = work(session);
    if (!value) return value.error();
    out.emplace(std::move(*value));
    return {};
  });
  if (!done) return done.error();
  return std::move(*out);
}

// What the sign-in needs to know before it hashes anything.
struct SignInLookup {
  std::chrono::seconds wait{0};
  std::optional<User> user;
};

class SessionApi final {
 public:
  SessionApi(db::Database& db, const Clock& clock, const Authenticator& authenticator,
             const ThrottleSettings& throttle)
      : db_(&db), clock_(&clock), auth_(&authenticator), throttle_(throttle) {}

  Response SignIn(Request& request) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    IssueList issues;
    const auto email_text = detail::StringMember(*body, "email", true, issues);
    const auto password = detail::StringMember(*body, "password", true, issues);
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));

    // An address that is not one still gets a key, so guessing at it is throttled too.
    const std::string email = NormaliseAccountEmail(*email_text).value_or(*email_text);
    const std::vector<std::string> keys = {AccountThrottleKey(email),
                                           AddressThrottleKey(request.remote_address)};
    const Instant now = clock_->Now();
    SignInLookup lookup;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto wait = ThrottleWait(session, keys, now);
      if (!wait) return wait.error();
      lookup.wait = *wait;
      auto user = FindUserByEmail(session, email);
      if (!user) return user.error();
      lookup.user = std::move(*user);
      return {};
    });
    if (!read) return Fail(request, read.error());
    const User* user = lookup.user ? &*lookup.user : nullptr;
    if (lookup.wait.count() > 0) {
      AuditEvent event = SignInEvent(request, user, now, "denied");
      if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
        return Fail(request, recorded.error());
      }
      return Throttled(request, lookup.wait);
    }

    // Hashing happens outside any transaction: it is slow and must not hold the writer.
    bool verified = false;
    if (user != nullptr && user->password_hash) {
      verified = VerifyPassword(*user->password_hash, *password) && !user->disabled;
    } else {
      VerifyAgainstDummy(*password);
    }
    if (!verified) return FailedSignIn(request, user, keys, now);

    std::optional<std::string> rehashed;
    if (NeedsRehash(*user->password_hash)) {
      auto hash = HashPassword(*password);
      if (hash) rehashed = std::move(*hash);
    }
    const SessionState state =
        user->mfa_enabled ? SessionState::kMfaPending : SessionState::kActive;
    auto issued = InWrite<IssuedSession>(*db_, [&](db::Session& session) -> Result<IssuedSession> {
      if (auto cleared = ClearThrottle(session, keys.front()); !cleared) return cleared.error();
      if (rehashed) {
        if (auto set = SetPasswordHash(session, user->id, *rehashed, now); !set) return set.error();
      }
      auto started = StartSession(session, *user, state, request, auth_->settings(), now);
      if (!started) return started;
      const bool pending = state == SessionState::kMfaPending;
      AuditEvent event = SignInEvent(request, user, now, "success");
      if (pending) event.action = "session.password";
      if (auto recorded = RecordAudit(session, event); !recorded) return recorded.error();
      return started;
    });
    if (!issued) return Fail(request, issued.error());
    if (state == SessionState::kMfaPending) {
      Response response = http::JsonResponse(200, json::object{{"mfa_pending", true}});
      SetSessionCookie(response, issued->token, auth_->settings());
      return response;
    }
    return SignedInResponse(*user, *issued, auth_->settings());
  }

  Response SecondFactor(Request& request) const {
    const auto token = SessionToken(request);
    if (!token) return Fail(request, SignInAgain());
    const Instant now = clock_->Now();
    std::optional<SessionRecord> pending;
    std::optional<User> user;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto record = FindSessionByToken(session, *token);
      if (!record) return record.error();
      if (!*record) return {};
      pending = std::move(*record);
      auto found = FindUserById(session, pending->user_id);
      if (!found) return found.error();
      user = std::move(*found);
      return {};
    });
    if (!read) return Fail(request, read.error());
    if (!pending || !user || pending->state != SessionState::kMfaPending || pending->revoked_at ||
        now >= pending->expires_at || user->disabled) {
      return Fail(request, SignInAgain());
    }

    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    IssueList issues;
    detail::RejectUnknownMembers(*body, {"code", "recovery_code"}, issues);
    const auto code = detail::StringMember(*body, "code", false, issues);
    const auto recovery = detail::StringMember(*body, "recovery_code", false, issues);
    if (issues.empty() && code.has_value() == recovery.has_value()) {
      issues.Add("code", "required", "Enter the code from your app or a recovery code.");
    }
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));
    const std::string& secret = code ? *code : *recovery;

    const std::vector<std::string> keys = {AccountThrottleKey(user->email),
                                           AddressThrottleKey(request.remote_address)};
    auto wait = Wait(keys, now);
    if (!wait) return Fail(request, wait.error());
    if (wait->count() > 0) {
      AuditEvent event = SignInEvent(request, &*user, now, "denied");
      event.action = "session.mfa";
      if (auto recorded = detail::RecordOwnAudit(*db_, event); !recorded) {
        return Fail(request, recorded.error());
      }
      return Throttled(request, *wait);
    }

    // The check and its consequences (a used recovery code, the new session,
    // the audit event) commit together; a wrong code still commits its failure.
    std::optional<IssuedSession> issued;
    auto written = db_->Write([&](db::Session& session) -> Result<void> {
      auto ok = VerifySecondFactor(session, user->id, secret, now);
      if (!ok) return ok.error();
      AuditEvent event = SignInEvent(request, &*user, now, *ok ? "success" : "failure");
      event.action = *ok ? "session.create" : "session.mfa";
      if (!*ok) {
        if (auto failed = CountFailure(session, keys, now); !failed) return failed;
        return RecordAudit(session, event);
      }
      if (auto revoked = RevokeSession(session, pending->id, now); !revoked) return revoked;
      if (auto cleared = ClearThrottle(session, keys.front()); !cleared) return cleared;
      auto started =
          StartSession(session, *user, SessionState::kActive, request, auth_->settings(), now);
      if (!started) return started.error();
      issued = std::move(*started);
      return RecordAudit(session, event);
    });
    if (!written) return Fail(request, written.error());
    if (!issued) return Fail(request, WrongCode());
    return SignedInResponse(*user, *issued, auth_->settings());
  }

  Response Current(Request& request, const Principal& principal) const {
    std::optional<User> user;
    std::optional<SessionRecord> record;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = FindUserById(session, principal.user_id);
      if (!found) return found.error();
      user = std::move(*found);
      auto s = FindSessionById(session, principal.session_id);
      if (!s) return s.error();
      record = std::move(*s);
      return {};
    });
    if (!read) return Fail(request, read.error());
    if (!user || !record) return Fail(request, SignInAgain());
    return http::JsonResponse(
        200, json::object{{"user", EncodeMe(*user)}, {"csrf_token", record->csrf_token}});
  }

  Response SignOut(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      if (auto revoked = RevokeSession(session, principal.session_id, now); !revoked) {
        return revoked;
      }
      return RecordAudit(session,
                         MakeAuditEvent(request, &principal, now, "session.delete", "session"));
    });
    if (!done) return Fail(request, done.error());
    Response response = Response::NoContent();
    ClearSessionCookie(response, auth_->settings());
    return response;
  }

  Response ListSessions(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    std::vector<SessionRecord> sessions;
    std::optional<User> user;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = FindUserById(session, principal.user_id);
      if (!found) return found.error();
      user = std::move(*found);
      auto live = ListLiveSessions(session, principal.user_id, now);
      if (!live) return live.error();
      sessions = std::move(*live);
      return {};
    });
    if (!read) return Fail(request, read.error());
    if (!user) return Fail(request, SignInAgain());
    const Instant idle = IdleLimit(*user, auth_->settings());
    json::array items;
    for (const SessionRecord& s : sessions) {
      if (s.state != SessionState::kActive || now - s.last_seen_at > idle) continue;
      items.push_back(json::object{{"id", s.uuid},
                                   {"created_at", FormatInstant(s.created_at)},
                                   {"last_seen_at", FormatInstant(s.last_seen_at)},
                                   {"address", s.address},
                                   {"user_agent", s.user_agent},
                                   {"current", s.id == principal.session_id}});
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response RevokeOne(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    bool current = false;
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      auto record = FindSessionByUuid(session, request.params.Get("id"));
      if (!record) return record.error();
      // Another user's session is as invisible as one that never existed.
      if (!*record || (*record)->user_id != principal.user_id || (*record)->revoked_at) {
        return Error::NotFound("The session");
      }
      current = (*record)->id == principal.session_id;
      if (auto revoked = RevokeSession(session, (*record)->id, now); !revoked) return revoked;
      return RecordAudit(session, MakeAuditEvent(request, &principal, now, "session.revoke",
                                                 "session", (*record)->uuid));
    });
    if (!done) return Fail(request, done.error());
    Response response = Response::NoContent();
    if (current) ClearSessionCookie(response, auth_->settings());
    return response;
  }

  Response RevokeOthers(Request& request, const Principal& principal) const {
    const Instant now = clock_->Now();
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      auto revoked = RevokeUserSessions(session, principal.user_id, now, principal.session_id);
      if (!revoked) return revoked.error();
      return RecordAudit(
          session, MakeAuditEvent(request, &principal, now, "session.revoke_others", "session"));
    });
    if (!done) return Fail(request, done.error());
    return Response::NoContent();
  }

  Response ChangePassword(Request& request, const Principal& principal) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    IssueList issues;
    detail::RejectUnknownMembers(*body, {"current_password", "new_password"}, issues);
    const auto current = detail::StringMember(*body, "current_password", true, issues);
    const auto fresh = detail::StringMember(*body, "new_password", true, issues);
    if (fresh) CheckNewPassword(*fresh, "new_password", issues);
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));

    const Instant now = clock_->Now();
    const std::vector<std::string> keys = {AccountThrottleKey(principal.email)};
    auto wait = Wait(keys, now);
    if (!wait) return Fail(request, wait.error());
    if (wait->count() > 0) return Throttled(request, *wait);
    std::optional<User> user;
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = FindUserById(session, principal.user_id);
      if (!found) return found.error();
      user = std::move(*found);
      return {};
    });
    if (!read) return Fail(request, read.error());
    if (!user || !user->password_hash || !VerifyPassword(*user->password_hash, *current)) {
      AuditEvent event =
          MakeAuditEvent(request, &principal, now, "account.password", "user", principal.user_uuid);
      event.outcome = "failure";
      auto counted = db_->Write([&](db::Session& session) -> Result<void> {
        auto failed = RecordThrottleFailure(session, keys.front(), throttle_.account_free_failures,
                                            throttle_, now);
        if (!failed) return failed;
        return RecordAudit(session, event);
      });
      if (!counted) return Fail(request, counted.error());
      return Fail(request, Error::Invalid({{"current_password", "incorrect",
                                            "The current password is not right."}}));
    }
    auto hash = HashPassword(*fresh);
    if (!hash) return Fail(request, hash.error());
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      if (auto set = SetPasswordHash(session, principal.user_id, *hash, now); !set) return set;
      auto revoked = RevokeUserSessions(session, principal.user_id, now, principal.session_id);
      if (!revoked) return revoked.error();
      return RecordAudit(session, MakeAuditEvent(request, &principal, now, "account.password",
                                                 "user", principal.user_uuid));
    });
    if (!done) return Fail(request, done.error());
    return Response::NoContent();
  }

 private:
  // A sign-in event: the user is known when the email matched an account.
  static AuditEvent SignInEvent(const Request& request, const User* user, Instant now,
                                std::string outcome) {
    AuditEvent event = MakeAuditEvent(request, nullptr, now, "session.create", "session");
    if (user != nullptr) {
      event.user_id = user->id;
      event.actor = user->uuid;
      event.role = std::string(RoleName(user->role));
      event.clinic_id = user->clinic_id;
    }
    event.outcome = std::move(outcome);
    return event;
  }

  Result<std::chrono::seconds> Wait(const std::vector<std::string>& keys, Instant now) const {
    std::chrono::seconds wait{0};
    auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto found = ThrottleWait(session, keys, now);
      if (!found) return found.error();
      wait = *found;
      return {};
    });
    if (!read) return read.error();
    return wait;
  }

  // keys = {account, address}.
  Result<void> CountFailure(db::Session& session, const std::vector<std::string>& keys,
                            Instant now) const {
    if (auto a = RecordThrottleFailure(session, keys[0], throttle_.account_free_failures, throttle_,
                                       now);
        !a) {
      return a;
    }
    return RecordThrottleFailure(session, keys[1], throttle_.address_free_failures, throttle_, now);
  }

  Response FailedSignIn(const Request& request, const User* user,
                        const std::vector<std::string>& keys, Instant now) const {
    auto done = db_->Write([&](db::Session& session) -> Result<void> {
      if (auto counted = CountFailure(session, keys, now); !counted) return counted;
      return RecordAudit(session, SignInEvent(request, user, now, "failure"));
    });
    if (!done) return Fail(request, done.error());
    return Fail(request, WrongCredentials());
  }

  db::Database* db_;
  const Clock* clock_;
  const Authenticator* auth_;
  ThrottleSettings throttle_;
};

}  // namespace

Result<IssuedSession> StartSession(db::Session& session, const User& user, SessionState state,
                                   const http::Request& request, const SessionSettings& settings,
                                   Instant now) {
  const Instant lifetime = state == SessionState::kMfaPending ? Micros(kMfaPendingLifetime)
                                                              : Micros(settings.absolute_timeout);
  NewSession fields{
      .user_id = user.id,
      .state = state,
      .expires_at = now + lifetime,
      .address = request.remote_address,
      .user_agent =
          std::string(request.Header("user-agent").value_or("")).substr(0, kMaxUserAgent)};
  return InsertSession(session, fields, now);
}

json::object EncodeMe(const User& user) {
  json::value patient_id = nullptr;
  if (user.patient_uuid) patient_id = json::string(*user.patient_uuid);
  return json::object{
      {"id", user.uuid},
      {"email", user.email},
      {"display_name", user.display_name},
      {"role", RoleName(user.role)},
      {"clinic", json::object{{"id", user.clinic_uuid}, {"name", user.clinic_name}}},
      {"patient_id", std::move(patient_id)},
      {"mfa_enabled", user.mfa_enabled},
      {"mfa_required", user.MfaRequired()}};
}

http::Response SignedInResponse(const User& user, const IssuedSession& issued,
                                const SessionSettings& settings) {
  Response response = http::JsonResponse(200, json::object{{"user", EncodeMe(user)},
                                                           {"csrf_token", issued.record.csrf_token},
                                                           {"mfa_pending", false}});
  SetSessionCookie(response, issued.token, settings);
  return response;
}

void SetSessionCookie(http::Response& response, std::string_view token,
                      const SessionSettings& settings) {
  http::SetCookie cookie{.name = std::string(kSessionCookie), .value = std::string(token)};
  cookie.secure = settings.secure_cookie;
  response.headers.emplace_back("Set-Cookie", http::SerializeSetCookie(cookie));
}

void ClearSessionCookie(http::Response& response, const SessionSettings& settings) {
  http::SetCookie cookie{.name = std::string(kSessionCookie), .value = ""};
  cookie.max_age = std::chrono::seconds(0);
  cookie.secure = settings.secure_cookie;
  response.headers.emplace_back("Set-Cookie", http::SerializeSetCookie(cookie));
}

http::Response Throttled(const http::Request& request, std::chrono::seconds wait) {
  const auto seconds = wait.count();
  const std::string message = fmt::format("Too many attempts. Wait {} second{} and try again.",
                                          seconds, seconds == 1 ? "" : "s");
  Response response = http::Problem(Error(ErrorCode::kUnavailable, message), request.path, 429);
  response.SetHeader("Retry-After", std::to_string(wait.count()));
  return response;
}

void RegisterSessionRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const Authenticator& authenticator, const ThrottleSettings& throttle) {
  using Public = Response (SessionApi::*)(Request&) const;
  const SessionApi api(db, clock, authenticator, throttle);
  const auto open = [&](http::Method method, std::string_view pattern, Public member) {
    router.Add(method, pattern, [api, member](Request& request) { return (api.*member)(request); });
  };
  // Every account route works before MFA enrolment: it is how a user gets there.
  const ProtectedRoutes<SessionApi> account(router, authenticator, api,
                                            RouteOptions{.allow_without_mfa = true});
  using M = http::Method;
  open(M::kPost, "/api/v1/session", &SessionApi::SignIn);
  open(M::kPost, "/api/v1/session/mfa", &SessionApi::SecondFactor);
  account.Add(M::kGet, "/api/v1/session", &SessionApi::Current);
  account.Add(M::kDelete, "/api/v1/session", &SessionApi::SignOut);
  account.Add(M::kGet, "/api/v1/account/sessions", &SessionApi::ListSessions);
  account.Add(M::kDelete, "/api/v1/account/sessions", &SessionApi::RevokeOthers);
  account.Add(M::kDelete, "/api/v1/account/sessions/{id:uuid}", &SessionApi::RevokeOne);
  account.Add(M::kPut, "/api/v1/account/password", &SessionApi::ChangePassword);
}

}  // namespace unknot::identity
