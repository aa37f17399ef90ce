// libFuzzer target: request bodies through the JSON decoder with its limits.
#include <cstddef>
#include <cstdint>

#include "unknot/platform/http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  unknot::http::Request request;
  request.method = unknot::http::Method::kPost;
  request.headers.emplace_back("content-type", "application/json");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto object = unknot::http::ReadJsonObject(request);
  if (object) {
    // Re-encoding must always work for whatever was accepted.
    (void)unknot::http::JsonResponse(200, *object);
  }
  return 0;
}
