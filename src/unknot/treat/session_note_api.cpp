#include "unknot/treat/session_note_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/content_json.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"
#include "unknot/treat/session_map.hpp"
#include "unknot/treat/session_note.hpp"
#include "unknot/treat/session_note_store.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

// A problem document with a type of ours (and, for consent, the regions).
Response TypedProblem(const Request& request, const Error& error, std::string_view name,
                      const std::vector<std::string>* regions = nullptr) {
  Response response = http::Problem(error, request.path);
  boost::system::error_code ec;
  json::value body = json::parse(response.body, ec);
  if (ec || !body.is_object()) return response;
  json::object& problem = body.as_object();
  if (!name.empty()) problem["type"] = fmt::format("{}{}", kProblemTypeBase, name);
  if (regions != nullptr) {
    json::array codes;
    for (const auto& code : *regions) codes.emplace_back(code);
    problem["regions"] = std::move(codes);
  }
  response.body = json::serialize(body);
  return response;
}

// The answer for a failed write: consent problems and signed/not-signed
// conflicts get their own problem types; everything else the usual document.
Response WriteFailed(const Request& request, const Error& error,
                     const std::optional<ConsentProblem>& consent) {
  if (consent) {
    return TypedProblem(request, Error(ErrorCode::kConflict, consent->detail, consent->issues),
                        ProblemName(consent->kind), &consent->regions);
  }
  if (error.code() == ErrorCode::kConflict && !error.issues().empty()) {
    const std::string& code = error.issues().front().code;
    if (code == kNoteSignedCode || code == kNoteNotSignedCode) {
      return TypedProblem(request, error, code);
    }
  }
  return http::ErrorResponse(request, error);
}

std::string NotePath(const people::Patient& patient, const std::string& note_id) {
  return fmt::format("/api/v1/patients/{}/sessions/{}", patient.uuid, note_id);
}

identity::AccessTarget NoteTarget(const people::Patient& patient, std::string note_id) {
  return identity::StaffRecordTarget(patient.clinic_id, patient.id, std::move(note_id),
                                     "session_note");
}

class SessionNoteApi final {
 public:
  SessionNoteApi(db::Database& db, const Clock& clock,
                 std::shared_ptr<const assess::AssessContent> content)
      : guard_(db, clock), patients_(db, clock), content_(std::move(content)) {}

  Response Techniques(Request&, const Principal&) const {
    return http::ItemsResponse(content_->techniques.items, [](const Technique& technique) {
      return json::object{{"code", technique.code}, {"label", technique.label}};
    });
  }

  Response GetSessionMap(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<SessionMap>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "session_map.read",
        [&](db::Session& session, const people::Patient& patient) -> Result<SessionMap> {
          auto context = LoadTreatmentContext(session, patient.id);
          if (!context) return context.error();
          return MapFor(*context);
        },
        [](const SessionMap& map) { return http::JsonResponse(200, EncodeSessionMap(map)); });
  }

  Response List(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<SessionNote>>(
        guard_, patients_, request, principal, people::RecordKind::kStaffOnly, "session_note.list",
        [](db::Session& session, const people::Patient& patient) {
          return ListSessionNotes(session, patient.id);
        },
        [](const std::vector<SessionNote>& notes) {
          return http::ItemsResponse(notes, EncodeSessionNoteSummary);
        });
  }

  Response Summaries(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<std::vector<SessionNote>>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "session_summary.read",
        [](db::Session& session, const people::Patient& patient) {
          return ListSessionSummaries(session, patient.id);
        },
        [](const std::vector<SessionNote>& notes) {
          return http::ItemsResponse(notes, EncodeSessionSummary);
        });
  }

  Response Get(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const std::string note_id(request.params.Get("session_id"));
    const auto target = NoteTarget(*patient, note_id);
    if (auto denied =
            guard_.Check(request, principal, Action::kRead, target, "session_note.read")) {
      return std::move(*denied);
    }
    auto note = db::InRead<SessionNote>(guard_.db(), [&](db::Session& session) {
      return GetSessionNote(session, patient->id, note_id);
    });
    if (!note) return http::ErrorResponse(request, note.error());
    if (auto unrecorded = guard_.AuditRead(request, principal, target, "session_note.read")) {
      return std::move(*unrecorded);
    }
    return NoteResponse(200, *note);
  }

  Response Create(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    if (auto denied = guard_.Check(request, principal, Action::kCreate,
                                   people::StaffRecordTarget(*patient), "session_note.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    std::optional<ConsentProblem> consent;
    auto note =
        guard_.InWrite<SessionNote>([&](db::Session& session, Instant now) -> Result<SessionNote> {
          auto context = LoadTreatmentContext(session, patient->id);
          if (!context) return context.error();
          auto fields = Decode(*body, *context, now, /*date_required=*/false);
          if (!fields) return fields.error();
          if ((consent = CheckConsent(*fields, MapFor(*context)))) return ConsentError();
          auto inserted = InsertSessionNote(session, *patient, *fields, principal.user_uuid, now);
          if (!inserted) return inserted;
          auto recorded =
              guard_.RecordWrite(session, request, principal, now,
                                 NoteTarget(*patient, inserted->id), "session_note.create");
          if (!recorded) return recorded.error();
          return inserted;
        });
    if (!note) return WriteFailed(request, note.error(), consent);
    Response response = http::Created(NotePath(*patient, note->id), EncodeSessionNote(*note));
    return http::WithETag(std::move(response), note->version);
  }

  Response Put(Request& request, const Principal& principal) const {
    return Change(request, principal, Action::kUpdate, "session_note.update",
                  [&](db::Session& session, const people::Patient& patient,
                      const SessionNote& current, std::int64_t expected, Instant now,
                      std::optional<ConsentProblem>& consent) -> Result<SessionNote> {
                    auto body = http::ReadJsonObject(request);
                    if (!body) return body.error();
                    if (current.status == NoteStatus::kSigned) return NoteSignedError();
                    if (expected != current.version) return StaleNoteError();
                    auto context = LoadTreatmentContext(session, patient.id);
                    if (!context) return context.error();
                    auto fields = Decode(*body, *context, now, /*date_required=*/true);
                    if (!fields) return fields.error();
                    if ((consent = CheckConsent(*fields, MapFor(*context)))) {
                      return ConsentError();
                    }
                    return UpdateDraft(session, patient.id, current, *fields, expected,
                                       principal.user_uuid, now);
                  });
  }

  Response Sign(Request& request, const Principal& principal) const {
    return Change(
        request, principal, Action::kUpdate, "session_note.sign",
        [&](db::Session& session, const people::Patient& patient, const SessionNote& current,
            std::int64_t expected, Instant now,
            std::optional<ConsentProblem>& consent) -> Result<SessionNote> {
          if (auto body = EmptyBody(request); !body) return body.error();
          if (current.status == NoteStatus::kSigned) return NoteSignedError();
          if (expected != current.version) return StaleNoteError();
          auto context = LoadTreatmentContext(session, patient.id);
          if (!context) return context.error();
          if ((consent = CheckConsent(current.fields, MapFor(*context)))) {
            return ConsentError();
          }
          if (auto signable = CheckSignable(current.fields, context->written_summary_wanted);
              !signable) {
            return signable.error();
          }
          return SignDraft(session, patient.id, current, expected, principal.user_uuid, now);
        });
  }

  Response Delete(Request& request, const Principal& principal) const {
    return Change(
        request, principal, Action::kUpdate, "session_note.delete",
        [&](db::Session& session, const people::Patient&, const SessionNote& current,
            std::int64_t expected, Instant, std::optional<ConsentProblem>&) -> Result<SessionNote> {
          auto deleted = DeleteDraft(session, current, expected);
          if (!deleted) return deleted.error();
          return current;
        },
        /*no_content=*/true);
  }

  Response AddAddendum(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const std::string note_id(request.params.Get("session_id"));
    const auto target = NoteTarget(*patient, note_id);
    if (auto denied =
            guard_.Check(request, principal, Action::kUpdate, target, "session_note.addendum")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto text = DecodeAddendumText(*body);
    if (!text) return http::ErrorResponse(request, text.error());
    auto addendum =
        guard_.InWrite<Addendum>([&](db::Session& session, Instant now) -> Result<Addendum> {
          auto current = GetSessionNote(session, patient->id, note_id);
          if (!current) return current.error();
          auto appended = AppendAddendum(session, *current, *text, principal.user_uuid, now);
          if (!appended) return appended;
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "session_note.addendum");
          if (!recorded) return recorded.error();
          return appended;
        });
    if (!addendum) return WriteFailed(request, addendum.error(), std::nullopt);
    return http::Created(NotePath(*patient, note_id), EncodeAddendum(*addendum));
  }

 private:
  SessionMap MapFor(const TreatmentContext& context) const {
    return BuildSessionMap(content_->body_map, context.consent, context.preferences_version,
                           context.precautions, content_->red_flags);
  }

  Result<SessionNoteFields> Decode(const json::object& body, const TreatmentContext& context,
                                   Instant now, bool date_required) const {
    auto today = empower::LocalToday(now, context.time_zone);
    // The zone was checked when the clinic was saved; a bad one is our fault.
    if (!today) return Error::Internal("clinic has an unknown time zone: " + context.time_zone);
    const NoteRules rules{&content_->techniques, &content_->body_map, *today};
    return DecodeSessionNoteFields(body, rules, date_required);
  }

  static Error ConsentError() {
    return Error(ErrorCode::kConflict, "The note treats a region without consent.");
  }

  // Signing takes no input: no body, or an empty JSON object.
  static Result<void> EmptyBody(const Request& request) {
    if (request.body.empty()) return {};
    auto body = http::ReadJsonObject(request);
    if (!body) return body.error();
    IssueList issues;
    assess::ContentReader(issues).KnownKeys(*body, "", {});
    if (!issues.empty()) return Error::Invalid(issues.Take());
    return {};
  }

  Response NoteResponse(int status, const SessionNote& note) const {
    return http::WithETag(http::JsonResponse(status, EncodeSessionNote(note)), note.version);
  }

  // The shape PUT, DELETE and sign share: the note's patient, the policy, a
  // required If-Match, then `work` on the current note in one write
  // transaction with its audit event.
  template <class Work>
  Response Change(Request& request, const Principal& principal, Action action,
                  std::string audit_action, Work&& work, bool no_content = false) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const std::string note_id(request.params.Get("session_id"));
    const auto target = NoteTarget(*patient, note_id);
    if (auto denied = guard_.Check(request, principal, action, target, audit_action)) {
      return std::move(*denied);
    }
    auto expected = http::RequiredIfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    std::optional<ConsentProblem> consent;
    auto note =
        guard_.InWrite<SessionNote>([&](db::Session& session, Instant now) -> Result<SessionNote> {
          auto current = GetSessionNote(session, patient->id, note_id);
          if (!current) return current.error();
          const std::int64_t version = expected->value_or(current->version);
          auto changed = work(session, *patient, *current, version, now, consent);
          if (!changed) return changed;
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, audit_action);
          if (!recorded) return recorded.error();
          return changed;
        });
    if (!note) return WriteFailed(request, note.error(), consent);
    if (no_content) return Response::NoContent();
    return NoteResponse(200, *note);
  }

  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const assess::AssessContent> content_;
};

}  // namespace

void RegisterSessionNoteRoutes(http::Router& router, db::Database& db, const Clock& clock,
                               const identity::Authenticator& authenticator,
                               std::shared_ptr<const assess::AssessContent> content) {
  const identity::ProtectedRoutes<SessionNoteApi> routes(
      router, authenticator, SessionNoteApi(db, clock, std::move(content)));
  using M = http::Method;
  using Api = SessionNoteApi;
  constexpr const char* kNote = "/api/v1/patients/{id:uuid}/sessions/{session_id:uuid}";
  routes.Add(M::kGet, "/api/v1/techniques", &Api::Techniques);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/session-map", &Api::GetSessionMap);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/sessions", &Api::List);
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/sessions", &Api::Create);
  routes.Add(M::kGet, kNote, &Api::Get);
  routes.Add(M::kPut, kNote, &Api::Put);
  routes.Add(M::kDelete, kNote, &Api::Delete);
  routes.Add(M::kPost, std::string(kNote) + "/sign", &Api::Sign);
  routes.Add(M::kPost, std::string(kNote) + "/addenda", &Api::AddAddendum);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/session-summaries", &Api::Summaries);
}

}  // namespace unknot::treat
