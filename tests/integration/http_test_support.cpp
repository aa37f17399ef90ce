#include "http_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"

namespace unknot::testing {
namespace {

RawResponse Parse(const std::string& raw) {
  RawResponse r;
  const auto header_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || header_end == std::string::npos) return r;
  r.status = std::stoi(raw.substr(9, 3));
  std::size_t line_start = raw.find("\r\n") + 2;
  while (line_start < header_end) {
    const auto line_end = raw.find("\r\n", line_start);
    const std::string line = raw.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    r.headers[name] = value;
    line_start = line_end + 2;
  }
  r.body = raw.substr(header_end + 4);
  return r;
}

}  // namespace

RawResponse Exchange(std::uint16_t port, const std::string& bytes,
                     std::chrono::milliseconds read_timeout) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse and close early (e.g. 413)
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buffer[65536];
  const auto deadline = std::chrono::steady_clock::now() + read_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          deadline - std::chrono::steady_clock::now())
                                          .count());
    if (::poll(&p, 1, std::max(left, 1)) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return Parse(raw);
}

std::string MakeRequest(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& content_type, const std::string& extra_headers) {
  std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH") {
    if (!content_type.empty()) request += "Content-Type: " + content_type + "\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += extra_headers;
  request += "\r\n" + body;
  return request;
}

Config TestServer::DemoConfig() {
  Config config;
  static int counter = 0;
  config.data_dir = (std::filesystem::temp_directory_path() /
                     ("unknot-it-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                        .string();
  config.listen = "127.0.0.1:0";
  config.web_root = config.data_dir + "/web";
  config.demo = true;
  config.limits.worker_threads = 2;
  config.content.dir = RepositoryContentDir().string();
  return config;
}

boost::json::value Json(const RawResponse& response) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(response.body, ec);
  return ec ? boost::json::value() : value;
}

void BackendServerTest::StartServer(const Clock* clock) {
  if (GetParam() == db::Backend::kPostgres && !PostgresTestUrl()) {
    GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
  }
  Config config = TestServer::DemoConfig();
  scratch_ = UseBackend(config, GetParam());
  server_ = std::make_unique<TestServer>(config, clock);
}

PatientLogin AddPatientWithLogin(db::Database& db, const std::string& clinic_uuid,
                                 const std::string& given_name, const std::string& family_name,
                                 Instant now) {
  PatientLogin out;
  db.Write([&](db::Session& session) -> Result<void> {
      auto clinic = people::GetClinic(session, clinic_uuid);
      if (!clinic) return clinic.error();
      auto patient =
          people::InsertPatient(session, *clinic, {given_name, family_name}, "test", now);
      if (!patient) return patient.error();
      auto login = identity::InsertUser(session,
                                        {.clinic_id = clinic->id,
                                         .role = identity::Role::kPatient,
                                         .email = patient->uuid + "@example.org",
                                         .display_name = given_name + " " + family_name,
                                         .patient_id = patient->id},
                                        now);
      if (!login) return login.error();
      auto issued = identity::InsertSession(
          session, {.user_id = login->id, .expires_at = now + 3'600'000'000LL}, now);
      if (!issued) return issued.error();
      out = {SignedIn{.token = issued->token, .csrf = issued->record.csrf_token}, patient->uuid};
      return {};
    }).value();
  return out;
}

OtherClinic AddOtherClinicWithClinician(db::Database& db, Instant now) {
  OtherClinic out;
  db.Write([&](db::Session& session) -> Result<void> {
      auto clinic = people::InsertClinic(session, {"Elsewhere"}, now);
      if (!clinic) return clinic.error();
      out.clinic_uuid = clinic->uuid;
      auto user = identity::InsertUser(session,
                                       {.clinic_id = clinic->id,
                                        .role = identity::Role::kClinician,
                                        .email = "elsewhere@example.org",
                                        .display_name = "Else Where"},
                                       now);
      if (!user) return user.error();
      auto issued = identity::InsertSession(
          session, {.user_id = user->id, .expires_at = now + 3'600'000'000LL}, now);
      if (!issued) return issued.error();
      out.clinician = SignedIn{.token = issued->token, .csrf = issued->record.csrf_token};
      return {};
    }).value();
  return out;
}

std::filesystem::path RepositoryContentDir() {
  return assess::testing::RepositoryRoot() / "content";
}

std::string SignedIn::Headers() const {
  return CookieOnly() + "X-CSRF-Token: " + csrf + "\r\n";
}

std::string SignedIn::CookieOnly() const {
  return "Cookie: " + std::string(identity::kSessionCookie) + "=" + token + "\r\n";
}

std::string CookieValue(const std::string& set_cookie, const std::string& name) {
  const std::string prefix = name + "=";
  if (!set_cookie.starts_with(prefix)) return {};
  return set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
}

SignedIn SignIn(std::uint16_t port, const std::string& email, const std::string& password,
                const std::string& extra_headers) {
  SignedIn out;
  const std::string body =
      boost::json::serialize(boost::json::object{{"email", email}, {"password", password}});
  out.response = Exchange(
      port, MakeRequest("POST", "/api/v1/session", body, "application/json", extra_headers));
  if (out.response.status != 200) return out;
  out.token = CookieValue(out.response.Header("set-cookie"), std::string(identity::kSessionCookie));
  const auto parsed = boost::json::parse(out.response.body);
  if (const auto* csrf = parsed.as_object().if_contains("csrf_token")) {
    out.csrf = csrf->as_string().c_str();
  }
  return out;
}

TestServer::TestServer(Config config, const Clock* clock)
    : config_(std::move(config)), clock_(clock != nullptr ? clock : &system_clock_) {
  std::filesystem::remove_all(config_.data_dir);
  db_ = app::OpenMigratedDatabase(config_).value();
  // Content reviews are dated in real time, whatever time the test's clock says.
  content_ = app::LoadContent(config_, system_clock_.Now()).value();
  if (config_.demo) app::CreateDemo(*db_, *clock_, *content_).value();
  router_ = app::BuildRouter(config_, *db_, *clock_, metrics_, content_);
  http::ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.limits = config_.limits;
  options.handle_signals = false;
  server_ = std::make_unique<http::Server>(
      options, router_, [this](const http::RequestRecord& r) { app::RecordRequest(metrics_, r); });
  port_ = server_->Listen().value();
  thread_ = std::thread([this] { server_->Run(); });
}

std::chrono::milliseconds TestServer::Stop() {
  const auto start = std::chrono::steady_clock::now();
  if (!stopped_) {
    stopped_ = true;
    server_->Stop();
    thread_.join();
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

TestServer::~TestServer() {
  Stop();
  server_.reset();
  db_.reset();
  std::filesystem::remove_all(config_.data_dir);
}

std::int64_t CountRows(db::Database& db, const std::string& table) {
  std::int64_t count = -1;
  db.Read([&](db::Session& session) -> Result<void> {
      auto row = session.QueryOne("SELECT COUNT(*) FROM " + table);
      if (!row) return row.error();
      count = (*row)->Int(0);
      return {};
    }).value();
  return count;
}

}  // namespace unknot::testing

namespace unknot::testing {

std::int64_t CountAudit(db::Database& db, const std::string& action, const std::string& outcome) {
  std::int64_t count = -1;
  db.Read([&](db::Session& session) -> Result<void> {
      auto row = session.QueryOne(
          "SELECT COUNT(*) FROM audit_event WHERE action = $1 AND outcome = $2", {action, outcome});
      if (!row) return row.error();
      count = (*row)->Int(0);
      return {};
    }).value();
  return count;
}

std::unique_ptr<ScratchDatabase> UseBackend(Config& config, db::Backend backend) {
  if (backend == db::Backend::kSqlite) return nullptr;
  auto scratch = ScratchDatabase::Create(backend).value();
  config.database_url = scratch->url();
  return scratch;
}

}  // namespace unknot::testing
