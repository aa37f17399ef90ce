#include "unknot/assess/alert_api.hpp"

#include <boost/json.hpp>

#include "unknot/assess/assessment_api_support.hpp"
#include "unknot/assess/assessment_json.hpp"
#include "unknot/assess/assessment_requests.hpp"
#include "unknot/assess/safety_alerts.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using detail::AlertTarget;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

json::object Items(const std::vector<AlertRecord>& alerts) {
  json::array items;
  for (const auto& alert : alerts) items.push_back(EncodeAlert(alert));
  return {{"items", std::move(items)}};
}

class AlertApi final {
 public:
  AlertApi(db::Database& db, const Clock& clock)
      : db_(&db), clock_(&clock), guard_(db, clock), clinics_(db, clock), patients_(db, clock) {}

  Response ClinicAlerts(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    // Every patient of the clinic: a list patients may never make.
    const auto target =
        identity::ClinicTarget(clinic->id, clinic->uuid, identity::ResourceKind::kPatient);
    if (auto denied =
            guard_.Check(request, principal, Action::kList, target, "safety_alert.list")) {
      return std::move(*denied);
    }
    auto filter = ParseAlertFilter(request.QueryParam("status"));
    if (!filter) return http::ErrorResponse(request, filter.error());
    auto alerts = db::InRead<std::vector<AlertRecord>>(
        *db_, [&](db::Session& session) { return ListClinicAlerts(session, clinic->id, *filter); });
    if (!alerts) return http::ErrorResponse(request, alerts.error());
    if (auto unrecorded = guard_.AuditRead(request, principal, target, "safety_alert.list")) {
      return std::move(*unrecorded);
    }
    return http::JsonResponse(200, Items(*alerts));
  }

  Response PatientAlerts(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<AlertRecord>>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "safety_alert.list",
        [](db::Session& session, const people::Patient& patient) {
          return ListPatientAlerts(session, patient.id);
        },
        [](const std::vector<AlertRecord>& alerts) {
          return http::JsonResponse(200, Items(alerts));
        });
  }

  Response Acknowledge(Request& request, const Principal& principal) const {
    if (auto refused = detail::RefusePatient(guard_, request, principal, "safety_alert",
                                             "safety_alert.acknowledge")) {
      return std::move(*refused);
    }
    auto alert = db::InRead<AlertRecord>(
        *db_, [&](db::Session& session) { return GetAlert(session, request.params.Get("id")); });
    if (!alert) return http::ErrorResponse(request, alert.error());
    if (auto denied = guard_.Check(request, principal, Action::kUpdate, AlertTarget(*alert),
                                   "safety_alert.acknowledge")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto note = DecodeAcknowledgement(*body);
    if (!note) return http::ErrorResponse(request, note.error());
    auto acknowledged =
        db::InWrite<AlertRecord>(*db_, [&](db::Session& session) -> Result<AlertRecord> {
          const Instant now = clock_->Now();
          auto current = GetAlert(session, alert->uuid);
          if (!current) return current;
          auto done = AcknowledgeAlert(session, *current, detail::Actor(principal), *note, now);
          if (!done) return done;
          if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                                 AlertTarget(*done), "safety_alert.acknowledge");
              !recorded) {
            return recorded.error();
          }
          return done;
        });
    if (!acknowledged) return http::ErrorResponse(request, acknowledged.error());
    return http::JsonResponse(200, EncodeAlert(*acknowledged));
  }

 private:
  db::Database* db_;
  const Clock* clock_;
  identity::AccessGuard guard_;
  people::ClinicStore clinics_;
  people::PatientStore patients_;
};

}  // namespace

void RegisterAlertRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const identity::Authenticator& authenticator) {
  const identity::ProtectedRoutes<AlertApi> routes(router, authenticator, AlertApi(db, clock));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}/alerts", &AlertApi::ClinicAlerts);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/alerts", &AlertApi::PatientAlerts);
  routes.Add(M::kPost, "/api/v1/alerts/{id:uuid}/acknowledge", &AlertApi::Acknowledge);
}

}  // namespace unknot::assess
