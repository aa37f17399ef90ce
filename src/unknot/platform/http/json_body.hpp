// JSON request bodies and responses, with explicit limits.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "unknot/platform/http/message.hpp"

namespace unknot::http {

struct JsonLimits {
  std::size_t max_depth = 32;       // nesting; deeper bodies are refused, never recursed into
  std::size_t max_bytes = 1 << 20;  // the server's body limit applies first
};

// Decodes the body of a write. Errors (each a problem document, nothing changed):
// kUnsupported (415) when Content-Type is not application/json; kInvalid (400)
// for malformed JSON (issue code "malformed-json", with the byte offset), a body
// that is too deep, or a top-level value that is not an object.
Result<boost::json::object> ReadJsonObject(const Request& request, const JsonLimits& limits = {});

// A response with `Content-Type: application/json`.
Response JsonResponse(int status, const boost::json::value& value);

// 201 with the body and `Location: location`.
Response Created(std::string location, const boost::json::value& body);
// Adds `ETag: "<version>"`, the tag If-Match sends back (IfMatchVersion).
Response WithETag(Response response, std::int64_t version);

// 200 with {"items": [encode(record), …]}.
template <class Records, class Encode>
Response ItemsResponse(const Records& records, Encode&& encode) {
  boost::json::array items;
  for (const auto& record : records) items.push_back(encode(record));
  return JsonResponse(200, boost::json::object{{"items", std::move(items)}});
}

// The problem document for `error`. Internal and unavailable errors are logged
// first (with the request id and route), since their detail never leaves.
Response ErrorResponse(const Request& request, const Error& error);

// The record version an If-Match header demands: nullopt when absent or "*".
// A quoted tag that is not a version can never match and becomes -1 (the
// store then reports the conflict); an unquoted value is a malformed header.
Result<std::optional<std::int64_t>> IfMatchVersion(const Request& request);

// IfMatchVersion for a write that must say which version it started from, so
// that two people editing at once cannot overwrite each other unseen: without
// the header, a 400 with an `If-Match` "required" issue.
Result<std::optional<std::int64_t>> RequiredIfMatchVersion(const Request& request);

}  // namespace unknot::http
