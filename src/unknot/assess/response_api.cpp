#include "unknot/assess/response_api.hpp"

#include <boost/json.hpp>

#include "unknot/assess/assessment_api_support.hpp"
#include "unknot/assess/assessment_json.hpp"
#include "unknot/assess/assessment_requests.hpp"
#include "unknot/assess/body_map_store.hpp"
#include "unknot/assess/response_store.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using detail::ResponseTarget;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

class ResponseApi final {
 public:
  ResponseApi(db::Database& db, const Clock& clock, std::shared_ptr<const AssessContent> content,
              SafetyMailSettings mail)
      : db_(&db),
        clock_(&clock),
        guard_(db, clock),
        patients_(db, clock),
        content_(std::move(content)),
        mail_(std::move(mail)) {}

  Response List(Request& request, const Principal& principal) const {
    const auto instrument = request.QueryParam("instrument");
    if (instrument && content_->registry.Find(*instrument) == nullptr) {
      return http::ErrorResponse(request,
                                 Error::Invalid({{"instrument", "unknown-instrument",
                                                  "There is no instrument with this id."}}));
    }
    // All of the patient's responses, so each one's change can find its predecessor.
    return people::ReadPatientRecords<std::vector<ResponseRecord>>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "response.list",
        [](db::Session& session, const people::Patient& patient) {
          return ListResponses(session, patient.id);
        },
        [&](const std::vector<ResponseRecord>& responses) {
          const auto keep = [&](const ResponseRecord& r) {
            return !instrument || r.instrument == *instrument;
          };
          return http::JsonResponse(
              200, json::object{{"items", EncodeResponses(responses, content_->registry, keep)}});
        });
  }

  Response Correct(Request& request, const Principal& principal) const {
    if (auto refused =
            detail::RefusePatient(guard_, request, principal, "response", "response.update")) {
      return std::move(*refused);
    }
    auto response = Find(request);
    if (!response) return http::ErrorResponse(request, response.error());
    if (auto denied = guard_.Check(request, principal, Action::kUpdate, ResponseTarget(*response),
                                   "response.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    if (!*expected) return detail::MissingIfMatch(request);
    const InstrumentDefinition* definition = content_->registry.Find(response->instrument);
    if (definition == nullptr || definition->version != response->instrument_version) {
      // Rescoring with another version's rules would silently change its meaning.
      return http::ErrorResponse(
          request, Error(ErrorCode::kConflict,
                         "This response was recorded with an instrument version this server no "
                         "longer has, so it cannot be corrected here."));
    }
    auto correction = DecodeCorrection(*body, *definition);
    if (!correction) return http::ErrorResponse(request, correction.error());
    const detail::AlertWriter alerts{guard_, request, principal, mail_};
    auto document =
        db::InWrite<json::object>(*db_, [&](db::Session& session) -> Result<json::object> {
          const Instant now = clock_->Now();
          auto current = GetResponse(session, response->uuid);
          if (!current) return current.error();
          const ScoreResult score = Score(*definition, correction->answers);
          auto corrected = CorrectResponse(session, *current,
                                           {correction->answers, score, correction->reason,
                                            **expected, detail::Actor(principal)},
                                           now);
          if (!corrected) return corrected.error();
          if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                                 ResponseTarget(*corrected), "response.update");
              !recorded) {
            return recorded.error();
          }
          const AlertSubject subject{corrected->clinic_id, corrected->patient_id,
                                     corrected->assessment_id};
          if (auto raised = alerts.Raise(session, subject, score, now); !raised)
            return raised.error();
          return Encode(session, *corrected);
        });
    if (!document) return http::ErrorResponse(request, document.error());
    return http::WithETag(http::JsonResponse(200, *document), document->at("version").as_int64());
  }

  Response History(Request& request, const Principal& principal) const {
    if (auto refused =
            detail::RefusePatient(guard_, request, principal, "response", "response.history")) {
      return std::move(*refused);
    }
    auto response = Find(request);
    if (!response) return http::ErrorResponse(request, response.error());
    const auto target = ResponseTarget(*response);
    if (auto denied = guard_.Check(request, principal, Action::kRead, target, "response.history")) {
      return std::move(*denied);
    }
    auto versions = db::InRead<std::vector<ResponseVersion>>(
        *db_, [&](db::Session& session) { return ResponseHistory(session, response->id); });
    if (!versions) return http::ErrorResponse(request, versions.error());
    if (auto unrecorded = guard_.AuditRead(request, principal, target, "response.history")) {
      return std::move(*unrecorded);
    }
    return http::ItemsResponse(*versions, EncodeResponseVersion);
  }

  Response BodyMaps(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<BodyMapRecord>>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "body_map.list",
        [](db::Session& session, const people::Patient& patient) {
          return ListBodyMaps(session, patient.id);
        },
        [&](const std::vector<BodyMapRecord>& body_maps) {
          return http::ItemsResponse(body_maps, [&](const BodyMapRecord& body_map) {
            return EncodeBodyMap(body_map, content_->body_map);
          });
        });
  }

 private:
  Result<ResponseRecord> Find(const Request& request) const {
    return db::InRead<ResponseRecord>(
        *db_, [&](db::Session& session) { return GetResponse(session, request.params.Get("id")); });
  }

  // The Response document with its change since the previous comparable one.
  Result<json::object> Encode(db::Session& session, const ResponseRecord& response) const {
    auto all = ListResponses(session, response.patient_id, response.instrument);
    if (!all) return all.error();
    for (std::size_t i = 0; i < all->size(); ++i) {
      if ((*all)[i].id != response.id) continue;
      return EncodeResponse(response, content_->registry,
                            ChangeSincePrevious(*all, i, content_->registry));
    }
    return EncodeResponse(response, content_->registry, std::nullopt);
  }

  db::Database* db_;
  const Clock* clock_;
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const AssessContent> content_;
  SafetyMailSettings mail_;
};

}  // namespace

void RegisterResponseRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator,
                            std::shared_ptr<const AssessContent> content, SafetyMailSettings mail) {
  const identity::ProtectedRoutes<ResponseApi> routes(
      router, authenticator, ResponseApi(db, clock, std::move(content), std::move(mail)));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/responses", &ResponseApi::List);
  routes.Add(M::kPatch, "/api/v1/responses/{id:uuid}", &ResponseApi::Correct);
  routes.Add(M::kGet, "/api/v1/responses/{id:uuid}/history", &ResponseApi::History);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/body-maps", &ResponseApi::BodyMaps);
}

}  // namespace unknot::assess
