// libFuzzer target: request bodies through the JSON decoder with its limits,
// then through every people decoder and validator (clinic and patient,
// create and patch): the path every untrusted write body takes.
#include <cstddef>
#include <cstdint>

#include "unknot/people/patient_json.hpp"
#include "unknot/platform/http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unknot;
  http::Request request;
  request.method = http::Method::kPost;
  request.headers.emplace_back("content-type", "application/json");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto object = http::ReadJsonObject(request);
  if (!object) return 0;
  const people::CalendarDate today{std::chrono::year{2026}, std::chrono::month{11},
                                   std::chrono::day{25}};
  (void)people::DecodeNewClinic(*object);
  (void)people::DecodeClinicPatch(*object);
  (void)people::DecodeNewPatient(*object, today);
  (void)people::DecodePatientPatch(*object, today);
  return 0;
}
