// HTTP routes for clinics and patients, as described in api/openapi.yaml:
//
//   GET        /api/v1/clinics                        (the caller's own clinic only)
//   GET/PATCH  /api/v1/clinics/{clinic_id}            (PATCH, incl. require_mfa and
//                                                     safety_email: admins)
//   GET/POST   /api/v1/clinics/{clinic_id}/patients   (GET: ?q=&limit=&offset=)
//   GET/PATCH  /api/v1/patients/{id}                  (ETag / If-Match: "<version>")
//   GET        /api/v1/patients/{id}/history
//
// Clinics are created from the command line (`unknot clinic add`), never here.
// Every route needs a session (identity::Protected) and asks
// identity::Authorize about the clinic or patient it touches; a patient may
// read only their own record and its history. Every patient read leaves an
// audit event before the response leaves; every write records its event in
// the same transaction; every denial is recorded with outcome "denied".
// Handlers are thin: decode the request, make one store call, encode the
// result. The user's uuid is recorded as the author of patient versions.
//
// `db`, `clock` and `authenticator` must outlive `router`. The handlers keep
// no state of their own, so the router may dispatch them from many threads.
#pragma once

#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::people {

void RegisterPeopleRoutes(http::Router& router, db::Database& db, const Clock& clock,
                          const identity::Authenticator& authenticator);

}  // namespace unknot::people
