#include "unknot/platform/http/message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse_query.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace unknot::http {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

struct MethodNameEntry {
  Method method;
  std::string_view name;
};
constexpr std::array<MethodNameEntry, 7> kMethodNames{{{Method::kGet, "GET"},
                                                       {Method::kHead, "HEAD"},
                                                       {Method::kPost, "POST"},
                                                       {Method::kPut, "PUT"},
                                                       {Method::kPatch, "PATCH"},
                                                       {Method::kDelete, "DELETE"},
                                                       {Method::kOptions, "OPTIONS"}}};

std::string_view TitleFor(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 401: return "Not signed in";
    case 403: return "Not allowed";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 408: return "Request timeout";
    case 409: return "Conflict";
    case 413: return "Request body too large";
    case 415: return "Unsupported media type";
    case 429: return "Too many requests";
    case 431: return "Request headers too large";
    case 503: return "Service unavailable";
    default: return status >= 500 ? "Internal error" : "Request failed";
  }
}

}  // namespace

std::string_view MethodName(Method m) {
  for (const auto& entry : kMethodNames) {
    if (entry.method == m) return entry.name;
  }
  return "OTHER";
}

Method ParseMethod(std::string_view name) {
  for (const auto& entry : kMethodNames) {
    if (entry.name == name) return entry.method;
  }
  return Method::kOther;
}

std::string_view PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return value;
  }
  return {};
}

std::int64_t PathParams::Int(std::string_view name) const {
  const std::string_view text = Get(name);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  // A malformed query (bad percent escapes) makes every parameter absent.
  auto params = boost::urls::parse_query(query);
  if (!params) return std::nullopt;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;  // form encoding: '+' is a space
  for (const auto& param : *params) {
    if (param.key.decode(options) == name) {
      if (!param.has_value) return std::string();
      return param.value.decode(options);
    }
  }
  return std::nullopt;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (IEquals(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (IEquals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

Response Response::Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  return r;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response Problem(const Error& error, std::string_view instance, int status) {
  if (status == 0) status = StatusFor(error.code());
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = TitleFor(status);
  body["status"] = status;
  body["detail"] = error.message();
  if (!instance.empty()) body["instance"] = instance;
  boost::json::array issues;
  for (const Issue& issue : error.issues()) {
    issues.push_back(boost::json::object{
        {"path", issue.path}, {"code", issue.code}, {"message", issue.message}});
  }
  body["issues"] = std::move(issues);
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/problem+json");
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace unknot::http
