#include "unknot/treat/session_note_store.hpp"

#include "unknot/assess/precaution_store.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::treat {
namespace {

// Columns 0–13 of a note; FromRow reads them in this order.
constexpr const char* kSelectNote =
    "SELECT n.id, p.uuid, n.status, n.version, n.clinician, cu.display_name, n.session_date, "
    "n.data, n.created_at, n.updated_at, n.signed_at, n.signed_by, su.display_name, "
    "(SELECT COUNT(*) FROM session_addendum a WHERE a.note_id = n.id) "
    "FROM session_note n JOIN patient p ON p.id = n.patient_id "
    "LEFT JOIN user_account cu ON cu.uuid = n.clinician "
    "LEFT JOIN user_account su ON su.uuid = n.signed_by ";
constexpr const char* kNewestFirst = " ORDER BY n.session_date DESC, n.created_at DESC, n.id";

Result<SessionNote> FromRow(const db::Row& row) {
  SessionNote note;
  note.id = row.Text(0);
  note.patient_uuid = row.Text(1);
  const auto status = NoteStatusFromString(row.Text(2));
  const auto date = empower::ParseLocalDate(row.Text(6));
  if (!status || !date) return Error::Internal("session_note has a malformed row");
  note.status = *status;
  note.version = row.Int(3);
  note.clinician = assess::Author{row.Text(4), row.OptText(5)};
  auto fields = ParseStoredNoteData(row.Text(7), *date);
  if (!fields) return fields.error();
  note.fields = std::move(*fields);
  note.created_at = row.Int(8);
  note.updated_at = row.Int(9);
  note.signed_at = row.OptInt(10);
  if (const auto signer = row.OptText(11))
    note.signed_by = assess::Author{*signer, row.OptText(12)};
  note.addenda_count = row.Int(13);
  return note;
}

Result<std::vector<SessionNote>> QueryNotes(db::Session& session, const std::string& where,
                                            std::int64_t patient_id) {
  auto rows = session.Query(std::string(kSelectNote) + where + kNewestFirst, {patient_id});
  if (!rows) return rows.error();
  std::vector<SessionNote> notes;
  notes.reserve(rows->rows.size());
  for (const db::Row& row : rows->rows) {
    auto note = FromRow(row);
    if (!note) return note.error();
    notes.push_back(std::move(*note));
  }
  return notes;
}

Result<void> AppendVersion(db::Session& session, const std::string& note_id, std::int64_t version,
                           const std::string& author, Instant now, NoteStatus status,
                           const SessionNoteFields& fields) {
  auto appended = session.Exec(
      "INSERT INTO session_note_version (note_id, version, author, recorded_at, status, "
      "session_date, data) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {note_id, version, author, now, std::string(ToString(status)),
       empower::FormatLocalDate(fields.session_date), StoredNoteData(fields)});
  if (!appended) return appended.error();
  return {};
}

}  // namespace

Error NoteSignedError() {
  const std::string message = "A signed note cannot be changed; add an addendum.";
  return Error(ErrorCode::kConflict, message, {{"", std::string(kNoteSignedCode), message}});
}

Error NoteNotSignedError() {
  const std::string message =
      "Addenda are for signed notes. This note is still a draft: change it instead.";
  return Error(ErrorCode::kConflict, message, {{"", std::string(kNoteNotSignedCode), message}});
}

Error StaleNoteError() {
  return Error(ErrorCode::kConflict,
               "This note has changed since you loaded it. Reload it and try again.");
}

Result<TreatmentContext> LoadTreatmentContext(db::Session& session, std::int64_t patient_id) {
  TreatmentContext context;
  auto zone = session.QueryOne(
      "SELECT c.time_zone FROM patient p JOIN clinic c ON c.id = p.clinic_id WHERE p.id = $1",
      {patient_id});
  if (!zone) return zone.error();
  if (!*zone) return Error::NotFound("patient");
  context.time_zone = (*zone)->Text(0);

  auto preferences = session.QueryOne(
      "SELECT data, version FROM care_preference WHERE patient_id = $1", {patient_id});
  if (!preferences) return preferences.error();
  if (*preferences) {
    auto consent = TouchConsentFromStoredPreferences((*preferences)->Text(0));
    if (!consent) return consent.error();
    auto summary = WrittenSummaryWanted((*preferences)->Text(0));
    if (!summary) return summary.error();
    context.consent = std::move(*consent);
    context.written_summary_wanted = *summary;
    context.preferences_version = (*preferences)->Int(1);
  }
  auto precautions = assess::GetPrecautions(session, patient_id);
  if (!precautions) return precautions.error();
  context.precautions = std::move(*precautions);
  return context;
}

Result<std::vector<SessionNote>> ListSessionNotes(db::Session& session, std::int64_t patient_id) {
  return QueryNotes(session, "WHERE n.patient_id = $1", patient_id);
}

Result<std::vector<SessionNote>> ListSessionSummaries(db::Session& session,
                                                      std::int64_t patient_id) {
  auto notes = QueryNotes(session, "WHERE n.patient_id = $1 AND n.status = 'signed'", patient_id);
  if (!notes) return notes;
  std::erase_if(*notes,
                [](const SessionNote& note) { return note.fields.patient_summary.empty(); });
  return notes;
}

Result<SessionNote> GetSessionNote(db::Session& session, std::int64_t patient_id,
                                   std::string_view note_id) {
  auto row = session.QueryOne(std::string(kSelectNote) + "WHERE n.id = $1 AND n.patient_id = $2",
                              {std::string(note_id), patient_id});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("session note");
  auto note = FromRow(**row);
  if (!note) return note;
  auto addenda = session.Query(
      "SELECT a.seq, a.text, a.author, u.display_name, a.recorded_at FROM session_addendum a "
      "LEFT JOIN user_account u ON u.uuid = a.author WHERE a.note_id = $1 ORDER BY a.seq",
      {note->id});
  if (!addenda) return addenda.error();
  for (const db::Row& a : addenda->rows) {
    note->addenda.push_back(
        Addendum{a.Int(0), a.Text(1), assess::Author{a.Text(2), a.OptText(3)}, a.Int(4)});
  }
  return note;
}

Result<SessionNote> InsertSessionNote(db::Session& session, const people::Patient& patient,
                                      const SessionNoteFields& fields, const std::string& clinician,
                                      Instant now) {
  const std::string id = NewUuid();
  auto inserted = session.Exec(
      "INSERT INTO session_note (id, patient_id, clinician, session_date, status, data, version, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, 1, $6, $6)",
      {id, patient.id, clinician, empower::FormatLocalDate(fields.session_date),
       StoredNoteData(fields), now});
  if (!inserted) return inserted.error();
  if (auto v = AppendVersion(session, id, 1, clinician, now, NoteStatus::kDraft, fields); !v) {
    return v.error();
  }
  return GetSessionNote(session, patient.id, id);
}

Result<SessionNote> UpdateDraft(db::Session& session, std::int64_t patient_id,
                                const SessionNote& current, const SessionNoteFields& fields,
                                std::int64_t expected_version, const std::string& author,
                                Instant now) {
  if (current.status == NoteStatus::kSigned) return NoteSignedError();
  if (expected_version != current.version) return StaleNoteError();
  const std::int64_t version = current.version + 1;
  auto updated = session.Exec(
      "UPDATE session_note SET session_date = $1, data = $2, version = $3, updated_at = $4 "
      "WHERE id = $5 AND patient_id = $6 AND version = $7 AND status = 'draft'",
      {empower::FormatLocalDate(fields.session_date), StoredNoteData(fields), version, now,
       current.id, patient_id, expected_version});
  if (!updated) return updated.error();
  if (*updated != 1) return StaleNoteError();
  if (auto v = AppendVersion(session, current.id, version, author, now, NoteStatus::kDraft, fields);
      !v) {
    return v.error();
  }
  return GetSessionNote(session, patient_id, current.id);
}

Result<SessionNote> SignDraft(db::Session& session, std::int64_t patient_id,
                              const SessionNote& current, std::int64_t expected_version,
                              const std::string& author, Instant now) {
  if (current.status == NoteStatus::kSigned) return NoteSignedError();
  if (expected_version != current.version) return StaleNoteError();
  const std::int64_t version = current.version + 1;
  auto updated = session.Exec(
      "UPDATE session_note SET status = 'signed', version = $1, updated_at = $2, signed_at = $2, "
      "signed_by = $3 WHERE id = $4 AND patient_id = $5 AND version = $6 AND status = 'draft'",
      {version, now, author, current.id, patient_id, expected_version});
  if (!updated) return updated.error();
  if (*updated != 1) return StaleNoteError();
  if (auto v = AppendVersion(session, current.id, version, author, now, NoteStatus::kSigned,
                             current.fields);
      !v) {
    return v.error();
  }
  return GetSessionNote(session, patient_id, current.id);
}

Result<void> DeleteDraft(db::Session& session, const SessionNote& current,
                         std::int64_t expected_version) {
  if (current.status == NoteStatus::kSigned) return NoteSignedError();
  if (expected_version != current.version) return StaleNoteError();
  auto versions = session.Exec("DELETE FROM session_note_version WHERE note_id = $1", {current.id});
  if (!versions) return versions.error();
  auto deleted =
      session.Exec("DELETE FROM session_note WHERE id = $1 AND version = $2 AND status = 'draft'",
                   {current.id, expected_version});
  if (!deleted) return deleted.error();
  // A lost race: the caller's transaction rolls the versions' deletion back.
  if (*deleted != 1) return StaleNoteError();
  return {};
}

Result<Addendum> AppendAddendum(db::Session& session, const SessionNote& current,
                                const std::string& text, const std::string& author, Instant now) {
  if (current.status != NoteStatus::kSigned) return NoteNotSignedError();
  auto next = session.QueryOne(
      "SELECT COALESCE(MAX(seq), 0) + 1 FROM session_addendum WHERE note_id = $1", {current.id});
  if (!next) return next.error();
  const std::int64_t seq = (**next).Int(0);
  auto inserted = session.Exec(
      "INSERT INTO session_addendum (note_id, seq, author, recorded_at, text) "
      "VALUES ($1, $2, $3, $4, $5)",
      {current.id, seq, author, now, text});
  if (!inserted) return inserted.error();
  auto name = session.QueryOne("SELECT display_name FROM user_account WHERE uuid = $1", {author});
  if (!name) return name.error();
  return Addendum{seq, text, assess::Author{author, *name ? (*name)->OptText(0) : std::nullopt},
                  now};
}

}  // namespace unknot::treat
