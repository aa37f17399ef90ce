#include "unknot/platform/http/detail/request_adapter.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/url/parse.hpp>

#include "unknot/platform/http/detail/framing_guard.hpp"

namespace unknot::http::detail {

namespace bhttp = boost::beast::http;
namespace net = boost::asio;

void ConfigureParser(Parser& parser, const ServerLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser.body_limit(limits.body_bytes);
}

std::optional<Refusal> RefusalForReadError(const boost::system::error_code& ec, bool reading_body) {
  if (ec == boost::beast::error::timeout)
    return Refusal{408, "The request took too long to arrive."};
  if (ec == bhttp::error::header_limit) return Refusal{431, "The request headers are too large."};
  if (ec == bhttp::error::body_limit) return Refusal{413, "The request body is too large."};
  if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::operation_aborted) {
    return std::nullopt;
  }
  return Refusal{400,
                 reading_body ? "The request body is malformed." : "The request is malformed."};
}

std::optional<Refusal> CheckHeader(const Parser& parser) {
  const auto& header = parser.get();
  if (auto reason = CheckFraming(header, header.version())) return Refusal{400, *reason};
  return std::nullopt;
}

std::variant<Request, Refusal> ToPlainRequest(Parser& parser) {
  auto in = parser.release();
  const std::string_view raw_target(in.target().data(), in.target().size());
  auto target = boost::urls::parse_origin_form(raw_target);
  if (!target) return Refusal{400, "The request target is malformed."};
  Request request;
  request.method =
      ParseMethod(std::string_view(in.method_string().data(), in.method_string().size()));
  request.target = std::string(raw_target);
  request.path = std::string(target->path());
  request.query = std::string(target->encoded_query());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(in.body());
  return request;
}

Response RefusalResponse(const Refusal& refusal, std::string_view path) {
  const ErrorCode code =
      refusal.status == 413 || refusal.status == 431 ? ErrorCode::kTooLarge : ErrorCode::kInvalid;
  return Problem(Error(code, refusal.message), path, refusal.status);
}

Response DispatchBytes(std::string_view bytes, const Router& router, const ServerLimits& limits) {
  Parser parser;
  ConfigureParser(parser, limits);
  parser.eager(false);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_header_done() && used < bytes.size()) {
    used += parser.put(net::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == bhttp::error::need_more) break;
  }
  if (ec || !parser.is_header_done()) {
    auto refusal = RefusalForReadError(ec ? ec : bhttp::error::partial_message, false);
    return RefusalResponse(refusal.value_or(Refusal{400, "The request is incomplete."}), {});
  }
  if (auto refusal = CheckHeader(parser)) return RefusalResponse(*refusal, {});
  parser.eager(true);
  while (!ec && !parser.is_done() && used < bytes.size()) {
    used += parser.put(net::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == bhttp::error::need_more) break;
  }
  if (!parser.is_done() && !ec) parser.put_eof(ec);
  if (ec || !parser.is_done()) {
    auto refusal = RefusalForReadError(ec ? ec : bhttp::error::partial_message, true);
    return RefusalResponse(refusal.value_or(Refusal{400, "The request body is incomplete."}), {});
  }
  auto converted = ToPlainRequest(parser);
  if (auto* refusal = std::get_if<Refusal>(&converted)) return RefusalResponse(*refusal, {});
  return router.Dispatch(std::get<Request>(converted));
}

}  // namespace unknot::http::detail
