-- Assess: questionnaire packs and their scored responses (every version kept),
-- body maps, safety alerts, red-flag screens and precautions.
-- Instants are UTC microseconds; `*_by` columns hold the acting user's uuid.

-- Where safety alerts are emailed; NULL: the clinic's active staff.
ALTER TABLE clinic ADD COLUMN safety_email TEXT;

-- A pack of instruments sent to a patient (or entered in clinic). The draft
-- holds answers saved so far, so a patient can stop and resume.
CREATE TABLE assessment (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  title TEXT NOT NULL,
  instruments TEXT NOT NULL,  -- JSON array of instrument ids, in the order asked
  body_map INTEGER NOT NULL CHECK (body_map IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('sent', 'in_progress', 'completed', 'cancelled')),
  draft TEXT NOT NULL,        -- JSON: {"answers": {...}, "body_map": [...], "recall": {...}}
  draft_version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_by TEXT,
  completed_at INTEGER
) STRICT;

CREATE INDEX assessment_patient ON assessment (patient_id, created_at);

-- One instrument's answers and score. A correction appends a version.
CREATE TABLE instrument_response (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  assessment_id INTEGER NOT NULL REFERENCES assessment (id),
  instrument_id TEXT NOT NULL,
  instrument_version TEXT NOT NULL,
  recall_period TEXT,         -- ISO 8601 duration or 'now'; change is never compared across
  version INTEGER NOT NULL,
  answers TEXT NOT NULL,      -- JSON object linkId → value
  score TEXT NOT NULL,        -- JSON of the scoring result
  total REAL,                 -- NULL when the answers allow no total
  band TEXT,
  completed_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (assessment_id, instrument_id)
) STRICT;

CREATE INDEX instrument_response_patient
  ON instrument_response (patient_id, instrument_id, completed_at);

CREATE TABLE instrument_response_version (
  response_id INTEGER NOT NULL REFERENCES instrument_response (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  reason TEXT,                -- why it was corrected; NULL for the first version
  data TEXT NOT NULL,         -- JSON snapshot: answers and score
  PRIMARY KEY (response_id, version)
) STRICT;

-- Painful regions and their intensity (0–10), stored with an assessment.
CREATE TABLE body_map (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  assessment_id INTEGER REFERENCES assessment (id),
  regions TEXT NOT NULL,      -- JSON array [{"region": "neck", "intensity": 6}]
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;

CREATE INDEX body_map_patient ON body_map (patient_id, recorded_at);

-- A safety rule that fired (PHQ-9 item 9 ≥ 1, …). Raised once per assessment,
-- instrument and rule; closes only with an acknowledgement note.
CREATE TABLE safety_alert (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  assessment_id INTEGER NOT NULL REFERENCES assessment (id),
  instrument_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  message TEXT NOT NULL,
  raised_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
  acknowledged_by TEXT,
  acknowledged_at INTEGER,
  acknowledgement_note TEXT,
  UNIQUE (assessment_id, instrument_id, rule_id),
  CHECK ((status = 'open') = (acknowledged_at IS NULL))
) STRICT;

CREATE INDEX safety_alert_clinic_status ON safety_alert (clinic_id, status, raised_at);
CREATE INDEX safety_alert_patient ON safety_alert (patient_id, raised_at);

-- A red-flag checklist as recorded; append-only, the latest is current.
CREATE TABLE red_flag_screen (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  answers TEXT NOT NULL,      -- JSON array [{"flag", "answer", "note", "action_taken"}]
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;

CREATE INDEX red_flag_screen_patient ON red_flag_screen (patient_id, recorded_at);

-- The patient's current precautions, with every version kept.
CREATE TABLE patient_precautions (
  patient_id INTEGER PRIMARY KEY REFERENCES patient (id),
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  version INTEGER NOT NULL,
  items TEXT NOT NULL,        -- JSON array of precaution entries
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE patient_precautions_version (
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (patient_id, version)
) STRICT;
