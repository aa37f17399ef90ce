// libFuzzer target: raw bytes → Beast parser → framing guard → plain Request
// → router → a handler that decodes JSON bodies. The same steps a socket runs
// (platform/http/detail/request_adapter.hpp), minus the socket.
#include <cstddef>
#include <cstdint>

#include "unknot/platform/http/detail/request_adapter.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace {

using namespace unknot::http;

Response Echo(Request& request) {
  if (request.method == Method::kPost || request.method == Method::kPatch) {
    auto body = ReadJsonObject(request);
    if (!body) return Problem(body.error(), request.path);
  }
  std::string text(request.params.Get("id"));
  text += request.QueryParam("q").value_or("");
  return Response::Text(200, text);
}

const Router& FuzzRouter() {
  static const Router router = [] {
    Router r;
    r.Add(Method::kGet, "/healthz", Echo);
    r.Add(Method::kGet, "/api/v1/clinics", Echo);
    r.Add(Method::kPost, "/api/v1/clinics", Echo);
    r.Add(Method::kGet, "/api/v1/clinics/{clinic_id:uuid}/patients", Echo);
    r.Add(Method::kPost, "/api/v1/clinics/{clinic_id:uuid}/patients", Echo);
    r.Add(Method::kGet, "/api/v1/patients/{id:uuid}", Echo);
    r.Add(Method::kPatch, "/api/v1/patients/{id:uuid}", Echo);
    r.Add(Method::kGet, "/api/v1/patients/{id:uuid}/versions/{n:int}", Echo);
    r.Add(Method::kGet, "/files/{name}", Echo);
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ServerLimits limits;
  limits.header_bytes = 4096;
  limits.body_bytes = 16 * 1024;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Response response = detail::DispatchBytes(bytes, FuzzRouter(), limits);
  // Every answer is a real HTTP status; anything else is a bug.
  if (response.status < 100 || response.status > 599) __builtin_trap();
  return 0;
}
