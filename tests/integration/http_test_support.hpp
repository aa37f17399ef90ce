// A real server on a loopback port for integration tests, and a raw-socket
// client that sends exact bytes (so malformed requests can be sent at all).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "unknot/app/server_app.hpp"
#include "unknot/platform/http/server.hpp"

namespace unknot::testing {

struct RawResponse {
  int status = 0;  // 0: the server closed without answering
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
std::string MakeRequest(const std::string& method, const std::string& path, const std::string& body = {},
                        const std::string& content_type = "application/json",
                        const std::string& extra_headers = {});

// A demo-mode server over a fresh SQLite database in a temporary folder.
class TestServer final {
 public:
  explicit TestServer(Config config = DemoConfig());
  ~TestServer();
  std::uint16_t port() const { return port_; }
  db::Database& db() { return *db_; }
  const Config& config() const { return config_; }
  // Stops and waits for Run() to return; returns how long that took.
  std::chrono::milliseconds Stop();

  static Config DemoConfig();

 private:
  Config config_;
  std::unique_ptr<db::Database> db_;
  SystemClock clock_;
  Metrics metrics_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

std::int64_t CountRows(db::Database& db, const std::string& table);

}  // namespace unknot::testing
