#include "unknot/treat/demo_care_preferences.hpp"

#include <boost/json.hpp>

#include <chrono>

#include "unknot/identity/user_store.hpp"
#include "unknot/treat/care_preferences_store.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;

constexpr std::string_view kDemoPatientEmail = "patient@demo.unknot.test";
constexpr std::string_view kDemoClinicianEmail = "clinician@demo.unknot.test";
constexpr Instant kDay = std::chrono::microseconds(std::chrono::hours(24)).count();

CarePreferenceChange DemoValues() {
  CarePreferenceChange change;
  change.values.emplace("consent_to_touch", json::value(json::object{{"neck", "no"},
                                                                     {"lower_back", "ask_first"},
                                                                     {"left_shoulder", "yes"},
                                                                     {"right_shoulder", "yes"}}));
  change.values.emplace("stop_signal", json::value("hand up"));
  change.values.emplace("pressure", json::value("light"));
  change.values.emplace("written_summary", json::value(true));
  change.values.emplace("talking", json::value("quiet"));
  change.values.emplace("unscented", json::value(true));
  return change;
}

}  // namespace

Result<void> CreateDemoCarePreferences(db::Database& db, const Clock& clock) {
  return db.Write([&](db::Session& session) -> Result<void> {
    auto patient_login = identity::FindUserByEmail(session, kDemoPatientEmail);
    if (!patient_login) return patient_login.error();
    if (!*patient_login || !(*patient_login)->patient_id) return {};
    const std::int64_t patient_id = *(*patient_login)->patient_id;
    auto existing = GetCarePreferences(session, patient_id);
    if (!existing) return existing.error();
    if (existing->version > 0) return {};

    const Instant now = clock.Now();
    const CarePreferenceChange values = DemoValues();
    const Author patient{(*patient_login)->uuid, (*patient_login)->display_name};
    auto first = SaveCarePreferences(session, patient_id, values, 0, patient, SetBy::kPatient,
                                     now - 14 * kDay);
    if (!first) return first.error();

    auto clinician_login = identity::FindUserByEmail(session, kDemoClinicianEmail);
    if (!clinician_login) return clinician_login.error();
    if (!*clinician_login) return {};
    CarePreferenceChange reviewed;
    for (const auto& [name, value] : values.values) reviewed.reviewed.push_back(name);
    const Author clinician{(*clinician_login)->uuid, (*clinician_login)->display_name};
    auto second = SaveCarePreferences(session, patient_id, reviewed, first->version, clinician,
                                      SetBy::kClinician, now - 7 * kDay);
    if (!second) return second.error();
    return {};
  });
}

}  // namespace unknot::treat
