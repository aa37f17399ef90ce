// Admin routes that write a clinic's own self-care library entries (Empower
// item 1). The text of an entry is the whole file (front matter + body),
// checked by ParseLibraryEntry exactly as `unknot content check` checks the
// shipped files; the shipped files stay the defaults (library_catalog.hpp).
//
//   GET    /api/v1/library/{slug}/source     the entry's text, source and version (ETag)
//   GET    /api/v1/library/{slug}/versions   the clinic's versions of it, newest first
//   PUT    /api/v1/library/{slug}            save a version (If-Match: the version, "0"
//                                            for a default never edited)
//   POST   /api/v1/library                   a new entry (409 when the slug is taken)
//   DELETE /api/v1/library/{slug}            remove the clinic's version (If-Match); the
//                                            default shows again; history kept
//   POST   /api/v1/library/preview           check and render without storing
//
// All act on the caller's own clinic and need Action::kAdminister on it.
// Invalid text is a 400 listing every issue with its path (nothing stored), a
// stale version a 409. Writes are audited in their transaction
// (library.create, library.update, library.remove). Safe on many threads.
#pragma once

#include <memory>

#include "unknot/empower/library_catalog.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// Called by RegisterLibraryRoutes. `db`, `clock` and `authenticator` must outlive the router.
void RegisterLibraryAdminRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                const identity::Authenticator& authenticator,
                                std::shared_ptr<const LibraryCatalog> library);

}  // namespace unknot::empower
