#include "unknot/people/patient_model.hpp"

#include <fmt/format.h>

#include <charconv>

#include "unknot/people/text_rules.hpp"

namespace unknot::people {
namespace {

enum class Mode { kCreate, kPatch };

// What the messages and the required-check need to know about one field.
struct FieldSpec {
  std::string_view path;   // JSON path of the field in the request body
  std::string_view label;  // how a person would name it, capitalised
  bool required;
};

constexpr FieldSpec kGivenName{"given_name", "Given name", true};
constexpr FieldSpec kFamilyName{"family_name", "Family name", true};
constexpr FieldSpec kPreferredName{"preferred_name", "Preferred name", false};
constexpr FieldSpec kBirthDate{"birth_date", "Birth date", false};
constexpr FieldSpec kNhsNumber{"nhs_number", "NHS number", false};
constexpr FieldSpec kEmail{"email", "Email", false};
constexpr FieldSpec kPhone{"phone", "Phone number", false};
constexpr FieldSpec kClinicName{"name", "Clinic name", true};
constexpr FieldSpec kTimeZone{"time_zone", "Time zone", false};  // null resets to the default
constexpr FieldSpec kSafetyEmail{"safety_email", "Safety email", false};

void AddRequired(const FieldSpec& spec, IssueList& issues) {
  issues.Add(std::string(spec.path), "required", fmt::format("{} is required.", spec.label));
}

// Resolves one input field into a change. `normalise` gets trimmed, non-empty
// text and returns the stored value, or adds its own issue and returns nullopt.
// Blank text counts as null, because web forms send "" for an emptied box.
template <class T, class Normalise>
FieldChange<T> CheckField(const InputField& input, const FieldSpec& spec, Mode mode,
                          IssueList& issues, Normalise&& normalise) {
  using State = InputField::State;
  switch (input.state) {
    case State::kRejected: return {};
    case State::kAbsent:
      if (mode == Mode::kCreate && spec.required) AddRequired(spec, issues);
      return {};
    case State::kNull: break;
    case State::kText: {
      const std::string_view text = TrimSpace(input.text);
      if (text.empty()) break;
      std::optional<T> value = normalise(text);
      if (!value) return {};
      return FieldChange<T>::Set(std::move(*value));
    }
  }
  if (spec.required) {
    AddRequired(spec, issues);
    return {};
  }
  return FieldChange<T>::Clear();
}

// Free text such as a name: valid UTF-8, no control characters, at most `max_length` code points.
auto TextRule(const FieldSpec& spec, std::size_t max_length, IssueList& issues) {
  return [&spec, max_length, &issues](std::string_view text) -> std::optional<std::string> {
    const std::optional<std::size_t> length = CountCodePoints(text);
    bool ok = true;
    if (!length || HasControlCharacter(text)) {
      issues.Add(std::string(spec.path), "invalid-characters",
                 fmt::format("{} must not contain control characters such as tabs or line breaks.",
                             spec.label));
      ok = false;
    }
    if (length && *length > max_length) {
      issues.Add(std::string(spec.path), "too-long",
                 fmt::format("{} must be at most {} characters.", spec.label, max_length));
      ok = false;
    }
    if (!ok) return std::nullopt;
    return std::string(text);
  };
}

// A rule that either normalises the text or fails with one fixed issue.
template <class Normalise>
auto FormatRule(const FieldSpec& spec, std::string_view code, std::string_view message,
                IssueList& issues, Normalise normalise) {
  return [&spec, code, message, &issues, normalise](std::string_view text) {
    std::optional<std::string> value = normalise(text);
    if (!value) issues.Add(std::string(spec.path), std::string(code), std::string(message));
    return value;
  };
}

// True when `date` lies after `today` at the date's own precision: "2031" is
// in the future during 2030, but "2030" is not.
bool IsAfter(const PartialDate& date, const CalendarDate& today) {
  const int year = static_cast<int>(today.year());
  const unsigned month = static_cast<unsigned>(today.month());
  if (date.year != year) return date.year > year;
  if (date.precision == DatePrecision::kYear) return false;
  if (date.month != month) return date.month > month;
  if (date.precision == DatePrecision::kMonth) return false;
  return date.day > static_cast<unsigned>(today.day());
}

auto BirthDateRule(const CalendarDate& today, IssueList& issues) {
  return [&today, &issues](std::string_view text) -> std::optional<PartialDate> {
    const std::string path(kBirthDate.path);
    const std::optional<PartialDate> date = ParsePartialDate(text);
    if (!date) {
      issues.Add(path, "invalid-date",
                 "Birth date must be a real date written as a year (1970), a year and month "
                 "(1970-03) or a full date (1970-03-05).");
    } else if (date->year < kEarliestBirthYear) {
      issues.Add(path, "invalid-date",
                 fmt::format("Birth date must be in {} or later.", kEarliestBirthYear));
    } else if (IsAfter(*date, today)) {
      issues.Add(path, "future-date", "Birth date cannot be in the future.");
    } else {
      return date;
    }
    return std::nullopt;
  };
}

std::optional<std::string> TimeZoneOrNothing(std::string_view text) {
  if (!IsTimeZoneName(text)) return std::nullopt;
  return std::string(text);
}

PatientPatch CheckPatient(const PatientInput& in, const CalendarDate& today, Mode mode,
                          IssueList& issues) {
  PatientPatch patch;
  patch.given_name = CheckField<std::string>(in.given_name, kGivenName, mode, issues,
                                             TextRule(kGivenName, kMaxPersonNameLength, issues));
  patch.family_name = CheckField<std::string>(in.family_name, kFamilyName, mode, issues,
                                              TextRule(kFamilyName, kMaxPersonNameLength, issues));
  patch.preferred_name =
      CheckField<std::string>(in.preferred_name, kPreferredName, mode, issues,
                              TextRule(kPreferredName, kMaxPersonNameLength, issues));
  patch.birth_date = CheckField<PartialDate>(in.birth_date, kBirthDate, mode, issues,
                                             BirthDateRule(today, issues));
  patch.nhs_number = CheckField<std::string>(
      in.nhs_number, kNhsNumber, mode, issues,
      FormatRule(kNhsNumber, "invalid-nhs-number",
                 "NHS number must be 10 digits (spaces or hyphens allowed as 3-3-4) with a "
                 "correct check digit.",
                 issues, NormaliseNhsNumber));
  patch.email = CheckField<std::string>(
      in.email, kEmail, mode, issues,
      FormatRule(kEmail, "invalid-email", "Email must look like name@example.org.", issues,
                 NormaliseEmail));
  patch.phone = CheckField<std::string>(
      in.phone, kPhone, mode, issues,
      FormatRule(kPhone, "invalid-phone",
                 "Phone number must have 7 to 15 digits, optionally starting with +; spaces, "
                 "hyphens and brackets are fine.",
                 issues, NormalisePhone));
  return patch;
}

ClinicPatch CheckClinic(const ClinicInput& in, Mode mode, IssueList& issues) {
  ClinicPatch patch;
  patch.name = CheckField<std::string>(in.name, kClinicName, mode, issues,
                                       TextRule(kClinicName, kMaxClinicNameLength, issues));
  patch.time_zone =
      CheckField<std::string>(in.time_zone, kTimeZone, mode, issues,
                              FormatRule(kTimeZone, "invalid-time-zone",
                                         "Time zone must be an IANA name such as Europe/London.",
                                         issues, TimeZoneOrNothing));
  patch.safety_email = CheckField<std::string>(
      in.safety_email, kSafetyEmail, mode, issues,
      FormatRule(kSafetyEmail, "invalid-email", "Safety email must look like name@example.org.",
                 issues, NormaliseEmail));
  // The zone is required but defaulted: clearing it means "back to the default".
  if (patch.time_zone.kind == FieldChange<std::string>::Kind::kClear) {
    patch.time_zone = FieldChange<std::string>::Set(std::string(kDefaultTimeZone));
  }
  return patch;
}

template <class T>
void Apply(const FieldChange<T>& change, T& target) {
  if (change.kind == FieldChange<T>::Kind::kSet) target = change.value;
}

template <class T>
void Apply(const FieldChange<T>& change, std::optional<T>& target) {
  if (change.kind == FieldChange<T>::Kind::kSet) target = change.value;
  if (change.kind == FieldChange<T>::Kind::kClear) target.reset();
}

// Parses a whole query-string integer; adds an issue and returns nullopt otherwise.
std::optional<std::int64_t> ParseWholeNumber(const std::string& text, std::string_view name,
                                             IssueList& issues) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size()) return value;
  if (error == std::errc::result_out_of_range) {
    issues.Add(std::string(name), "out-of-range", fmt::format("{} is far too large.", name));
  } else {
    issues.Add(std::string(name), "invalid-number",
               fmt::format("{} must be a whole number.", name));
  }
  return std::nullopt;
}

}  // namespace

ClinicPatch ValidateClinicPatch(const ClinicInput& input, IssueList& issues) {
  return CheckClinic(input, Mode::kPatch, issues);
}

ClinicFields ValidateNewClinic(const ClinicInput& input, IssueList& issues) {
  return ApplyPatch(ClinicFields{}, CheckClinic(input, Mode::kCreate, issues));
}

ClinicFields ApplyPatch(ClinicFields fields, const ClinicPatch& patch) {
  Apply(patch.name, fields.name);
  Apply(patch.time_zone, fields.time_zone);
  Apply(patch.safety_email, fields.safety_email);
  return fields;
}

PatientPatch ValidatePatientPatch(const PatientInput& input, const CalendarDate& today,
                                  IssueList& issues) {
  return CheckPatient(input, today, Mode::kPatch, issues);
}

PatientFields ValidateNewPatient(const PatientInput& input, const CalendarDate& today,
                                 IssueList& issues) {
  return ApplyPatch(PatientFields{}, CheckPatient(input, today, Mode::kCreate, issues));
}

PatientFields ApplyPatch(PatientFields fields, const PatientPatch& patch) {
  Apply(patch.given_name, fields.given_name);
  Apply(patch.family_name, fields.family_name);
  Apply(patch.preferred_name, fields.preferred_name);
  Apply(patch.birth_date, fields.birth_date);
  Apply(patch.nhs_number, fields.nhs_number);
  Apply(patch.email, fields.email);
  Apply(patch.phone, fields.phone);
  return fields;
}

std::string SearchName(const PatientFields& fields) {
  std::string name = fields.given_name + ' ' + fields.family_name;
  if (fields.preferred_name) name += ' ' + *fields.preferred_name;
  return FoldForSearch(name);
}

PatientQuery ValidatePatientQuery(const std::optional<std::string>& q,
                                  const std::optional<std::string>& limit,
                                  const std::optional<std::string>& offset, IssueList& issues) {
  PatientQuery query;
  if (q) {
    const std::string_view text = TrimSpace(*q);
    const std::optional<std::size_t> length = CountCodePoints(text);
    if (!length) {
      issues.Add("q", "invalid-characters", "q must be valid text.");
    } else if (*length > kMaxSearchLength) {
      issues.Add("q", "too-long",
                 fmt::format("q must be at most {} characters.", kMaxSearchLength));
    } else {
      query.search = FoldForSearch(text);
    }
  }
  if (limit) {
    if (const auto value = ParseWholeNumber(*limit, "limit", issues)) {
      if (*value < 1 || *value > kMaxPageSize) {
        issues.Add("limit", "out-of-range",
                   fmt::format("limit must be between 1 and {}.", kMaxPageSize));
      } else {
        query.limit = *value;
      }
    }
  }
  if (offset) {
    if (const auto value = ParseWholeNumber(*offset, "offset", issues)) {
      if (*value < 0) {
        issues.Add("offset", "out-of-range", "offset must be 0 or more.");
      } else {
        query.offset = *value;
      }
    }
  }
  return query;
}

}  // namespace unknot::people
