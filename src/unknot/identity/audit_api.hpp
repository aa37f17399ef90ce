// HTTP routes for reading the audit trail (admins of the clinic only):
//
//   GET /api/v1/audit-events         ?from=&to=&actor=&action=&patient_id=&outcome=&limit=&offset=
//                                    → {"items":[…], "total", "limit", "offset"}, newest first
//   GET /api/v1/audit-events/export  same filters, not paged → text/csv attachment
//
// Every call, allowed or not, is itself audited ("audit.read" / "audit.export",
// outcome success | denied | failure); the event is durable before the
// response leaves. There is deliberately no route that changes or deletes an
// event (and the database refuses it anyway).
//
// `db`, `clock` and `authenticator` must outlive `router`. The handlers keep
// no state of their own, so they may run on many threads at once.
#pragma once

#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::identity {

void RegisterAuditRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const Authenticator& authenticator);

}  // namespace unknot::identity
