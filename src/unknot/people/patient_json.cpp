#include "unknot/people/patient_json.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace unknot::people {
namespace {

namespace json = boost::json;

// Where one request member lands in an input struct.
template <class Input>
struct Slot {
  std::string_view name;
  InputField Input::*member;
};

constexpr std::array<Slot<ClinicInput>, 3> kClinicSlots{{
    {"name", &ClinicInput::name},
    {"time_zone", &ClinicInput::time_zone},
    {"safety_email", &ClinicInput::safety_email},
}};

constexpr std::array<Slot<PatientInput>, 7> kPatientSlots{{
    {"given_name", &PatientInput::given_name},
    {"family_name", &PatientInput::family_name},
    {"preferred_name", &PatientInput::preferred_name},
    {"birth_date", &PatientInput::birth_date},
    {"nhs_number", &PatientInput::nhs_number},
    {"email", &PatientInput::email},
    {"phone", &PatientInput::phone},
}};

template <class Input, std::size_t N>
Input DecodeMembers(const json::object& body, const std::array<Slot<Input>, N>& slots,
                    IssueList& issues) {
  Input input;
  for (const json::key_value_pair& member : body) {
    const std::string_view key = member.key();
    const auto slot = std::find_if(slots.begin(), slots.end(),
                                   [key](const Slot<Input>& s) { return s.name == key; });
    if (slot == slots.end()) {
      issues.Add(std::string(key), "unknown-field", "This field is not recognised here.");
      continue;
    }
    InputField& field = input.*(slot->member);
    if (member.value().is_null()) {
      field = InputField::Null();
    } else if (const json::string* text = member.value().if_string()) {
      field = InputField::Text(std::string(*text));
    } else {
      field.state = InputField::State::kRejected;
      issues.Add(std::string(key), "wrong-type", "This field must be a string or null.");
    }
  }
  return input;
}

// Decodes with `decode`, validates with `validate`, and reports every issue of both.
template <class Output, class Decode, class Validate>
Result<Output> DecodeAndValidate(const json::object& body, Decode decode, Validate validate) {
  IssueList issues;
  const auto input = decode(body, issues);
  Output output = validate(input, issues);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return output;
}

json::value TextOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string(*text);
}

}  // namespace

ClinicInput DecodeClinicInput(const json::object& body, IssueList& issues) {
  return DecodeMembers(body, kClinicSlots, issues);
}

PatientInput DecodePatientInput(const json::object& body, IssueList& issues) {
  return DecodeMembers(body, kPatientSlots, issues);
}

Result<ClinicFields> DecodeNewClinic(const json::object& body) {
  return DecodeAndValidate<ClinicFields>(body, DecodeClinicInput, ValidateNewClinic);
}

Result<ClinicPatch> DecodeClinicPatch(const json::object& body) {
  return DecodeAndValidate<ClinicPatch>(body, DecodeClinicInput, ValidateClinicPatch);
}

Result<PatientFields> DecodeNewPatient(const json::object& body, const CalendarDate& today) {
  return DecodeAndValidate<PatientFields>(body, DecodePatientInput,
                                          [&today](const PatientInput& input, IssueList& issues) {
                                            return ValidateNewPatient(input, today, issues);
                                          });
}

Result<PatientPatch> DecodePatientPatch(const json::object& body, const CalendarDate& today) {
  return DecodeAndValidate<PatientPatch>(body, DecodePatientInput,
                                         [&today](const PatientInput& input, IssueList& issues) {
                                           return ValidatePatientPatch(input, today, issues);
                                         });
}

json::object EncodeClinic(const Clinic& clinic) {
  return {
      {"id", clinic.uuid},
      {"name", clinic.fields.name},
      {"time_zone", clinic.fields.time_zone},
      {"require_mfa", clinic.require_mfa},
      {"safety_email", TextOrNull(clinic.fields.safety_email)},
      {"created_at", FormatInstant(clinic.created_at)},
      {"updated_at", FormatInstant(clinic.updated_at)},
  };
}

json::object EncodePatient(const Patient& patient) {
  const PatientFields& f = patient.fields;
  json::value birth_date = nullptr;
  json::value precision = nullptr;
  if (f.birth_date) {
    birth_date = json::string(f.birth_date->ToString());
    precision = json::string(PrecisionName(f.birth_date->precision));
  }
  return {
      {"id", patient.uuid},
      {"clinic_id", patient.clinic_uuid},
      {"version", patient.version},
      {"given_name", f.given_name},
      {"family_name", f.family_name},
      {"preferred_name", TextOrNull(f.preferred_name)},
      {"birth_date", std::move(birth_date)},
      {"birth_date_precision", std::move(precision)},
      {"nhs_number", TextOrNull(f.nhs_number)},
      {"email", TextOrNull(f.email)},
      {"phone", TextOrNull(f.phone)},
      {"created_at", FormatInstant(patient.created_at)},
      {"updated_at", FormatInstant(patient.updated_at)},
  };
}

Result<json::object> EncodePatientVersion(const PatientVersion& version) {
  boost::system::error_code ec;
  json::value data = json::parse(version.snapshot_json, ec);
  if (ec || !data.is_object()) {
    return Error::Internal(
        fmt::format("patient_version {} holds no JSON object snapshot", version.version));
  }
  return json::object{
      {"version", version.version},
      {"author", version.author},
      {"recorded_at", FormatInstant(version.recorded_at)},
      {"data", std::move(data)},
  };
}

}  // namespace unknot::people
