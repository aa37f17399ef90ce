#include "unknot/people/people_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "unknot/identity/access_guard.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/detail/store_support.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_json.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/people/text_rules.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::people {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;
using identity::ResourceKind;

constexpr std::string_view kPatientsPath = "/api/v1/patients";

std::string PatientLocation(const Patient& patient) {
  return fmt::format("{}/{}", kPatientsPath, patient.uuid);
}

// The clinic patch minus `require_mfa`, which identity owns; every issue of
// both parts is reported together.
struct ClinicChange {
  ClinicPatch patch;
  std::optional<bool> require_mfa;
};

Result<ClinicChange> DecodeClinicChange(json::object body) {
  ClinicChange change;
  std::vector<Issue> issues;
  if (const auto* flag = body.if_contains("require_mfa")) {
    if (flag->is_bool()) {
      change.require_mfa = flag->as_bool();
    } else {
      issues.push_back({"require_mfa", "wrong-type", "require_mfa must be true or false."});
    }
    body.erase("require_mfa");
  }
  auto patch = DecodeClinicPatch(body);
  if (!patch) {
    const Error error = patch.error();
    issues.insert(issues.begin(), error.issues().begin(), error.issues().end());
  }
  if (!issues.empty()) return Error::Invalid(std::move(issues));
  change.patch = std::move(*patch);
  return change;
}

identity::AccessTarget ClinicTarget(const Clinic& clinic,
                                    ResourceKind kind = ResourceKind::kClinic) {
  return identity::ClinicTarget(clinic.id, clinic.uuid, kind);
}

// The route handlers. Copyable and stateless apart from references.
class PeopleApi final {
 public:
  PeopleApi(db::Database& db, const Clock& clock)
      : db_(&db), guard_(db, clock), clinics_(db, clock), patients_(db, clock), clock_(&clock) {}

  Response ListClinics(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(principal.clinic_uuid);
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    if (auto denied =
            Check(request, principal, Action::kList, ClinicTarget(*clinic), "clinic.list")) {
      return std::move(*denied);
    }
    return http::JsonResponse(200, json::object{{"items", json::array{EncodeClinic(*clinic)}}});
  }

  Response GetClinic(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    if (auto denied =
            Check(request, principal, Action::kRead, ClinicTarget(*clinic), "clinic.read")) {
      return std::move(*denied);
    }
    return http::JsonResponse(200, EncodeClinic(*clinic));
  }

  Response PatchClinic(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    const identity::AccessTarget target = ClinicTarget(*clinic);
    if (auto denied = Check(request, principal, Action::kUpdate, target, "clinic.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto change = DecodeClinicChange(std::move(*body));
    if (!change) return http::ErrorResponse(request, change.error());
    auto updated = guard_.InWrite<Clinic>([&](db::Session& session, Instant now) -> Result<Clinic> {
      auto patched = UpdateClinic(session, clinic->uuid, change->patch, now);
      if (!patched) return patched;
      if (change->require_mfa) {
        auto set = identity::SetClinicRequiresMfa(session, clinic->id, *change->require_mfa, now);
        if (!set) return set.error();
      }
      auto recorded = identity::RecordAudit(
          session, Event(request, principal, now, target, "clinic.update", "success"));
      if (!recorded) return recorded.error();
      return people::GetClinic(session, clinic->uuid);
    });
    if (!updated) return http::ErrorResponse(request, updated.error());
    return http::JsonResponse(200, EncodeClinic(*updated));
  }

  Response ListPatients(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    const identity::AccessTarget target = ClinicTarget(*clinic, ResourceKind::kPatient);
    if (auto denied = Check(request, principal, Action::kList, target, "patient.list")) {
      return std::move(*denied);
    }
    IssueList issues;
    const PatientQuery query = ValidatePatientQuery(
        request.QueryParam("q"), request.QueryParam("limit"), request.QueryParam("offset"), issues);
    if (!issues.empty()) return http::ErrorResponse(request, Error::Invalid(issues.Take()));
    auto page = patients_.List(clinic->uuid, query);
    if (!page) return http::ErrorResponse(request, page.error());
    if (auto unrecorded = AuditRead(request, principal, target, "patient.list")) {
      return std::move(*unrecorded);
    }
    json::array items;
    for (const Patient& patient : page->items) items.push_back(EncodePatient(patient));
    return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                                {"total", page->total},
                                                {"limit", query.limit},
                                                {"offset", query.offset}});
  }

  Response CreatePatient(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    const identity::AccessTarget clinic_target = ClinicTarget(*clinic, ResourceKind::kPatient);
    if (auto denied = Check(request, principal, Action::kCreate, clinic_target, "patient.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto fields = DecodeNewPatient(*body, UtcDate(clock_->Now()));
    if (!fields) return http::ErrorResponse(request, fields.error());
    auto patient =
        guard_.InWrite<Patient>([&](db::Session& session, Instant now) -> Result<Patient> {
          auto created = InsertPatient(session, *clinic, *fields, request.actor, now);
          if (!created) return created;
          auto recorded = identity::RecordAudit(
              session,
              Event(request, principal, now, PatientTarget(*created), "patient.create", "success"));
          if (!recorded) return recorded.error();
          return created;
        });
    if (!patient) return http::ErrorResponse(request, patient.error());
    return http::WithETag(http::Created(PatientLocation(*patient), EncodePatient(*patient)),
                          patient->version);
  }

  Response GetPatient(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const identity::AccessTarget target = PatientTarget(*patient);
    if (auto denied = Check(request, principal, Action::kRead, target, "patient.read")) {
      return std::move(*denied);
    }
    if (auto unrecorded = AuditRead(request, principal, target, "patient.read")) {
      return std::move(*unrecorded);
    }
    return http::WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatchPatient(Request& request, const Principal& principal) const {
    auto current = patients_.Get(request.params.Get("id"));
    if (!current) return http::ErrorResponse(request, current.error());
    const identity::AccessTarget target = PatientTarget(*current);
    if (auto denied = Check(request, principal, Action::kUpdate, target, "patient.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto patch = DecodePatientPatch(*body, UtcDate(clock_->Now()));
    if (!patch) return http::ErrorResponse(request, patch.error());
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    auto patient =
        guard_.InWrite<Patient>([&](db::Session& session, Instant now) -> Result<Patient> {
          auto updated =
              UpdatePatient(session, current->uuid, *patch, *expected, request.actor, now);
          if (!updated) return updated;
          auto recorded = identity::RecordAudit(
              session, Event(request, principal, now, target, "patient.update", "success"));
          if (!recorded) return recorded.error();
          return updated;
        });
    if (!patient) return http::ErrorResponse(request, patient.error());
    return http::WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatientHistory(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const identity::AccessTarget target = PatientTarget(*patient);
    if (auto denied = Check(request, principal, Action::kRead, target, "patient.history")) {
      return std::move(*denied);
    }
    auto versions = patients_.History(patient->uuid);
    if (!versions) return http::ErrorResponse(request, versions.error());
    json::array items;
    for (const PatientVersion& version : *versions) {
      auto item = EncodePatientVersion(version);
      if (!item) return http::ErrorResponse(request, item.error());
      items.push_back(std::move(*item));
    }
    if (auto unrecorded = AuditRead(request, principal, target, "patient.history")) {
      return std::move(*unrecorded);
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

 private:
  std::optional<Response> Check(const Request& request, const Principal& principal, Action action,
                                const identity::AccessTarget& target,
                                std::string audit_action) const {
    return guard_.Check(request, principal, action, target, std::move(audit_action));
  }

  std::optional<Response> AuditRead(const Request& request, const Principal& principal,
                                    const identity::AccessTarget& target,
                                    std::string action) const {
    return guard_.AuditRead(request, principal, target, std::move(action));
  }

  identity::AuditEvent Event(const Request& request, const Principal& principal, Instant now,
                             const identity::AccessTarget& target, std::string action,
                             std::string outcome) const {
    return guard_.Event(request, principal, now, target, std::move(action), std::move(outcome));
  }

  db::Database* db_;
  identity::AccessGuard guard_;
  ClinicStore clinics_;
  PatientStore patients_;
  const Clock* clock_;
};

}  // namespace

void RegisterPeopleRoutes(http::Router& router, db::Database& db, const Clock& clock,
                          const identity::Authenticator& authenticator) {
  const identity::ProtectedRoutes<PeopleApi> routes(router, authenticator, PeopleApi(db, clock));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/clinics", &PeopleApi::ListClinics);
  routes.Add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}", &PeopleApi::GetClinic);
  routes.Add(M::kPatch, "/api/v1/clinics/{clinic_id:uuid}", &PeopleApi::PatchClinic);
  routes.Add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}/patients", &PeopleApi::ListPatients);
  routes.Add(M::kPost, "/api/v1/clinics/{clinic_id:uuid}/patients", &PeopleApi::CreatePatient);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}", &PeopleApi::GetPatient);
  routes.Add(M::kPatch, "/api/v1/patients/{id:uuid}", &PeopleApi::PatchPatient);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/history", &PeopleApi::PatientHistory);
}

}  // namespace unknot::people
