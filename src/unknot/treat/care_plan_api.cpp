#include "unknot/treat/care_plan_api.hpp"

#include <boost/json.hpp>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_record_write.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/treat/care_plan_store.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

json::object EncodeView(const CarePlanView& view) {
  const StoredCarePlan& plan = view.plan;
  json::object out;
  out["version"] = plan.version;
  if (plan.values) {
    out = EncodeCarePlanValues(*plan.values);
    out["version"] = plan.version;
    json::array& goals = out["goals"].as_array();
    for (std::size_t i = 0; i < goals.size(); ++i) {
      goals[i].as_object()["current"] =
          i < view.current.size() ? assess::JsonOrNull(view.current[i]) : json::value(nullptr);
    }
  } else {
    out["problems"] = json::array();
    out["goals"] = json::array();
    out["planned_sessions"] = nullptr;
    out["frequency"] = nullptr;
    out["programme_note"] = nullptr;
    out["review_date"] = nullptr;
  }
  out["sessions_done"] = view.sessions_done;
  out["updated_at"] = plan.version > 0 ? json::value(FormatInstant(plan.updated_at)) : nullptr;
  out["updated_by"] =
      plan.updated_by ? json::value(assess::EncodeAuthor(*plan.updated_by)) : json::value(nullptr);
  return out;
}

json::object EncodeVersion(const CarePlanVersion& version) {
  return json::object{{"version", version.version},
                      {"author", assess::EncodeAuthor(version.author)},
                      {"recorded_at", FormatInstant(version.recorded_at)},
                      {"plan", EncodeCarePlanValues(version.values)}};
}

Response PlanResponse(const CarePlanView& view) {
  return http::WithETag(http::JsonResponse(200, EncodeView(view)), view.plan.version);
}

class CarePlanApi final {
 public:
  CarePlanApi(db::Database& db, const Clock& clock) : guard_(db, clock), patients_(db, clock) {}

  Response Get(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<CarePlanView>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "care_plan.read",
        [](db::Session& session, const people::Patient& patient) {
          return LoadCarePlanView(session, patient.id);
        },
        [](const CarePlanView& view) { return PlanResponse(view); });
  }

  // Staff write the plan; the patient reads it (the policy lets a patient
  // read and answer their own record, never update it).
  Response Put(Request& request, const Principal& principal) const {
    const assess::Author author{principal.user_uuid, principal.display_name};
    return people::ReplacePatientDocument<CarePlanView>(
        guard_, patients_, request, principal,
        {Action::kUpdate, people::RecordKind::kPatientReadable, people::IfMatch::kRequired,
         "care_plan.update"},
        [&](db::Session& session, const people::Patient& patient, const json::object& body,
            std::optional<std::int64_t> expected, Instant now) -> Result<CarePlanView> {
          auto zone = empower::ClinicTimeZone(session, patient.clinic_id);
          if (!zone) return zone.error();
          auto today = empower::LocalToday(now, *zone);
          if (!today) return today.error();
          IssueList issues;
          const CarePlanValues values = DecodeCarePlan(body, *today, issues);
          if (!issues.empty()) return Error::Invalid(issues.Take());
          auto stored = SaveCarePlan(session, patient, values, expected, author, now);
          if (!stored) return stored.error();
          return LoadCarePlanView(session, patient.id);
        },
        PlanResponse);
  }

  Response Versions(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<CarePlanVersion>>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "care_plan.versions",
        [](db::Session& session, const people::Patient& patient) {
          return ListCarePlanVersions(session, patient.id);
        },
        [](const std::vector<CarePlanVersion>& versions) {
          return http::ItemsResponse(versions, EncodeVersion);
        });
  }

 private:
  identity::AccessGuard guard_;
  people::PatientStore patients_;
};

}  // namespace

void RegisterCarePlanRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator) {
  const identity::ProtectedRoutes<CarePlanApi> routes(router, authenticator,
                                                      CarePlanApi(db, clock));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/care-plan", &CarePlanApi::Get);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/care-plan", &CarePlanApi::Put);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/care-plan/versions", &CarePlanApi::Versions);
}

}  // namespace unknot::treat
