-- Foundation: clinics and patients, with every version of a patient record.
-- Instants are UTC microseconds; clinical dates keep their precision as text.

CREATE TABLE clinic (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL DEFAULT 'Europe/London',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE patient (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id BIGINT NOT NULL REFERENCES clinic (id),
  version INTEGER NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  preferred_name TEXT,
  birth_date TEXT,  -- '1970', '1970-03' or '1970-03-05'
  birth_date_precision TEXT CHECK (birth_date_precision IN ('year', 'month', 'day')),
  nhs_number TEXT,
  email TEXT,
  phone TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  search_name TEXT NOT NULL,  -- normalised names, for searching
  -- NULL NHS numbers are distinct, so patients without one never clash.
  UNIQUE (clinic_id, nhs_number),
  CHECK ((birth_date IS NULL) = (birth_date_precision IS NULL))
);

CREATE INDEX patient_clinic_search_name ON patient (clinic_id, search_name);

CREATE TABLE patient_version (
  patient_id BIGINT NOT NULL REFERENCES patient (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  data TEXT NOT NULL,  -- JSON snapshot of the patient at this version
  PRIMARY KEY (patient_id, version)
);
