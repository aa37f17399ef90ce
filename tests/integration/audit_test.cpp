// The audit trail end to end: the database keeps it append-only on both
// backends, an event commits or rolls back with the write it describes, and
// over real HTTP every patient-data access, sign-in and sign-out leaves its
// event, which only the clinic's own admin can read back.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "integration/db_test_support.hpp"
#include "integration/http_test_support.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/audit_query.hpp"
#include "unknot/identity/demo_users.hpp"
#include "unknot/identity/password.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot {
namespace {

namespace json = boost::json;
using db::Backend;
using identity::AuditEvent;
using identity::RecordAudit;

std::string Describe(const Error& error) {
  return "error " + std::to_string(static_cast<int>(error.code())) + ": " + error.message() + " [" +
         error.internal() + "]";
}

template <class T>
::testing::AssertionResult Ok(const Result<T>& result) {
  if (result) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << Describe(result.error());
}

// One stored event, as the table holds it (patient as its public uuid).
struct StoredEvent {
  std::int64_t id = 0;
  Instant at = 0;
  std::optional<std::int64_t> user_id;
  std::string actor, role, action, resource_type, resource_id;
  std::optional<std::int64_t> clinic_id;
  std::optional<std::string> patient_uuid;
  std::string request_id, address, outcome;
};

std::vector<StoredEvent> LoadEvents(db::Database& db, const std::string& where = "1 = 1",
                                    std::vector<db::Value> params = {}) {
  std::vector<StoredEvent> events;
  db.Read([&](db::Session& session) -> Result<void> {
      auto rows = session.Query(
          "SELECT e.id, e.at, e.user_id, e.actor, e.role, e.action, e.resource_type, "
          "e.resource_id, e.clinic_id, p.uuid, e.request_id, e.address, e.outcome "
          "FROM audit_event e LEFT JOIN patient p ON p.id = e.patient_id WHERE " +
              where + " ORDER BY e.id",
          params);
      if (!rows) return rows.error();
      for (const db::Row& r : rows->rows) {
        events.push_back({r.Int(0), r.Int(1), r.OptInt(2), r.Text(3), r.Text(4), r.Text(5),
                          r.Text(6), r.Text(7), r.OptInt(8), r.OptText(9), r.Text(10), r.Text(11),
                          r.Text(12)});
      }
      return {};
    }).value();
  return events;
}

AuditEvent SampleEvent() {
  AuditEvent event;
  event.at = 1'700'000'000'000'000;
  event.user_id = 42;
  event.actor = "4f1c2d3e-0000-4000-8000-00000000000a";
  event.role = "clinician";
  event.action = "patient.read";
  event.resource_type = "patient";
  event.resource_id = "9d1c2d3e-0000-4000-8000-00000000000b";
  event.clinic_id = 7;
  event.patient_id = 9;
  event.request_id = "0123456789abcdef";
  event.address = "192.0.2.1";
  return event;
}

// ---------------------------------------------------------------------------
// The database itself: append-only, and transactional with the data.

class AuditStorage : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !testing::PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    auto scratch = testing::ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(Ok(scratch));
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(Ok(db::Migrate(db())));
  }

  db::Database& db() { return scratch_->db(); }

  Result<void> Run(const std::string& sql) {
    return db().Write([&](db::Session& session) -> Result<void> {
      auto result = session.Query(sql);
      if (!result) return result.error();
      return {};
    });
  }

  std::unique_ptr<testing::ScratchDatabase> scratch_;
};

TEST_P(AuditStorage, RecordsEveryField) {
  ASSERT_TRUE(Ok(RecordAudit(db(), SampleEvent())));
  const auto events = LoadEvents(db());
  ASSERT_EQ(events.size(), 1u);
  const StoredEvent& e = events[0];
  EXPECT_EQ(e.at, 1'700'000'000'000'000);
  EXPECT_EQ(e.user_id, 42);
  EXPECT_EQ(e.actor, "4f1c2d3e-0000-4000-8000-00000000000a");
  EXPECT_EQ(e.role, "clinician");
  EXPECT_EQ(e.action, "patient.read");
  EXPECT_EQ(e.resource_type, "patient");
  EXPECT_EQ(e.resource_id, "9d1c2d3e-0000-4000-8000-00000000000b");
  EXPECT_EQ(e.clinic_id, 7);
  EXPECT_EQ(e.request_id, "0123456789abcdef");
  EXPECT_EQ(e.address, "192.0.2.1");
  EXPECT_EQ(e.outcome, "success");
}

TEST_P(AuditStorage, RefusesUpdateAndDeleteAndKeepsTheRow) {
  ASSERT_TRUE(Ok(RecordAudit(db(), SampleEvent())));
  const auto before = LoadEvents(db());
  ASSERT_EQ(before.size(), 1u);

  for (const char* sql : {"UPDATE audit_event SET outcome = 'denied'",
                          "UPDATE audit_event SET actor = 'someone-else' WHERE id = 1",
                          "DELETE FROM audit_event", "DELETE FROM audit_event WHERE id = 1"}) {
    auto changed = Run(sql);
    ASSERT_FALSE(changed) << sql << " succeeded";
    Error error = changed.error();
    EXPECT_EQ(error.code(), ErrorCode::kConflict) << sql << ": " << Describe(error);
    EXPECT_NE(error.internal().find("append-only"), std::string::npos) << error.internal();
  }
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(Run("TRUNCATE audit_event"));
  }

  const auto after = LoadEvents(db());
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, before[0].id);
  EXPECT_EQ(after[0].actor, before[0].actor);
  EXPECT_EQ(after[0].outcome, "success");
  // Appending still works after the refusals.
  ASSERT_TRUE(Ok(RecordAudit(db(), SampleEvent())));
  EXPECT_EQ(LoadEvents(db()).size(), 2u);
}

TEST_P(AuditStorage, RefusesAnUnknownOutcome) {
  AuditEvent event = SampleEvent();
  event.outcome = "maybe";
  auto recorded = RecordAudit(db(), event);
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().code(), ErrorCode::kConflict);
  EXPECT_TRUE(LoadEvents(db()).empty());
}

// A write and its event are one transaction: both or neither.
TEST_P(AuditStorage, EventCommitsAndRollsBackWithItsWrite) {
  auto write_clinic = [&](const std::string& name, const AuditEvent& event, bool fail_afterwards) {
    return db().Write([&](db::Session& session) -> Result<void> {
      auto inserted = session.Exec(
          "INSERT INTO clinic (uuid, name, created_at, updated_at) VALUES ($1, $2, 1, 1)",
          {NewUuid(), name});
      if (!inserted) return inserted.error();
      if (auto recorded = RecordAudit(session, event); !recorded) return recorded.error();
      if (fail_afterwards) return Error(ErrorCode::kConflict, "the write failed after auditing");
      return {};
    });
  };
  auto clinics_named = [&](const std::string& name) {
    std::int64_t count = -1;
    db().Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT COUNT(*) FROM clinic WHERE name = $1", {name});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  };

  AuditEvent event = SampleEvent();
  event.request_id = "rolled-back";
  EXPECT_FALSE(write_clinic("Rolled back", event, /*fail_afterwards=*/true));
  EXPECT_EQ(clinics_named("Rolled back"), 0);
  EXPECT_TRUE(LoadEvents(db(), "e.request_id = $1", {std::string("rolled-back")}).empty());

  // An event the database refuses takes the data write down with it.
  AuditEvent refused = SampleEvent();
  refused.outcome = "not-an-outcome";
  EXPECT_FALSE(write_clinic("Unaudited", refused, /*fail_afterwards=*/false));
  EXPECT_EQ(clinics_named("Unaudited"), 0);

  event.request_id = "committed";
  EXPECT_TRUE(Ok(write_clinic("Committed", event, /*fail_afterwards=*/false)));
  EXPECT_EQ(clinics_named("Committed"), 1);
  EXPECT_EQ(LoadEvents(db(), "e.request_id = $1", {std::string("committed")}).size(), 1u);
}

// The read side on both backends: always one clinic, every filter applied in SQL.
TEST_P(AuditStorage, QueriesAreScopedToOneClinicAndFiltered) {
  std::int64_t clinic_a = 0, clinic_b = 0, patient = 0;
  const std::string patient_uuid = NewUuid();
  ASSERT_TRUE(Ok(db().Write([&](db::Session& session) -> Result<void> {
    for (std::int64_t* id : {&clinic_a, &clinic_b}) {
      auto row = session.QueryOne(
          "INSERT INTO clinic (uuid, name, created_at, updated_at) VALUES ($1, 'C', 1, 1) "
          "RETURNING id",
          {NewUuid()});
      if (!row) return row.error();
      *id = (*row)->Int(0);
    }
    auto row = session.QueryOne(
        "INSERT INTO patient (uuid, clinic_id, version, given_name, family_name, created_at, "
        "updated_at, search_name) VALUES ($1, $2, 1, 'Ann', 'Smith', 1, 1, 'ann smith') "
        "RETURNING id",
        {patient_uuid, clinic_a});
    if (!row) return row.error();
    patient = (*row)->Int(0);
    return {};
  })));

  const Instant t0 = *identity::ParseAuditInstant("2026-11-25T09:00:00Z");
  const Instant hour = 3'600'000'000;
  auto add = [&](std::int64_t clinic, Instant at, std::string actor, std::string action,
                 std::optional<std::int64_t> patient_id, std::string outcome) {
    AuditEvent event = SampleEvent();
    event.clinic_id = clinic;
    event.at = at;
    event.actor = std::move(actor);
    event.action = std::move(action);
    event.patient_id = patient_id;
    event.outcome = std::move(outcome);
    event.request_id = event.action + "@" + std::to_string(at);
    ASSERT_TRUE(Ok(RecordAudit(db(), event)));
  };
  add(clinic_a, t0, "u1", "patient.read", patient, "success");
  add(clinic_a, t0 + hour, "u1", "patient.update", patient, "success");
  add(clinic_a, t0 + 24 * hour, "u2", "patient.list", std::nullopt, "success");
  add(clinic_a, t0 + 48 * hour, "anonymous", "session.create", std::nullopt, "failure");
  add(clinic_a, t0 + 49 * hour, "u2", "patientz.read", std::nullopt, "denied");
  add(clinic_b, t0 + 2 * hour, "u1", "patient.read", std::nullopt, "success");

  auto query = [&](identity::AuditFilterInput input,
                   identity::Paging paging = identity::Paging::kPage) {
    IssueList issues;
    const identity::AuditFilter filter = identity::ValidateAuditFilter(input, issues);
    EXPECT_TRUE(issues.empty());
    identity::AuditPage page;
    EXPECT_TRUE(Ok(db().Read([&](db::Session& session) -> Result<void> {
      auto found = identity::QueryAuditEvents(session, clinic_a, filter, paging);
      if (!found) return found.error();
      page = std::move(*found);
      return {};
    })));
    std::vector<std::string> actions;
    for (const auto& record : page.items) actions.push_back(record.action);
    return std::make_pair(actions, page.total);
  };
  using Actions = std::vector<std::string>;

  // Clinic B's event never appears; newest first.
  EXPECT_EQ(query({}), std::make_pair(Actions{"patientz.read", "session.create", "patient.list",
                                              "patient.update", "patient.read"},
                                      std::int64_t{5}));
  // A prefix is a prefix, not a LIKE pattern: "patient_*" must not match "patientz.".
  EXPECT_EQ(query({.action = "patient.*"}).first,
            (Actions{"patient.list", "patient.update", "patient.read"}));
  EXPECT_EQ(query({.action = "patient_*"}).second, 0);
  EXPECT_EQ(query({.action = "patient.read"}).first, Actions{"patient.read"});
  EXPECT_EQ(query({.actor = "u1"}).first, (Actions{"patient.update", "patient.read"}));
  EXPECT_EQ(query({.patient_id = patient_uuid}).first, (Actions{"patient.update", "patient.read"}));
  EXPECT_EQ(query({.patient_id = NewUuid()}).second, 0);
  EXPECT_EQ(query({.outcome = "failure"}).first, Actions{"session.create"});
  EXPECT_EQ(query({.from = "2026-11-25T10:00:00Z", .to = "2026-11-26"}).first,
            (Actions{"patient.list", "patient.update"}));
  EXPECT_EQ(query({.from = "2026-11-25T10:00:00+01:00", .to = "2026-11-25T09:00:00Z"}).first,
            Actions{"patient.read"});
  EXPECT_EQ(query({.actor = "u2", .outcome = "success"}).first, Actions{"patient.list"});
  EXPECT_EQ(query({.limit = "2", .offset = "1"}),
            std::make_pair(Actions{"session.create", "patient.list"}, std::int64_t{5}));
  EXPECT_EQ(query({.limit = "2", .offset = "5"}), std::make_pair(Actions{}, std::int64_t{5}));
  // The export ignores paging.
  EXPECT_EQ(query({.limit = "1"}, identity::Paging::kAll).first.size(), 5u);

  // The patient's public id comes back with the event.
  identity::AuditPage page;
  ASSERT_TRUE(Ok(db().Read([&](db::Session& session) -> Result<void> {
    auto found = identity::QueryAuditEvents(session, clinic_a, {});
    if (!found) return found.error();
    page = std::move(*found);
    return {};
  })));
  ASSERT_EQ(page.items.size(), 5u);
  EXPECT_EQ(page.items[4].patient_uuid, patient_uuid);
  EXPECT_EQ(page.items[4].at, t0);
  EXPECT_EQ(page.items[4].request_id, "patient.read@" + std::to_string(t0));
  EXPECT_EQ(page.items[0].patient_uuid, std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditStorage,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

// ---------------------------------------------------------------------------
// Over real HTTP, signed in as the demo users (SQLite server).

// The actions the people API records.
constexpr char kPatientList[] = "patient.list";
constexpr char kPatientRead[] = "patient.read";
constexpr char kPatientCreate[] = "patient.create";
constexpr char kPatientUpdate[] = "patient.update";
constexpr char kPatientHistory[] = "patient.history";

struct Caller {
  std::string cookie;  // "unknot_session=…"
  std::string csrf;
  std::string user_uuid;
  std::optional<std::string> patient_uuid;
};

// What one request must have left in the trail.
struct Expected {
  std::string actor;
  std::string role;
  std::string action;
  std::string resource_type;
  std::string resource_id;
  std::optional<std::string> patient;
  std::string outcome = "success";
};

std::string Summarise(const std::vector<StoredEvent>& events) {
  std::string out;
  for (const StoredEvent& e : events) {
    out += "\n  " + e.action + " " + e.resource_type + "/" + e.resource_id + " by " + e.actor +
           " (" + e.role + ") patient=" + e.patient_uuid.value_or("-") + " " + e.outcome +
           " req=" + e.request_id;
  }
  return out.empty() ? " (none)" : out;
}

// A small RFC 4180 reader for checking the export (quoted fields may hold
// commas, quotes and line breaks).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && row.empty()) << "the CSV must end with CRLF";
  return rows;
}

// Parameterised by the server's database backend.
class AuditOverHttp : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    Config config = testing::TestServer::DemoConfig();
    if (GetParam() == Backend::kPostgres) {
      if (!testing::PostgresTestUrl()) GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
      auto scratch = testing::ScratchDatabase::Create(Backend::kPostgres);
      ASSERT_TRUE(Ok(scratch));
      scratch_ = std::move(*scratch);
      config.database_url = scratch_->url();
    }
    server_ = std::make_unique<testing::TestServer>(config);
    ASSERT_EQ(db().backend(), GetParam());
    clinic_a_ = ClinicUuid();
    // Idempotent: the test server may already have made them.
    ASSERT_TRUE(Ok(identity::CreateDemoUsers(db(), clock_, clinic_a_)));
    clinic_a_id_ = ClinicId(clinic_a_);
  }

  db::Database& db() { return server_->db(); }

  std::string ClinicUuid() {
    std::string uuid;
    db().Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT uuid FROM clinic ORDER BY id LIMIT 1");
          if (!row) return row.error();
          uuid = (*row)->Text(0);
          return {};
        })
        .value();
    return uuid;
  }

  std::int64_t ClinicId(const std::string& uuid) {
    std::int64_t id = 0;
    db().Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT id FROM clinic WHERE uuid = $1", {uuid});
          if (!row) return row.error();
          id = (*row)->Int(0);
          return {};
        })
        .value();
    return id;
  }

  // Patient uuids of the demo clinic, oldest first.
  std::vector<std::string> PatientUuids() {
    std::vector<std::string> uuids;
    db().Read([&](db::Session& session) -> Result<void> {
          auto rows = session.Query("SELECT uuid FROM patient WHERE clinic_id = $1 ORDER BY id",
                                    {clinic_a_id_});
          if (!rows) return rows.error();
          for (const db::Row& row : rows->rows) uuids.push_back(row.Text(0));
          return {};
        })
        .value();
    return uuids;
  }

  testing::RawResponse Send(const std::string& method, const std::string& path,
                            const Caller* caller = nullptr, const std::string& body = {}) {
    std::string headers;
    if (caller != nullptr) {
      headers += "Cookie: " + caller->cookie + "\r\n";
      if (method != "GET") headers += "X-CSRF-Token: " + caller->csrf + "\r\n";
    }
    return testing::Exchange(server_->port(),
                             testing::MakeRequest(method, path, body, "application/json", headers));
  }

  testing::RawResponse SignInRaw(const std::string& email, const std::string& password) {
    json::object body{{"email", email}, {"password", password}};
    return Send("POST", "/api/v1/session", nullptr, json::serialize(body));
  }

  Caller SignIn(const std::string& email, testing::RawResponse* response_out = nullptr) {
    const testing::RawResponse response = SignInRaw(email, std::string(identity::kDemoPassword));
    if (response_out != nullptr) *response_out = response;
    Caller caller;
    EXPECT_EQ(response.status, 200) << email << ": " << response.body;
    if (response.status != 200) return caller;
    const std::string set_cookie = response.Header("set-cookie");
    caller.cookie = set_cookie.substr(0, set_cookie.find(';'));
    const json::object body = json::parse(response.body).as_object();
    caller.csrf = std::string(body.at("csrf_token").as_string());
    const json::object& user = body.at("user").as_object();
    caller.user_uuid = std::string(user.at("id").as_string());
    if (user.at("patient_id").is_string()) {
      caller.patient_uuid = std::string(user.at("patient_id").as_string());
    }
    return caller;
  }

  // The request left exactly one event of `expected.action`, with every field right.
  void ExpectEvent(const testing::RawResponse& response, const Expected& expected,
                   std::optional<std::int64_t> clinic_id) {
    const std::string request_id = response.Header("x-request-id");
    ASSERT_FALSE(request_id.empty());
    const auto events = LoadEvents(db(), "e.request_id = $1", {request_id});
    std::vector<StoredEvent> matching;
    std::copy_if(events.begin(), events.end(), std::back_inserter(matching),
                 [&](const StoredEvent& e) { return e.action == expected.action; });
    ASSERT_EQ(matching.size(), 1u)
        << "expected one " << expected.action << " event for request " << request_id << " (HTTP "
        << response.status << "); found:" << Summarise(events);
    const StoredEvent& e = matching[0];
    EXPECT_EQ(e.actor, expected.actor) << expected.action;
    EXPECT_EQ(e.role, expected.role) << expected.action;
    EXPECT_EQ(e.resource_type, expected.resource_type) << expected.action;
    EXPECT_EQ(e.resource_id, expected.resource_id) << expected.action;
    EXPECT_EQ(e.patient_uuid, expected.patient) << expected.action;
    EXPECT_EQ(e.outcome, expected.outcome) << expected.action;
    EXPECT_EQ(e.clinic_id, clinic_id) << expected.action;
    EXPECT_EQ(e.address, "127.0.0.1") << expected.action;
    EXPECT_NEAR(static_cast<double>(e.at), static_cast<double>(clock_.Now()), 60e6)
        << expected.action;
  }

  // A second clinic with its own admin (password kDemoPassword).
  std::string AddClinicWithAdmin(const std::string& admin_email) {
    std::string uuid;
    auto hash = identity::HashPassword(identity::kDemoPassword);
    EXPECT_TRUE(Ok(hash));
    EXPECT_TRUE(Ok(db().Write([&](db::Session& session) -> Result<void> {
      auto clinic = people::InsertClinic(session, {.name = "Other clinic"}, clock_.Now());
      if (!clinic) return clinic.error();
      uuid = clinic->uuid;
      auto user = identity::InsertUser(session,
                                       {.clinic_id = clinic->id,
                                        .role = identity::Role::kAdmin,
                                        .email = admin_email,
                                        .display_name = "Other admin",
                                        .password_hash = *hash},
                                       clock_.Now());
      if (!user) return user.error();
      return {};
    })));
    return uuid;
  }

  json::object ListEvents(const Caller& caller, const std::string& query,
                          testing::RawResponse* response_out = nullptr) {
    const testing::RawResponse response = Send("GET", "/api/v1/audit-events" + query, &caller);
    if (response_out != nullptr) *response_out = response;
    EXPECT_EQ(response.status, 200) << query << ": " << response.body;
    if (response.status != 200) return {};
    return json::parse(response.body).as_object();
  }

  SystemClock clock_;
  std::unique_ptr<testing::ScratchDatabase> scratch_;  // PostgreSQL: outlives the server
  std::unique_ptr<testing::TestServer> server_;
  std::string clinic_a_;
  std::int64_t clinic_a_id_ = 0;
};

const std::string kAdmin = "admin@demo.unknot.test";
const std::string kClinician = "clinician@demo.unknot.test";
const std::string kPatient = "patient@demo.unknot.test";

TEST_P(AuditOverHttp, SignInFailedSignInAndSignOutAreAudited) {
  testing::RawResponse signed_in;
  const Caller clinician = SignIn(kClinician, &signed_in);
  ASSERT_FALSE(clinician.user_uuid.empty());
  ExpectEvent(signed_in,
              {clinician.user_uuid, "clinician", "session.create", "session", "", std::nullopt},
              clinic_a_id_);

  const testing::RawResponse wrong = SignInRaw(kClinician, "not-the-password-at-all");
  EXPECT_EQ(wrong.status, 401);
  ExpectEvent(
      wrong,
      {clinician.user_uuid, "clinician", "session.create", "session", "", std::nullopt, "failure"},
      clinic_a_id_);

  const testing::RawResponse unknown = SignInRaw("nobody@demo.unknot.test", "whatever-password");
  EXPECT_EQ(unknown.status, 401);
  ExpectEvent(unknown, {"anonymous", "", "session.create", "session", "", std::nullopt, "failure"},
              std::nullopt);

  const testing::RawResponse signed_out = Send("DELETE", "/api/v1/session", &clinician);
  EXPECT_EQ(signed_out.status, 204) << signed_out.body;
  ExpectEvent(signed_out,
              {clinician.user_uuid, "clinician", "session.delete", "session", "", std::nullopt},
              clinic_a_id_);
}

TEST_P(AuditOverHttp, EveryPatientDataAccessIsAudited) {
  const Caller clinician = SignIn(kClinician);
  ASSERT_FALSE(clinician.user_uuid.empty());
  const std::string patients_path = "/api/v1/clinics/" + clinic_a_ + "/patients";

  const testing::RawResponse listed = Send("GET", patients_path, &clinician);
  EXPECT_EQ(listed.status, 200) << listed.body;
  ExpectEvent(listed,
              {clinician.user_uuid, "clinician", kPatientList, "clinic", clinic_a_, std::nullopt},
              clinic_a_id_);

  const testing::RawResponse created =
      Send("POST", patients_path, &clinician, R"({"given_name":"Audit","family_name":"Trail"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string patient =
      std::string(json::parse(created.body).as_object().at("id").as_string());
  ExpectEvent(created,
              {clinician.user_uuid, "clinician", kPatientCreate, "patient", patient, patient},
              clinic_a_id_);

  const std::string patient_path = "/api/v1/patients/" + patient;
  const testing::RawResponse read = Send("GET", patient_path, &clinician);
  EXPECT_EQ(read.status, 200) << read.body;
  ExpectEvent(read, {clinician.user_uuid, "clinician", kPatientRead, "patient", patient, patient},
              clinic_a_id_);

  const testing::RawResponse patched =
      Send("PATCH", patient_path, &clinician, R"({"preferred_name":"Audi"})");
  EXPECT_EQ(patched.status, 200) << patched.body;
  ExpectEvent(patched,
              {clinician.user_uuid, "clinician", kPatientUpdate, "patient", patient, patient},
              clinic_a_id_);

  const testing::RawResponse history = Send("GET", patient_path + "/history", &clinician);
  EXPECT_EQ(history.status, 200) << history.body;
  ExpectEvent(history,
              {clinician.user_uuid, "clinician", kPatientHistory, "patient", patient, patient},
              clinic_a_id_);
}

TEST_P(AuditOverHttp, APatientReadsThemselfAndIsDeniedAnother) {
  const Caller patient = SignIn(kPatient);
  ASSERT_TRUE(patient.patient_uuid.has_value()) << "the demo patient must be linked to a record";
  const std::string own = *patient.patient_uuid;

  const testing::RawResponse mine = Send("GET", "/api/v1/patients/" + own, &patient);
  EXPECT_EQ(mine.status, 200) << mine.body;
  ExpectEvent(mine, {patient.user_uuid, "patient", kPatientRead, "patient", own, own},
              clinic_a_id_);

  std::string other;
  for (const std::string& uuid : PatientUuids()) {
    if (uuid != own) other = uuid;
  }
  ASSERT_FALSE(other.empty());
  const testing::RawResponse theirs = Send("GET", "/api/v1/patients/" + other, &patient);
  EXPECT_EQ(theirs.status, 403) << theirs.body;
  EXPECT_EQ(theirs.body.find("given_name"), std::string::npos);
  ExpectEvent(theirs,
              {patient.user_uuid, "patient", kPatientRead, "patient", other, other, "denied"},
              clinic_a_id_);
}

TEST_P(AuditOverHttp, AdminFiltersTheTrail) {
  const Caller clinician = SignIn(kClinician);
  const Caller patient = SignIn(kPatient);
  ASSERT_TRUE(patient.patient_uuid.has_value());
  const std::string own = *patient.patient_uuid;
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + own, &clinician).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + own, &patient).status, 200);
  for (const std::string& uuid : PatientUuids()) {
    if (uuid != own) EXPECT_EQ(Send("GET", "/api/v1/patients/" + uuid, &patient).status, 403);
  }
  const Caller admin = SignIn(kAdmin);

  // Everything the clinic recorded, newest first, with every member.
  testing::RawResponse listed;
  json::object all = ListEvents(admin, "?limit=500", &listed);
  ASSERT_TRUE(all.contains("items"));
  const json::array& items = all.at("items").as_array();
  EXPECT_EQ(all.at("total").as_int64(), static_cast<std::int64_t>(items.size()));
  EXPECT_EQ(all.at("limit").as_int64(), 500);
  EXPECT_EQ(all.at("offset").as_int64(), 0);
  EXPECT_EQ(
      static_cast<std::int64_t>(items.size()),
      static_cast<std::int64_t>(LoadEvents(db(), "e.clinic_id = $1", {clinic_a_id_}).size()) - 1)
      << "every event of the clinic but the listing's own audit.read";
  EXPECT_EQ(listed.Header("cache-control"), "no-store");
  ExpectEvent(listed, {admin.user_uuid, "admin", "audit.read", "audit", "", std::nullopt},
              clinic_a_id_);
  std::string previous_at = "9999";
  for (const json::value& item : items) {
    const json::object& event = item.as_object();
    for (const char* member : {"id", "at", "actor", "role", "action", "resource_type",
                               "resource_id", "patient_id", "request_id", "address", "outcome"}) {
      EXPECT_TRUE(event.contains(member)) << member;
    }
    const std::string at(event.at("at").as_string());
    EXPECT_LE(at, previous_at);
    previous_at = at;
  }

  // One patient's events: the clinician's read and the patient's own read.
  json::object about = ListEvents(admin, "?patient_id=" + own + "&action=patient.read");
  ASSERT_EQ(about.at("total").as_int64(), 2);
  std::set<std::string> actors;
  for (const json::value& item : about.at("items").as_array()) {
    EXPECT_EQ(item.at("patient_id").as_string(), own);
    actors.insert(std::string(item.at("actor").as_string()));
  }
  EXPECT_EQ(actors, (std::set<std::string>{clinician.user_uuid, patient.user_uuid}));

  // The denials, by actor and by outcome.
  const std::int64_t denied_reads = static_cast<std::int64_t>(PatientUuids().size()) - 1;
  json::object denied = ListEvents(admin, "?outcome=denied&actor=" + patient.user_uuid);
  EXPECT_EQ(denied.at("total").as_int64(), denied_reads);
  for (const json::value& item : denied.at("items").as_array()) {
    EXPECT_EQ(item.at("outcome").as_string(), "denied");
    EXPECT_EQ(item.at("role").as_string(), "patient");
  }

  // A prefix covers every session event; paging keeps the total.
  json::object sessions = ListEvents(admin, "?action=session.*");
  EXPECT_EQ(sessions.at("total").as_int64(), 3);
  json::object page = ListEvents(admin, "?action=session.*&limit=1&offset=1");
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_EQ(page.at("total").as_int64(), 3);
  EXPECT_EQ(page.at("items").as_array()[0], sessions.at("items").as_array()[1]);

  // Time windows: yesterday to tomorrow has everything, the far future nothing.
  const Instant day = 86'400'000'000;
  const std::string yesterday = FormatInstant(clock_.Now() - day).substr(0, 10);
  const std::string tomorrow = FormatInstant(clock_.Now() + day).substr(0, 10);
  EXPECT_GE(ListEvents(admin, "?from=" + yesterday + "&to=" + tomorrow).at("total").as_int64(),
            denied_reads + 5);
  EXPECT_EQ(ListEvents(admin, "?to=" + yesterday).at("total").as_int64(), 0);
  EXPECT_EQ(ListEvents(admin, "?from=2999-01-01").at("total").as_int64(), 0);

  // Every bad parameter at once; the attempt is audited as a failure.
  const testing::RawResponse bad =
      Send("GET", "/api/v1/audit-events?from=soon&outcome=maybe&limit=0&patient_id=x", &admin);
  EXPECT_EQ(bad.status, 400);
  const json::array issues = json::parse(bad.body).as_object().at("issues").as_array();
  std::set<std::string> paths;
  for (const json::value& issue : issues) paths.insert(std::string(issue.at("path").as_string()));
  EXPECT_EQ(paths, (std::set<std::string>{"from", "outcome", "limit", "patient_id"}));
  ExpectEvent(bad, {admin.user_uuid, "admin", "audit.read", "audit", "", std::nullopt, "failure"},
              clinic_a_id_);
}

TEST_P(AuditOverHttp, ExportIsQuotedCsvWithOneRowPerEvent) {
  const Caller admin = SignIn(kAdmin);
  // Values a hostile client could get into the trail (request ids and
  // addresses come from the network).
  AuditEvent hostile = SampleEvent();
  hostile.clinic_id = clinic_a_id_;
  hostile.patient_id = std::nullopt;
  hostile.at = clock_.Now();
  hostile.action = "test.hostile";
  hostile.resource_id = "=HYPERLINK(\"http://evil.example\",\"click\")";
  hostile.request_id = "line\r\nbreak, and \"quotes\"";
  hostile.address = "@SUM(1+1)";
  ASSERT_TRUE(Ok(RecordAudit(db(), hostile)));

  const std::int64_t expected_rows = ListEvents(admin, "").at("total").as_int64();
  const testing::RawResponse exported = Send("GET", "/api/v1/audit-events/export", &admin);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(exported.Header("content-disposition"), "attachment; filename=\"audit-events.csv\"");
  ExpectEvent(exported, {admin.user_uuid, "admin", "audit.export", "audit", "", std::nullopt},
              clinic_a_id_);

  const auto rows = ParseCsv(exported.body);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "at", "actor", "role", "action",
                                               "resource_type", "resource_id", "patient_id",
                                               "request_id", "address", "outcome"}));
  // The list above added one audit.read before the export ran.
  EXPECT_EQ(static_cast<std::int64_t>(rows.size()) - 1, expected_rows + 1);
  for (const auto& row : rows) EXPECT_EQ(row.size(), 11u);
  const auto found = std::find_if(rows.begin(), rows.end(),
                                  [](const auto& row) { return row[4] == "test.hostile"; });
  ASSERT_NE(found, rows.end());
  EXPECT_EQ((*found)[6], "'=HYPERLINK(\"http://evil.example\",\"click\")");
  EXPECT_EQ((*found)[8], "line\r\nbreak, and \"quotes\"");
  EXPECT_EQ((*found)[9], "'@SUM(1+1)");
  EXPECT_NE(exported.body.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
            std::string::npos);

  // Filters apply to the export too.
  const testing::RawResponse filtered =
      Send("GET", "/api/v1/audit-events/export?action=test.*", &admin);
  ASSERT_EQ(filtered.status, 200);
  EXPECT_EQ(ParseCsv(filtered.body).size(), 2u);  // header + the hostile event
}

TEST_P(AuditOverHttp, OnlyAdminsReadTheTrailAndNobodyChangesIt) {
  for (const std::string& email : {kClinician, kPatient}) {
    const Caller caller = SignIn(email);
    const std::string role = email == kClinician ? "clinician" : "patient";
    for (const std::string path : {"/api/v1/audit-events", "/api/v1/audit-events/export"}) {
      const testing::RawResponse refused = Send("GET", path, &caller);
      EXPECT_EQ(refused.status, 403) << email << " " << path << ": " << refused.body;
      EXPECT_EQ(refused.body.find("\"items\""), std::string::npos);
      ExpectEvent(refused,
                  {caller.user_uuid, role, path.ends_with("export") ? "audit.export" : "audit.read",
                   "audit", "", std::nullopt, "denied"},
                  clinic_a_id_);
    }
  }
  EXPECT_EQ(Send("GET", "/api/v1/audit-events").status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/audit-events/export").status, 401);

  // No route can change or delete an event, whoever asks.
  const Caller admin = SignIn(kAdmin);
  const std::int64_t before = testing::CountRows(db(), "audit_event");
  const std::string any_id = std::to_string(LoadEvents(db()).front().id);
  for (const std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
    const int status = Send(method, "/api/v1/audit-events", &admin, "{}").status;
    EXPECT_EQ(status, 405) << method;
    EXPECT_EQ(Send(method, "/api/v1/audit-events/" + any_id, &admin, "{}").status / 100, 4)
        << method;
  }
  EXPECT_EQ(testing::CountRows(db(), "audit_event"), before);
}

TEST_P(AuditOverHttp, ClinicsNeverSeeEachOthersEvents) {
  AddClinicWithAdmin("admin@other.unknot.test");
  const Caller admin_b = SignIn("admin@other.unknot.test");
  ASSERT_FALSE(admin_b.user_uuid.empty());
  const Caller clinician_a = SignIn(kClinician);
  EXPECT_EQ(Send("GET", "/api/v1/clinics/" + clinic_a_ + "/patients", &clinician_a).status, 200);
  const Caller admin_a = SignIn(kAdmin);

  // B sees its own sign-in and nothing of clinic A.
  json::object seen_by_b = ListEvents(admin_b, "?limit=500");
  ASSERT_TRUE(seen_by_b.contains("items"));
  EXPECT_GE(seen_by_b.at("total").as_int64(), 1);
  for (const json::value& item : seen_by_b.at("items").as_array()) {
    EXPECT_EQ(item.at("actor").as_string(), admin_b.user_uuid) << json::serialize(item);
  }
  // Not even when B asks for A's people or patients by name.
  EXPECT_EQ(ListEvents(admin_b, "?actor=" + clinician_a.user_uuid).at("total").as_int64(), 0);
  EXPECT_EQ(ListEvents(admin_b, "?action=patient.*").at("total").as_int64(), 0);
  const testing::RawResponse export_b = Send("GET", "/api/v1/audit-events/export", &admin_b);
  EXPECT_EQ(export_b.body.find(clinician_a.user_uuid), std::string::npos);

  // And A sees nothing of B.
  EXPECT_EQ(ListEvents(admin_a, "?actor=" + admin_b.user_uuid).at("total").as_int64(), 0);
  const testing::RawResponse export_a = Send("GET", "/api/v1/audit-events/export", &admin_a);
  EXPECT_EQ(export_a.body.find(admin_b.user_uuid), std::string::npos);
  EXPECT_NE(export_a.body.find(clinician_a.user_uuid), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditOverHttp,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace unknot
