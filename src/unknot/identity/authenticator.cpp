#include "unknot/identity/authenticator.hpp"

#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/platform/crypto.hpp"
#include "unknot/platform/http/cookies.hpp"
#include "unknot/platform/log.hpp"

namespace unknot::identity {
namespace {

// last_seen_at moves at most this often, so busy pages do not write on every request.
constexpr Instant kTouchInterval = 60'000'000;

Error NotSignedIn() {
  return Error(ErrorCode::kUnauthenticated, "Please sign in.");
}

bool IsUnsafe(http::Method method) {
  return method != http::Method::kGet && method != http::Method::kHead &&
         method != http::Method::kOptions;
}

Instant Micros(std::chrono::minutes minutes) {
  return std::chrono::duration_cast<std::chrono::microseconds>(minutes).count();
}

struct Found {
  SessionRecord session;
  User user;
};

}  // namespace

Authenticator::Authenticator(db::Database& db, const Clock& clock, SessionSettings settings)
    : db_(db), clock_(clock), settings_(settings) {}

Authenticator::~Authenticator() = default;

Result<Principal> Authenticator::Authenticate(const http::Request& request,
                                              bool allow_without_mfa) const {
  const auto cookie_header = request.Header("cookie");
  if (!cookie_header) return NotSignedIn();
  const auto token = http::FindCookie(*cookie_header, kSessionCookie);
  if (!token || token->empty()) return NotSignedIn();

  std::optional<Found> found;
  auto read = db_.Read([&](db::Session& session) -> Result<void> {
    auto record = FindSessionByToken(session, *token);
    if (!record) return record.error();
    if (!*record) return {};
    auto user = FindUserById(session, (*record)->user_id);
    if (!user) return user.error();
    if (*user) found.emplace(Found{std::move(**record), std::move(**user)});
    return {};
  });
  if (!read) return read.error();
  if (!found) return NotSignedIn();

  const SessionRecord& s = found->session;
  const User& user = found->user;
  const Instant now = clock_.Now();
  const auto idle =
      user.role == Role::kPatient ? settings_.patient_idle_timeout : settings_.staff_idle_timeout;
  if (s.revoked_at || s.state != SessionState::kActive || user.disabled || now >= s.expires_at ||
      now - s.last_seen_at > Micros(idle)) {
    return NotSignedIn();
  }
  if (IsUnsafe(request.method)) {
    const auto csrf = request.Header(kCsrfHeader);
    if (!csrf || !crypto::ConstantTimeEquals(*csrf, s.csrf_token)) {
      return Error(ErrorCode::kForbidden,
                   "This request lacks its security token (X-CSRF-Token). Reload the page and "
                   "try again.");
    }
  }
  if (user.MfaRequired() && !user.mfa_enabled && !allow_without_mfa) {
    return Error(ErrorCode::kForbidden,
                 "Your clinic requires two-step verification. Set it up on your account page "
                 "first.");
  }
  if (now - s.last_seen_at >= kTouchInterval) {
    auto touched =
        db_.Write([&](db::Session& session) { return TouchSession(session, s.id, now); });
    if (!touched) {
      // The request is authentic; a missed refresh only shortens this session's idle window.
      Error error = touched.error();
      log::Warn("session refresh failed",
                {{"request_id", request.request_id}, {"detail", error.internal()}});
    }
  }
  return user.ToPrincipal(s.id);
}

http::Handler Protected(const Authenticator& authenticator, ProtectedHandler handler,
                        RouteOptions options) {
  return [&authenticator, handler = std::move(handler), options](http::Request& request) {
    auto principal = authenticator.Authenticate(request, options.allow_without_mfa);
    if (!principal) {
      Error error = principal.error();
      if (error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable) {
        log::Error("authentication failed",
                   {{"request_id", request.request_id}, {"detail", error.internal()}});
      }
      return http::Problem(error, request.path);
    }
    request.actor = principal->user_uuid;
    return handler(request, *principal);
  };
}

}  // namespace unknot::identity
