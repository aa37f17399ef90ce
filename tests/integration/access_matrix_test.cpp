// The access matrix over real HTTP: every /api/v1 route the server registers ×
// {anonymous, patient (self / another patient), clinician (own clinic /
// another clinic), admin (own clinic / another clinic)} → allowed or denied.
//
// The table below has one row per route. A route the server registers with
// no row fails the test, so a new route cannot ship without a decision here.
// Rows for routes not registered (yet) are skipped and listed.
//
// Every target lives in clinic A: patient record P1 (patient "self" is P1's
// login; patient "other" is P2's), the staff user U of clinic A. Each request
// runs in a fresh session, so a route that signs out or revokes cannot
// disturb the next one.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <map>
#include <set>

#include "http_test_support.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::testing {
namespace {

using identity::Role;

enum Persona {
  kAnonymous,
  kPatientSelf,
  kPatientOther,
  kClinicianOwn,
  kClinicianOther,
  kAdminOwn,
  kAdminOther,
  kPersonas
};

constexpr std::array<const char*, kPersonas> kPersonaNames = {
    "anonymous",         "patient (self)", "patient (other)", "clinician (own clinic)",
    "clinician (other)", "admin (own)",    "admin (other)"};

// One letter per persona, in Persona order:
//   A allowed: anything but 401/403 (and no 5xx) — 400/404/409 mean the request
//     got past access control to the handler;
//   D denied: 401 for anonymous, 403 for a signed-in persona;
//   U 401 for everyone (the route wants a kind of session nobody here has).
struct Row {
  const char* route;  // "METHOD pattern" exactly as registered
  const char* expect;
};

constexpr Row kMatrix[] = {
    {"GET /api/v1/openapi.yaml", "AAAAAAA"},  // the public API contract
    // Sessions and the account page (accounts).
    {"POST /api/v1/session", "AAAAAAA"},
    {"POST /api/v1/session/mfa", "UUUUUUU"},  // needs a password-only (mfa_pending) session
    {"GET /api/v1/session", "DAAAAAA"},
    {"DELETE /api/v1/session", "DAAAAAA"},
    {"GET /api/v1/account/sessions", "DAAAAAA"},
    {"DELETE /api/v1/account/sessions", "DAAAAAA"},
    {"DELETE /api/v1/account/sessions/{id:uuid}", "DAAAAAA"},
    {"PUT /api/v1/account/password", "DAAAAAA"},
    // Two-step sign-in.
    {"POST /api/v1/account/mfa/totp", "DAAAAAA"},
    {"POST /api/v1/account/mfa/totp/confirm", "DAAAAAA"},
    {"DELETE /api/v1/account/mfa/totp", "DAAAAAA"},
    {"POST /api/v1/account/mfa/recovery-codes", "DAAAAAA"},
    // User administration: admins, own clinic (the list and create act on the caller's clinic).
    {"GET /api/v1/users", "DDDDDAA"},
    {"POST /api/v1/users", "DDDDDAA"},
    {"PATCH /api/v1/users/{id:uuid}", "DDDDDAD"},
    // Clinics and patients.
    {"GET /api/v1/clinics", "DAAAAAA"},  // each caller sees only their own clinic
    {"GET /api/v1/clinics/{clinic_id:uuid}", "DAAADAD"},
    {"PATCH /api/v1/clinics/{clinic_id:uuid}", "DDDDDAD"},
    {"GET /api/v1/clinics/{clinic_id:uuid}/patients", "DDDADAD"},
    {"POST /api/v1/clinics/{clinic_id:uuid}/patients", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}", "DADADAD"},
    {"PATCH /api/v1/patients/{id:uuid}", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/history", "DADADAD"},
    // Invitations and resets.
    {"POST /api/v1/patients/{id:uuid}/invitation", "DDDADAD"},
    {"GET /api/v1/invitations/{token}", "AAAAAAA"},
    {"POST /api/v1/invitations/{token}/accept", "AAAAAAA"},
    {"POST /api/v1/password-resets", "AAAAAAA"},
    {"POST /api/v1/password-resets/{token}", "AAAAAAA"},
    // The audit trail: admins, own clinic.
    {"GET /api/v1/audit-events", "DDDDDAA"},
    {"GET /api/v1/audit-events/export", "DDDDDAA"},
    // Clinical content: instruments and body-map regions for anyone signed in, the red-flag
    // checklist for staff; crisis support is public (it must never sit behind a sign-in).
    {"GET /api/v1/instruments", "DAAAAAA"},
    {"GET /api/v1/instruments/{id}", "DAAAAAA"},
    {"GET /api/v1/content/crisis", "AAAAAAA"},
    {"GET /api/v1/content/body-map", "DAAAAAA"},
    {"GET /api/v1/content/red-flags", "DDDAAAA"},
    // Assessments: staff send packs; the patient completes their own. Paths that name an
    // assessment, response or alert get an id nobody has (404 once past the role check).
    {"POST /api/v1/patients/{id:uuid}/assessments", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/assessments", "DADADAD"},
    {"GET /api/v1/assessments/{id:uuid}", "DAAAAAA"},
    {"PUT /api/v1/assessments/{id:uuid}/draft", "DAAAAAA"},
    {"POST /api/v1/assessments/{id:uuid}/submit", "DAAAAAA"},
    {"POST /api/v1/assessments/{id:uuid}/cancel", "DDDAAAA"},
    {"GET /api/v1/patients/{id:uuid}/responses", "DADADAD"},
    {"PATCH /api/v1/responses/{id:uuid}", "DDDAAAA"},
    {"GET /api/v1/responses/{id:uuid}/history", "DDDAAAA"},
    {"GET /api/v1/patients/{id:uuid}/body-maps", "DADADAD"},
    // Safety alerts: staff of the patient's clinic.
    {"GET /api/v1/clinics/{clinic_id:uuid}/alerts", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/alerts", "DDDADAD"},
    {"POST /api/v1/alerts/{id:uuid}/acknowledge", "DDDAAAA"},
    // Insight: the patient's own view for them and staff; the full records and the
    // clinic dashboard for staff.
    {"GET /api/v1/patients/{id:uuid}/insights", "DADADAD"},
    {"GET /api/v1/patients/{id:uuid}/insights/detail", "DDDADAD"},
    {"GET /api/v1/clinics/{clinic_id:uuid}/outcomes", "DDDADAD"},
    {"GET /api/v1/clinics/{clinic_id:uuid}/scores.csv", "DDDADAD"},
    // Treat: care preferences. The field table for anyone signed in; the patient keeps their
    // own and staff of the clinic edit them with the patient; the versions are for staff.
    {"GET /api/v1/care-preference-fields", "DAAAAAA"},
    {"GET /api/v1/patients/{id:uuid}/care-preferences", "DADADAD"},
    {"PUT /api/v1/patients/{id:uuid}/care-preferences", "DADADAD"},
    {"GET /api/v1/patients/{id:uuid}/care-preferences/versions", "DDDADAD"},
    // Treat: session notes. Techniques for anyone signed in; the session map and the notes are
    // clinical working records for staff (clinicians and admins) of the patient's clinic; the
    // patient reads only the summaries written for them. Note paths get an id nobody has (404
    // once past the role check); writes without If-Match get 400.
    {"GET /api/v1/techniques", "DAAAAAA"},
    {"GET /api/v1/patients/{id:uuid}/session-map", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/sessions", "DDDADAD"},
    {"POST /api/v1/patients/{id:uuid}/sessions", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/sessions/{session_id:uuid}", "DDDADAD"},
    {"PUT /api/v1/patients/{id:uuid}/sessions/{session_id:uuid}", "DDDADAD"},
    {"DELETE /api/v1/patients/{id:uuid}/sessions/{session_id:uuid}", "DDDADAD"},
    {"POST /api/v1/patients/{id:uuid}/sessions/{session_id:uuid}/sign", "DDDADAD"},
    {"POST /api/v1/patients/{id:uuid}/sessions/{session_id:uuid}/addenda", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/session-summaries", "DADADAD"},
    // Treat: care plan. The patient reads their own; staff of the clinic write it and read its
    // versions.
    {"GET /api/v1/patients/{id:uuid}/care-plan", "DADADAD"},
    {"PUT /api/v1/patients/{id:uuid}/care-plan", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/care-plan/versions", "DDDADAD"},
    // Red flags and precautions: staff; the formulation also for the patient (their part only).
    {"GET /api/v1/patients/{id:uuid}/red-flags", "DDDADAD"},
    {"POST /api/v1/patients/{id:uuid}/red-flags", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/precautions", "DDDADAD"},
    {"PUT /api/v1/patients/{id:uuid}/precautions", "DDDADAD"},
    {"GET /api/v1/patients/{id:uuid}/formulation", "DADADAD"},
    // Daily check-ins: the patient for themself, staff of the clinic on their behalf; import
    // is for staff only. `{date}` is today in the clinic's zone.
    {"POST /api/v1/patients/{id:uuid}/check-ins", "DADADAD"},
    {"GET /api/v1/patients/{id:uuid}/check-ins", "DADADAD"},
    {"PUT /api/v1/patients/{id:uuid}/check-ins/{date}", "DADADAD"},
    {"GET /api/v1/patients/{id:uuid}/check-ins.csv", "DADADAD"},
    {"POST /api/v1/patients/{id:uuid}/check-ins/import", "DDDADAD"},
    // The self-care library: anyone signed in, whatever their clinic (no patient data).
    {"GET /api/v1/library", "DAAAAAA"},
    {"GET /api/v1/library/{slug}", "DAAAAAA"},
    // Editing the clinic's library: admins, on their own clinic (the caller's clinic is implied).
    {"POST /api/v1/library", "DDDDDAA"},
    {"POST /api/v1/library/preview", "DDDDDAA"},
    {"PUT /api/v1/library/{slug}", "DDDDDAA"},
    {"DELETE /api/v1/library/{slug}", "DDDDDAA"},
    {"GET /api/v1/library/{slug}/source", "DDDDDAA"},
    {"GET /api/v1/library/{slug}/versions", "DDDDDAA"},
    // Home programmes: staff assign and change; the patient reads and marks done.
    {"GET /api/v1/patients/{id:uuid}/programme", "DADADAD"},
    {"POST /api/v1/patients/{id:uuid}/programme/items", "DDDADAD"},
    {"PATCH /api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}", "DDDADAD"},
    {"DELETE /api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}", "DDDADAD"},
    {"PUT /api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}/done/{date}", "DADADAD"},
    {"DELETE /api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}/done/{date}", "DADADAD"},
    // Check-in reminders: the patient for themself, staff of the clinic on their behalf.
    {"GET /api/v1/patients/{id:uuid}/reminders", "DADADAD"},
    {"PUT /api/v1/patients/{id:uuid}/reminders", "DADADAD"},
};

std::string RouteKey(const http::Router::RouteInfo& route) {
  return std::string(http::MethodName(route.method)) + " " + route.pattern;
}

class AccessMatrix : public ::testing::TestWithParam<db::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == db::Backend::kPostgres && !PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    Config config = TestServer::DemoConfig();
    config.demo = false;
    scratch_ = UseBackend(config, GetParam());
    server_ = std::make_unique<TestServer>(config);
    SystemClock clock;
    const Instant now = clock.Now();
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto a = people::InsertClinic(session, {"Clinic A"}, now);
          auto b = people::InsertClinic(session, {"Clinic B"}, now);
          if (!a || !b) return Error::Internal("clinics");
          clinic_a_ = a->uuid;
          auto p1 = people::InsertPatient(session, *a, {"Ann", "Self"}, "test", now);
          auto p2 = people::InsertPatient(session, *a, {"Bob", "Other"}, "test", now);
          auto p3 = people::InsertPatient(session, *b, {"Cy", "Elsewhere"}, "test", now);
          if (!p1 || !p2 || !p3) return Error::Internal("patients");
          patient_ = p1->uuid;
          const auto add = [&](Persona persona, std::int64_t clinic, Role role,
                               std::optional<std::int64_t> patient) -> Result<void> {
            auto user =
                identity::InsertUser(session,
                                     {.clinic_id = clinic,
                                      .role = role,
                                      .email = std::string(kPersonaNames[persona]).substr(0, 5) +
                                               NewRequestId() + "@example.org",
                                      .display_name = kPersonaNames[persona],
                                      .patient_id = patient},
                                     now);
            if (!user) return user.error();
            users_[persona] = user->id;
            return {};
          };
          for (auto r : {add(kPatientSelf, a->id, Role::kPatient, p1->id),
                         add(kPatientOther, a->id, Role::kPatient, p2->id),
                         add(kClinicianOwn, a->id, Role::kClinician, std::nullopt),
                         add(kClinicianOther, b->id, Role::kClinician, std::nullopt),
                         add(kAdminOwn, a->id, Role::kAdmin, std::nullopt),
                         add(kAdminOther, b->id, Role::kAdmin, std::nullopt)}) {
            if (!r) return r;
          }
          auto target = identity::InsertUser(session,
                                             {.clinic_id = a->id,
                                              .role = Role::kClinician,
                                              .email = "target@example.org",
                                              .display_name = "Target"},
                                             now);
          if (!target) return target.error();
          staff_target_ = target->uuid;
          return {};
        })
        .value();
  }

  // Cookie and CSRF headers of a brand-new session for `persona`.
  std::string FreshSession(Persona persona) {
    if (persona == kAnonymous) return {};
    std::string headers;
    SystemClock clock;
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto issued = identity::InsertSession(
              session, {.user_id = users_[persona], .expires_at = clock.Now() + 3'600'000'000LL},
              clock.Now());
          if (!issued) return issued.error();
          SignedIn signed_in{.token = issued->token, .csrf = issued->record.csrf_token};
          headers = signed_in.Headers();
          return {};
        })
        .value();
    return headers;
  }

  // The pattern with every parameter filled with a target in clinic A.
  std::string PathFor(const std::string& pattern) const {
    std::string path = pattern;
    const auto replace = [&](std::string_view from, const std::string& to) {
      if (const auto at = path.find(from); at != std::string::npos)
        path.replace(at, from.size(), to);
    };
    replace("{clinic_id:uuid}", clinic_a_);
    if (path.starts_with("/api/v1/patients/")) replace("{id:uuid}", patient_);
    if (path.starts_with("/api/v1/users/")) replace("{id:uuid}", staff_target_);
    replace("{id:uuid}", NewUuid());  // e.g. a session id nobody has: 404 when allowed
    replace("{item_id:uuid}", NewUuid());
    replace("{session_id:uuid}", NewUuid());  // a session note nobody has
    replace("{token}", "no-such-token");
    replace("{id}", "phq9");         // instrument ids are names, not uuids
    replace("{slug}", "body-scan");  // a shipped self-care library entry
    replace("{date}", empower::FormatLocalDate(
                          empower::LocalToday(SystemClock().Now(), "Europe/London").value()));
    return path;
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<TestServer> server_;
  std::string clinic_a_, patient_, staff_target_;
  std::map<Persona, std::int64_t> users_;
};

TEST_P(AccessMatrix, EveryApiRouteHasARowAndEveryCellHolds) {
  std::map<std::string, std::string> table;
  for (const Row& row : kMatrix) {
    ASSERT_EQ(std::string(row.expect).size(), std::size_t{kPersonas}) << row.route;
    ASSERT_TRUE(table.emplace(row.route, row.expect).second) << "two rows for " << row.route;
  }
  SystemClock clock;
  Metrics metrics;
  const http::Router router =
      app::BuildRouter(server_->config(), server_->db(), clock, metrics, server_->content());
  std::set<std::string> registered;
  int cells = 0;
  for (const auto& route : router.Routes()) {
    if (!route.pattern.starts_with("/api/v1")) continue;
    const std::string key = RouteKey(route);
    registered.insert(key);
    const auto row = table.find(key);
    if (row == table.end()) {
      ADD_FAILURE() << key << " has no row in the access matrix: decide who may use it";
      continue;
    }
    const std::string path = PathFor(route.pattern);
    ASSERT_EQ(path.find('{'), std::string::npos) << "no target for " << route.pattern;
    const std::string method(http::MethodName(route.method));
    const bool has_body =
        method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
    for (int p = 0; p < kPersonas; ++p) {
      const auto persona = static_cast<Persona>(p);
      const bool patient_data = path.find("/patients") != std::string::npos;
      const std::int64_t events_before = CountRows(server_->db(), "audit_event");
      const RawResponse r =
          Exchange(server_->port(), MakeRequest(method, path, has_body ? "{}" : "",
                                                "application/json", FreshSession(persona)));
      const char expect = row->second[p];
      const std::string where =
          key + " as " + kPersonaNames[p] + ": " + std::to_string(r.status) + " " + r.body;
      ++cells;
      if (expect == 'A') {
        EXPECT_TRUE(r.status != 0 && r.status != 401 && r.status != 403 && r.status < 500)
            << "expected allowed, " << where;
      } else if (expect == 'D') {
        EXPECT_EQ(r.status, persona == kAnonymous ? 401 : 403) << "expected denied, " << where;
      } else {
        EXPECT_EQ(r.status, 401) << where;
      }
      // Patient data: every answered access and every refusal leaves an audit event.
      if (patient_data && persona != kAnonymous &&
          ((r.status >= 200 && r.status < 300) || r.status == 403)) {
        EXPECT_GT(CountRows(server_->db(), "audit_event"), events_before)
            << "no audit event for " << where;
      }
    }
  }
  std::string skipped;
  for (const Row& row : kMatrix) {
    if (!registered.contains(row.route)) skipped += std::string(" ") + row.route + ";";
  }
  if (!skipped.empty())
    std::cout << "[ matrix   ] rows for unregistered routes:" << skipped << "\n";
  EXPECT_GE(cells, 7 * 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessMatrix,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
