// The session note routes (DESIGN §2 T2, T3; treat spec contracts B and D):
//
//   GET    /api/v1/techniques                                 anyone signed in
//   GET    /api/v1/patients/{id}/session-map                  staff
//   GET    /api/v1/patients/{id}/sessions                     staff: the notes, newest first
//   POST   /api/v1/patients/{id}/sessions                     staff: a new draft (201)
//   GET    /api/v1/patients/{id}/sessions/{session_id}        staff: the note and its addenda
//   PUT    /api/v1/patients/{id}/sessions/{session_id}        staff: save a draft (If-Match)
//   DELETE /api/v1/patients/{id}/sessions/{session_id}        staff: discard a draft (If-Match)
//   POST   /api/v1/patients/{id}/sessions/{session_id}/sign   staff: sign (If-Match)
//   POST   /api/v1/patients/{id}/sessions/{session_id}/addenda  staff: an addendum to a signed note
//   GET    /api/v1/patients/{id}/session-summaries            the patient, staff
//
// Every save and the signing check the regions treated against the session
// map: a region the patient said no to (or a precaution excludes) is refused
// with a 409 problem of type …/problems/consent-refused, and an "ask first"
// region not confirmed today with …/problems/consent-confirmation-required;
// both list the `regions` and store nothing. A signed note answers 409
// …/problems/note-signed to any change. Writes that need If-Match answer 400
// without it and 409 when it is stale.
//
// Reads are audited before their data leaves (session_note.read, session_note.list,
// session_map.read, session_summary.read); writes in their own transaction
// (session_note.create, session_note.update, session_note.delete, session_note.sign,
// session_note.addendum).
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::treat {

// The base of the problem types these routes answer with, e.g.
// "https://unknot.example/problems/note-signed".
inline constexpr std::string_view kProblemTypeBase = "https://unknot.example/problems/";

// `db`, `clock` and `authenticator` must outlive the router.
void RegisterSessionNoteRoutes(http::Router& router, db::Database& db, const Clock& clock,
                               const identity::Authenticator& authenticator,
                               std::shared_ptr<const assess::AssessContent> content);

}  // namespace unknot::treat
