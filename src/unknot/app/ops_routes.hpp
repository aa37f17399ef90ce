// Operational endpoints: /healthz, /readyz, /metrics and the OpenAPI document.
#pragma once

#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"
#include "unknot/platform/metrics.hpp"

namespace unknot::app {

// `db` and `metrics` must outlive the router.
void RegisterOpsRoutes(http::Router& router, db::Database& db, const Metrics& metrics);

}  // namespace unknot::app
