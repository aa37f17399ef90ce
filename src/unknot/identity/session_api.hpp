// Session and account routes (api/openapi.yaml, "Sessions" and "Account"):
//
//   POST   /api/v1/session              PUBLIC {email,password} → signed in, or mfa_pending
//   POST   /api/v1/session/mfa          mfa_pending cookie {code}|{recovery_code}
//   GET    /api/v1/session              → {"user":Me,"csrf_token"}
//   DELETE /api/v1/session              → 204, cookie cleared
//   GET    /api/v1/account/sessions     → the caller's live sessions
//   DELETE /api/v1/account/sessions     → 204, every other session ends
//   DELETE /api/v1/account/sessions/{id:uuid}
//   PUT    /api/v1/account/password     {current_password,new_password} → 204
//
// Also the pieces other sign-in routes share (invitation acceptance signs the
// new user in): starting a session, the cookie, the Me document.
#pragma once

#include <boost/json/object.hpp>

#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/throttle.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/platform/http/message.hpp"

namespace unknot::identity {

// How long a password-only ('mfa_pending') session may wait for its second step.
inline constexpr std::chrono::minutes kMfaPendingLifetime{10};

// Starts a session for `user` inside the caller's transaction: address and
// user agent from `request`; absolute expiry from `settings`.
Result<IssuedSession> StartSession(db::Session& session, const User& user, SessionState state,
                                   const http::Request& request, const SessionSettings& settings,
                                   Instant now);

// Me = {"id","email","display_name","role","clinic":{"id","name"},"patient_id",
//       "mfa_enabled","mfa_required"}
boost::json::object EncodeMe(const User& user);

// 200 {"user":Me,"csrf_token","mfa_pending":false} with the session cookie.
http::Response SignedInResponse(const User& user, const IssuedSession& issued,
                                const SessionSettings& settings);
// Adds `Set-Cookie: unknot_session=<token>; Path=/; HttpOnly; SameSite=Strict[; Secure]`.
void SetSessionCookie(http::Response& response, std::string_view token,
                      const SessionSettings& settings);
// Adds a Set-Cookie that deletes the session cookie (Max-Age=0).
void ClearSessionCookie(http::Response& response, const SessionSettings& settings);

// 429 problem with Retry-After.
http::Response Throttled(const http::Request& request, std::chrono::seconds wait);

void RegisterSessionRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const Authenticator& authenticator, const ThrottleSettings& throttle);

}  // namespace unknot::identity
