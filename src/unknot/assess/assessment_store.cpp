#include "unknot/assess/assessment_store.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "unknot/assess/answer_validation.hpp"
#include "unknot/assess/assess_store_support.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const std::string& SelectAssessment() {
  static const std::string sql =
      "SELECT a.id, a.uuid, a.clinic_id, a.patient_id, p.uuid, a.title, a.instruments, "
      "a.body_map, a.status, a.draft, a.draft_version, a.created_by, " +
      detail::UserNameOf("a.created_by") +
      ", a.created_at, a.updated_at, a.completed_at, "
      "EXISTS (SELECT 1 FROM safety_alert s WHERE s.assessment_id = a.id AND s.status = 'open') "
      "FROM assessment a JOIN patient p ON p.id = a.patient_id";
  return sql;
}

Result<Assessment> AssessmentFromRow(const db::Row& row) {
  Assessment a;
  a.id = row.Int(0);
  a.uuid = row.Text(1);
  a.clinic_id = row.Int(2);
  a.patient_id = row.Int(3);
  a.patient_uuid = row.Text(4);
  a.title = row.Text(5);
  boost::system::error_code ec;
  const json::value instruments = json::parse(row.Text(6), ec);
  if (ec || !instruments.is_array()) {
    return Error::Internal(fmt::format("assessment {} has unreadable instruments", a.id));
  }
  for (const auto& id : instruments.as_array()) {
    if (id.is_string()) a.instruments.emplace_back(id.as_string());
  }
  a.body_map = row.Int(7) != 0;
  const auto status = ParseAssessmentStatus(row.Text(8));
  if (!status) return Error::Internal(fmt::format("assessment {} has an unknown status", a.id));
  a.status = *status;
  auto draft = ParseStoredDraft(row.Text(9));
  if (!draft) return draft.error();
  a.draft = std::move(*draft);
  a.draft_version = row.Int(10);
  a.created_by = detail::ToUserRef(row, 11, 12);
  a.created_at = row.Int(13);
  a.updated_at = row.Int(14);
  a.completed_at = row.OptInt(15);
  a.open_safety_alert = row.Int(16) != 0;
  return a;
}

Error StaleDraft() {
  return Error(ErrorCode::kConflict,
               "These answers were changed elsewhere since you loaded them. Reload and try again.");
}

std::string DraftText(const Draft& draft) {
  return json::serialize(EncodeDraft(draft));
}

}  // namespace

Result<Assessment> InsertAssessment(db::Session& session, const NewAssessment& fields,
                                    Instant now) {
  Assessment a;
  a.uuid = NewUuid();
  a.clinic_id = fields.clinic_id;
  a.patient_id = fields.patient_id;
  a.patient_uuid = fields.patient_uuid;
  a.title = fields.title;
  a.instruments = fields.instruments;
  a.body_map = fields.body_map;
  a.created_by = fields.created_by;
  a.created_at = now;
  a.updated_at = now;
  json::array instruments;
  for (const auto& id : a.instruments) instruments.emplace_back(id);
  auto inserted = session.Query(
      "INSERT INTO assessment (uuid, clinic_id, patient_id, title, instruments, body_map, status, "
      "draft, draft_version, created_by, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, 'sent', $7, $8, $9, $10, $10) RETURNING id",
      {a.uuid, a.clinic_id, a.patient_id, a.title, json::serialize(instruments),
       std::int64_t{a.body_map ? 1 : 0}, DraftText(a.draft), a.draft_version, a.created_by.id,
       now});
  if (!inserted) return inserted.error();
  if (inserted->rows.empty()) return Error::Internal("INSERT INTO assessment returned no id");
  a.id = inserted->rows.front().Int(0);
  return a;
}

Result<Assessment> GetAssessment(db::Session& session, std::string_view uuid) {
  auto row = session.QueryOne(SelectAssessment() + " WHERE a.uuid = $1", {CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The assessment");
  return AssessmentFromRow(**row);
}

Result<std::vector<Assessment>> ListAssessments(db::Session& session, std::int64_t patient_id) {
  auto rows = session.Query(
      SelectAssessment() + " WHERE a.patient_id = $1 ORDER BY a.created_at DESC, a.id DESC",
      {patient_id});
  if (!rows) return rows.error();
  std::vector<Assessment> out;
  for (const auto& row : rows->rows) {
    auto assessment = AssessmentFromRow(row);
    if (!assessment) return assessment.error();
    out.push_back(std::move(*assessment));
  }
  return out;
}

Result<void> CheckOpenForAnswers(const Assessment& assessment) {
  switch (assessment.status) {
    case AssessmentStatus::kSent:
    case AssessmentStatus::kInProgress: return {};
    case AssessmentStatus::kCompleted:
      return Error(ErrorCode::kConflict, "These questionnaires have already been completed.");
    case AssessmentStatus::kCancelled:
      return Error(ErrorCode::kConflict, "These questionnaires were cancelled by the clinic.");
  }
  return {};
}

Result<Assessment> SaveDraft(db::Session& session, const Assessment& current, const Draft& draft,
                             std::optional<std::int64_t> expected_version, Instant now) {
  if (auto open = CheckOpenForAnswers(current); !open) return open.error();
  if (expected_version && *expected_version != current.draft_version) return StaleDraft();
  auto updated = session.Query(
      "UPDATE assessment SET draft = $1, draft_version = $2, status = 'in_progress', "
      "updated_at = $3 WHERE id = $4 AND draft_version = $5 "
      "AND status IN ('sent', 'in_progress')",
      {DraftText(draft), current.draft_version + 1, now, current.id, current.draft_version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return StaleDraft();  // another writer got there first
  Assessment saved = current;
  saved.draft = draft;
  saved.draft_version += 1;
  saved.status = AssessmentStatus::kInProgress;
  saved.updated_at = now;
  return saved;
}

Result<Assessment> CompleteAssessment(db::Session& session, const Assessment& current,
                                      const Draft& draft,
                                      std::optional<std::int64_t> expected_version,
                                      const UserRef& by, Instant now) {
  if (auto open = CheckOpenForAnswers(current); !open) return open.error();
  if (expected_version && *expected_version != current.draft_version) return StaleDraft();
  auto updated = session.Query(
      "UPDATE assessment SET draft = $1, draft_version = $2, status = 'completed', "
      "completed_by = $3, completed_at = $4, updated_at = $4 WHERE id = $5 AND draft_version = $6 "
      "AND status IN ('sent', 'in_progress')",
      {DraftText(draft), current.draft_version + 1, by.id, now, current.id, current.draft_version});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return StaleDraft();
  Assessment done = current;
  done.draft = draft;
  done.draft_version += 1;
  done.status = AssessmentStatus::kCompleted;
  done.completed_at = now;
  done.updated_at = now;
  return done;
}

Result<Assessment> CancelAssessment(db::Session& session, const Assessment& current, Instant now) {
  if (auto open = CheckOpenForAnswers(current); !open) return open.error();
  auto updated = session.Query(
      "UPDATE assessment SET status = 'cancelled', updated_at = $1 "
      "WHERE id = $2 AND status IN ('sent', 'in_progress')",
      {now, current.id});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) {
    return Error(ErrorCode::kConflict, "These questionnaires changed while you were cancelling.");
  }
  Assessment cancelled = current;
  cancelled.status = AssessmentStatus::kCancelled;
  cancelled.updated_at = now;
  return cancelled;
}

}  // namespace unknot::assess
