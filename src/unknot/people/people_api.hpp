// HTTP routes for clinics and patients, as described in api/openapi.yaml:
//
//   GET/POST   /api/v1/clinics
//   GET/PATCH  /api/v1/clinics/{clinic_id}
//   GET/POST   /api/v1/clinics/{clinic_id}/patients   (GET: ?q=&limit=&offset=)
//   GET/PATCH  /api/v1/patients/{id}                  (ETag / If-Match: "<version>")
//   GET        /api/v1/patients/{id}/history
//
// Handlers are thin: decode the request, make one store call, encode the
// result. Every route is wrapped with `guard`; the Request::actor it sets is
// recorded as the author of patient versions. Failures leave as problem
// documents; internal details go to the log only.
//
// `db` and `clock` must outlive `router`. The handlers keep no state of their
// own, so the router may dispatch them from many threads at once.
#pragma once

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/guard.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::people {

void RegisterPeopleRoutes(http::Router& router, db::Database& db, const Clock& clock,
                          http::Guard guard);

}  // namespace unknot::people
