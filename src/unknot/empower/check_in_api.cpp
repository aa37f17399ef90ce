#include "unknot/empower/check_in_api.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/check_in_csv.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/crypto.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

constexpr std::size_t kMaxIdempotencyKey = 255;

json::object EncodeCheckIn(const CheckInRecord& record, std::string_view patient_uuid) {
  json::object out{
      {"id", record.uuid}, {"patient_id", patient_uuid}, {"date", FormatLocalDate(record.date)}};
  for (auto& [key, value] : EncodeCheckInValues(record.values)) out[key] = value;
  out["late"] = record.late;
  out["version"] = record.version;
  out["created_at"] = FormatInstant(record.created_at);
  out["created_by"] = assess::EncodeAuthor(record.created_by);
  out["updated_at"] = FormatInstant(record.updated_at);
  out["updated_by"] = assess::EncodeAuthor(record.updated_by);
  return out;
}

// The Idempotency-Key header with a hash of the decoded request, so the same
// check-in sent again matches whatever its JSON spacing or member order.
std::optional<IdempotencyKey> ReadIdempotencyKey(const Request& request, const CheckInInput& input,
                                                 IssueList& issues) {
  const auto header = request.Header("idempotency-key");
  if (!header) return std::nullopt;
  const bool printable =
      std::all_of(header->begin(), header->end(), [](char c) { return c > 0x20 && c < 0x7F; });
  if (header->empty() || header->size() > kMaxIdempotencyKey || !printable) {
    issues.Add("Idempotency-Key", "invalid-idempotency-key",
               fmt::format("The Idempotency-Key header must be 1 to {} visible ASCII characters.",
                           kMaxIdempotencyKey));
    return std::nullopt;
  }
  json::object canonical = EncodeCheckInValues(input.values);
  canonical["date"] = input.date ? json::value(FormatLocalDate(*input.date)) : nullptr;
  return IdempotencyKey{std::string(*header), crypto::HashToken(json::serialize(canonical))};
}

struct DateRange {
  std::optional<LocalDate> from;
  std::optional<LocalDate> to;
};

Result<DateRange> ReadDateRange(const Request& request) {
  DateRange range;
  IssueList issues;
  for (const auto& [name, bound] : {std::pair{"from", &range.from}, std::pair{"to", &range.to}}) {
    const auto text = request.QueryParam(name);
    if (!text) continue;
    *bound = ParseLocalDate(*text);
    if (!*bound) issues.Add(name, "invalid-date", "Give the date as YYYY-MM-DD.");
  }
  if (range.from && range.to && *range.from > *range.to) {
    issues.Add("to", "before-from", "'to' must not be before 'from'.");
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return range;
}

bool IsCsv(const Request& request) {
  const auto type = request.Header("content-type");
  if (!type) return false;
  std::string media(type->substr(0, type->find(';')));
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media == "text/csv";
}

// The route handlers. Copyable and stateless apart from references and the
// shared immutable content.
class CheckInApi final {
 public:
  CheckInApi(db::Database& db, const Clock& clock,
             std::shared_ptr<const assess::AssessContent> content)
      : db_(&db), guard_(db, clock), patients_(db, clock), content_(std::move(content)) {}

  Response Create(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, people::OwnRecordWrite(principal), target, "check_in.create")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    IssueList issues;
    const CheckInInput input = DecodeCheckIn(*body, content_->body_map, true, issues);
    const auto key = ReadIdempotencyKey(request, input, issues);
    auto stored =
        db::InWrite<CheckInRecord>(*db_, [&](db::Session& session) -> Result<CheckInRecord> {
          const Instant now = guard_.clock().Now();
          // A retry answers what the first request stored, even once its day has passed.
          std::optional<CheckInRecord> record;  // the earlier answer, or the new check-in
          if (key && issues.empty()) {
            auto earlier = FindIdempotentCheckIn(session, patient->id, *key);
            if (!earlier) return earlier.error();
            record = std::move(*earlier);
          }
          if (!record) {
            auto today = Today(session, *patient, now);
            if (!today) return today.error();
            const LocalDate date = input.date.value_or(*today);
            IssueList found = issues;  // a copy keeps this work safe to run again
            CheckEntryDate(date, *today, "date", found);
            if (!found.empty()) return Error::Invalid(found.Take());
            auto inserted = InsertCheckIn(session, *patient, date, input.values, date != *today,
                                          principal.user_uuid, now, key);
            if (!inserted) return inserted.error();
            record = std::move(*inserted);
          }
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "check_in.create");
          if (!recorded) return recorded.error();
          return std::move(*record);
        });
    if (!stored) return http::ErrorResponse(request, stored.error());
    const std::string location = fmt::format("/api/v1/patients/{}/check-ins/{}", patient->uuid,
                                             FormatLocalDate(stored->date));
    return http::WithETag(http::Created(location, EncodeCheckIn(*stored, patient->uuid)),
                          stored->version);
  }

  Response Update(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, people::OwnRecordWrite(principal), target, "check_in.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    IssueList issues;
    const auto date = ParseLocalDate(request.params.Get("date"));
    if (!date) issues.Add("date", "invalid-date", "Give the date in the address as YYYY-MM-DD.");
    const CheckInInput input = DecodeCheckIn(*body, content_->body_map, false, issues);
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    auto stored =
        db::InWrite<CheckInRecord>(*db_, [&](db::Session& session) -> Result<CheckInRecord> {
          const Instant now = guard_.clock().Now();
          auto today = Today(session, *patient, now);
          if (!today) return today.error();
          IssueList found = issues;  // a copy keeps this work safe to run again
          if (date) CheckEntryDate(*date, *today, "date", found);
          if (!found.empty()) return Error::Invalid(found.Take());
          auto updated = UpdateCheckIn(session, patient->id, *date, input.values, *expected,
                                       principal.user_uuid, now);
          if (!updated) return updated.error();
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "check_in.update");
          if (!recorded) return recorded.error();
          return updated;
        });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(http::JsonResponse(200, EncodeCheckIn(*stored, patient->uuid)),
                          stored->version);
  }

  // {items, today, time_zone}: the clinic's date and zone let a portal tell
  // today and late days apart without guessing the patient's zone.
  Response List(Request& request, const Principal& principal) const {
    const auto range = ReadDateRange(request);
    struct Listed {
      std::string patient_uuid;
      std::vector<CheckInRecord> records;
      LocalDate today;
      std::string time_zone;
    };
    return people::ReadPatientRecords<Listed>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "check_in.list",
        [&](db::Session& session, const people::Patient& patient) -> Result<Listed> {
          if (!range) return range.error();
          Listed listed{.patient_uuid = patient.uuid};
          auto zone = ClinicTimeZone(session, patient.clinic_id);
          if (!zone) return zone.error();
          auto today = LocalToday(guard_.clock().Now(), *zone);
          if (!today) return Error::Internal("clinic has an unknown time zone: " + *zone);
          listed.today = *today;
          listed.time_zone = std::move(*zone);
          auto records = ListCheckIns(session, patient.id, range->from, range->to);
          if (!records) return records.error();
          listed.records = std::move(*records);
          return listed;
        },
        [](const Listed& listed) {
          json::array items;
          for (const auto& record : listed.records) {
            items.push_back(EncodeCheckIn(record, listed.patient_uuid));
          }
          return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                                      {"today", FormatLocalDate(listed.today)},
                                                      {"time_zone", listed.time_zone}});
        });
  }

  Response ExportCsv(Request& request, const Principal& principal) const {
    return ReadCheckIns(
        request, principal, "check_in.export", DateRange{},
        [](const std::vector<CheckInRecord>& records, std::string_view) {
          std::vector<CsvCheckIn> rows;
          rows.reserve(records.size());
          for (const auto& record : records) {
            rows.push_back({record.date, record.values});
          }
          Response response =
              Response::Text(200, FormatCheckInsCsv(rows), "text/csv; charset=utf-8");
          response.SetHeader("Content-Disposition", "attachment; filename=\"check-ins.csv\"");
          return response;
        });
  }

  // Past check-ins kept elsewhere (a paper diary, another app): all rows or none.
  Response Import(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, Action::kUpdate, target, "check_in.import")) {
      return std::move(*denied);
    }
    if (!IsCsv(request)) {
      return http::ErrorResponse(
          request,
          Error(ErrorCode::kUnsupported, "Send the check-ins as CSV with Content-Type: text/csv."));
    }
    IssueList issues;
    const auto rows = ParseCheckInsCsv(request.body, content_->body_map, issues);
    auto imported =
        db::InWrite<std::int64_t>(*db_, [&](db::Session& session) -> Result<std::int64_t> {
          const Instant now = guard_.clock().Now();
          auto today = Today(session, *patient, now);
          if (!today) return today.error();
          IssueList found = issues;  // a copy keeps this work safe to run again
          for (const auto& row : rows) {
            if (row.date > *today) {
              found.Add(CsvIssuePath(row.line, "date"), "future-date",
                        FormatLocalDate(row.date) + " has not happened yet.");
              continue;
            }
            auto exists = CheckInExists(session, patient->id, row.date);
            if (!exists) return exists.error();
            if (*exists) {
              found.Add(CsvIssuePath(row.line, "date"), "already-checked-in",
                        "There is already a check-in for " + FormatLocalDate(row.date) + ".");
            }
          }
          if (!found.empty()) return Error::Invalid(found.Take());
          for (const auto& row : rows) {
            auto inserted = InsertCheckIn(session, *patient, row.date, row.values,
                                          row.date != *today, principal.user_uuid, now);
            if (!inserted) return inserted.error();
          }
          auto recorded =
              guard_.RecordWrite(session, request, principal, now, target, "check_in.import");
          if (!recorded) return recorded.error();
          return static_cast<std::int64_t>(rows.size());
        });
    if (!imported) return http::ErrorResponse(request, imported.error());
    return http::JsonResponse(200, json::object{{"imported", *imported}});
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

  template <class Answer>
  Response ReadCheckIns(Request& request, const Principal& principal, std::string audit_action,
                        const Result<DateRange>& range, Answer&& answer) const {
    std::string patient_uuid(request.params.Get("id"));
    return people::ReadPatientRecords<std::vector<CheckInRecord>>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        std::move(audit_action),
        [&](db::Session& session,
            const people::Patient& patient) -> Result<std::vector<CheckInRecord>> {
          if (!range) return range.error();
          patient_uuid = patient.uuid;
          return ListCheckIns(session, patient.id, range->from, range->to);
        },
        [&](const std::vector<CheckInRecord>& records) { return answer(records, patient_uuid); });
  }

  db::Database* db_;
  identity::AccessGuard guard_;
  people::PatientStore patients_;
  std::shared_ptr<const assess::AssessContent> content_;
};

}  // namespace

void RegisterCheckInRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const assess::AssessContent> content) {
  const identity::ProtectedRoutes<CheckInApi> routes(router, authenticator,
                                                     CheckInApi(db, clock, std::move(content)));
  using M = http::Method;
  using Api = CheckInApi;
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/check-ins", &Api::Create);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/check-ins", &Api::List);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/check-ins/{date}", &Api::Update);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/check-ins.csv", &Api::ExportCsv);
  routes.Add(M::kPost, "/api/v1/patients/{id:uuid}/check-ins/import", &Api::Import);
}

}  // namespace unknot::empower
