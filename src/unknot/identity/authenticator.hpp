// Resolves the session behind a request and guards the routes that need one.
//
// A request is authenticated by the session cookie (`unknot_session`, an
// opaque 256-bit token; the database stores only its hash). State-changing
// methods (POST, PUT, PATCH, DELETE) also need the header `X-CSRF-Token`
// holding the session's CSRF token (returned by the session endpoints), so a
// cross-site form cannot act with the cookie alone.
//
// Thread-safe: one Authenticator serves all worker threads.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "unknot/identity/principal.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::identity {

inline constexpr std::string_view kSessionCookie = "unknot_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct SessionSettings {
  std::chrono::minutes staff_idle_timeout{30};
  std::chrono::minutes patient_idle_timeout{120};
  std::chrono::hours absolute_timeout{12};
  bool secure_cookie = false;  // true when the public URL is https
};

class Authenticator final {
 public:
  Authenticator(db::Database& db, const Clock& clock, SessionSettings settings);
  ~Authenticator();

  // kUnauthenticated (401) without a valid, unexpired session; kForbidden (403)
  // when an unsafe method lacks the matching CSRF token, or when the clinic
  // requires MFA and a staff member has not enrolled yet (except on routes
  // marked allow_without_mfa). Refreshes the session's idle timer.
  Result<Principal> Authenticate(const http::Request& request,
                                 bool allow_without_mfa = false) const;

  const SessionSettings& settings() const { return settings_; }

 private:
  db::Database& db_;
  const Clock& clock_;
  SessionSettings settings_;
};

using ProtectedHandler = std::function<http::Response(http::Request&, const Principal&)>;

struct RouteOptions {
  bool allow_without_mfa = false;  // account and MFA-enrolment routes
};

// A handler that runs only for an authenticated principal; otherwise answers
// the problem document (401/403). Sets request.actor to the user's uuid.
http::Handler Protected(const Authenticator& authenticator, ProtectedHandler handler,
                        RouteOptions options = {});

// Registers const member functions of one handler object as protected routes.
// The object is copied into every handler, so it should hold only references.
template <class Api>
class ProtectedRoutes final {
 public:
  using Member = http::Response (Api::*)(http::Request&, const Principal&) const;

  ProtectedRoutes(http::Router& router, const Authenticator& authenticator, Api api,
                  RouteOptions options = {})
      : router_(router), authenticator_(authenticator), api_(std::move(api)), options_(options) {}

  void Add(http::Method method, std::string_view pattern, Member member) const {
    router_.Add(method, pattern,
                Protected(
                    authenticator_,
                    [api = api_, member](http::Request& request, const Principal& principal) {
                      return (api.*member)(request, principal);
                    },
                    options_));
  }

 private:
  http::Router& router_;
  const Authenticator& authenticator_;
  Api api_;
  RouteOptions options_;
};

}  // namespace unknot::identity
