// The care plan routes (DESIGN §2 T2; issue 7 item 3):
//
//   GET /api/v1/patients/{id}/care-plan           the patient themself, staff of the clinic;
//                                                 ETag "<version>" ("0" before the first save)
//   PUT /api/v1/patients/{id}/care-plan           staff; If-Match required ("0" the first time):
//                                                 400 without it, 409 when stale, 400 listing
//                                                 every issue (nothing stored)
//   GET /api/v1/patients/{id}/care-plan/versions  staff; every version, newest first
//
// Reads are audited before their data leaves (care_plan.read,
// care_plan.versions), writes in their own transaction (care_plan.update).
// `db`, `clock` and `authenticator` must outlive the router; the handlers keep
// no state and may run on many threads at once.
#pragma once

#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::treat {

void RegisterCarePlanRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator);

}  // namespace unknot::treat
