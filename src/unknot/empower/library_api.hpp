// Routes for the self-care library (DESIGN E1).
//
// Reads, for anyone signed in, answer the caller's clinic's library (the
// shipped defaults overlaid by the clinic's own entries, LibraryCatalog):
//
//   GET /api/v1/library          every entry's metadata and summary, by slug,
//                                with its source ("default" | "clinic") and version
//   GET /api/v1/library/{slug}   one entry, with its body rendered as safe HTML
//                                and the "why" the patient sees
//
// Library entries are not patient data, so reads are not audited. The admin
// routes that write a clinic's entries are in library_admin_api.hpp and are
// registered with these. Handlers share the immutable catalog; safe on many
// threads.
#pragma once

#include <filesystem>
#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/empower/library_catalog.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// content_dir/library checked against the Assess content's body-map regions
// and precautions, as the catalog every clinic's library starts from. Never
// fails: an invalid entry is left out and logged as a warning (`unknot content
// check` fails CI on it), because a typo in one leaflet should not keep the
// clinic's server down.
std::shared_ptr<const LibraryCatalog> LoadServedLibrary(const std::filesystem::path& content_dir,
                                                        const assess::AssessContent& content,
                                                        Instant now);

// The read routes and the admin routes. `db`, `clock` and `authenticator`
// must outlive the router; `library` is shared with RegisterProgrammeRoutes.
void RegisterLibraryRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const LibraryCatalog> library);

}  // namespace unknot::empower
