-- Empower: check-in reminders (DESIGN §2 E5). A patient's preference (channel,
-- local time, days) with every version and its author, and one row per
-- reminder sent: the unique (patient, local date) makes a reminder go at most
-- once a day, however many servers run the reminder loop.
-- Instants are UTC microseconds; `*_by` and `author` hold the acting user's uuid.

-- No row: the default (no reminders, 19:00, every day), version 0.
CREATE TABLE reminder_preference (
  patient_id INTEGER PRIMARY KEY REFERENCES patient (id),
  channel TEXT NOT NULL CHECK (channel IN ('none', 'email')),
  local_time TEXT NOT NULL,      -- 'HH:MM' in the clinic's time zone
  days TEXT NOT NULL,            -- JSON array of day codes, Monday first: ["mon","tue"]
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX reminder_preference_channel ON reminder_preference (channel);

-- Every version of a preference, with its author.
CREATE TABLE reminder_preference_version (
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  data TEXT NOT NULL,            -- JSON snapshot: channel, time, days
  PRIMARY KEY (patient_id, version)
) STRICT;

-- A reminder queued in the mail outbox for one local date, in the same
-- transaction as its mail.
CREATE TABLE reminder_sent (
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  local_date TEXT NOT NULL,      -- 'YYYY-MM-DD' in the clinic's time zone
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (patient_id, local_date)
) STRICT;
