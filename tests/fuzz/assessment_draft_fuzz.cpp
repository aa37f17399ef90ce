// libFuzzer target: bytes as the body of PUT …/draft and POST …/submit, through
// the JSON body reader and the strict answer checks against every shipped
// instrument and the body map, both as a patient and as staff; what passes is
// stored and read back as the server would. Runs from the repository root
// (scripts/run-fuzz.sh), where content/ is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "unknot/assess/answer_validation.hpp"
#include "unknot/assess/assess_content.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace {

using namespace unknot;

std::shared_ptr<const assess::AssessContent> content;
assess::PackShape every_instrument;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto loaded = assess::LoadAssessContent("content", {}, SystemClock().Now());
  if (!loaded) {
    std::cerr << "assessment_draft_fuzz: run from the repository root: " << loaded.error().message()
              << "\n";
    std::abort();
  }
  content = *loaded;
  for (const auto& definition : content->registry.instruments) {
    every_instrument.instruments.push_back(definition.id);
  }
  every_instrument.body_map = true;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request request;
  request.headers.emplace_back("content-type", "application/json");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = http::ReadJsonObject(request);
  if (!body) return 0;
  for (const auto strictness : {assess::Strictness::kDraft, assess::Strictness::kSubmit}) {
    for (const auto answerer : {assess::Answerer::kPatient, assess::Answerer::kStaff}) {
      auto draft = assess::DecodeDraft(*body, every_instrument, *content, strictness, answerer);
      if (!draft) continue;
      const auto stored = boost::json::serialize(assess::EncodeDraft(*draft));
      if (!assess::ParseStoredDraft(stored)) std::abort();  // what we store must read back
    }
  }
  return 0;
}
