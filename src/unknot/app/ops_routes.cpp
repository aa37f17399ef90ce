#include "unknot/app/ops_routes.hpp"

#include <boost/json/value.hpp>

#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/embedded_file.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/platform/log.hpp"

namespace unknot::app {

std::span<const EmbeddedFile> EmbeddedApiFiles();  // generated at build time

namespace {

std::string_view OpenApiDocument() {
  for (const EmbeddedFile& file : EmbeddedApiFiles()) {
    if (file.path == "openapi.yaml") return file.data;
  }
  return {};
}

}  // namespace

void RegisterOpsRoutes(http::Router& router, db::Database& db, const Metrics& metrics) {
  router.Add(http::Method::kGet, "/healthz",
             [](http::Request&) { return http::Response::Text(200, "ok\n"); });

  router.Add(http::Method::kGet, "/readyz", [&db](http::Request& request) {
    auto status = db::GetMigrationStatus(db);
    if (!status) {
      log::Warn("not ready",
                {{"request_id", request.request_id},
                 {"error", status.error().internal().empty() ? status.error().message()
                                                             : status.error().internal()}});
      return http::Problem(Error(ErrorCode::kUnavailable, "The database is not reachable."));
    }
    if (status->current != status->latest) {
      return http::Problem(Error(ErrorCode::kUnavailable, "Database migrations are not applied."));
    }
    return http::JsonResponse(
        200, boost::json::object{{"status", "ready"}, {"schema_version", status->current}});
  });

  router.Add(http::Method::kGet, "/metrics", [&db, &metrics](http::Request&) {
    return http::Response::Text(200, metrics.Render(db.Stats()),
                                "text/plain; version=0.0.4; charset=utf-8");
  });

  router.Add(http::Method::kGet, "/api/v1/openapi.yaml", [](http::Request&) {
    return http::Response::Text(200, std::string(OpenApiDocument()), "application/yaml");
  });
}

}  // namespace unknot::app
