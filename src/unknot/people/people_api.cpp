#include "unknot/people/people_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <charconv>

#include "unknot/identity/access_policy.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/detail/store_support.hpp"
#include "unknot/people/patient_json.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/people/text_rules.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/platform/log.hpp"

namespace unknot::people {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;
using identity::ResourceKind;

constexpr std::string_view kPatientsPath = "/api/v1/patients";

Response Fail(const Request& request, const Error& error) {
  if (error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable) {
    log::Error("people request failed", {{"request_id", request.request_id},
                                         {"route", request.route_name},
                                         {"error", error.message()},
                                         {"detail", error.internal()}});
  }
  return http::Problem(error, request.path);
}

Response Created(std::string location, const json::object& body) {
  Response response = http::JsonResponse(201, body);
  response.SetHeader("Location", std::move(location));
  return response;
}

Response WithETag(Response response, std::int64_t version) {
  response.SetHeader("ETag", fmt::format("\"{}\"", version));
  return response;
}

std::string PatientLocation(const Patient& patient) {
  return fmt::format("{}/{}", kPatientsPath, patient.uuid);
}

// The version an If-Match header demands: nullopt when absent or "*". A quoted
// tag that is not one of our versions can never match, so it becomes -1 and
// the store reports the conflict; an unquoted value is a malformed header.
Result<std::optional<std::int64_t>> ExpectedVersion(const Request& request) {
  const auto header = request.Header("if-match");
  if (!header) return std::optional<std::int64_t>();
  std::string_view tag = TrimSpace(*header);
  if (tag == "*") return std::optional<std::int64_t>();
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') {
    return Error::Invalid(
        {{"If-Match", "invalid-header", "If-Match must be the ETag you received, such as \"3\"."}});
  }
  tag = tag.substr(1, tag.size() - 2);
  std::int64_t version = -1;
  const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (error != std::errc() || end != tag.data() + tag.size()) version = -1;
  return std::optional<std::int64_t>(version);
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

// What an access is about: the resource for the policy and the audit trail.
struct Target {
  identity::Resource resource;
  std::string resource_type;  // "clinic" | "patient"
  std::string resource_id;    // public uuid
};

Target ClinicTarget(const Clinic& clinic, ResourceKind kind = ResourceKind::kClinic) {
  return {{kind, clinic.id, std::nullopt}, "clinic", clinic.uuid};
}

Target PatientTarget(const Patient& patient) {
  return {{ResourceKind::kPatient, patient.clinic_id, patient.id}, "patient", patient.uuid};
}

// The route handlers. Copyable and stateless apart from references.
class PeopleApi final {
 public:
  PeopleApi(db::Database& db, const Clock& clock)
      : db_(&db), clinics_(db, clock), patients_(db, clock), clock_(&clock) {}

  Response ListClinics(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(principal.clinic_uuid);
    if (!clinic) return Fail(request, clinic.error());
    if (auto denied =
            Check(request, principal, Action::kList, ClinicTarget(*clinic), "clinic.list")) {
      return std::move(*denied);
    }
    return http::JsonResponse(200, json::object{{"items", json::array{EncodeClinic(*clinic)}}});
  }

  Response GetClinic(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return Fail(request, clinic.error());
    if (auto denied =
            Check(request, principal, Action::kRead, ClinicTarget(*clinic), "clinic.read")) {
      return std::move(*denied);
    }
    return http::JsonResponse(200, EncodeClinic(*clinic));
  }

  Response PatchClinic(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return Fail(request, clinic.error());
    const Target target = ClinicTarget(*clinic);
    if (auto denied = Check(request, principal, Action::kUpdate, target, "clinic.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto change = DecodeClinicChange(std::move(*body));
    if (!change) return Fail(request, change.error());
    auto updated = InWrite<Clinic>([&](db::Session& session, Instant now) -> Result<Clinic> {
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
    if (!updated) return Fail(request, updated.error());
    return http::JsonResponse(200, EncodeClinic(*updated));
  }

  Response ListPatients(Request& request, const Principal& principal) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return Fail(request, clinic.error());
    const Target target = ClinicTarget(*clinic, ResourceKind::kPatient);
    if (auto denied = Check(request, principal, Action::kList, target, "patient.list")) {
      return std::move(*denied);
    }
    IssueList issues;
    const PatientQuery query = ValidatePatientQuery(
        request.QueryParam("q"), request.QueryParam("limit"), request.QueryParam("offset"), issues);
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));
    auto page = patients_.List(clinic->uuid, query);
    if (!page) return Fail(request, page.error());
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
    if (!clinic) return Fail(request, clinic.error());
    const Target clinic_target = ClinicTarget(*clinic, ResourceKind::kPatient);
    if (auto denied = Check(request, principal, Action::kCreate, clinic_target, "patient.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto fields = DecodeNewPatient(*body, UtcDate(clock_->Now()));
    if (!fields) return Fail(request, fields.error());
    auto patient = InWrite<Patient>([&](db::Session& session, Instant now) -> Result<Patient> {
      auto created = InsertPatient(session, *clinic, *fields, request.actor, now);
      if (!created) return created;
      auto recorded = identity::RecordAudit(
          session,
          Event(request, principal, now, PatientTarget(*created), "patient.create", "success"));
      if (!recorded) return recorded.error();
      return created;
    });
    if (!patient) return Fail(request, patient.error());
    return WithETag(Created(PatientLocation(*patient), EncodePatient(*patient)), patient->version);
  }

  Response GetPatient(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return Fail(request, patient.error());
    const Target target = PatientTarget(*patient);
    if (auto denied = Check(request, principal, Action::kRead, target, "patient.read")) {
      return std::move(*denied);
    }
    if (auto unrecorded = AuditRead(request, principal, target, "patient.read")) {
      return std::move(*unrecorded);
    }
    return WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatchPatient(Request& request, const Principal& principal) const {
    auto current = patients_.Get(request.params.Get("id"));
    if (!current) return Fail(request, current.error());
    const Target target = PatientTarget(*current);
    if (auto denied = Check(request, principal, Action::kUpdate, target, "patient.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto patch = DecodePatientPatch(*body, UtcDate(clock_->Now()));
    if (!patch) return Fail(request, patch.error());
    auto expected = ExpectedVersion(request);
    if (!expected) return Fail(request, expected.error());
    auto patient = InWrite<Patient>([&](db::Session& session, Instant now) -> Result<Patient> {
      auto updated = UpdatePatient(session, current->uuid, *patch, *expected, request.actor, now);
      if (!updated) return updated;
      auto recorded = identity::RecordAudit(
          session, Event(request, principal, now, target, "patient.update", "success"));
      if (!recorded) return recorded.error();
      return updated;
    });
    if (!patient) return Fail(request, patient.error());
    return WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatientHistory(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return Fail(request, patient.error());
    const Target target = PatientTarget(*patient);
    if (auto denied = Check(request, principal, Action::kRead, target, "patient.history")) {
      return std::move(*denied);
    }
    auto versions = patients_.History(patient->uuid);
    if (!versions) return Fail(request, versions.error());
    json::array items;
    for (const PatientVersion& version : *versions) {
      auto item = EncodePatientVersion(version);
      if (!item) return Fail(request, item.error());
      items.push_back(std::move(*item));
    }
    if (auto unrecorded = AuditRead(request, principal, target, "patient.history")) {
      return std::move(*unrecorded);
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

 private:
  static identity::AuditEvent Event(const Request& request, const Principal& principal, Instant now,
                                    const Target& target, std::string action, std::string outcome) {
    identity::AuditEvent event = identity::MakeAuditEvent(
        request, &principal, now, std::move(action), target.resource_type, target.resource_id);
    event.clinic_id = target.resource.clinic_id;
    event.patient_id = target.resource.patient_id;
    event.outcome = std::move(outcome);
    return event;
  }

  // nullopt when allowed; otherwise the denial is recorded and answered with 403.
  std::optional<Response> Check(const Request& request, const Principal& principal, Action action,
                                const Target& target, std::string audit_action) const {
    auto allowed = identity::Authorize(principal, action, target.resource);
    if (allowed) return std::nullopt;
    const Error denial = allowed.error();
    auto recorded = identity::RecordAudit(
        *db_, Event(request, principal, clock_->Now(), target, std::move(audit_action), "denied"));
    if (!recorded) return Fail(request, recorded.error());
    return Fail(request, denial);
  }

  // A read is recorded, durably, before its data leaves; nullopt when it was.
  std::optional<Response> AuditRead(const Request& request, const Principal& principal,
                                    const Target& target, std::string action) const {
    auto recorded = identity::RecordAudit(
        *db_, Event(request, principal, clock_->Now(), target, std::move(action), "success"));
    if (!recorded) return Fail(request, recorded.error());
    return std::nullopt;
  }

  // Runs `work(session, now)` in one write transaction and returns its value.
  template <class T, class Work>
  Result<T> InWrite(Work&& work) const {
    return detail::InWrite<T>(*db_,
                              [&](db::Session& session) { return work(session, clock_->Now()); });
  }

  db::Database* db_;
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
