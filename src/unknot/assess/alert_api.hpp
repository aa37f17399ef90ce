// HTTP routes for safety alerts (registered by RegisterAssessmentRoutes):
//
//   GET  /api/v1/clinics/{clinic_id}/alerts   (?status=open|acknowledged|all, default open;
//                                              open first, then newest)
//   GET  /api/v1/patients/{id}/alerts         (all of one patient)
//   POST /api/v1/alerts/{id}/acknowledge      ({"note": "…"}, 10–2000 characters; 409 when
//                                              already acknowledged)
//
// Staff of the patient's clinic only: a patient is refused (403, audited)
// before anything is looked up. An alert closes only with a note.
#pragma once

#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

void RegisterAlertRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const identity::Authenticator& authenticator);

}  // namespace unknot::assess
