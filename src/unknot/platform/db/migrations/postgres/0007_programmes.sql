-- Empower: home programmes. A clinician assigns library entries (by slug)
-- with a dosage and a note; the patient marks sessions done per local date
-- (the clinic's time zone). Nothing is deleted: an ended item keeps its row,
-- its versions and its done marks, so adherence history survives.
-- Instants are UTC microseconds; `*_by` columns hold the acting user's uuid.

-- One row per patient with a programme: its version changes with every
-- change to any item or done mark, so the whole document has one ETag.
CREATE TABLE programme (
  patient_id BIGINT PRIMARY KEY REFERENCES patient (id),
  version INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE programme_item (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id BIGINT NOT NULL REFERENCES clinic (id),
  patient_id BIGINT NOT NULL REFERENCES patient (id),
  slug TEXT NOT NULL,            -- library entry; kept even if the entry leaves the library
  sets INTEGER,
  reps INTEGER,
  hold_seconds INTEGER,
  times INTEGER NOT NULL CHECK (times >= 1),
  per TEXT NOT NULL CHECK (per IN ('day', 'week')),
  weeks INTEGER,
  note TEXT,
  precaution_matches TEXT NOT NULL,  -- JSON array: the matches the clinician confirmed
  start_date TEXT NOT NULL,      -- 'YYYY-MM-DD', first active day
  ended_on TEXT,                 -- 'YYYY-MM-DD', first day no longer active
  ended_by TEXT,
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX programme_item_patient ON programme_item (patient_id);

-- Every version of an item's dosage and note, with its author.
CREATE TABLE programme_item_version (
  item_id BIGINT NOT NULL REFERENCES programme_item (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  data TEXT NOT NULL,            -- JSON snapshot: dosage, note, ended_on
  PRIMARY KEY (item_id, version)
);

-- Sessions done on one local date; a second mark for the date replaces it.
CREATE TABLE programme_done (
  item_id BIGINT NOT NULL REFERENCES programme_item (id),
  local_date TEXT NOT NULL,
  sessions INTEGER NOT NULL CHECK (sessions >= 1),
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, local_date)
);
