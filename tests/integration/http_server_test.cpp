// The HTTP layer over real loopback sockets: bad input of every kind gets the
// right 4xx problem document and changes nothing; headers, operations
// endpoints, the web app and shutdown behave. API calls are made as the demo
// clinician, signed in over HTTP.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <fstream>
#include <set>

#include "http_test_support.hpp"

namespace unknot::testing {
namespace {

class HttpServerTest : public ::testing::Test {
 protected:
  static Config SmallLimits() {
    Config config = TestServer::DemoConfig();
    config.limits.body_bytes = 64 * 1024;
    config.limits.request_deadline = std::chrono::milliseconds(700);
    return config;
  }
  void SetUp() override {
    server_ = std::make_unique<TestServer>(SmallLimits());
    auth_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(auth_.response.status, 200) << auth_.response.body;
    const RawResponse clinics = Get("/api/v1/clinics");
    ASSERT_EQ(clinics.status, 200) << clinics.body;
    clinic_id_ = boost::json::parse(clinics.body).at("items").at(0).at("id").as_string().c_str();
  }
  RawResponse Get(const std::string& path) {
    return Exchange(server_->port(), MakeRequest("GET", path, "", "", auth_.CookieOnly()));
  }
  // A JSON request with the session cookie and CSRF token.
  std::string Api(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json") const {
    return MakeRequest(method, path, body, content_type, auth_.Headers());
  }
  RawResponse Send(const std::string& bytes) { return Exchange(server_->port(), bytes); }
  std::string PatientsPath() const { return "/api/v1/clinics/" + clinic_id_ + "/patients"; }
  std::int64_t Patients() { return CountRows(server_->db(), "patient"); }

  // The problem document contract: status, media type, issues list.
  static void ExpectProblem(const RawResponse& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << r.body;
    const auto body = boost::json::parse(r.body);
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_TRUE(body.at("issues").is_array());
    EXPECT_FALSE(body.at("title").as_string().empty());
  }

  std::unique_ptr<TestServer> server_;
  SignedIn auth_;
  std::string clinic_id_;
};

TEST_F(HttpServerTest, CreatesAPatientOverHttp) {
  const auto before = Patients();
  const RawResponse r =
      Send(Api("POST", PatientsPath(), R"({"given_name":"Ada","family_name":"Lovelace"})"));
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Patients(), before + 1);
}

TEST_F(HttpServerTest, MalformedJsonIs400AndChangesNothing) {
  const auto before = Patients();
  const std::vector<std::string> bodies = {R"({"given_name":"Ada",)", "not json", "[1,2]",
                                           "\"text\"",
                                           std::string(100, '[') + std::string(100, ']')};
  for (const std::string& body : bodies) {
    const RawResponse r = Send(Api("POST", PatientsPath(), body));
    ExpectProblem(r, 400);
  }
  EXPECT_EQ(Patients(), before);
}

TEST_F(HttpServerTest, WrongContentTypeIs415) {
  const auto before = Patients();
  ExpectProblem(
      Send(Api("POST", PatientsPath(), R"({"given_name":"A","family_name":"B"})", "text/plain")),
      415);
  ExpectProblem(Send(Api("POST", PatientsPath(), R"({"given_name":"A","family_name":"B"})", "")),
                415);
  EXPECT_EQ(Patients(), before);
}

TEST_F(HttpServerTest, InvalidFieldsListEveryIssue) {
  const auto before = Patients();
  const RawResponse r = Send(Api(
      "POST", PatientsPath(),
      R"({"given_name":"","family_name":"Lovelace","nhs_number":"1234567890","birth_date":"2999-01-01","email":"nope"})"));
  ExpectProblem(r, 400);
  const auto issues = boost::json::parse(r.body).at("issues").as_array();
  std::set<std::string> paths;
  for (const auto& issue : issues) paths.insert(issue.at("path").as_string().c_str());
  EXPECT_EQ(paths, (std::set<std::string>{"given_name", "nhs_number", "birth_date", "email"}));
  EXPECT_EQ(Patients(), before);
}

TEST_F(HttpServerTest, OversizeBodyIs413) {
  const auto before = Patients();
  const std::string big =
      R"({"given_name":")" + std::string(70 * 1024, 'a') + R"(","family_name":"B"})";
  ExpectProblem(Send(Api("POST", PatientsPath(), big)), 413);
  EXPECT_EQ(Patients(), before);
}

TEST_F(HttpServerTest, OversizeHeadersAre431) {
  ExpectProblem(Send(MakeRequest("GET", "/healthz", "", "",
                                 "X-Big: " + std::string(20 * 1024, 'x') + "\r\n")),
                431);
}

TEST_F(HttpServerTest, SlowHeadersAre408) {
  // Half a request line, then silence past the request deadline (700 ms here).
  const auto start = std::chrono::steady_clock::now();
  const RawResponse r =
      Exchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(5));
  ExpectProblem(r, 408);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  // The server still answers others.
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(HttpServerTest, SmugglingProbesAre400AndChangeNothing) {
  const auto before = Patients();
  const std::string body = R"({"given_name":"Eve","family_name":"Smuggler"})";
  const std::string length = std::to_string(body.size());
  const std::string chunked = "2d\r\n" + body + "\r\n0\r\n\r\n";
  const std::string start = "POST " + PatientsPath() +
                            " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                            auth_.Headers();
  const std::vector<std::string> probes = {
      start + "Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
      start + "Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n\r\n" + chunked,
      start + "Transfer-Encoding: gzip\r\nContent-Length: " + length + "\r\n\r\n" + body,
      start + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked,
      start + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunked,
      start + "Transfer-Encoding: xchunked\r\n\r\n" + chunked,
      start + "Content-Length: " + length + "\r\nContent-Length: " + length + "\r\n\r\n" + body,
      "POST " + PatientsPath() + " HTTP/1.0\r\nContent-Type: application/json\r\n" +
          auth_.Headers() + "Transfer-Encoding: chunked\r\n\r\n" + chunked,
  };
  for (const std::string& probe : probes) {
    const RawResponse r = Send(probe);
    ExpectProblem(r, 400);
    EXPECT_EQ(r.Header("connection"), "close") << probe;
  }
  EXPECT_EQ(Patients(), before);
  // Plain chunked framing is fine.
  EXPECT_EQ(
      Send(start + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked).status,
      201);
}

TEST_F(HttpServerTest, UnknownRoutesAndMethods) {
  ExpectProblem(Get("/api/v1/nothing-here"), 404);
  ExpectProblem(Get("/api/v1/patients/not-a-uuid"), 404);
  ExpectProblem(Get("/api/v1/patients/0b8f4d2e-5c1a-4f7e-9a3b-2d6c8e1f0a45"), 404);
  const RawResponse r = Send(Api("DELETE", "/api/v1/clinics", ""));
  ExpectProblem(r, 405);
  EXPECT_NE(r.Header("allow").find("GET"), std::string::npos);
  ExpectProblem(Send("BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405);
  ExpectProblem(
      Send("GET http://example.org/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
  ExpectProblem(Send("NOT HTTP AT ALL\r\n\r\n"), 400);
}

TEST_F(HttpServerTest, SecurityHeadersOnEveryResponse) {
  for (const RawResponse& r : {Get("/healthz"), Get("/api/v1/nothing"), Get("/")}) {
    EXPECT_NE(r.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
    EXPECT_EQ(r.Header("x-frame-options"), "DENY");
    EXPECT_EQ(r.Header("x-request-id").size(), 16u);
    EXPECT_EQ(r.Header("strict-transport-security"), "");  // not https
  }
  EXPECT_EQ(Get("/api/v1/clinics").Header("cache-control"), "no-store");
}

TEST_F(HttpServerTest, OperationsEndpoints) {
  const RawResponse health = Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok\n");
  const RawResponse ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(boost::json::parse(ready.body).at("status").as_string(), "ready");
  Get("/api/v1/clinics");
  const RawResponse metrics = Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          "unknot_http_requests_total{route=\"/api/v1/clinics\",method=\"GET\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(metrics.body.find(
                "unknot_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("unknot_db_connections{state=\"open\"}"), std::string::npos);
  const RawResponse openapi = Get("/api/v1/openapi.yaml");
  EXPECT_EQ(openapi.status, 200);
  EXPECT_TRUE(openapi.body.starts_with("openapi: 3.1"));
}

TEST_F(HttpServerTest, HeadAnswersWithoutABody) {
  const RawResponse r = Send("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-length"), "3");
  EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::string two =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n";
  const RawResponse r = Send(two);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("HTTP/1.1 200"), std::string::npos) << "second response follows the first";
}

TEST(HttpServerWebApp, ServesFilesAndTheSpaFallback) {
  Config config = TestServer::DemoConfig();
  config.web_root = config.data_dir + "-web";  // the server wipes its data folder at start
  std::filesystem::create_directories(config.web_root + "/_app/immutable");
  std::ofstream(config.web_root + "/index.html") << "<!doctype html><title>unknot</title>";
  std::ofstream(config.web_root + "/_app/immutable/x.js") << "export {}";
  TestServer server(config);
  const RawResponse index = Exchange(server.port(), MakeRequest("GET", "/patients/123"));
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>unknot</title>");
  const RawResponse js = Exchange(server.port(), MakeRequest("GET", "/_app/immutable/x.js"));
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  const RawResponse cached =
      Exchange(server.port(), MakeRequest("GET", "/_app/immutable/x.js", "", "",
                                          "If-None-Match: " + js.Header("etag") + "\r\n"));
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(Exchange(server.port(), MakeRequest("GET", "/../../etc/passwd")).status,
            200);  // SPA page, not the file
  EXPECT_EQ(Exchange(server.port(), MakeRequest("GET", "/../../etc/passwd")).body.find("root:"),
            std::string::npos);
  std::filesystem::remove_all(config.web_root);
}

TEST(HttpServerAccess, TheApiNeedsASessionEvenInDemoMode) {
  for (const bool demo : {true, false}) {
    Config config = TestServer::DemoConfig();
    config.demo = demo;
    TestServer server(config);
    const RawResponse r = Exchange(server.port(), MakeRequest("GET", "/api/v1/clinics"));
    EXPECT_EQ(r.status, 401) << "demo " << demo;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(Exchange(server.port(), MakeRequest("GET", "/healthz")).status, 200);
  }
}

TEST(HttpServerShutdown, StopClosesIdleConnectionsPromptly) {
  TestServer server;
  // An idle keep-alive connection must not hold shutdown for the idle deadline (60 s).
  std::thread idle([&] {
    Exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(10));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto took = server.Stop();
  idle.join();
  EXPECT_LT(took, std::chrono::seconds(3));
}

}  // namespace
}  // namespace unknot::testing
