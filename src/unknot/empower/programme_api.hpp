// Home programme routes (Empower item 2). Staff of the clinic assign library
// entries with a dosage and a note; the patient (or staff on their behalf)
// marks sessions done; both read the programme with its adherence:
//
//   GET    /api/v1/patients/{id}/programme                         today's programme (ETag)
//   POST   /api/v1/patients/{id}/programme/items                   assign (staff)
//   PATCH  /api/v1/patients/{id}/programme/items/{item_id}         dosage / note (staff, If-Match)
//   DELETE /api/v1/patients/{id}/programme/items/{item_id}         end; history kept (staff)
//   PUT    /api/v1/patients/{id}/programme/items/{item_id}/done/{date}   mark done (idempotent)
//   DELETE /api/v1/patients/{id}/programme/items/{item_id}/done/{date}   unmark (idempotent)
//
// An entry whose precautions meet the patient's recorded ones is refused
// (409, one issue per match) unless the body says confirm_precautions: true;
// the confirmed matches are kept with the item. Done dates are local dates in
// the clinic's time zone: today or the kBackfillDays before it, on days the
// item was active. Every read is audited before its data leaves, every write
// in its own transaction (programme.read, programme.item.create,
// .item.update, .item.end, .done.mark, .done.clear).
#pragma once

#include <memory>

#include "unknot/empower/library_catalog.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// `db`, `clock` and `authenticator` must outlive the router; `library` is the
// catalog (LoadServedLibrary), shared with RegisterLibraryRoutes: items are
// shown and checked against the patient's clinic's library.
void RegisterProgrammeRoutes(http::Router& router, db::Database& db, const Clock& clock,
                             const identity::Authenticator& authenticator,
                             std::shared_ptr<const LibraryCatalog> library);

}  // namespace unknot::empower
