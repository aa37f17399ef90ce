// Home programmes in the database (tables programme, programme_item,
// programme_item_version and programme_done, migration 0007).
//
// Items are never deleted: ending one sets ended_on and keeps its done marks,
// so adherence history survives. Every change appends an item version and
// bumps the patient's programme version (the GET's ETag). Every function runs
// inside the caller's transaction, so a change and its audit event commit
// together. Thread-safety: free functions, no state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/programme_model.hpp"
#include "unknot/people/patient_model.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::empower {

struct ProgrammeItem {
  std::int64_t id = 0;
  std::string uuid;
  std::string slug;
  Dosage dosage;
  std::optional<std::string> note;
  std::vector<std::string> precaution_matches;  // confirmed by the clinician when assigned
  LocalDate start;
  std::optional<LocalDate> ended_on;  // first day no longer active
  std::int64_t version = 0;
  assess::Author created_by;
  Instant created_at = 0;
  assess::Author updated_by;
  Instant updated_at = 0;
  std::map<LocalDate, int> done;  // sessions per date (only dates ListProgrammeItems asked for)

  bool Ended() const { return ended_on.has_value(); }
  // Whether `date` is an active day (start <= date < ActiveUntil).
  bool ActiveOn(LocalDate date) const;
};

struct NewProgrammeItem {
  std::string slug;
  Dosage dosage;
  std::optional<std::string> note;
  std::vector<std::string> precaution_matches;
};

// A PATCH: members left nullopt keep their value; `note` holding nullopt clears it.
struct ProgrammeItemChange {
  std::optional<Dosage> dosage;
  std::optional<std::optional<std::string>> note;
};

// The programme's version: 0 when the patient never had an item.
Result<std::int64_t> ProgrammeVersion(db::Session& session, std::int64_t patient_id);

// Stores a new item (version 1), active from `start`.
Result<ProgrammeItem> InsertProgrammeItem(db::Session& session, const people::Patient& patient,
                                          const NewProgrammeItem& item, LocalDate start,
                                          const std::string& author, Instant now);

// The item with this uuid of this patient (done marks not loaded); kNotFound otherwise.
Result<ProgrammeItem> GetProgrammeItem(db::Session& session, std::int64_t patient_id,
                                       std::string_view item_uuid);

// Applies `change` and appends a version. `expected_version` (If-Match), when
// given, must equal the item's version. A change that changes nothing writes
// nothing. kNotFound; kConflict when stale or when the item has ended.
Result<ProgrammeItem> UpdateProgrammeItem(db::Session& session, std::int64_t patient_id,
                                          std::string_view item_uuid,
                                          const ProgrammeItemChange& change,
                                          std::optional<std::int64_t> expected_version,
                                          const std::string& author, Instant now);

// Ends the item from `ended_on` (today: today is no longer expected). Ending
// an ended item changes nothing (a retried DELETE). kNotFound; kConflict when stale.
Result<ProgrammeItem> EndProgrammeItem(db::Session& session, std::int64_t patient_id,
                                       std::string_view item_uuid, LocalDate ended_on,
                                       std::optional<std::int64_t> expected_version,
                                       const std::string& author, Instant now);

// The patient's items, oldest first, each with its done marks on or after
// `done_from`. Ended items only when `include_ended`.
Result<std::vector<ProgrammeItem>> ListProgrammeItems(db::Session& session, std::int64_t patient_id,
                                                      bool include_ended, LocalDate done_from);

// Records `sessions` (>= 1) done on `date`, replacing an earlier mark for the
// date; the same mark again writes nothing. The caller checks the date rules.
Result<void> MarkDone(db::Session& session, const ProgrammeItem& item, std::int64_t patient_id,
                      LocalDate date, int sessions, const std::string& author, Instant now);
// Removes the mark for `date`; no mark is not an error (a retried DELETE).
Result<void> ClearDone(db::Session& session, const ProgrammeItem& item, std::int64_t patient_id,
                       LocalDate date, Instant now);

}  // namespace unknot::empower
