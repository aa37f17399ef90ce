#include "unknot/app/server_app.hpp"

#include <filesystem>

#include "unknot/app/ops_routes.hpp"
#include "unknot/people/demo_data.hpp"
#include "unknot/people/people_api.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/http/guard.hpp"
#include "unknot/platform/http/server.hpp"
#include "unknot/platform/http/static_files.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/metrics.hpp"

namespace unknot::app {
namespace {

// Until accounts exist (the next milestone), the patient API opens only for a
// demo server and only to callers on this machine.
http::Guard DemoOnlyGuard(bool demo) {
  return [demo](http::Request& request) -> std::optional<http::Response> {
    if (!demo || !request.remote_is_loopback) {
      return http::Problem(
          Error(ErrorCode::kForbidden,
                "The API is open only on a demo server (unknot serve --demo) and only from this "
                "machine until accounts are set up."),
          request.path);
    }
    request.actor = "demo";
    return std::nullopt;
  };
}

}  // namespace

void RecordRequest(Metrics& metrics, const http::RequestRecord& r) {
  metrics.ObserveRequest(r.route, r.method_text, r.status, r.seconds);
  log::Info("request", {{"request_id", r.request_id},
                        {"method", r.method_text},
                        {"path", r.path},
                        {"route", r.route},
                        {"status", r.status},
                        {"bytes", r.response_bytes},
                        {"ms", r.seconds * 1000.0},
                        {"remote", r.remote_address}});
}

http::Router BuildRouter(const Config& config, db::Database& db, const Clock& clock,
                         const Metrics& metrics) {
  http::Router router;
  RegisterOpsRoutes(router, db, metrics);
  people::RegisterPeopleRoutes(router, db, clock, DemoOnlyGuard(config.demo));
  const auto static_files =
      std::make_shared<http::StaticFiles>(http::StaticFiles::Load(config.web_root));
  log::Info("web app", {{"root", config.web_root}, {"files", static_files->size()}});
  router.SetFallback([static_files](http::Request& request) {
    if (request.path.starts_with("/api/")) {
      return http::Problem(Error::NotFound("This API address"), request.path);
    }
    return static_files->Serve(request);
  });
  return router;
}

Result<std::unique_ptr<db::Database>> OpenMigratedDatabase(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable, "Cannot create the data folder " + config.data_dir + ".", {},
                 ec.message());
  }
  std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  auto db = db::Open(config.DatabaseUrl());
  if (!db) return db.error();
  auto status = db::Migrate(**db);
  if (!status) return status.error();
  log::Info("database ready", {{"schema_version", status->current}});
  return std::move(*db);
}

int Serve(const Config& config) {
  const auto listen = ParseListen(config.listen);
  if (!listen) {
    log::Error("bad configuration", {{"error", listen.error().issues().front().message}});
    return 2;
  }
  auto db = OpenMigratedDatabase(config);
  if (!db) {
    log::Error("database unavailable",
               {{"error", db.error().message()}, {"detail", db.error().internal()}});
    return 1;
  }
  SystemClock clock;
  if (config.demo) {
    auto clinic = people::CreateDemoClinic(**db, clock);
    if (!clinic) {
      log::Error("demo data failed", {{"error", clinic.error().internal()}});
      return 1;
    }
  }

  Metrics metrics;
  const http::Router router = BuildRouter(config, **db, clock, metrics);

  http::ServerOptions options;
  options.address = listen->first;
  options.port = listen->second;
  options.limits = config.limits;
  options.https = config.public_url.starts_with("https://");
  http::Server server(options, router,
                      [&metrics](const http::RequestRecord& r) { RecordRequest(metrics, r); });
  const auto port = server.Listen();
  if (!port) {
    log::Error("cannot listen", {{"error", port.error().message()}});
    return 1;
  }
  log::Info("listening", {{"url", fmt::format("http://{}:{}", listen->first, *port)},
                          {"limits", DescribeLimits(config.limits)},
                          {"demo", config.demo}});
  server.Run();
  log::Info("stopped");
  return 0;
}

}  // namespace unknot::app
