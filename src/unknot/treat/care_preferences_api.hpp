// The care-preferences routes (DESIGN §2 T3). The patient keeps their own;
// staff of the clinic edit them with the patient:
//
//   GET /api/v1/care-preference-fields                  the field table (anyone signed in)
//   GET /api/v1/patients/{id}/care-preferences          the patient, staff; ETag
//   PUT /api/v1/patients/{id}/care-preferences          the patient, staff; If-Match ("0" first)
//   GET /api/v1/patients/{id}/care-preferences/versions staff: every version, newest first
//
// Reads are audited before their data leaves (care_preferences.read,
// care_preferences.versions), writes in their own transaction
// (care_preferences.update). A PUT without If-Match is answered 400.
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::treat {

// `db`, `clock` and `authenticator` must outlive the router; `content` gives
// the body-map regions the consent map is checked against.
void RegisterCarePreferencesRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                   const identity::Authenticator& authenticator,
                                   std::shared_ptr<const assess::AssessContent> content);

}  // namespace unknot::treat
