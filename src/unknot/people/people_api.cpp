#include "unknot/people/people_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <charconv>

#include "unknot/people/clinic_store.hpp"
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

constexpr std::string_view kClinicsPath = "/api/v1/clinics";
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

// The route handlers. Copyable and stateless apart from references.
class PeopleApi final {
 public:
  PeopleApi(db::Database& db, const Clock& clock)
      : clinics_(db, clock), patients_(db, clock), clock_(&clock) {}

  Response ListClinics(Request& request) const {
    auto clinics = clinics_.List();
    if (!clinics) return Fail(request, clinics.error());
    json::array items;
    for (const Clinic& clinic : *clinics) items.push_back(EncodeClinic(clinic));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

  Response CreateClinic(Request& request) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto fields = DecodeNewClinic(*body);
    if (!fields) return Fail(request, fields.error());
    auto clinic = clinics_.Create(*fields);
    if (!clinic) return Fail(request, clinic.error());
    return Created(fmt::format("{}/{}", kClinicsPath, clinic->uuid), EncodeClinic(*clinic));
  }

  Response GetClinic(Request& request) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return Fail(request, clinic.error());
    return http::JsonResponse(200, EncodeClinic(*clinic));
  }

  Response PatchClinic(Request& request) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto patch = DecodeClinicPatch(*body);
    if (!patch) return Fail(request, patch.error());
    auto clinic = clinics_.Update(request.params.Get("clinic_id"), *patch);
    if (!clinic) return Fail(request, clinic.error());
    return http::JsonResponse(200, EncodeClinic(*clinic));
  }

  Response ListPatients(Request& request) const {
    IssueList issues;
    const PatientQuery query = ValidatePatientQuery(
        request.QueryParam("q"), request.QueryParam("limit"), request.QueryParam("offset"), issues);
    if (!issues.empty()) return Fail(request, Error::Invalid(issues.Take()));
    auto page = patients_.List(request.params.Get("clinic_id"), query);
    if (!page) return Fail(request, page.error());
    json::array items;
    for (const Patient& patient : page->items) items.push_back(EncodePatient(patient));
    return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                                {"total", page->total},
                                                {"limit", query.limit},
                                                {"offset", query.offset}});
  }

  Response CreatePatient(Request& request) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto fields = DecodeNewPatient(*body, UtcDate(clock_->Now()));
    if (!fields) return Fail(request, fields.error());
    auto patient = patients_.Create(request.params.Get("clinic_id"), *fields, request.actor);
    if (!patient) return Fail(request, patient.error());
    return WithETag(Created(PatientLocation(*patient), EncodePatient(*patient)), patient->version);
  }

  Response GetPatient(Request& request) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return Fail(request, patient.error());
    return WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatchPatient(Request& request) const {
    auto body = http::ReadJsonObject(request);
    if (!body) return Fail(request, body.error());
    auto patch = DecodePatientPatch(*body, UtcDate(clock_->Now()));
    if (!patch) return Fail(request, patch.error());
    auto expected = ExpectedVersion(request);
    if (!expected) return Fail(request, expected.error());
    auto patient = patients_.Update(request.params.Get("id"), *patch, *expected, request.actor);
    if (!patient) return Fail(request, patient.error());
    return WithETag(http::JsonResponse(200, EncodePatient(*patient)), patient->version);
  }

  Response PatientHistory(Request& request) const {
    auto versions = patients_.History(request.params.Get("id"));
    if (!versions) return Fail(request, versions.error());
    json::array items;
    for (const PatientVersion& version : *versions) {
      auto item = EncodePatientVersion(version);
      if (!item) return Fail(request, item.error());
      items.push_back(std::move(*item));
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  }

 private:
  ClinicStore clinics_;
  PatientStore patients_;
  const Clock* clock_;
};

}  // namespace

void RegisterPeopleRoutes(http::Router& router, db::Database& db, const Clock& clock,
                          http::Guard guard) {
  using Member = Response (PeopleApi::*)(Request&) const;
  const PeopleApi api(db, clock);
  const auto add = [&](http::Method method, std::string_view pattern, Member member) {
    router.Add(method, pattern, http::Guarded(guard, [api, member](Request& request) {
                 return (api.*member)(request);
               }));
  };
  using M = http::Method;
  add(M::kGet, "/api/v1/clinics", &PeopleApi::ListClinics);
  add(M::kPost, "/api/v1/clinics", &PeopleApi::CreateClinic);
  add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}", &PeopleApi::GetClinic);
  add(M::kPatch, "/api/v1/clinics/{clinic_id:uuid}", &PeopleApi::PatchClinic);
  add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}/patients", &PeopleApi::ListPatients);
  add(M::kPost, "/api/v1/clinics/{clinic_id:uuid}/patients", &PeopleApi::CreatePatient);
  add(M::kGet, "/api/v1/patients/{id:uuid}", &PeopleApi::GetPatient);
  add(M::kPatch, "/api/v1/patients/{id:uuid}", &PeopleApi::PatchPatient);
  add(M::kGet, "/api/v1/patients/{id:uuid}/history", &PeopleApi::PatientHistory);
}

}  // namespace unknot::people
