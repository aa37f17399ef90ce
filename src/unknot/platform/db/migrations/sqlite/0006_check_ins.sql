-- Empower: the daily check-in. One record per patient per local calendar date
-- (the clinic's time zone), every version kept, and the Idempotency-Key ledger
-- that makes a retried POST store once.
-- Instants are UTC microseconds; `*_by` columns hold the acting user's uuid.

CREATE TABLE check_in (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id INTEGER NOT NULL REFERENCES clinic (id),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  local_date TEXT NOT NULL,   -- 'YYYY-MM-DD' in the clinic's time zone
  pain INTEGER CHECK (pain BETWEEN 0 AND 10),
  stress INTEGER CHECK (stress BETWEEN 0 AND 10),
  mood INTEGER CHECK (mood BETWEEN 0 AND 10),
  sleep INTEGER CHECK (sleep BETWEEN 0 AND 10),
  tension INTEGER CHECK (tension BETWEEN 0 AND 10),
  regions TEXT NOT NULL,      -- JSON array of body-map region codes
  self_care_done INTEGER CHECK (self_care_done IN (0, 1)),
  flare INTEGER CHECK (flare IN (0, 1)),
  note TEXT,
  late INTEGER NOT NULL CHECK (late IN (0, 1)),  -- entered after its own date
  version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (patient_id, local_date)
) STRICT;

CREATE TABLE check_in_version (
  check_in_id INTEGER NOT NULL REFERENCES check_in (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  data TEXT NOT NULL,         -- JSON snapshot of the values
  PRIMARY KEY (check_in_id, version)
) STRICT;

-- A POST's Idempotency-Key: the same key with the same body answers the stored
-- record again; with another body it is a conflict.
CREATE TABLE check_in_idempotency (
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  check_in_id INTEGER NOT NULL REFERENCES check_in (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (patient_id, idempotency_key)
) STRICT;
