// Insight routes (DESIGN §2 I1–I5):
//
//   GET /api/v1/patients/{id}/insights          the patient's view (the patient, staff)
//   GET /api/v1/patients/{id}/insights/detail   the clinician's view (staff)
//   GET /api/v1/clinics/{clinic_id}/outcomes    the clinic dashboard (staff)
//   GET /api/v1/clinics/{clinic_id}/scores.csv  every score, for `unknot insight outcomes` (staff)
//
// Freshness: a patient's analysis is computed from their stored check-ins
// when read and kept in memory keyed by a hash of the input and the software
// version (InsightInputChecksum), so a new or edited check-in gives a new run
// on the next read and an unchanged record answers the same run (run_id and
// computed_at) again. Every read is audited before its data leaves
// (insight.read, insight.detail.read, outcomes.read, scores.export).
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::insight {

// `db`, `clock` and `authenticator` must outlive the router.
void RegisterInsightRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const assess::AssessContent> content);

}  // namespace unknot::insight
