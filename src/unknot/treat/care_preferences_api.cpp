#include "unknot/treat/care_preferences_api.hpp"

#include <boost/json.hpp>

#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_record_write.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/treat/care_preference_fields.hpp"
#include "unknot/treat/care_preferences_store.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Principal;

Response PreferencesResponse(const CarePreferences& preferences) {
  return http::WithETag(http::JsonResponse(200, EncodeCarePreferences(preferences)),
                        preferences.version);
}

class CarePreferencesApi final {
 public:
  CarePreferencesApi(db::Database& db, const Clock& clock,
                     std::shared_ptr<const assess::AssessContent> content)
      : guard_(db, clock),
        patients_(db, clock),
        content_(std::move(content)),
        fields_(
            std::make_shared<const std::string>(json::serialize(EncodeCarePreferenceFields()))) {}

  // The table holds no patient data: anyone signed in may read it.
  Response Fields(Request&, const Principal&) const { return Response::Json(200, *fields_); }

  Response Get(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<CarePreferences>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "care_preferences.read",
        [](db::Session& session, const people::Patient& patient) {
          return GetCarePreferences(session, patient.id);
        },
        PreferencesResponse);
  }

  // The patient keeps their own; staff change them with the patient.
  Response Put(Request& request, const Principal& principal) const {
    const SetBy side = principal.IsStaff() ? SetBy::kClinician : SetBy::kPatient;
    const Author author{principal.user_uuid, principal.display_name};
    return people::ReplacePatientDocument<CarePreferences>(
        guard_, patients_, request, principal,
        {people::OwnRecordWrite(principal), people::RecordKind::kPatientReadable,
         people::IfMatch::kRequired, "care_preferences.update"},
        [&](db::Session& session, const people::Patient& patient, const json::object& body,
            std::optional<std::int64_t> expected, Instant now) -> Result<CarePreferences> {
          auto change = DecodeCarePreferenceChange(body, content_->body_map);
          if (!change) return change.error();
          return SaveCarePreferences(session, patient.id, *change, expected, author, side, now);
        },
        PreferencesResponse);
  }

  // The history names who changed what and when: for staff.
  Response Versions(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<CarePreferencesVersion>>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly,
        "care_preferences.versions",
        [](db::Session& session, const people::Patient& patient) {
          return ListCarePreferencesVersions(session, patient.id);
        },
        [](const std::vector<CarePreferencesVersion>& versions) {
          return http::ItemsResponse(versions, EncodeCarePreferencesVersion);
        });
  }

 private:
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const assess::AssessContent> content_;
  std::shared_ptr<const std::string> fields_;
};

}  // namespace

void RegisterCarePreferencesRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                   const identity::Authenticator& authenticator,
                                   std::shared_ptr<const assess::AssessContent> content) {
  const identity::ProtectedRoutes<CarePreferencesApi> routes(
      router, authenticator, CarePreferencesApi(db, clock, std::move(content)));
  using M = http::Method;
  using Api = CarePreferencesApi;
  routes.Add(M::kGet, "/api/v1/care-preference-fields", &Api::Fields);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/care-preferences", &Api::Get);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/care-preferences", &Api::Put);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/care-preferences/versions", &Api::Versions);
}

}  // namespace unknot::treat
