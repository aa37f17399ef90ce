-- Treat: care preferences (DESIGN §2 T3; clinical reference §9, §10). One
-- document per patient, owned by the patient and editable by staff with them,
-- with every version and its author. Nothing in it is required: no field asks
-- for a trauma history.
-- Instants are UTC microseconds; `*_by` and `author` hold the acting user's uuid.
--
-- `data` is a JSON object of the fields that have been set, each as
--   {"value": …, "reviewed_at": <µs>, "reviewed_by": "<user uuid>",
--    "set_by": "patient" | "clinician"}
-- e.g. "consent_to_touch": {"value": {"neck": "no", "lower_back": "ask_first"}, …}.
-- A field that is absent has never been set.

-- No row: nothing recorded yet, version 0.
CREATE TABLE care_preference (
  patient_id BIGINT PRIMARY KEY REFERENCES patient (id),
  data TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Every version of the document, with its author.
CREATE TABLE care_preference_version (
  patient_id BIGINT NOT NULL REFERENCES patient (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (patient_id, version)
);
