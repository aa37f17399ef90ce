// HTTP routes for questionnaire packs, their scored responses with the change
// since last time, body maps and safety alerts, as described in
// api/openapi.yaml (the route lists are in assessment_api.cpp, response_api.hpp
// and alert_api.hpp).
//
// `db`, `clock` and `authenticator` must outlive `router`; the handlers keep
// no state of their own and may run on many threads at once.
#pragma once

#include <memory>
#include <string>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

struct AssessmentRouteOptions {
  std::string public_url;  // base of the link in safety-alert emails ([server] public_url)
};

void RegisterAssessmentRoutes(http::Router& router, db::Database& db, const Clock& clock,
                              const identity::Authenticator& authenticator,
                              std::shared_ptr<const AssessContent> content,
                              AssessmentRouteOptions options);

}  // namespace unknot::assess
