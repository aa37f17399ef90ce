// The HTTP/1.1 server: Boost.Beast behind a pimpl, so no Beast or Asio type
// leaves platform/http/detail.
//
// Network threads only read, parse and write. Every handler runs on a worker
// pool, so handlers may block on the database without stalling other
// connections.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "unknot/platform/error.hpp"
#include "unknot/platform/http/message.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::http {

// Every limit of the HTTP layer, in one place; logged at start-up.
struct ServerLimits {
  std::size_t header_bytes = 16 * 1024;                // request line + headers → 431 beyond
  std::size_t body_bytes = 1024 * 1024;                // → 413 beyond
  std::chrono::milliseconds request_deadline{30'000};  // first byte to last byte of a request → 408
  std::chrono::milliseconds idle_deadline{60'000};     // keep-alive wait for the next request
  std::chrono::milliseconds shutdown_grace{10'000};    // drain time on SIGTERM
  int max_connections = 1024;                          // beyond: 503 and close
  int io_threads = 1;
  int worker_threads = 16;  // handlers block on the database; more of them share each group commit
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  ServerLimits limits;
  bool https = false;          // the public URL is https (behind a proxy): adds HSTS
  bool handle_signals = true;  // SIGTERM/SIGINT start a graceful shutdown
};

// What the server reports once per request, for the access log and metrics.
struct RequestRecord {
  std::string_view request_id;
  Method method;
  std::string_view method_text;
  std::string_view path;
  std::string_view route;  // matched pattern, "(fallback)", or "(framing)" for refused messages
  std::string_view remote_address;
  int status = 0;
  std::size_t response_bytes = 0;
  double seconds = 0;  // from the end of the request header to the handler's response
};
using RequestObserver = std::function<void(const RequestRecord&)>;

class Server final {
 public:
  // `router` must outlive the server. `observer` is called on worker threads.
  Server(ServerOptions options, const Router& router, RequestObserver observer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port (useful with port 0).
  Result<std::uint16_t> Listen();
  // Serves until Stop() or a signal, then drains in-flight requests (up to
  // limits.shutdown_grace) and returns.
  void Run();
  // Starts a graceful shutdown. Thread-safe; may be called before Run().
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The security headers of DESIGN §6 (CSP, nosniff, referrer policy, framing,
// HSTS when https). Applied to every response, errors included.
void ApplySecurityHeaders(Response& response, bool https);

}  // namespace unknot::http
