#include "unknot/treat/care_preference_fields.hpp"

#include <boost/json.hpp>

#include <array>

namespace unknot::treat {
namespace {

namespace json = boost::json;
using K = FieldKind;
using S = FieldSection;

constexpr std::array<FieldOption, 3> kPressure = {{
    {"light", "Light"},
    {"medium", "Medium"},
    {"firm", "Firm"},
}};
constexpr std::array<FieldOption, 3> kChaperone = {{
    {"none", "Not needed"},
    {"offered", "Offer me one"},
    {"required", "I would like one every time"},
}};
constexpr std::array<FieldOption, 4> kClinicianGender = {{
    {"any", "No preference"},
    {"female", "A woman"},
    {"male", "A man"},
    {"non_binary", "A non-binary practitioner"},
}};
constexpr std::array<FieldOption, 3> kExplainBeforeTouch = {{
    {"always", "Every time"},
    {"first_time", "The first time only"},
    {"not_needed", "No need to explain"},
}};
constexpr std::array<FieldOption, 3> kTalking = {{
    {"quiet", "Quiet, please"},
    {"conversation", "I like to chat"},
    {"either", "Either is fine"},
}};
constexpr std::array<FieldOption, 3> kMusic = {{
    {"off", "No music"},
    {"on", "Music on"},
    {"either", "Either is fine"},
}};
constexpr std::array<FieldOption, 4> kPositions = {{
    {"prone", "Lying face down"},
    {"supine", "Lying on my back"},
    {"side_lying", "Lying on my side"},
    {"seated", "Sitting"},
}};
constexpr std::array<FieldOption, 4> kCommunication = {{
    {"spoken", "Talking"},
    {"written", "Writing things down"},
    {"chat", "Text chat"},
    {"aac", "My communication device or app (AAC)"},
}};
constexpr std::array<FieldOption, 3> kLighting = {{
    {"dim", "Dim lighting"},
    {"natural", "Daylight"},
    {"no_fluorescent", "No fluorescent lights"},
}};
constexpr std::array<FieldOption, 3> kSound = {{
    {"quiet", "As quiet as possible"},
    {"no_music", "No music"},
    {"headphones_ok", "I may wear headphones or ear plugs"},
}};
constexpr std::array<FieldOption, 3> kAppointmentTime = {{
    {"first", "First appointment of the day"},
    {"last", "Last appointment of the day"},
    {"any", "Any time"},
}};

const std::array<CarePreferenceField, 19> kFields = {{
    {"consent_to_touch",
     "Where you are happy to be touched",
     "For each part of the body: yes, ask me first, or no. You can change this at any time, "
     "including during a session.",
     K::kTouchMap,
     S::kTraumaInformed,
     {}},
    {"stop_signal",
     "Your stop signal",
     "A word or a gesture that means \"stop now\", such as raising a hand. Treatment stops "
     "straight away, and you never need to explain why.",
     K::kText,
     S::kTraumaInformed,
     {}},
    {"pressure", "Pressure", "How firm you like the pressure to be.", K::kChoice,
     S::kTraumaInformed, kPressure},
    {"chaperone", "Another person in the room (a chaperone)",
     "Someone from the clinic who stays in the room during your session.", K::kChoice,
     S::kTraumaInformed, kChaperone},
    {"clinician_gender", "Who treats you", "If you would prefer to be treated by a woman or a man.",
     K::kChoice, S::kTraumaInformed, kClinicianGender},
    {"explain_before_touch", "Explaining before touching",
     "Whether you would like to be told what will happen before you are touched.", K::kChoice,
     S::kTraumaInformed, kExplainBeforeTouch},
    {"talking", "Talking during the session", "Some people like to chat, some prefer quiet.",
     K::kChoice, S::kTraumaInformed, kTalking},
    {"music", "Music", "Music in the room during your session.", K::kChoice, S::kTraumaInformed,
     kMusic},
    {"positions_to_avoid", "Positions to avoid",
     "Tick any position you would rather not be in. You do not need to say why.", K::kChoices,
     S::kTraumaInformed, kPositions},
    {"communication_mode", "How you like to communicate",
     "The way that works best for you during appointments.", K::kChoice, S::kAccommodations,
     kCommunication},
    {"processing_time",
     "Extra time and clear wording",
     "Pauses to think, one question at a time, and words that mean exactly what they say.",
     K::kFlag,
     S::kAccommodations,
     {}},
    {"written_summary",
     "A written summary after each session",
     "What we did and what to do next, written down in your portal.",
     K::kFlag,
     S::kAccommodations,
     {}},
    {"lighting", "Lighting", "The kind of light you are most comfortable with.", K::kChoice,
     S::kAccommodations, kLighting},
    {"sound", "Sound", "What helps with noise in the room.", K::kChoice, S::kAccommodations,
     kSound},
    {"unscented",
     "Unscented products only",
     "Oils and lotions without perfume.",
     K::kFlag,
     S::kAccommodations,
     {}},
    {"appointment_time", "Time of day for appointments",
     "The first or last appointment of the day is often quieter.", K::kChoice, S::kAccommodations,
     kAppointmentTime},
    {"longer_appointment",
     "Longer appointments",
     "More time, so nothing feels rushed.",
     K::kFlag,
     S::kAccommodations,
     {}},
    {"support_person",
     "Someone who comes with you",
     "A name, and how they support you, if you would like someone with you.",
     K::kText,
     S::kAccommodations,
     {}},
    {"other_needs",
     "Anything else that would help",
     "Anything else that would make your appointments easier.",
     K::kText,
     S::kAccommodations,
     {}},
}};

}  // namespace

std::span<const CarePreferenceField> CarePreferenceFields() {
  return kFields;
}

const CarePreferenceField* FindCarePreferenceField(std::string_view name) {
  for (const auto& field : kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const FieldOption* FindOption(const CarePreferenceField& field, std::string_view value) {
  for (const auto& option : field.options) {
    if (option.value == value) return &option;
  }
  return nullptr;
}

std::string_view ToString(FieldKind kind) {
  switch (kind) {
    case FieldKind::kChoice: return "choice";
    case FieldKind::kChoices: return "choices";
    case FieldKind::kFlag: return "flag";
    case FieldKind::kText: return "text";
    case FieldKind::kTouchMap: return "touch_map";
  }
  return "text";
}

std::string_view ToString(FieldSection section) {
  switch (section) {
    case FieldSection::kTraumaInformed: return "trauma_informed";
    case FieldSection::kAccommodations: return "accommodations";
  }
  return "accommodations";
}

json::object EncodeCarePreferenceFields() {
  json::array fields;
  for (const auto& field : kFields) {
    json::object out{{"name", field.name},
                     {"label", field.label},
                     {"help", field.help},
                     {"kind", ToString(field.kind)},
                     {"section", ToString(field.section)}};
    if (field.kind == FieldKind::kChoice || field.kind == FieldKind::kChoices) {
      json::array options;
      for (const auto& option : field.options) {
        options.push_back(json::object{{"value", option.value}, {"label", option.label}});
      }
      out["options"] = std::move(options);
    }
    fields.push_back(std::move(out));
  }
  return json::object{{"fields", std::move(fields)}};
}

}  // namespace unknot::treat
