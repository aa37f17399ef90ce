// Wiring for `unknot serve`: storage, routes, the HTTP server.
#pragma once

#include <memory>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/config.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"
#include "unknot/platform/metrics.hpp"

namespace unknot::app {

// Opens and migrates the database, seeds the demo clinic when config.demo,
// serves until SIGTERM/SIGINT. Returns the process exit code.
int Serve(const Config& config);

// The whole route table: operations, the API, and the web app as fallback.
// Everything passed in must outlive the router.
http::Router BuildRouter(const Config& config, db::Database& db, const Clock& clock,
                         const Metrics& metrics);

// Records one request in the metrics and the JSON access log.
void RecordRequest(Metrics& metrics, const http::RequestRecord& record);

// Opens the configured database (creating the data folder, mode 0700) and
// applies pending migrations.
Result<std::unique_ptr<db::Database>> OpenMigratedDatabase(const Config& config);

}  // namespace unknot::app
