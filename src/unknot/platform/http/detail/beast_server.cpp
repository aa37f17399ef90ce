// Beast/Asio implementation of http::Server. One coroutine per connection;
// handlers hop to a worker pool (co_spawn onto the pool, awaited here).
//
// GCC 12 coroutine discipline: one co_await per statement, no capturing
// lambdas inside co_await expressions, coroutine parameters by value.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <chrono>
#include <list>
#include <mutex>
#include <thread>

#include "unknot/platform/http/detail/request_adapter.hpp"
#include "unknot/platform/http/server.hpp"
#include "unknot/platform/ids.hpp"
#include "unknot/platform/log.hpp"

namespace unknot::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

namespace {

// What the worker pool hands back to the connection.
struct Outcome {
  Response response;
  bool keep_alive = false;
  unsigned version = 11;
  bool head = false;
};

// Cancels the pending read of one request when its deadline passes. Shared
// with the timer's handler, which may run after the read has completed.
struct RequestDeadline : std::enable_shared_from_this<RequestDeadline> {
  explicit RequestDeadline(beast::tcp_stream& s) : stream(s), timer(s.get_executor()) {}
  void Start(std::chrono::milliseconds after) {
    timer.expires_after(after);
    timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      // Cancelled, or cancelled after the expiry was already queued: the
      // request arrived in time (and the stream may be gone).
      if (ec || self->cancelled) return;
      self->expired = true;
      self->stream.socket().cancel();
    });
  }
  void Cancel() {
    cancelled = true;
    timer.cancel();
  }

  beast::tcp_stream& stream;
  net::steady_timer timer;
  bool expired = false;
  bool cancelled = false;
};

// Cancels a deadline on every way out of a scope.
struct DeadlineScope {
  std::shared_ptr<RequestDeadline> deadline;
  ~DeadlineScope() { deadline->Cancel(); }
};

// Per-connection bookkeeping that shutdown needs: whether the connection is
// idle (between requests) and a way to close it on its own strand.
struct Connection {
  beast::tcp_stream* stream = nullptr;
  std::atomic<bool> idle{false};
};

bhttp::response<bhttp::string_body> ToBeast(Response&& response, unsigned version, bool keep_alive,
                                            bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  for (auto& [name, value] : response.headers) out.insert(name, value);
  const std::size_t size = response.body.size();
  if (head) {
    out.content_length(size);
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  out.keep_alive(keep_alive);
  return out;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  RequestObserver observer;
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  std::atomic<int> connections{0};
  std::atomic<bool> draining{false};
  std::mutex connections_mutex;
  std::list<std::shared_ptr<Connection>> open_connections;

  Impl(ServerOptions o, const Router& r, RequestObserver obs)
      : options(std::move(o)),
        router(r),
        observer(std::move(obs)),
        ioc(options.limits.io_threads),
        workers(static_cast<std::size_t>(options.limits.worker_threads)) {}

  void Report(const Request& request, std::string_view route, const Response& response,
              double seconds) {
    if (!observer) return;
    RequestRecord record;
    record.request_id = request.request_id;
    record.method = request.method;
    record.method_text = MethodName(request.method);
    record.path = request.path.empty() ? std::string_view(request.target) : request.path;
    record.route = route;
    record.remote_address = request.remote_address;
    record.status = response.status;
    record.response_bytes = response.body.size();
    record.seconds = seconds;
    observer(record);
  }

  // Runs on a worker thread: route, catch what escapes, decorate.
  net::awaitable<Response> Handle(Request request) {
    const auto start = Clock::now();
    Response response;
    try {
      response = router.Dispatch(request);
    } catch (const std::exception& e) {
      log::Error("handler failed", {{"request_id", request.request_id}, {"error", e.what()}});
      response = Problem(Error::Internal(e.what()), request.path);
    }
    ApplySecurityHeaders(response, options.https);
    response.SetHeader("X-Request-Id", request.request_id);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    Report(request, request.route_name, response, seconds);
    co_return response;
  }

  // A refusal before any handler ran: problem document, then close.
  net::awaitable<void> Refuse(beast::tcp_stream& stream, Request& request,
                              detail::Refusal refusal) {
    Response response = detail::RefusalResponse(refusal, request.path);
    ApplySecurityHeaders(response, options.https);
    response.SetHeader("X-Request-Id", request.request_id);
    Report(request, "(framing)", response, 0);
    auto message_out = ToBeast(std::move(response), 11, false, false);
    stream.expires_after(std::chrono::seconds(5));
    auto [ec, n] = co_await bhttp::async_write(stream, message_out, kTuple);
    (void)ec;
    (void)n;
  }

  net::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    auto connection = std::make_shared<Connection>();
    connection->stream = &stream;
    std::list<std::shared_ptr<Connection>>::iterator registration;
    {
      std::lock_guard lock(connections_mutex);
      registration = open_connections.insert(open_connections.end(), connection);
    }
    boost::system::error_code endpoint_ec;
    const auto remote = stream.socket().remote_endpoint(endpoint_ec);
    const std::string remote_address = endpoint_ec ? "" : remote.address().to_string();
    const bool remote_is_loopback = !endpoint_ec && remote.address().is_loopback();

    beast::flat_buffer buffer;
    const ServerLimits& limits = options.limits;
    while (!draining.load()) {
      if (buffer.size() == 0) {
        // Keep-alive: wait for the first byte of the next request.
        connection->idle = true;
        stream.expires_after(limits.idle_deadline);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
        connection->idle = false;
        if (ec) break;
        buffer.commit(n);
      }
      Request request;
      request.request_id = NewRequestId();
      request.remote_address = remote_address;
      request.remote_is_loopback = remote_is_loopback;

      detail::Parser parser;
      detail::ConfigureParser(parser, limits);
      // The request deadline cancels the read instead of closing the socket
      // (what tcp_stream's own expiry does), so a slow client still gets 408.
      stream.expires_never();
      auto deadline = std::make_shared<RequestDeadline>(stream);
      const DeadlineScope deadline_scope{deadline};
      deadline->Start(limits.request_deadline);
      auto [header_ec, header_n] =
          co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      (void)header_n;
      if (header_ec == net::error::operation_aborted && deadline->expired) {
        header_ec = beast::error::timeout;
      }
      if (header_ec) {
        if (auto refusal = detail::RefusalForReadError(header_ec, false)) {
          co_await Refuse(stream, request, std::move(*refusal));
        }
        break;
      }
      request.target = std::string(parser.get().target());
      if (auto refusal = detail::CheckHeader(parser)) {
        co_await Refuse(stream, request, std::move(*refusal));
        break;
      }
      if (!parser.is_done()) {
        auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        (void)body_n;
        if (body_ec == net::error::operation_aborted && deadline->expired) {
          body_ec = beast::error::timeout;
        }
        if (body_ec) {
          if (auto refusal = detail::RefusalForReadError(body_ec, true)) {
            co_await Refuse(stream, request, std::move(*refusal));
          }
          break;
        }
      }
      deadline->Cancel();  // the handler's time is not the client's
      const bool keep_alive = parser.get().keep_alive();
      const unsigned version = parser.get().version();
      auto converted = detail::ToPlainRequest(parser);
      if (auto* refusal = std::get_if<detail::Refusal>(&converted)) {
        co_await Refuse(stream, request, std::move(*refusal));
        break;
      }
      Request routed = std::move(std::get<Request>(converted));
      routed.request_id = std::move(request.request_id);
      routed.remote_address = remote_address;
      routed.remote_is_loopback = remote_is_loopback;
      const bool head = routed.method == Method::kHead;

      Response response = co_await net::co_spawn(workers.get_executor(), Handle(std::move(routed)),
                                                 net::use_awaitable);
      const bool again = keep_alive && !draining.load();
      auto out = ToBeast(std::move(response), version, again, head);
      stream.expires_after(limits.request_deadline);
      auto [write_ec, write_n] = co_await bhttp::async_write(stream, out, kTuple);
      (void)write_n;
      if (write_ec || !again) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    {
      std::lock_guard lock(connections_mutex);
      open_connections.erase(registration);
    }
    connections.fetch_sub(1);
  }

  net::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kTuple);
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
        log::Warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      if (connections.load() >= options.limits.max_connections) {
        // Tiny canned answer on a fresh socket: the send buffer is empty, so this cannot block.
        static const std::string kBusy = [] {
          const std::string body =
              R"({"type":"about:blank","title":"Service unavailable","status":503,)"
              R"("detail":"The server is at its connection limit; try again shortly.","issues":[]})";
          return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                 "Connection: close\r\nRetry-After: 1\r\nContent-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n" + body;
        }();
        boost::system::error_code write_ec;
        net::write(socket, net::buffer(kBusy), write_ec);
        continue;
      }
      connections.fetch_add(1);
      auto executor = socket.get_executor();
      net::co_spawn(executor, Session(std::move(socket)), net::detached);
    }
  }

  void BeginShutdown() {
    if (draining.exchange(true)) return;
    log::Info("shutting down", {{"open_connections", connections.load()}});
    boost::system::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    // Idle keep-alive connections would wait for their idle deadline: close
    // them now, each on its own strand. Busy ones finish their request first.
    std::lock_guard lock(connections_mutex);
    for (const auto& connection : open_connections) {
      auto stream = connection->stream;
      net::post(stream->get_executor(), [connection] {
        if (connection->idle) connection->stream->cancel();
      });
    }
  }
};

Server::Server(ServerOptions options, const Router& router, RequestObserver observer)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(observer))) {}

Server::~Server() {
  impl_->workers.join();
}

Result<std::uint16_t> Server::Listen() {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec) {
    return Error(ErrorCode::kInvalid, "The listen address is not an IP address.", {},
                 impl_->options.address);
  }
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable, "Cannot listen on " + impl_->options.address + ":" +
                                              std::to_string(impl_->options.port) + ": " +
                                              ec.message());
  }
  return acceptor.local_endpoint().port();
}

void Server::Run() {
  Impl& impl = *impl_;
  if (impl.options.handle_signals) {
    impl.signals.add(SIGTERM);
    impl.signals.add(SIGINT);
    impl.signals.async_wait([&impl](const boost::system::error_code& ec, int) {
      if (!ec) impl.BeginShutdown();
    });
  }
  net::co_spawn(impl.ioc, impl.Accept(), net::detached);

  // The io_context runs until draining finishes: a watcher ends it when the
  // last connection closes or the grace period runs out.
  std::thread watcher([&impl] {
    while (!impl.draining.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto deadline = Clock::now() + impl.options.limits.shutdown_grace;
    while (impl.connections.load() > 0 && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    impl.ioc.stop();
  });
  std::vector<std::thread> extra;
  for (int i = 1; i < impl.options.limits.io_threads; ++i)
    extra.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : extra) t.join();
  watcher.join();
  impl.workers.join();
}

void Server::Stop() {
  Impl& impl = *impl_;
  net::post(impl.ioc, [&impl] { impl.BeginShutdown(); });
}

}  // namespace unknot::http
