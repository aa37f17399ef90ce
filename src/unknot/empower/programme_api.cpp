#include "unknot/empower/programme_api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "unknot/assess/content_json.hpp"
#include "unknot/assess/precaution_store.hpp"
#include "unknot/assess/record_json.hpp"
#include "unknot/empower/check_in_store.hpp"
#include "unknot/empower/library_catalog.hpp"
#include "unknot/empower/programme_json.hpp"
#include "unknot/empower/programme_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

// The body of POST …/programme/items.
struct AssignRequest {
  NewProgrammeItem item;
  bool confirm_precautions = false;
};

AssignRequest DecodeAssign(const json::object& body, const Library& library, IssueList& issues) {
  AssignRequest out;
  assess::ContentReader reader(issues);
  reader.KnownKeys(body, "", {"slug", "dosage", "note", "confirm_precautions"});
  out.item.slug = reader.String(body, "slug", "").value_or("");
  if (!out.item.slug.empty() && library.Find(out.item.slug) == nullptr) {
    issues.Add("slug", "unknown-entry",
               fmt::format("'{}' is not an entry of the self-care library.", out.item.slug));
  }
  if (const auto* dosage = body.if_contains("dosage")) {
    out.item.dosage = DecodeDosage(*dosage, "dosage", issues);
  } else {
    issues.Add("dosage", "required", "Give the dosage: how many times per day or week.");
  }
  out.item.note =
      assess::ReadFreeText(body.if_contains("note"), "note", kMaxProgrammeNoteChars, issues);
  const auto* confirm = body.if_contains("confirm_precautions");
  if (confirm != nullptr && !confirm->is_null()) {
    if (confirm->is_bool()) {
      out.confirm_precautions = confirm->as_bool();
    } else {
      issues.Add("confirm_precautions", "not-a-boolean", "Give true or false.");
    }
  }
  return out;
}

// The body of PATCH …/items/{item_id}: {dosage?, note?}; a null note clears it.
ProgrammeItemChange DecodeChange(const json::object& body, IssueList& issues) {
  ProgrammeItemChange change;
  assess::ContentReader(issues).KnownKeys(body, "", {"dosage", "note"});
  if (const auto* dosage = body.if_contains("dosage")) {
    change.dosage = DecodeDosage(*dosage, "dosage", issues);
  }
  if (const auto* note = body.if_contains("note")) {
    change.note = assess::ReadFreeText(note, "note", kMaxProgrammeNoteChars, issues);
  }
  return change;
}

Error PrecautionsMatch(const std::vector<std::string>& matches) {
  std::vector<Issue> issues;
  for (const auto& match : matches) {
    issues.push_back({"slug", "precaution-match",
                      fmt::format("This entry needs care with the patient's precaution '{}'. "
                                  "Send confirm_precautions: true to assign it anyway.",
                                  match)});
  }
  return Error(ErrorCode::kConflict,
               "This entry's precautions match the patient's recorded precautions.",
               std::move(issues));
}

// The sessions a PUT …/done/{date} records: the body's "sessions" (1 to the
// dosage's times), or by default every session of a day (per day) or one
// session (per week). No body is fine: a tick needs no data.
std::optional<int> ReadSessions(const std::optional<json::object>& body, const Dosage& dosage,
                                IssueList& issues) {
  const int fallback = dosage.per == DosagePeriod::kDay ? dosage.times : 1;
  if (!body) return fallback;
  assess::ContentReader(issues).KnownKeys(*body, "", {"sessions"});
  const auto* sessions = body->if_contains("sessions");
  if (sessions == nullptr || sessions->is_null()) return fallback;
  if (!sessions->is_int64() || sessions->as_int64() < 1 || sessions->as_int64() > dosage.times) {
    issues.Add("sessions", "out-of-range",
               fmt::format("Give a whole number of sessions from 1 to {}.", dosage.times));
    return std::nullopt;
  }
  return static_cast<int>(sessions->as_int64());
}

std::string ItemLocation(std::string_view patient_uuid, std::string_view item_uuid) {
  return fmt::format("/api/v1/patients/{}/programme/items/{}", patient_uuid, item_uuid);
}

// The route handlers. Copyable and stateless apart from references and the
// shared library catalog, which gives each patient's clinic's library.
class ProgrammeApi final {
 public:
  ProgrammeApi(db::Database& db, const Clock& clock, std::shared_ptr<const LibraryCatalog> library)
      : db_(&db), guard_(db, clock), patients_(db, clock), library_(std::move(library)) {}

  Response Get(Request& request, const Principal& principal) const {
    struct Loaded {
      std::vector<ProgrammeItem> items;
      std::int64_t version = 0;
      LocalDate today;
      std::vector<assess::PrecautionChoice> precautions;
      std::shared_ptr<const ServedLibrary> library;
    };
    return people::ReadPatientRecords<Loaded>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "programme.read",
        [&](db::Session& session, const people::Patient& patient) -> Result<Loaded> {
          Loaded loaded;
          auto today = Today(session, patient, guard_.clock().Now());
          if (!today) return today.error();
          loaded.today = *today;
          auto library = library_->ForClinic(session, patient.clinic_id, guard_.clock().Now());
          if (!library) return library.error();
          loaded.library = std::move(*library);
          const LocalDate done_from = AdherenceWindowStart(*today);
          auto items = ListProgrammeItems(session, patient.id, true, done_from);
          if (!items) return items.error();
          loaded.items = std::move(*items);
          auto version = ProgrammeVersion(session, patient.id);
          if (!version) return version.error();
          loaded.version = *version;
          if (principal.IsStaff()) {
            auto precautions = assess::GetPrecautions(session, patient.id);
            if (!precautions) return precautions.error();
            loaded.precautions = std::move(precautions->items);
          }
          return loaded;
        },
        [&](const Loaded& loaded) {
          const auto* precautions = principal.IsStaff() ? &loaded.precautions : nullptr;
          return http::WithETag(
              http::JsonResponse(200, EncodeProgramme(loaded.items, loaded.library->library(),
                                                      loaded.today, loaded.version, precautions)),
              loaded.version);
        });
  }

  Response Assign(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, Action::kCreate, target, "programme.item.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    auto library = library_->ForClinic(*db_, patient->clinic_id, guard_.clock().Now());
    if (!library) return http::ErrorResponse(request, library.error());
    IssueList issues;
    AssignRequest input = DecodeAssign(*body, (*library)->library(), issues);
    if (!issues.empty()) return http::ErrorResponse(request, Error::Invalid(issues.Take()));
    const LibraryEntry& entry = *(*library)->Find(input.item.slug);
    struct Assigned {
      ProgrammeItem item;
      LocalDate today;
      std::vector<assess::PrecautionChoice> precautions;
    };
    auto stored = db::InWrite<Assigned>(*db_, [&](db::Session& session) -> Result<Assigned> {
      const Instant now = guard_.clock().Now();
      auto today = Today(session, *patient, now);
      if (!today) return today.error();
      auto precautions = assess::GetPrecautions(session, patient->id);
      if (!precautions) return precautions.error();
      NewProgrammeItem item = input.item;  // a copy keeps this work safe to run again
      item.precaution_matches = MatchPrecautions(entry.precautions, precautions->items);
      if (!item.precaution_matches.empty() && !input.confirm_precautions) {
        return PrecautionsMatch(item.precaution_matches);
      }
      auto inserted =
          InsertProgrammeItem(session, *patient, item, *today, principal.user_uuid, now);
      if (!inserted) return inserted.error();
      auto recorded =
          guard_.RecordWrite(session, request, principal, now, target, "programme.item.create");
      if (!recorded) return recorded.error();
      return Assigned{std::move(*inserted), *today, std::move(precautions->items)};
    });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(http::Created(ItemLocation(patient->uuid, stored->item.uuid),
                                        EncodeProgrammeItem(stored->item, (*library)->library(),
                                                            stored->today, &stored->precautions)),
                          stored->item.version);
  }

  Response Update(Request& request, const Principal& principal) const {
    return WriteItem(
        request, principal, "programme.item.update",
        [&](db::Session& session, const people::Patient& patient, LocalDate,
            std::optional<std::int64_t> expected, Instant now) -> Result<ProgrammeItem> {
          // Read here, after the access check, so a stranger learns nothing.
          auto body = http::ReadJsonObject(request);
          if (!body) return body.error();
          IssueList issues;
          const ProgrammeItemChange change = DecodeChange(*body, issues);
          if (!issues.empty()) return Error::Invalid(issues.Take());
          return UpdateProgrammeItem(session, patient.id, request.params.Get("item_id"), change,
                                     expected, principal.user_uuid, now);
        });
  }

  Response End(Request& request, const Principal& principal) const {
    return WriteItem(request, principal, "programme.item.end",
                     [&](db::Session& session, const people::Patient& patient, LocalDate today,
                         std::optional<std::int64_t> expected, Instant now) {
                       return EndProgrammeItem(session, patient.id, request.params.Get("item_id"),
                                               today, expected, principal.user_uuid, now);
                     });
  }

  Response MarkDoneOn(Request& request, const Principal& principal) const {
    return WriteDone(request, principal, "programme.done.mark", true);
  }

  Response ClearDoneOn(Request& request, const Principal& principal) const {
    return WriteDone(request, principal, "programme.done.clear", false);
  }

 private:
  Result<LocalDate> Today(db::Session& session, const people::Patient& patient, Instant now) const {
    auto zone = ClinicTimeZone(session, patient.clinic_id);
    if (!zone) return zone.error();
    auto today = LocalToday(now, *zone);
    // The zone was checked when the clinic was saved; a bad one is our fault.
    if (!today) return Error::Internal("clinic has an unknown time zone: " + *zone);
    return today;
  }

  // PATCH and DELETE of an item: staff only, If-Match honoured, 200 with the item.
  template <class Change>
  Response WriteItem(Request& request, const Principal& principal, const std::string& action,
                     Change&& change) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied = guard_.Check(request, principal, Action::kUpdate, target, action)) {
      return std::move(*denied);
    }
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    struct Written {
      ProgrammeItem item;
      LocalDate today;
      std::vector<assess::PrecautionChoice> precautions;
      std::shared_ptr<const ServedLibrary> library;
    };
    auto stored = db::InWrite<Written>(*db_, [&](db::Session& session) -> Result<Written> {
      const Instant now = guard_.clock().Now();
      auto today = Today(session, *patient, now);
      if (!today) return today.error();
      Result<ProgrammeItem> item = change(session, *patient, *today, *expected, now);
      if (!item) return item.error();
      // The answer shows today's mark and adherence, so it needs the item's done marks.
      auto listed = ListProgrammeItems(session, patient->id, true, AdherenceWindowStart(*today));
      if (!listed) return listed.error();
      for (auto& candidate : *listed) {
        if (candidate.id == item->id) item->done = std::move(candidate.done);
      }
      auto recorded = guard_.RecordWrite(session, request, principal, now, target, action);
      if (!recorded) return recorded.error();
      auto precautions = assess::GetPrecautions(session, patient->id);
      if (!precautions) return precautions.error();
      auto library = library_->ForClinic(session, patient->clinic_id, now);
      if (!library) return library.error();
      return Written{std::move(*item), *today, std::move(precautions->items), std::move(*library)};
    });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(
        http::JsonResponse(200, EncodeProgrammeItem(stored->item, stored->library->library(),
                                                    stored->today, &stored->precautions)),
        stored->item.version);
  }

  // PUT (mark) and DELETE (clear) of a done date: 204, idempotent.
  Response WriteDone(Request& request, const Principal& principal, const std::string& action,
                     bool mark) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied = guard_.Check(request, principal, people::OwnRecordWrite(principal), target, action)) {
      return std::move(*denied);
    }
    std::optional<json::object> body;
    if (mark && !request.body.empty()) {
      auto parsed = http::ReadJsonObject(request);
      if (!parsed) return http::ErrorResponse(request, parsed.error());
      body = std::move(*parsed);
    }
    IssueList issues;
    const auto date = ParseLocalDate(request.params.Get("date"));
    if (!date) issues.Add("date", "invalid-date", "Give the date in the address as YYYY-MM-DD.");
    auto written = db::InWrite<bool>(*db_, [&](db::Session& session) -> Result<bool> {
      const Instant now = guard_.clock().Now();
      auto item = GetProgrammeItem(session, patient->id, request.params.Get("item_id"));
      if (!item) return item.error();
      auto today = Today(session, *patient, now);
      if (!today) return today.error();
      IssueList found = issues;  // a copy keeps this work safe to run again
      std::optional<int> sessions;
      if (date) CheckEntryDate(*date, *today, "date", found);
      if (mark) {
        if (date && found.empty() && !item->ActiveOn(*date)) {
          found.Add("date", "not-active",
                    fmt::format("This item was not part of the programme on {}.",
                                FormatLocalDate(*date)));
        }
        sessions = ReadSessions(body, item->dosage, found);
      }
      if (!found.empty()) return Error::Invalid(found.Take());
      auto changed =
          mark ? MarkDone(session, *item, patient->id, *date, *sessions, principal.user_uuid, now)
               : ClearDone(session, *item, patient->id, *date, now);
      if (!changed) return changed.error();
      auto recorded = guard_.RecordWrite(session, request, principal, now, target, action);
      if (!recorded) return recorded.error();
      return true;
    });
    if (!written) return http::ErrorResponse(request, written.error());
    return Response::NoContent();
  }

  db::Database* db_;
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const LibraryCatalog> library_;
};

}  // namespace

void RegisterProgrammeRoutes(http::Router& router, db::Database& db, const Clock& clock,
                             const identity::Authenticator& authenticator,
                             std::shared_ptr<const LibraryCatalog> library) {
  const identity::ProtectedRoutes<ProgrammeApi> routes(router, authenticator,
                                                       ProgrammeApi(db, clock, std::move(library)));
  using M = http::Method;
  using Api = ProgrammeApi;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/programme", &Api::Get);
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/programme/items", &Api::Assign);
  routes.Add(M::kPatch, "/api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}", &Api::Update);
  routes.Add(M::kDelete, "/api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}", &Api::End);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}/done/{date}",
             &Api::MarkDoneOn);
  routes.Add(M::kDelete, "/api/v1/patients/{id:uuid}/programme/items/{item_id:uuid}/done/{date}",
             &Api::ClearDoneOn);
}

}  // namespace unknot::empower
