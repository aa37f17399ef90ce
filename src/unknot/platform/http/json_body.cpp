#include "unknot/platform/http/json_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

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

}  // namespace unknot::http
