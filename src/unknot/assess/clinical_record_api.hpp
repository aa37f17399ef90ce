// HTTP routes — Red-flag screens, precautions and the formulation — as described in api/openapi.yaml.
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

void RegisterClinicalRecordRoutes(http::Router& router, db::Database& db, const Clock& clock,
         const identity::Authenticator& authenticator,
         std::shared_ptr<const AssessContent> content);

}  // namespace unknot::assess
