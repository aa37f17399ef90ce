#include "unknot/identity/identity_routes.hpp"

#include "unknot/identity/session_api.hpp"
#include "unknot/identity/users_api.hpp"

namespace unknot::identity {

void RegisterIdentityRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const Authenticator& authenticator, const IdentityOptions& options) {
  RegisterSessionRoutes(router, db, clock, authenticator, options.throttle);
  RegisterUsersRoutes(router, db, clock, authenticator, options.public_url);
}

}  // namespace unknot::identity
