// HTTP routes for scored responses and body maps (registered by
// RegisterAssessmentRoutes):
//
//   GET   /api/v1/patients/{id}/responses   (?instrument=phq9; newest first, each with its change)
//   PATCH /api/v1/responses/{id}            (staff; If-Match "<version>" required: 400 without,
//                                            409 when stale; appends a version, rescored)
//   GET   /api/v1/responses/{id}/history    (staff; every version, newest first)
//   GET   /api/v1/patients/{id}/body-maps   (newest first)
//
// A patient may read their own responses and body maps; staff those of their
// clinic. Reads are audited before the data leaves; a correction, its
// re-checked safety alerts and its audit event commit together.
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/safety_alerts.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

void RegisterResponseRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator,
                            std::shared_ptr<const AssessContent> content, SafetyMailSettings mail);

}  // namespace unknot::assess
