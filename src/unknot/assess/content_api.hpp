// HTTP routes for the clinical content itself, as described in api/openapi.yaml:
//
//   GET /api/v1/instruments, /api/v1/instruments/{id}   (anyone signed in)
//   GET /api/v1/content/crisis                          (public: no session needed)
//   GET /api/v1/content/body-map                        (anyone signed in)
//   GET /api/v1/content/red-flags                       (staff)
//
// The content is immutable, so the documents are built once at registration
// and the handlers only copy them; safe on many threads. No patient data is
// touched, so nothing here is audited.
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

void RegisterContentRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const AssessContent> content);

}  // namespace unknot::assess
