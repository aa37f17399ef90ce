// libFuzzer target: bytes as a content file, through the instrument parser
// (content/instruments/*.json, edited by hand in clinics) and the FHIR
// Questionnaire importer (files from outside the project), the two readers of
// instrument definitions from untrusted text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "unknot/assess/fhir_import.hpp"
#include "unknot/assess/instrument_registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace unknot::assess;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ParseInstrument(text);
  (void)ImportFhirQuestionnaire(text);
  return 0;
}
