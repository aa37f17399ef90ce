#include "unknot/people/demo_data.hpp"

#include <fmt/format.h>

#include "unknot/people/clinic_store.hpp"
#include "unknot/people/detail/store_support.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/people/patient_store.hpp"

namespace unknot::people {
namespace {

constexpr std::string_view kDemoClinicName = "Calm Tissue Clinic (demo)";
constexpr std::string_view kDemoAuthor = "demo";

// Made-up people. NHS numbers pass the modulus-11 check; phone numbers are in
// Ofcom's ranges reserved for drama; e-mail domains are reserved examples.
struct DemoPatient {
  const char* given_name;
  const char* family_name;
  const char* preferred_name;
  const char* birth_date;
  const char* nhs_number;
  const char* email;
  const char* phone;
};

constexpr DemoPatient kDemoPatients[] = {
    {"Amelia", "Hartley", nullptr, "1984-07-12", "943 476 5919", "amelia.hartley@example.org",
     "07700 900123"},
    {"Oluwaseun", "Adeyemi", "Seun", "1991-03", "401 023 2137", "seun.adeyemi@example.com",
     "+44 7700 900456"},
    {"Margaret", "Pryce", "Peggy", "1952", nullptr, nullptr, "01632 960001"},
    {"Tomasz", "Kowalczyk", nullptr, "1978-11-30", "443 464 0976", "t.kowalczyk@example.net",
     nullptr},
    {"Priya", "Raman", nullptr, "1996-02-29", "420 246 6330", nullptr, "07700 900789"},
    {"Callum", "MacLeod", "Cal", "1969-05", nullptr, "callum.macleod@example.org", nullptr},
    {"Zo\xC3\xAB", "Whitfield", nullptr, "2001-09-17", "452 992 3126", "zoe.whitfield@example.org",
     "020 7946 0321"},
    {"Idris", "Evans", nullptr, nullptr, nullptr, nullptr, "029 2018 0456"},
};

InputField Optional(const char* text) {
  return text == nullptr ? InputField{} : InputField::Text(text);
}

// Runs the demo people through the same rules as the API, so demo data can never be invalid.
Result<PatientFields> DemoFields(const DemoPatient& demo, const CalendarDate& today) {
  PatientInput input{
      InputField::Text(demo.given_name),
      InputField::Text(demo.family_name),
      Optional(demo.preferred_name),
      Optional(demo.birth_date),
      Optional(demo.nhs_number),
      Optional(demo.email),
      Optional(demo.phone),
  };
  IssueList issues;
  PatientFields fields = ValidateNewPatient(input, today, issues);
  if (!issues.empty()) {
    return Error::Internal(fmt::format("demo patient {} {} is invalid: {}", demo.given_name,
                                       demo.family_name, issues.Take().front().message));
  }
  return fields;
}

Result<std::string> SeedDemoClinic(db::Session& session, const Clock& clock) {
  auto existing = ListClinics(session);
  if (!existing) return existing.error();
  if (!existing->empty()) return existing->front().uuid;

  const Instant now = clock.Now();
  auto clinic = InsertClinic(session, ClinicFields{std::string(kDemoClinicName)}, now);
  if (!clinic) return clinic.error();
  for (const DemoPatient& demo : kDemoPatients) {
    auto fields = DemoFields(demo, UtcDate(now));
    if (!fields) return fields.error();
    auto patient = InsertPatient(session, *clinic, *fields, kDemoAuthor, now);
    if (!patient) return patient.error();
  }
  return clinic->uuid;
}

}  // namespace

Result<std::string> CreateDemoClinic(db::Database& db, const Clock& clock) {
  return detail::InWrite<std::string>(
      db, [&clock](db::Session& session) { return SeedDemoClinic(session, clock); });
}

}  // namespace unknot::people
