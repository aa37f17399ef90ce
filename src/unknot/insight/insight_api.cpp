#include "unknot/insight/insight_api.hpp"

#include <boost/json.hpp>

#include <mutex>
#include <unordered_map>

#include "unknot/empower/check_in_model.hpp"
#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/insight/outcome.hpp"
#include "unknot/insight/patient_insight.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::insight {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

// The latest analysis per patient. Bounded: past kMaxEntries the whole cache
// is dropped, since recomputing one patient takes about a millisecond and an
// eviction order would cost more code than it saves. Thread-safe.
class InsightCache final {
 public:
  static constexpr std::size_t kMaxEntries = 10'000;

  std::shared_ptr<const PatientInsight> Find(std::int64_t patient_id,
                                             const std::string& checksum) const {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(patient_id);
    if (found == entries_.end() || found->second->input_checksum != checksum) return nullptr;
    return found->second;
  }

  void Store(std::int64_t patient_id, std::shared_ptr<const PatientInsight> insight) {
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[patient_id] = std::move(insight);
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::shared_ptr<const PatientInsight>> entries_;
};

enum class View { kPatient, kClinician };

// The clinic's scores as the outcome analysis reads them: every scored
// response (dated in the clinic's zone) and every check-in pain rating as the
// pseudo-instrument daily_pain.
Result<std::vector<ScoreRow>> ClinicScores(db::Session& session, std::int64_t clinic_id,
                                           const std::string& time_zone) {
  std::vector<ScoreRow> rows;
  auto responses = session.Query(
      "SELECT p.uuid, r.instrument_id, r.instrument_version, r.recall_period, r.completed_at, "
      "r.total FROM instrument_response r JOIN patient p ON p.id = r.patient_id "
      "WHERE r.clinic_id = $1 AND r.total IS NOT NULL ORDER BY r.id",
      {clinic_id});
  if (!responses) return responses.error();
  for (const auto& row : responses->rows) {
    auto date = empower::LocalToday(row.Int(4), time_zone);
    if (!date) return date.error();
    rows.push_back({.patient = row.Text(0),
                    .instrument = row.Text(1),
                    .instrument_version = row.Text(2),
                    .recall = row.OptText(3).value_or(""),
                    .date = std::chrono::sys_days{*date},
                    .score = row.Real(5)});
  }
  auto pain = session.Query(
      "SELECT p.uuid, c.local_date, c.pain FROM check_in c JOIN patient p ON p.id = c.patient_id "
      "WHERE c.clinic_id = $1 AND c.pain IS NOT NULL ORDER BY c.id",
      {clinic_id});
  if (!pain) return pain.error();
  for (const auto& row : pain->rows) {
    const auto date = empower::ParseLocalDate(row.Text(1));
    if (!date) return Error::Internal("check_in.local_date is not a date: " + row.Text(1));
    rows.push_back({.patient = row.Text(0),
                    .instrument = std::string(kDailyPainInstrument),
                    .instrument_version = "1",
                    .recall = "P1D",
                    .date = std::chrono::sys_days{*date},
                    .score = static_cast<double>(row.Int(2))});
  }
  return rows;
}

struct Caseload {
  std::int64_t patients = 0;
  std::int64_t checked_in_last_28_days = 0;
  std::int64_t open_alerts = 0;
};

Result<Caseload> ClinicCaseload(db::Session& session, std::int64_t clinic_id,
                                empower::LocalDate today) {
  const std::string since = empower::FormatLocalDate(
      empower::LocalDate{std::chrono::sys_days{today} - std::chrono::days{27}});
  auto row = session.QueryOne(
      "SELECT (SELECT COUNT(*) FROM patient WHERE clinic_id = $1), "
      "(SELECT COUNT(DISTINCT patient_id) FROM check_in WHERE clinic_id = $1 AND local_date >= $2), "
      "(SELECT COUNT(*) FROM safety_alert WHERE clinic_id = $1 AND status = 'open')",
      {clinic_id, since});
  if (!row) return row.error();
  if (!*row) return Error::Internal("caseload query returned no row");
  return Caseload{(*row)->Int(0), (*row)->Int(1), (*row)->Int(2)};
}

class InsightApi final {
 public:
  InsightApi(db::Database& db, const Clock& clock,
             std::shared_ptr<const assess::AssessContent> content)
      : guard_(db, clock),
        patients_(db, clock),
        clinics_(db, clock),
        content_(std::move(content)),
        cache_(std::make_shared<InsightCache>()) {}

  Response PatientView(Request& request, const Principal& principal) const {
    return Read(request, principal, View::kPatient);
  }

  Response ClinicianView(Request& request, const Principal& principal) const {
    return Read(request, principal, View::kClinician);
  }

  Response Outcomes(Request& request, const Principal& principal) const {
    return ReadClinic(request, principal, "outcomes.read", [&](ClinicData& data) {
      IssueList skipped;  // scores of instruments no longer in the registry
      const OutcomeReport report = AnalyseOutcomes(data.scores, content_->registry, skipped);
      return http::JsonResponse(
          200, json::object{{"date", empower::FormatLocalDate(data.today)},
                            {"caseload",
                             json::object{{"patients", data.caseload.patients},
                                          {"checked_in_last_28_days",
                                           data.caseload.checked_in_last_28_days}}},
                            {"open_alerts", data.caseload.open_alerts},
                            {"outcomes", ToJson(report)},
                            {"skipped_scores", static_cast<std::int64_t>(skipped.Take().size())}});
    });
  }

  // The clinic's scores in the format `unknot insight outcomes` reads.
  Response ScoresCsv(Request& request, const Principal& principal) const {
    return ReadClinic(request, principal, "scores.export", [](ClinicData& data) {
      Response response =
          Response::Text(200, FormatScoresCsv(data.scores), "text/csv; charset=utf-8");
      response.SetHeader("Content-Disposition", "attachment; filename=\"scores.csv\"");
      return response;
    });
  }

 private:
  struct ClinicData {
    std::vector<ScoreRow> scores;
    Caseload caseload;
    empower::LocalDate today;
  };

  // Every patient of the clinic, in aggregate: staff only; the read is
  // audited before `answer` sees the data.
  template <class Answer>
  Response ReadClinic(Request& request, const Principal& principal, std::string audit_action,
                      Answer&& answer) const {
    auto clinic = clinics_.Get(request.params.Get("clinic_id"));
    if (!clinic) return http::ErrorResponse(request, clinic.error());
    const auto target = identity::ClinicTarget(clinic->id, clinic->uuid,
                                               identity::ResourceKind::kStaffRecord);
    if (auto denied = guard_.Check(request, principal, Action::kList, target, audit_action)) {
      return std::move(*denied);
    }
    auto loaded =
        db::InRead<ClinicData>(guard_.db(), [&](db::Session& session) -> Result<ClinicData> {
          auto today = empower::LocalToday(guard_.clock().Now(), clinic->fields.time_zone);
          if (!today) return today.error();
          auto scores = ClinicScores(session, clinic->id, clinic->fields.time_zone);
          if (!scores) return scores.error();
          auto caseload = ClinicCaseload(session, clinic->id, *today);
          if (!caseload) return caseload.error();
          return ClinicData{std::move(*scores), *caseload, *today};
        });
    if (!loaded) return http::ErrorResponse(request, loaded.error());
    if (auto unrecorded = guard_.AuditRead(request, principal, target, std::move(audit_action))) {
      return std::move(*unrecorded);
    }
    return answer(*loaded);
  }

  Response Read(Request& request, const Principal& principal, View view) const {
    struct Loaded {
      std::int64_t patient_id = 0;
      std::string patient_uuid;
      std::vector<empower::CheckInRecord> records;
    };
    return people::ReadPatientRecords<Loaded>(
        guard_, patients_, request, principal,
        view == View::kPatient ? people::RecordKind::kPatientReadable
                               : people::RecordKind::kStaffOnly,
        view == View::kPatient ? "insight.read" : "insight.detail.read",
        [](db::Session& session, const people::Patient& patient) -> Result<Loaded> {
          auto records = empower::ListCheckIns(session, patient.id, std::nullopt, std::nullopt);
          if (!records) return records.error();
          return Loaded{patient.id, patient.uuid, std::move(*records)};
        },
        [&](const Loaded& loaded) {
          const auto insight = Analysed(loaded.patient_id, loaded.patient_uuid, loaded.records);
          return http::JsonResponse(
              200, view == View::kPatient ? insight->patient_view : insight->clinician_view);
        });
  }

  std::shared_ptr<const PatientInsight> Analysed(
      std::int64_t patient_id, const std::string& patient_uuid,
      const std::vector<empower::CheckInRecord>& records) const {
    const std::string checksum = InsightInputChecksum(records);
    if (auto cached = cache_->Find(patient_id, checksum)) return cached;
    auto insight = std::make_shared<const PatientInsight>(AnalysePatient(
        records, {.patient_id = patient_uuid,
                  .run_id = NewUuid(),
                  .computed_at = FormatInstant(guard_.clock().Now())}));
    cache_->Store(patient_id, insight);
    return insight;
  }

  identity::AccessGuard guard_;
  people::PatientStore patients_;
  people::ClinicStore clinics_;
  std::shared_ptr<const assess::AssessContent> content_;
  std::shared_ptr<InsightCache> cache_;  // shared by every copy of the handlers
};

}  // namespace

void RegisterInsightRoutes(http::Router& router, db::Database& db, const Clock& clock,
                           const identity::Authenticator& authenticator,
                           std::shared_ptr<const assess::AssessContent> content) {
  const identity::ProtectedRoutes<InsightApi> routes(router, authenticator,
                                                     InsightApi(db, clock, std::move(content)));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/insights", &InsightApi::PatientView);
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/insights/detail", &InsightApi::ClinicianView);
  routes.Add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}/outcomes", &InsightApi::Outcomes);
  routes.Add(M::kGet, "/api/v1/clinics/{clinic_id:uuid}/scores.csv", &InsightApi::ScoresCsv);
}

}  // namespace unknot::insight
