// The care-preference fields (DESIGN §2 T3; clinical reference §9
// trauma-informed care and §10 neurodivergent-friendly accommodations): one
// table that the API validates against and the web renders its form from.
//
// Every field is optional and none asks about trauma: a patient can say what
// helps without saying why. Pure data; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace unknot::treat {

// The longest free text a field holds, in characters as a person counts them.
inline constexpr std::size_t kMaxCarePreferenceText = 500;

enum class FieldKind {
  kChoice,    // one option value
  kChoices,   // several option values (a list, in option order)
  kFlag,      // true / false
  kText,      // free text up to kMaxCarePreferenceText
  kTouchMap,  // body-map region code → "yes" | "ask_first" | "no" (touch_consent.hpp)
};

// Where the field comes from in the clinical reference.
enum class FieldSection {
  kTraumaInformed,  // §9: safety, choice and control
  kAccommodations,  // §10: communication, senses, appointments
};

struct FieldOption {
  std::string_view value;  // stored and sent
  std::string_view label;  // plain words for the patient
};

struct CarePreferenceField {
  std::string_view name;
  std::string_view label;
  std::string_view help;
  FieldKind kind;
  FieldSection section;
  std::span<const FieldOption> options;  // kChoice and kChoices only
};

// Every field, in the order the form shows them.
std::span<const CarePreferenceField> CarePreferenceFields();
// nullptr for a name that is not a field.
const CarePreferenceField* FindCarePreferenceField(std::string_view name);
// nullptr when `value` is not one of the field's options.
const FieldOption* FindOption(const CarePreferenceField& field, std::string_view value);

std::string_view ToString(FieldKind kind);  // "choice" | "choices" | "flag" | "text" | "touch_map"
std::string_view ToString(FieldSection section);  // "trauma_informed" | "accommodations"

// {"fields": [{name, label, help, kind, options? [{value, label}], section}]}:
// the body of GET /api/v1/care-preference-fields.
boost::json::object EncodeCarePreferenceFields();

}  // namespace unknot::treat
