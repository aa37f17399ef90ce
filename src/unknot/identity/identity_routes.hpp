// Every identity route the accounts module serves: sessions, the account
// page's routes and user administration. The MFA, invitation, reset and
// audit routes register themselves separately (see app/server_app.cpp).
#pragma once

#include <string>

#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/throttle.hpp"

namespace unknot::identity {

struct IdentityOptions {
  std::string public_url;  // base of links in emails
  ThrottleSettings throttle;
};

// `db`, `clock` and `authenticator` must outlive `router`.
void RegisterIdentityRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const Authenticator& authenticator, const IdentityOptions& options);

}  // namespace unknot::identity
