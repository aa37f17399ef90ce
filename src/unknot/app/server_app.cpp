#include "unknot/app/server_app.hpp"

#include <filesystem>

#include "unknot/app/ops_routes.hpp"
#include "unknot/assess/assessment_api.hpp"
#include "unknot/assess/clinical_record_api.hpp"
#include "unknot/assess/content_api.hpp"
#include "unknot/assess/demo_assessments.hpp"
#include "unknot/empower/check_in_api.hpp"
#include "unknot/empower/demo_check_ins.hpp"
#include "unknot/empower/library_api.hpp"
#include "unknot/empower/programme_api.hpp"
#include "unknot/empower/reminder_api.hpp"
#include "unknot/identity/audit_api.hpp"
#include "unknot/insight/insight_api.hpp"
#include "unknot/identity/demo_users.hpp"
#include "unknot/identity/identity_routes.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/mfa_api.hpp"
#include "unknot/people/demo_data.hpp"
#include "unknot/people/people_api.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/http/static_files.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/metrics.hpp"
#include "unknot/treat/care_plan_api.hpp"
#include "unknot/treat/care_preferences_api.hpp"
#include "unknot/treat/demo_care_plan.hpp"
#include "unknot/treat/demo_care_preferences.hpp"
#include "unknot/treat/demo_sessions.hpp"
#include "unknot/treat/session_note_api.hpp"

namespace unknot::app {
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

identity::SessionSettings SessionSettingsFor(const Config& config) {
  return identity::SessionSettings{
      .staff_idle_timeout = std::chrono::minutes(config.security.staff_idle_minutes),
      .patient_idle_timeout = std::chrono::minutes(config.security.patient_idle_minutes),
      .absolute_timeout = std::chrono::hours(config.security.absolute_hours),
      .secure_cookie = config.IsHttps()};
}

Result<std::shared_ptr<const assess::AssessContent>> LoadContent(const Config& config,
                                                                 Instant now) {
  return assess::LoadAssessContent(config.content.dir, config.content.licensed_dir, now);
}

http::Router BuildRouter(const Config& config, db::Database& db, const Clock& clock,
                         const Metrics& metrics,
                         std::shared_ptr<const assess::AssessContent> content) {
  // Every handler refers to this one Authenticator; the fallback below owns
  // it, so it lives exactly as long as the router.
  const auto authenticator =
      std::make_shared<const identity::Authenticator>(db, clock, SessionSettingsFor(config));
  http::Router router;
  RegisterOpsRoutes(router, db, metrics);
  identity::RegisterIdentityRoutes(router, db, clock, *authenticator,
                                   identity::IdentityOptions{.public_url = config.public_url});
  identity::RegisterMfaRoutes(router, db, clock, *authenticator);
  identity::RegisterInvitationRoutes(router, db, clock, *authenticator, config.public_url);
  identity::RegisterAuditRoutes(router, db, clock, *authenticator);
  people::RegisterPeopleRoutes(router, db, clock, *authenticator);
  assess::RegisterContentRoutes(router, db, clock, *authenticator, content);
  assess::RegisterAssessmentRoutes(router, db, clock, *authenticator, content,
                                   {.public_url = config.public_url});
  assess::RegisterClinicalRecordRoutes(router, db, clock, *authenticator, content);
  empower::RegisterCheckInRoutes(router, db, clock, *authenticator, content);
  // A bad library entry is left out (and logged), not fatal: unlike the
  // clinical content, self-care text cannot make care unsafe by its absence.
  const auto library = empower::LoadServedLibrary(config.content.dir, *content, clock.Now());
  empower::RegisterLibraryRoutes(router, db, clock, *authenticator, library);
  empower::RegisterProgrammeRoutes(router, db, clock, *authenticator, library);
  empower::RegisterReminderRoutes(router, db, clock, *authenticator);
  insight::RegisterInsightRoutes(router, db, clock, *authenticator, content);
  treat::RegisterCarePreferencesRoutes(router, db, clock, *authenticator, content);
  treat::RegisterSessionNoteRoutes(router, db, clock, *authenticator, content);
  treat::RegisterCarePlanRoutes(router, db, clock, *authenticator);
  const auto static_files =
      std::make_shared<http::StaticFiles>(http::StaticFiles::Load(config.web_root));
  log::Info("web app", {{"root", config.web_root}, {"files", static_files->size()}});
  router.SetFallback([static_files, authenticator](http::Request& request) {
    if (request.path.starts_with("/api/")) {
      return http::Problem(Error::NotFound("This API address"), request.path);
    }
    return static_files->Serve(request);
  });
  return router;
}

Result<std::vector<identity::DemoAccount>> CreateDemo(db::Database& db, const Clock& clock,
                                                      const assess::AssessContent& content) {
  auto clinic = people::CreateDemoClinic(db, clock);
  if (!clinic) return clinic.error();
  auto accounts = identity::CreateDemoUsers(db, clock, *clinic);
  if (!accounts) return accounts;
  if (auto assessments = assess::CreateDemoAssessments(db, clock, content); !assessments) {
    return assessments.error();
  }
  if (auto check_ins = empower::CreateDemoCheckIns(db, clock); !check_ins) {
    return check_ins.error();
  }
  if (auto prefs = treat::CreateDemoCarePreferences(db, clock); !prefs) return prefs.error();
  if (auto sessions = treat::CreateDemoSessions(db, clock); !sessions) return sessions.error();
  if (auto plan = treat::CreateDemoCarePlan(db, clock); !plan) return plan.error();
  return accounts;
}

Result<std::unique_ptr<db::Database>> OpenMigratedDatabase(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable, "Cannot create the data folder " + config.data_dir + ".",
                 {}, ec.message());
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

}  // namespace unknot::app
