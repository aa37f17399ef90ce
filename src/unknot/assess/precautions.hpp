// A patient's soft-tissue precautions (DESIGN A4, clinical reference §7b):
// which situations of the precautions content apply, where on the body, and
// the details the reference asks to record. Shown on the record and at every
// session; every change is a new version.
//
// The database keeps only what the clinician chose (PrecautionChoice); the
// guidance, pressure cap and affected regions are derived from the content
// when the record is read, so a content correction reaches every patient.
//
// Pure rules and JSON, no I/O (precaution_store.hpp stores them). Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/record_json.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr std::size_t kMaxPrecautionNoteLength = 2000;
inline constexpr std::size_t kMaxPrecautionDetailLength = 500;

struct PrecautionChoice {
  std::string precaution;                      // Precaution::code
  std::string situation;                       // PrecautionSituation::code
  std::vector<std::string> regions;            // body-map codes, as chosen
  std::map<std::string, std::string> details;  // record field → text
  std::optional<std::string> note;
  bool operator==(const PrecautionChoice&) const = default;
};

struct PatientPrecautions {
  std::int64_t version = 0;  // 0: never recorded
  std::optional<Instant> updated_at;
  std::optional<Author> updated_by;
  std::vector<PrecautionChoice> items;
};

// The body of PUT …/precautions: {"items": [{"precaution", "situation",
// "regions"?, "details"?, "note"?}]}. Issues (all at once, paths like
// `items[2].regions[0]`): unknown precaution or situation, the same
// (precaution, situation) twice ("duplicate"), regions that are not body-map
// codes ("unknown-region") or repeated, regions for a situation with no area
// ("not-applicable"), regions outside the ones the situation's rules list
// ("not-allowed"), details keys that are not the situation's record fields
// ("unknown-field"), texts too long, unknown members. Blank details are
// dropped; null regions, details or note mean the same as leaving them out.
Result<std::vector<PrecautionChoice>> DecodePrecautionChoices(const boost::json::object& body,
                                                              const RedFlagsContent& content,
                                                              const BodyMapRegions& body_map);

// Where a situation's exclusion or pressure cap applies for this patient:
// the chosen regions the rule allows; the rule's own regions when nothing was
// chosen; the chosen regions when the rule allows any region. Empty when the
// situation has no such rule. (A pressure cap with no area applies
// everywhere: `pressure_cap` is set and `pressure_cap` regions are empty.)
struct AffectedRegions {
  std::vector<std::string> excluded;
  std::vector<std::string> pressure_cap;
};
AffectedRegions DeriveRegions(const PrecautionSituation& situation,
                              const std::vector<std::string>& chosen);

// The stored form (patient_precautions.items): an array of the choices.
std::string StoredPrecautionChoices(const std::vector<PrecautionChoice>& items);
// kInternal when the text is not what StoredPrecautionChoices writes.
Result<std::vector<PrecautionChoice>> ParseStoredPrecautionChoices(std::string_view json_text);

// The API's PrecautionEntry. A choice whose situation has left the content
// keeps its codes as names, with empty guidance and a null response, so it
// still shows and can be reviewed.
boost::json::object EncodePrecautionEntry(const PrecautionChoice& choice,
                                          const RedFlagsContent& content);
// The API's Precautions document.
boost::json::object EncodePatientPrecautions(const PatientPrecautions& precautions,
                                             const RedFlagsContent& content);

}  // namespace unknot::assess
