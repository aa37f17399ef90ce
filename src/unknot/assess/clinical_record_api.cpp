#include "unknot/assess/clinical_record_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "unknot/assess/formulation_json.hpp"
#include "unknot/assess/precaution_store.hpp"
#include "unknot/assess/red_flag_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/identity/audit.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_record_write.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

Author AuthorOf(const Principal& principal) {
  return {principal.user_uuid, principal.display_name};
}

// The route handlers. Copyable and stateless apart from references and the
// shared immutable content.
class ClinicalRecordApi final {
 public:
  ClinicalRecordApi(db::Database& db, const Clock& clock,
                    std::shared_ptr<const AssessContent> content)
      : db_(&db), guard_(db, clock), patients_(db, clock), content_(std::move(content)) {}

  Response ListRedFlagScreens(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<RedFlagScreen>>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "red_flags.read",
        [&](db::Session& session, const people::Patient& patient) {
          return assess::ListRedFlagScreens(session, patient.id, content_->red_flags);
        },
        [&](const std::vector<RedFlagScreen>& screens) {
          return http::ItemsResponse(screens, [&](const RedFlagScreen& screen) {
            return EncodeRedFlagScreen(screen, content_->red_flags);
          });
        });
  }

  Response RecordRedFlagScreen(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::StaffRecordTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, Action::kCreate, target, "red_flags.record")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto answers = DecodeRedFlagAnswers(*body, content_->red_flags);
    if (!answers) return http::ErrorResponse(request, answers.error());
    auto screen =
        db::InWrite<RedFlagScreen>(*db_, [&](db::Session& session) -> Result<RedFlagScreen> {
          const Instant now = guard_.clock().Now();
          auto inserted = InsertRedFlagScreen(session, *patient, std::move(*answers),
                                              AuthorOf(principal), now, content_->red_flags);
          if (!inserted) return inserted;
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "red_flags.record");
          if (!recorded) return recorded.error();
          return inserted;
        });
    if (!screen) return http::ErrorResponse(request, screen.error());
    return http::JsonResponse(201, EncodeRedFlagScreen(*screen, content_->red_flags));
  }

  Response GetPrecautions(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<PatientPrecautions>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "precautions.read",
        [](db::Session& session, const people::Patient& patient) {
          return assess::GetPrecautions(session, patient.id);
        },
        [&](const PatientPrecautions& precautions) { return PrecautionsResponse(precautions); });
  }

  Response PutPrecautions(Request& request, const Principal& principal) const {
    return people::ReplacePatientDocument<PatientPrecautions>(
        guard_, patients_, request, principal,
        {Action::kUpdate, people::RecordKind::kStaffOnly, people::IfMatch::kOptional,
         "precautions.update"},
        [&](db::Session& session, const people::Patient& patient, const boost::json::object& body,
            std::optional<std::int64_t> expected, Instant now) -> Result<PatientPrecautions> {
          auto items = DecodePrecautionChoices(body, content_->red_flags, content_->body_map);
          if (!items) return items.error();
          return ReplacePrecautions(session, patient, std::move(*items), expected,
                                    AuthorOf(principal), now);
        },
        [&](const PatientPrecautions& precautions) { return PrecautionsResponse(precautions); });
  }

  // Patients may read their own formulation, but only its plain-words part.
  Response GetFormulation(Request& request, const Principal& principal) const {
    const bool clinician_part = principal.IsStaff();
    return people::ReadPatientRecords<FormulationRecord>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "formulation.read",
        [&](db::Session& session, const people::Patient& patient) {
          return ReadFormulationRecord(session, patient.id, clinician_part, content_->red_flags);
        },
        [&](const FormulationRecord& record) {
          return http::JsonResponse(200, EncodeFormulation(record, clinician_part, *content_));
        });
  }

 private:
  // Red flags and precautions are clinical working notes for staff of the
  // patient's clinic; a patient is refused even for their own record, and the
  // refusal is audited like any other.
  Response PrecautionsResponse(const PatientPrecautions& precautions) const {
    return http::WithETag(
        http::JsonResponse(200, EncodePatientPrecautions(precautions, content_->red_flags)),
        precautions.version);
  }

  db::Database* db_;
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const AssessContent> content_;
};

}  // namespace

void RegisterClinicalRecordRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                  const identity::Authenticator& authenticator,
                                  std::shared_ptr<const AssessContent> content) {
  const identity::ProtectedRoutes<ClinicalRecordApi> routes(
      router, authenticator, ClinicalRecordApi(db, clock, std::move(content)));
  using M = http::Method;
  using Api = ClinicalRecordApi;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/red-flags", &Api::ListRedFlagScreens);
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/red-flags", &Api::RecordRedFlagScreen);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/precautions", &Api::GetPrecautions);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/precautions", &Api::PutPrecautions);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/formulation", &Api::GetFormulation);
}

}  // namespace unknot::assess
