// Plain HTTP request and response types. No Beast type appears here: handlers
// and features see only these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);
Method ParseMethod(std::string_view name);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Path parameters captured by the router, in pattern order.
class PathParams final {
 public:
  void Add(std::string name, std::string value) {
    items_.emplace_back(std::move(name), std::move(value));
  }
  // The captured value of `{name…}`; empty view if the pattern has no such parameter.
  std::string_view Get(std::string_view name) const;
  std::int64_t Int(std::string_view name) const;  // for `{name:int}` (already validated)
  void Clear() { items_.clear(); }
  std::size_t size() const { return items_.size(); }
  void Truncate(std::size_t n) { items_.resize(n); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path + optional query
  std::string path;    // percent-decoded path
  std::string query;   // raw query string without '?'
  HeaderList headers;  // names lower-cased
  std::string body;
  std::string request_id;
  std::string remote_address;
  bool remote_is_loopback = false;
  PathParams params;       // filled by the router
  std::string route_name;  // the matched pattern, for metrics and logs
  std::string actor;       // who is acting (set by the guard); recorded as author of writes

  // First header with this (lower-case) name.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // Decoded query parameter; nullopt when absent.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  std::optional<std::string_view> Header(std::string_view name) const;  // case-insensitive

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();
};

// Maps an Error to its HTTP status. The one place that knows this mapping.
int StatusFor(ErrorCode code);
// An `application/problem+json` response listing every issue. `Error::internal()`
// is never included; the caller logs it. `status` overrides StatusFor(code)
// for the few statuses with no ErrorCode of their own (408, 431).
Response Problem(const Error& error, std::string_view instance = {}, int status = 0);

}  // namespace unknot::http
