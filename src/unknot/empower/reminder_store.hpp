// Reminder preferences and sent reminders in the database (tables
// reminder_preference, reminder_preference_version and reminder_sent,
// migration 0009).
//
// One current row per patient who has saved a preference plus one version row
// per change (author, time, values), so no change overwrites history. Every
// function runs inside the caller's transaction, so a change and its audit
// event, or a sent row and its mail, commit together.
// Thread-safety: free functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/reminder_model.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::empower {

struct StoredReminderPreference {
  ReminderPreference preference;             // the defaults when never saved
  std::int64_t version = 0;                  // 0: never saved
  std::optional<assess::Author> updated_by;  // nullopt when never saved
  Instant updated_at = 0;
};

// Everything the API and the sender need about one patient's reminders.
struct ReminderState {
  std::int64_t patient_id = 0;
  std::string time_zone;  // the clinic's IANA zone
  StoredReminderPreference stored;
  std::optional<std::string> email;  // the patient's portal login, if any
  bool login_disabled = false;
  std::string login_name;  // the login's display name (for the greeting)
  ReminderFacts facts;     // saved_at, last sent, last check-in, deliverable
};

// The patient's state (the defaults when never saved). kNotFound for no such patient.
Result<ReminderState> LoadReminderState(db::Session& session, std::int64_t patient_id);

// Everyone whose saved channel is email, for the sender's pass.
Result<std::vector<ReminderState>> ListEmailReminders(db::Session& session);

// Saves `preference` as the next version. `expected_version`, when given, must
// equal the stored version (0 when never saved), else kConflict. Values equal to the
// stored ones write nothing and keep the version.
Result<StoredReminderPreference> SaveReminderPreference(
    db::Session& session, std::int64_t patient_id, const ReminderPreference& preference,
    std::optional<std::int64_t> expected_version, const std::string& author, Instant now);

// Records that the reminder for `date` went; false (and nothing written) when
// one already did, whichever server sent it.
Result<bool> RecordReminderSent(db::Session& session, std::int64_t patient_id, LocalDate date,
                                Instant now);

}  // namespace unknot::empower
