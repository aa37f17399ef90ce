// A real server on a loopback port for integration tests, and a raw-socket
// client that sends exact bytes (so malformed requests can be sent at all).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/json/value.hpp>

#include "integration/db_test_support.hpp"
#include "unknot/app/server_app.hpp"
#include "unknot/platform/http/server.hpp"

namespace unknot::testing {

struct RawResponse {
  int status = 0;                              // 0: the server closed without answering
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Sends `bytes`, then reads one response (or until the server closes).
// `pause_after_send` keeps the socket open without sending more.
RawResponse Exchange(std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds read_timeout = std::chrono::seconds(5));

// "METHOD PATH" with optional JSON body, Connection: close.
std::string MakeRequest(const std::string& method, const std::string& path,
                        const std::string& body = {},
                        const std::string& content_type = "application/json",
                        const std::string& extra_headers = {});

// A clock the test moves by hand (session timeouts, throttling locks).
// Thread-safe: the server's workers read it while the test advances it.
class FakeClock final : public Clock {
 public:
  static constexpr Instant kStart = 1'790'000'000'000'000;  // 2026-09-21
  explicit FakeClock(Instant start = kStart) : now_(start) {}
  Instant Now() const override { return now_.load(); }
  void Advance(std::chrono::microseconds by) { now_ += by.count(); }

 private:
  std::atomic<Instant> now_;
};

// The demo sign-ins every demo TestServer has (identity/demo_users.hpp).
inline constexpr const char* kDemoAdmin = "admin@demo.unknot.test";
inline constexpr const char* kDemoClinician = "clinician@demo.unknot.test";
inline constexpr const char* kDemoPatient = "patient@demo.unknot.test";
inline constexpr const char* kDemoPasswordText = "demo-password-123";

// A signed-in client: what to send with each request.
struct SignedIn {
  RawResponse response;  // the answer of POST /api/v1/session
  std::string token;     // the session cookie's value
  std::string csrf;      // from the body
  // "Cookie: …\r\nX-CSRF-Token: …\r\n", for MakeRequest's extra_headers.
  std::string Headers() const;
  std::string CookieOnly() const;
};

// POST /api/v1/session; token and csrf stay empty unless it answered 200.
SignedIn SignIn(std::uint16_t port, const std::string& email, const std::string& password,
                const std::string& extra_headers = {});
// The value of `name=` in a Set-Cookie header ("" when absent).
std::string CookieValue(const std::string& set_cookie, const std::string& name);

// A server over a fresh SQLite database in a temporary folder; with
// config.demo, the demo clinic and demo sign-ins exist. `clock` (default: the
// system clock) must outlive the server.
class TestServer final {
 public:
  explicit TestServer(Config config = DemoConfig(), const Clock* clock = nullptr);
  ~TestServer();
  std::uint16_t port() const { return port_; }
  db::Database& db() { return *db_; }
  const Config& config() const { return config_; }
  const std::shared_ptr<const assess::AssessContent>& content() const { return content_; }
  // Stops and waits for Run() to return; returns how long that took.
  std::chrono::milliseconds Stop();

  static Config DemoConfig();

 private:
  Config config_;
  std::unique_ptr<db::Database> db_;
  SystemClock system_clock_;
  const Clock* clock_;
  Metrics metrics_;
  std::shared_ptr<const assess::AssessContent> content_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

// A new patient of the clinic with a patient sign-in, and a session for it
// straight from the store (valid for an hour from `now`, the server's time).
// For tests that need a patient with no history, unlike the demo patient.
struct PatientLogin {
  SignedIn session;
  std::string patient_id;  // uuid
};
PatientLogin AddPatientWithLogin(db::Database& db, const std::string& clinic_uuid,
                                 const std::string& given_name, const std::string& family_name,
                                 Instant now);

// A second clinic ("Elsewhere") and a signed-in clinician of it, for tests
// that staff cannot reach another clinic's patients.
struct OtherClinic {
  std::string clinic_uuid;
  SignedIn clinician;
};
OtherClinic AddOtherClinicWithClinician(db::Database& db, Instant now);

// The body as JSON; null when it is not JSON.
boost::json::value Json(const RawResponse& response);

// A demo TestServer per test on each backend; PostgreSQL tests are skipped
// when UNKNOT_TEST_PG_URL is unset.
class BackendServerTest : public ::testing::TestWithParam<db::Backend> {
 protected:
  // Call from SetUp, then return if IsSkipped(). `clock` must outlive the server.
  void StartServer(const Clock* clock = nullptr);
  // Stops the server before the fixture's own members (such as its clock) go.
  void TearDown() override {
    server_.reset();
    scratch_.reset();
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<TestServer> server_;
};

// The repository's content/ folder, found upwards from the working directory.
std::filesystem::path RepositoryContentDir();

std::int64_t CountRows(db::Database& db, const std::string& table);
// Rows of audit_event with this action and outcome.
std::int64_t CountAudit(db::Database& db, const std::string& action,
                        const std::string& outcome = "success");

// Points `config` at `backend`: SQLite stays in the data folder; PostgreSQL
// gets a fresh schema, returned here (keep it alive as long as the server).
// Callers skip PostgreSQL when PostgresTestUrl() is empty.
std::unique_ptr<ScratchDatabase> UseBackend(Config& config, db::Backend backend);

}  // namespace unknot::testing
