// Session notes (DESIGN §2 T2; issue 7 item 4): the model, decoding of request
// bodies, the stored JSON form, the API's JSON, and the consent rules a note
// must satisfy against the session map (session_map.hpp).
//
// A note is a draft until it is signed; a signed note never changes again and
// corrections are addenda with their author and time. The store
// (session_note_store.hpp) enforces that; this file is pure. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/record_json.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"
#include "unknot/treat/session_map.hpp"
#include "unknot/treat/techniques.hpp"

namespace unknot::treat {

using empower::LocalDate;

inline constexpr std::size_t kMaxNoteTextLength = 5000;
inline constexpr std::size_t kMaxAddendumLength = 5000;
inline constexpr int kMaxRating = 10;

struct RatingPair {
  std::optional<int> before;
  std::optional<int> after;
  bool operator==(const RatingPair&) const = default;
};

// Pain, muscle tension and stress, 0–10, before and after the session.
struct SessionRatings {
  RatingPair pain;
  RatingPair tension;
  RatingPair stress;
  bool operator==(const SessionRatings&) const = default;
};

// What a clinician writes. Texts are trimmed; empty means none.
struct SessionNoteFields {
  LocalDate session_date{};
  std::string subjective;
  std::string objective;
  std::string assessment;
  std::string plan;
  std::vector<std::string> techniques;           // codes of techniques.json
  std::vector<std::string> regions_treated;      // body-map codes
  std::vector<std::string> ask_first_confirmed;  // "ask first" regions agreed to today
  bool consent_confirmed = false;
  bool screen_completed = false;  // "pre-treatment screen completed today" (reference §7b)
  SessionRatings ratings;
  std::string advice;
  std::string programme_changes;
  std::string patient_summary;  // shown to the patient once signed
  bool operator==(const SessionNoteFields&) const = default;
};

enum class NoteStatus { kDraft, kSigned };
std::string_view ToString(NoteStatus status);  // "draft" | "signed"
std::optional<NoteStatus> NoteStatusFromString(std::string_view text);

struct Addendum {
  std::int64_t seq = 0;  // 1, 2, … per note
  std::string text;
  assess::Author author;
  Instant recorded_at = 0;
};

struct SessionNote {
  std::string id;  // public uuid
  std::string patient_uuid;
  NoteStatus status = NoteStatus::kDraft;
  std::int64_t version = 0;  // 1 when created; +1 with each save and at signing
  assess::Author clinician;  // who started it
  SessionNoteFields fields;
  Instant created_at = 0;
  Instant updated_at = 0;
  std::optional<Instant> signed_at;
  std::optional<assess::Author> signed_by;
  std::vector<Addendum> addenda;  // oldest first; loaded for one note only
  std::int64_t addenda_count = 0;
};

// What the decoders check the codes against, and today's date in the clinic.
struct NoteRules {
  const Techniques* techniques = nullptr;
  const assess::BodyMapRegions* body_map = nullptr;
  LocalDate today{};
};

// The body of POST (`date_required` false: session_date defaults to
// `rules.today`) or PUT (a full replacement; session_date required) …/sessions.
// Every issue at once, with paths such as `regions_treated[2]` or
// `ratings.pain.after`: unknown members, wrong types, a date that is not
// YYYY-MM-DD or is after today ("future-date"), texts over 5000 characters,
// unknown ("unknown-technique", "unknown-region") or repeated ("duplicate")
// codes, ratings that are not whole numbers from 0 to 10 ("out-of-range").
// Null means the same as leaving a member out.
Result<SessionNoteFields> DecodeSessionNoteFields(const boost::json::object& body,
                                                  const NoteRules& rules, bool date_required);

// The body of POST …/addenda: {"text"}, 1–5000 characters after trimming.
Result<std::string> DecodeAddendumText(const boost::json::object& body);

// The stored form (session_note.data and session_note_version.data): every
// field but session_date, which has its own column.
std::string StoredNoteData(const SessionNoteFields& fields);
// kInternal when the text is not what StoredNoteData writes.
Result<SessionNoteFields> ParseStoredNoteData(std::string_view json_text, LocalDate session_date);

// Why a note may not treat what it says it treats. `regions` are the codes at
// fault, in the note's order; `issues` one per region at `regions_treated[i]`.
struct ConsentProblem {
  enum class Kind { kRefused, kConfirmationRequired };
  Kind kind = Kind::kRefused;
  std::vector<std::string> regions;
  std::string detail;  // one sentence per region: "Neck: the patient has said no to touch here."
  std::vector<Issue> issues;
};
std::string_view ProblemName(ConsentProblem::Kind kind);  // "consent-refused" | …

// Checks the regions treated against the session map: any `do_not_treat`
// region is refused first (kRefused); otherwise any `ask_first` region not in
// ask_first_confirmed needs confirmation. nullopt when all is well. A region
// the map does not know (the body map changed) is refused too.
std::optional<ConsentProblem> CheckConsent(const SessionNoteFields& fields, const SessionMap& map);

// What signing needs beyond consent: consent_confirmed, and a patient summary
// when the patient asked for a written summary after each session. kInvalid
// listing each ("required" on `consent_confirmed`, `patient_summary`).
Result<void> CheckSignable(const SessionNoteFields& fields, bool written_summary_wanted);

// data.written_summary.value of a stored care_preference document (migration
// 0010); false when never set. kInternal when the text is not such a document.
Result<bool> WrittenSummaryWanted(std::string_view care_preference_data);

// The API's documents.
boost::json::object EncodeRatings(const SessionRatings& ratings);
boost::json::object EncodeAddendum(const Addendum& addendum);
boost::json::object EncodeSessionNote(const SessionNote& note);
boost::json::object EncodeSessionNoteSummary(const SessionNote& note);
// What the patient reads: {id, session_date, clinician: {name}, patient_summary,
// advice (null when none), ratings}.
boost::json::object EncodeSessionSummary(const SessionNote& note);

}  // namespace unknot::treat
