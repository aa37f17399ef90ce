// The daily check-in routes (DESIGN §2 E3). A patient writes their own
// check-ins; staff of the clinic read them and may enter them on the
// patient's behalf, and import them from CSV:
//
//   POST /api/v1/patients/{id}/check-ins              create (Idempotency-Key)
//   GET  /api/v1/patients/{id}/check-ins?from=&to=    list, newest first
//   PUT  /api/v1/patients/{id}/check-ins/{date}       edit (today and the back-fill window)
//   GET  /api/v1/patients/{id}/check-ins.csv          export
//   POST /api/v1/patients/{id}/check-ins/import       import (text/csv; staff only)
//
// Every read is audited before its data leaves, every write in its own
// transaction (check_in.create, .update, .list, .export, .import).
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// `db`, `clock` and `authenticator` must outlive the router.
void RegisterCheckInRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const assess::AssessContent> content);

}  // namespace unknot::empower
