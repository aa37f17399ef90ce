-- Treat: care plans (DESIGN §2 T2; issue 7 item 3). One plan per patient,
-- written by staff and read by the patient, with every version and its author.
-- Instants are UTC microseconds; `updated_by` and `author` hold the acting
-- user's uuid.
--
-- `data` is the whole plan as a JSON object:
--   {"problems": ["…"],
--    "goals": [{"activity": "<the patient's words>", "baseline": 0-10, "target": 0-10}],
--    "planned_sessions": 1-52,
--    "frequency": "weekly" | "fortnightly" | "monthly" | "as_needed",
--    "programme_note": "…" | null,
--    "review_date": "YYYY-MM-DD"}
-- Goals use the PSFS scale (0 = unable, 10 = able as before the problem).
-- Sessions done and current ratings are not stored here: they are read from
-- the session notes and the PSFS responses when the plan is shown.

-- No row: no plan yet, version 0.
CREATE TABLE care_plan (
  patient_id BIGINT PRIMARY KEY REFERENCES patient (id),
  data TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Every version of the plan, with its author.
CREATE TABLE care_plan_version (
  patient_id BIGINT NOT NULL REFERENCES patient (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (patient_id, version)
);
