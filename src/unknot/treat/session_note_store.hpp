// Session notes in the database (tables session_note, session_note_version
// and session_addendum, migration 0012), and what the consent check reads
// about a patient: their care preferences (care_preference, migration 0010)
// and precautions (Assess's precaution store).
//
// A draft is saved with optimistic versioning (every save is a version row);
// signing is the last version; a signed note takes only addenda. The
// migration's triggers refuse any change to a signed note as well, so a bug
// here cannot rewrite one. Every function runs inside the caller's
// transaction, so a change and its audit event commit together.
// Thread-safety: free functions, no state.
//
// Errors: kNotFound for a note that is not this patient's; kConflict for a
// stale version (no issues), a signed note (issue code "note-signed") or an
// addendum to a draft ("note-not-signed").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/precautions.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/treat/session_map.hpp"
#include "unknot/treat/session_note.hpp"
#include "unknot/treat/touch_consent.hpp"

namespace unknot::treat {

inline constexpr std::string_view kNoteSignedCode = "note-signed";
inline constexpr std::string_view kNoteNotSignedCode = "note-not-signed";

// What treating this patient today depends on.
struct TreatmentContext {
  TouchConsentMap consent;
  std::int64_t preferences_version = 0;  // 0: no preferences recorded
  bool written_summary_wanted = false;
  assess::PatientPrecautions precautions;
  std::string time_zone;  // the clinic's
};
Result<TreatmentContext> LoadTreatmentContext(db::Session& session, std::int64_t patient_id);

// Every note of the patient, newest session first, without addenda (but with
// their count).
Result<std::vector<SessionNote>> ListSessionNotes(db::Session& session, std::int64_t patient_id);

// Signed notes with a patient summary, newest session first.
Result<std::vector<SessionNote>> ListSessionSummaries(db::Session& session,
                                                      std::int64_t patient_id);

// One note of the patient, with its addenda; kNotFound when there is none
// with this id for this patient.
Result<SessionNote> GetSessionNote(db::Session& session, std::int64_t patient_id,
                                   std::string_view note_id);

// A new draft, version 1, started by `clinician` (a user uuid).
Result<SessionNote> InsertSessionNote(db::Session& session, const people::Patient& patient,
                                      const SessionNoteFields& fields, const std::string& clinician,
                                      Instant now);

// Replaces a draft's fields as the next version. `expected_version` must equal
// the stored version.
Result<SessionNote> UpdateDraft(db::Session& session, std::int64_t patient_id,
                                const SessionNote& current, const SessionNoteFields& fields,
                                std::int64_t expected_version, const std::string& author,
                                Instant now);

// Signs a draft (the next version), by `author`.
Result<SessionNote> SignDraft(db::Session& session, std::int64_t patient_id,
                              const SessionNote& current, std::int64_t expected_version,
                              const std::string& author, Instant now);

// Deletes a draft and its versions.
Result<void> DeleteDraft(db::Session& session, const SessionNote& current,
                         std::int64_t expected_version);

// Appends the next addendum to a signed note.
Result<Addendum> AppendAddendum(db::Session& session, const SessionNote& current,
                                const std::string& text, const std::string& author, Instant now);

// The kConflict errors above, for callers that check before writing.
Error NoteSignedError();
Error NoteNotSignedError();
Error StaleNoteError();

}  // namespace unknot::treat
