// Clinics and patients: value types and the pure rules that validate and
// normalise them.
//
// No I/O: "today" arrives as a parameter, so every rule is testable with plain
// values. Validation never stops at the first problem: each function adds every
// issue it finds — JSON path, code, plain-English message — to the caller's
// IssueList, and the caller turns a non-empty list into Error::Invalid.
//
// Requests arrive as *Input structs (text as sent, absent and null told apart)
// and leave validation as *Patch structs (normalised values plus what to do with
// each field). A create is a patch applied to empty fields, with required fields
// enforced; an update is a JSON merge patch (RFC 7396) applied to the current
// fields. Either way the same per-field rules run.
//
// Issue codes: required, too-long, invalid-characters, invalid-date,
// future-date, invalid-nhs-number, invalid-email, invalid-phone,
// invalid-time-zone, invalid-number, out-of-range (decoding adds unknown-field
// and wrong-type, see patient_json.hpp).
//
// Thread-safety: everything here is a pure function or a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/people/field_rules.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::people {

inline constexpr std::string_view kDefaultTimeZone = "Europe/London";
inline constexpr std::size_t kMaxPersonNameLength = 100;  // code points, after trimming
inline constexpr std::size_t kMaxClinicNameLength = 200;
inline constexpr std::size_t kMaxSearchLength = 200;
inline constexpr int kEarliestBirthYear = 1880;
inline constexpr std::int64_t kDefaultPageSize = 20;
inline constexpr std::int64_t kMaxPageSize = 100;

// ---- inputs and patches ---------------------------------------------------

// One field as a request sent it. A JSON merge patch needs absent and null told apart.
struct InputField {
  enum class State {
    kAbsent,
    kNull,
    kText,
    kRejected,  // present but unusable (e.g. wrong JSON type); the decoder reported it
  };
  State state = State::kAbsent;
  std::string text;

  static InputField Text(std::string text) { return {State::kText, std::move(text)}; }
  static InputField Null() { return {State::kNull, {}}; }
};

// What a validated patch does to one field.
template <class T>
struct FieldChange {
  enum class Kind { kKeep, kClear, kSet };
  Kind kind = Kind::kKeep;
  T value{};  // meaningful for kSet only

  static FieldChange Set(T value) { return {Kind::kSet, std::move(value)}; }
  static FieldChange Clear() { return {Kind::kClear, {}}; }
};

// ---- clinics --------------------------------------------------------------

struct ClinicFields {
  std::string name;
  std::string time_zone{kDefaultTimeZone};
  // Where safety alerts are emailed; nullopt: every active staff member of the
  // clinic. Admin-only, like every clinic setting.
  std::optional<std::string> safety_email;
  bool operator==(const ClinicFields&) const = default;
};

struct Clinic {
  std::int64_t id = 0;  // internal key; never leaves the server
  std::string uuid;     // public identifier
  ClinicFields fields;
  Instant created_at = 0;
  Instant updated_at = 0;
  bool require_mfa = false;  // staff must use two-step sign-in (identity/, admin-only setting)
};

struct ClinicInput {
  InputField name;
  InputField time_zone;
  InputField safety_email;
};

struct ClinicPatch {
  FieldChange<std::string> name;
  FieldChange<std::string> time_zone;     // null or blank resets to kDefaultTimeZone
  FieldChange<std::string> safety_email;  // null or blank: back to emailing the staff
};

ClinicPatch ValidateClinicPatch(const ClinicInput& input, IssueList& issues);
// A new clinic: name required; time_zone defaults to kDefaultTimeZone.
ClinicFields ValidateNewClinic(const ClinicInput& input, IssueList& issues);
ClinicFields ApplyPatch(ClinicFields fields, const ClinicPatch& patch);

// ---- patients -------------------------------------------------------------

struct PatientFields {
  std::string given_name;
  std::string family_name;
  std::optional<std::string> preferred_name;
  std::optional<PartialDate> birth_date;
  std::optional<std::string> nhs_number;  // 10 digits
  std::optional<std::string> email;       // domain lower-cased
  std::optional<std::string> phone;       // "+447700900123"
  bool operator==(const PatientFields&) const = default;
};

struct Patient {
  std::int64_t id = 0;         // internal key; never leaves the server
  std::string uuid;            // public identifier
  std::int64_t clinic_id = 0;  // internal key of the clinic
  std::string clinic_uuid;
  std::int64_t version = 0;  // 1 on create, +1 on each change
  PatientFields fields;
  Instant created_at = 0;
  Instant updated_at = 0;
};

// One entry of a patient's history: who changed it, when, and the whole
// patient document (the API's Patient JSON) as it was at that version.
struct PatientVersion {
  std::int64_t version = 0;
  std::string author;
  Instant recorded_at = 0;
  std::string snapshot_json;
};

struct PatientInput {
  InputField given_name;
  InputField family_name;
  InputField preferred_name;
  InputField birth_date;
  InputField nhs_number;
  InputField email;
  InputField phone;
};

struct PatientPatch {
  FieldChange<std::string> given_name;
  FieldChange<std::string> family_name;
  FieldChange<std::string> preferred_name;
  FieldChange<PartialDate> birth_date;
  FieldChange<std::string> nhs_number;
  FieldChange<std::string> email;
  FieldChange<std::string> phone;
};

// A merge patch: absent keeps a field, null (or blank text) clears an optional
// field and is an issue on a required one, text is validated and normalised.
PatientPatch ValidatePatientPatch(const PatientInput& input, const CalendarDate& today,
                                  IssueList& issues);
// A new patient: the same rules, and given_name and family_name must be present.
PatientFields ValidateNewPatient(const PatientInput& input, const CalendarDate& today,
                                 IssueList& issues);
PatientFields ApplyPatch(PatientFields fields, const PatientPatch& patch);

// The stored search key: "given family preferred", folded to lower case.
std::string SearchName(const PatientFields& fields);

// ---- listing --------------------------------------------------------------

struct PatientQuery {
  std::string search;  // folded to lower case; empty means every patient
  std::int64_t limit = kDefaultPageSize;
  std::int64_t offset = 0;
};

// Validates the list parameters as they came from the query string (nullopt
// when absent): limit 1–100 (default 20), offset ≥ 0 (default 0), q at most
// 200 characters. Issues use the parameter names as paths.
PatientQuery ValidatePatientQuery(const std::optional<std::string>& q,
                                  const std::optional<std::string>& limit,
                                  const std::optional<std::string>& offset, IssueList& issues);

}  // namespace unknot::people
