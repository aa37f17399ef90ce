// The steps between Beast's parser and a plain http::Request, shared by the
// connection loop (beast_server.cpp) and the fuzz target, so the fuzzer
// exercises exactly what a socket would.
#pragma once

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include <optional>
#include <string>
#include <variant>

#include "unknot/platform/http/message.hpp"
#include "unknot/platform/http/router.hpp"
#include "unknot/platform/http/server.hpp"

namespace unknot::http::detail {

using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// A message refused before any handler runs: answered with a problem document
// and the connection closed.
struct Refusal {
  int status;
  std::string message;
};

void ConfigureParser(Parser& parser, const ServerLimits& limits);

// What a failed header or body read means for the client; nullopt when the
// peer simply went away (nothing to answer).
std::optional<Refusal> RefusalForReadError(const boost::system::error_code& ec, bool reading_body);

// Checked after the header arrived and before the body is read.
std::optional<Refusal> CheckHeader(const Parser& parser);

// Converts a fully read message. Refuses a target that is not origin-form.
std::variant<Request, Refusal> ToPlainRequest(Parser& parser);

// The problem response for a refusal (without security headers).
Response RefusalResponse(const Refusal& refusal, std::string_view path);

// Parses `bytes` as one request and dispatches it like a connection would,
// without a socket. Used by the fuzz target.
Response DispatchBytes(std::string_view bytes, const Router& router, const ServerLimits& limits);

}  // namespace unknot::http::detail
