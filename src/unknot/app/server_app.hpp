// Wiring for `unknot serve`: storage, routes, the HTTP server.
#pragma once

#include <memory>
#include <vector>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/demo_users.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/config.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"
#include "unknot/platform/metrics.hpp"

namespace unknot::app {

// Opens and migrates the database, seeds the demo clinic and its demo users
// when config.demo, delivers queued mail ([mail]), serves until SIGTERM/SIGINT.
// Returns the process exit code.
int Serve(const Config& config);

// The whole route table: operations, the API (every /api/v1 route behind a
// session except the public sign-in, invitation and reset routes), and the
// web app as fallback. Everything passed in must outlive the router.
http::Router BuildRouter(const Config& config, db::Database& db, const Clock& clock,
                         const Metrics& metrics,
                         std::shared_ptr<const assess::AssessContent> content);

// The clinical content of [content] dir and licensed_dir (assess/assess_content.hpp).
Result<std::shared_ptr<const assess::AssessContent>> LoadContent(const Config& config, Instant now);

// Session lifetimes and cookie flags from [security] and [server] public_url.
identity::SessionSettings SessionSettingsFor(const Config& config);

// The demo clinic (once), its demo admin, clinician and patient sign-ins, and
// their questionnaire history.
Result<std::vector<identity::DemoAccount>> CreateDemo(db::Database& db, const Clock& clock,
                                                      const assess::AssessContent& content);

// Records one request in the metrics and the JSON access log.
void RecordRequest(Metrics& metrics, const http::RequestRecord& record);

// Opens the configured database (creating the data folder, mode 0700) and
// applies pending migrations.
Result<std::unique_ptr<db::Database>> OpenMigratedDatabase(const Config& config);

}  // namespace unknot::app
