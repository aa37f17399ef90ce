// Questionnaire packs: staff send them, the patient (or staff in clinic)
// answers, drafts are saved as they go, and submitting scores every
// instrument. Safety rules are checked on every save, not only on submit, so
// a patient who answers PHQ-9 item 9 and closes the page has still raised the
// alert. Responses, body maps and alerts have their own route files.
#include "unknot/assess/assessment_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "unknot/assess/alert_api.hpp"
#include "unknot/assess/answer_validation.hpp"
#include "unknot/assess/assessment_api_support.hpp"
#include "unknot/assess/assessment_json.hpp"
#include "unknot/assess/assessment_requests.hpp"
#include "unknot/assess/assessment_store.hpp"
#include "unknot/assess/body_map_store.hpp"
#include "unknot/assess/response_api.hpp"
#include "unknot/assess/response_store.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/people/text_rules.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using detail::AssessmentTarget;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

std::string AssessmentLocation(const Assessment& assessment) {
  return fmt::format("/api/v1/assessments/{}", assessment.uuid);
}

PackShape PackOf(const Assessment& assessment) {
  return {assessment.instruments, assessment.body_map};
}

Answerer AnswererOf(const Principal& principal) {
  return principal.IsStaff() ? Answerer::kStaff : Answerer::kPatient;
}

AlertSubject SubjectOf(const Assessment& assessment) {
  return {assessment.clinic_id, assessment.patient_id, assessment.id};
}

// The recall period stored with a response: the one chosen, else the
// instrument's default, so change is only ever compared like with like.
std::string RecallOf(const Draft& draft, const InstrumentDefinition& definition) {
  const auto chosen = draft.recall.find(definition.id);
  return chosen != draft.recall.end() ? chosen->second : definition.recall_period.default_option;
}

class AssessmentApi final {
 public:
  AssessmentApi(db::Database& db, const Clock& clock, std::shared_ptr<const AssessContent> content,
                SafetyMailSettings mail)
      : db_(&db),
        clock_(&clock),
        guard_(db, clock),
        patients_(db, clock),
        content_(std::move(content)),
        mail_(std::move(mail)) {}

  Response Create(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    if (auto denied = guard_.Check(request, principal, Action::kCreate,
                                   people::PatientTarget(*patient), "assessment.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto pack = DecodeNewPack(*body, content_->registry);
    if (!pack) return http::ErrorResponse(request, pack.error());
    auto created = guard_.InWrite<Assessment>([&](db::Session& session,
                                                  Instant now) -> Result<Assessment> {
      auto assessment =
          InsertAssessment(session,
                           {patient->clinic_id, patient->id, patient->uuid, pack->title,
                            pack->instruments, pack->body_map, detail::Actor(principal)},
                           now);
      if (!assessment) return assessment;
      if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                             AssessmentTarget(*assessment), "assessment.create");
          !recorded) {
        return recorded.error();
      }
      return assessment;
    });
    if (!created) return http::ErrorResponse(request, created.error());
    return http::WithETag(
        http::Created(AssessmentLocation(*created), EncodeAssessment(*created, {}, *content_)),
        created->draft_version);
  }

  Response List(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<Assessment>>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "assessment.list",
        [](db::Session& session, const people::Patient& patient) {
          return ListAssessments(session, patient.id);
        },
        [&](const std::vector<Assessment>& assessments) {
          return http::ItemsResponse(assessments, [&](const Assessment& assessment) {
            return EncodeSummary(assessment, content_->registry);
          });
        });
  }

  Response Get(Request& request, const Principal& principal) const {
    auto assessment = Find(request);
    if (!assessment) return http::ErrorResponse(request, assessment.error());
    const auto target = AssessmentTarget(*assessment);
    if (auto denied = guard_.Check(request, principal, Action::kRead, target, "assessment.read")) {
      return std::move(*denied);
    }
    auto document = db::InRead<json::object>(
        *db_, [&](db::Session& session) { return Encode(session, *assessment); });
    if (!document) return http::ErrorResponse(request, document.error());
    if (auto unrecorded = guard_.AuditRead(request, principal, target, "assessment.read")) {
      return std::move(*unrecorded);
    }
    return http::WithETag(http::JsonResponse(200, *document), assessment->draft_version);
  }

  Response SaveDraft(Request& request, const Principal& principal) const {
    auto assessment = Find(request);
    if (!assessment) return http::ErrorResponse(request, assessment.error());
    if (auto denied = guard_.Check(request, principal, Action::kAnswer,
                                   AssessmentTarget(*assessment), "assessment.draft")) {
      return std::move(*denied);
    }
    if (auto open = CheckOpenForAnswers(*assessment); !open) {
      return http::ErrorResponse(request, open.error());
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    auto draft = DecodeDraft(*body, PackOf(*assessment), *content_, Strictness::kDraft,
                             AnswererOf(principal));
    if (!draft) return http::ErrorResponse(request, draft.error());
    const detail::AlertWriter alerts{guard_, request, principal, mail_};
    std::int64_t version = 0;
    auto safety = guard_.InWrite<json::object>(
        [&](db::Session& session, Instant now) -> Result<json::object> {
          auto current = GetAssessment(session, assessment->uuid);
          if (!current) return current.error();
          auto saved = assess::SaveDraft(session, *current, *draft, *expected, now);
          if (!saved) return saved.error();
          if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                                 AssessmentTarget(*saved), "assessment.draft");
              !recorded) {
            return recorded.error();
          }
          for (const auto& [instrument, answers] : saved->draft.answers) {
            const InstrumentDefinition* definition = content_->registry.Find(instrument);
            if (definition == nullptr) continue;  // DecodeDraft refused it already
            if (auto raised =
                    alerts.Raise(session, SubjectOf(*saved), Score(*definition, answers), now);
                !raised) {
              return raised.error();
            }
          }
          auto open_alerts = ListAssessmentAlerts(session, saved->id);
          if (!open_alerts) return open_alerts.error();
          version = saved->draft_version;
          return ToJson(AssessSafety(*saved, content_->registry, *open_alerts));
        });
    if (!safety) return http::ErrorResponse(request, safety.error());
    return http::WithETag(
        http::JsonResponse(200, json::object{{"draft_version", version}, {"safety", *safety}}),
        version);
  }

  Response Submit(Request& request, const Principal& principal) const {
    auto assessment = Find(request);
    if (!assessment) return http::ErrorResponse(request, assessment.error());
    if (auto denied = guard_.Check(request, principal, Action::kAnswer,
                                   AssessmentTarget(*assessment), "assessment.submit")) {
      return std::move(*denied);
    }
    if (auto open = CheckOpenForAnswers(*assessment); !open) {
      return http::ErrorResponse(request, open.error());
    }
    // No body, or {}, submits the saved draft.
    std::optional<json::object> sent;
    if (!people::TrimSpace(request.body).empty()) {
      auto body = http::ReadJsonObject(request);
      if (!body) return http::ErrorResponse(request, body.error());
      if (!body->empty()) sent = std::move(*body);
    }
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    auto document = guard_.InWrite<json::object>([&](db::Session& session, Instant now) {
      return Complete(session, request, principal, assessment->uuid, sent, *expected, now);
    });
    if (!document) return http::ErrorResponse(request, document.error());
    return http::JsonResponse(200, *document);
  }

  Response Cancel(Request& request, const Principal& principal) const {
    if (auto refused =
            detail::RefusePatient(guard_, request, principal, "assessment", "assessment.cancel")) {
      return std::move(*refused);
    }
    auto assessment = Find(request);
    if (!assessment) return http::ErrorResponse(request, assessment.error());
    if (auto denied = guard_.Check(request, principal, Action::kUpdate,
                                   AssessmentTarget(*assessment), "assessment.cancel")) {
      return std::move(*denied);
    }
    auto document = guard_.InWrite<json::object>(
        [&](db::Session& session, Instant now) -> Result<json::object> {
          auto current = GetAssessment(session, assessment->uuid);
          if (!current) return current.error();
          auto cancelled = CancelAssessment(session, *current, now);
          if (!cancelled) return cancelled.error();
          if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                                 AssessmentTarget(*cancelled), "assessment.cancel");
              !recorded) {
            return recorded.error();
          }
          return Encode(session, *cancelled);
        });
    if (!document) return http::ErrorResponse(request, document.error());
    return http::JsonResponse(200, *document);
  }

 private:
  Result<Assessment> Find(const Request& request) const {
    return db::InRead<Assessment>(*db_, [&](db::Session& session) {
      return GetAssessment(session, request.params.Get("id"));
    });
  }

  // The whole Assessment document, read in the caller's transaction.
  Result<json::object> Encode(db::Session& session, const Assessment& assessment) const {
    AssessmentDetails details;
    auto responses = ListResponses(session, assessment.patient_id);
    if (!responses) return responses.error();
    details.patient_responses = std::move(*responses);
    auto body_map = BodyMapOfAssessment(session, assessment.id);
    if (!body_map) return body_map.error();
    details.body_map = std::move(*body_map);
    auto alerts = ListAssessmentAlerts(session, assessment.id);
    if (!alerts) return alerts.error();
    details.safety = AssessSafety(assessment, content_->registry, *alerts);
    return EncodeAssessment(assessment, details, *content_);
  }

  // Submit inside its write transaction: checks the final answers strictly,
  // completes the pack, stores a scored response per answered instrument and
  // the body map, raises alerts and audits — all or nothing.
  Result<json::object> Complete(db::Session& session, const Request& request,
                                const Principal& principal, const std::string& uuid,
                                const std::optional<json::object>& sent,
                                std::optional<std::int64_t> expected, Instant now) const {
    auto current = GetAssessment(session, uuid);
    if (!current) return current.error();
    if (auto open = CheckOpenForAnswers(*current); !open) return open.error();
    // A saved draft's answers were checked when they were saved, against
    // whoever saved them (staff may have entered a clinic-only instrument).
    const Answerer answerer = sent ? AnswererOf(principal) : Answerer::kStaff;
    auto draft = DecodeDraft(sent ? *sent : EncodeDraft(current->draft), PackOf(*current),
                             *content_, Strictness::kSubmit, answerer);
    if (!draft) return draft.error();
    const UserRef by = detail::Actor(principal);
    auto done = CompleteAssessment(session, *current, *draft, expected, by, now);
    if (!done) return done.error();
    const detail::AlertWriter alerts{guard_, request, principal, mail_};
    for (const auto& instrument : done->instruments) {
      const auto answers = draft->answers.find(instrument);
      const InstrumentDefinition* definition = content_->registry.Find(instrument);
      if (answers == draft->answers.end() || definition == nullptr) continue;
      const ScoreResult score = Score(*definition, answers->second);
      auto stored = InsertResponse(session,
                                   {&*done, instrument, definition->version,
                                    RecallOf(*draft, *definition), answers->second, score, by},
                                   now);
      if (!stored) return stored.error();
      if (auto raised = alerts.Raise(session, SubjectOf(*done), score, now); !raised) {
        return raised.error();
      }
    }
    if (done->body_map && !draft->body_map.empty()) {
      if (auto stored = InsertBodyMap(session, *done, draft->body_map, by, now); !stored) {
        return stored.error();
      }
    }
    if (auto recorded = guard_.RecordWrite(session, request, principal, now,
                                           AssessmentTarget(*done), "assessment.submit");
        !recorded) {
      return recorded.error();
    }
    return Encode(session, *done);
  }

  db::Database* db_;
  const Clock* clock_;
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const AssessContent> content_;
  SafetyMailSettings mail_;
};

}  // namespace

void RegisterAssessmentRoutes(http::Router& router, db::Database& db, const Clock& clock,
                              const identity::Authenticator& authenticator,
                              std::shared_ptr<const AssessContent> content,
                              AssessmentRouteOptions options) {
  const SafetyMailSettings mail{std::move(options.public_url)};
  const identity::ProtectedRoutes<AssessmentApi> routes(router, authenticator,
                                                        AssessmentApi(db, clock, content, mail));
  using M = http::Method;
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/assessments", &AssessmentApi::Create);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/assessments", &AssessmentApi::List);
  routes.Add(M::kGet, "/api/v1/assessments/{id:uuid}", &AssessmentApi::Get);
  routes.Add(M::kPut, "/api/v1/assessments/{id:uuid}/draft", &AssessmentApi::SaveDraft);
  routes.Add(M::kPost, "/api/v1/assessments/{id:uuid}/submit", &AssessmentApi::Submit);
  routes.Add(M::kPost, "/api/v1/assessments/{id:uuid}/cancel", &AssessmentApi::Cancel);
  RegisterResponseRoutes(router, db, clock, authenticator, content, mail);
  RegisterAlertRoutes(router, db, clock, authenticator);
}

}  // namespace unknot::assess
