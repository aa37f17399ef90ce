// Read routes for the self-care library (DESIGN E1), for anyone signed in:
//
//   GET /api/v1/library          every entry's metadata and summary, by slug
//   GET /api/v1/library/{slug}   one entry, with its body rendered as safe HTML
//                                and the "why" the patient sees
//
// The library is immutable while the server runs, so both documents are
// built once at registration and handlers only copy them; safe on many
// threads. Library entries are not patient data, so nothing is audited.
#pragma once

#include <filesystem>
#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/empower/library_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// content_dir/library checked against the Assess content's body-map regions
// and precautions. Never fails: an invalid entry is left out and logged as a
// warning (`unknot content check` fails CI on it), because a typo in one
// clinic-written leaflet should not keep the clinic's server down.
std::shared_ptr<const Library> LoadServedLibrary(const std::filesystem::path& content_dir,
                                                 const assess::AssessContent& content, Instant now);

// `db`, `clock` and `authenticator` must outlive the router.
void RegisterLibraryRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const Library> library);

}  // namespace unknot::empower
