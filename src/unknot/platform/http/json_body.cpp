#include "unknot/platform/http/json_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include <charconv>

#include "unknot/platform/log.hpp"

namespace unknot::http {
namespace {

// "application/json" or "application/json; charset=utf-8", case-insensitively.
bool IsJsonMediaType(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size()) return false;
  for (std::size_t i = 0; i < kJson.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != kJson[i]) return false;
  }
  return true;
}

Error BodyError(std::string code, std::string message) {
  return Error::Invalid({Issue{"", std::move(code), std::move(message)}});
}

}  // namespace

Result<boost::json::object> ReadJsonObject(const Request& request, const JsonLimits& limits) {
  const auto content_type = request.Header("content-type");
  if (!content_type || !IsJsonMediaType(*content_type)) {
    return Error(ErrorCode::kUnsupported,
                 "Send the body as JSON with Content-Type: application/json.");
  }
  if (request.body.size() > limits.max_bytes) {
    return Error(ErrorCode::kTooLarge, "The request body is too large.");
  }
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body, ec, {}, options);
  if (ec == boost::json::error::too_deep) {
    return BodyError("too-deep", fmt::format("The JSON body is nested more than {} levels deep.",
                                             limits.max_depth));
  }
  if (ec) {
    return BodyError("malformed-json", "The body is not valid JSON.");
  }
  if (!value.is_object()) {
    return BodyError("wrong-type", "The body must be a JSON object.");
  }
  return std::move(value.as_object());
}

Response JsonResponse(int status, const boost::json::value& value) {
  return Response::Json(status, boost::json::serialize(value));
}

Response Created(std::string location, const boost::json::value& body) {
  Response response = JsonResponse(201, body);
  response.SetHeader("Location", std::move(location));
  return response;
}

Response WithETag(Response response, std::int64_t version) {
  response.SetHeader("ETag", fmt::format("\"{}\"", version));
  return response;
}

Response ErrorResponse(const Request& request, const Error& error) {
  if (error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable) {
    log::Error("request failed", {{"request_id", request.request_id},
                                  {"route", request.route_name},
                                  {"error", error.message()},
                                  {"detail", error.internal()}});
  }
  return Problem(error, request.path);
}

Result<std::optional<std::int64_t>> IfMatchVersion(const Request& request) {
  const auto header = request.Header("if-match");
  if (!header) return std::optional<std::int64_t>();
  std::string_view tag = *header;
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  if (tag == "*") return std::optional<std::int64_t>();
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') {
    return Error::Invalid(
        {{"If-Match", "invalid-header", "If-Match must be the ETag you received, such as \"3\"."}});
  }
  tag = tag.substr(1, tag.size() - 2);
  std::int64_t version = -1;
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (error != std::errc() || end != tag.data() + tag.size()) version = -1;
  return std::optional<std::int64_t>(version);
}

Result<std::optional<std::int64_t>> RequiredIfMatchVersion(const Request& request) {
  if (!request.Header("if-match")) {
    return Error(ErrorCode::kInvalid,
                 "Send If-Match with the version you loaded, such as \"3\" (\"0\" the first "
                 "time).",
                 {{"If-Match", "required", "The If-Match header is required."}});
  }
  return IfMatchVersion(request);
}

}  // namespace unknot::http
