-- Treat: session notes (DESIGN §2 T2). A note is a draft until it is signed;
-- every saved draft is a version (with its author); a signed note never
-- changes again, and corrections are addenda with their author and time.
-- The database itself refuses to change or delete a signed note, to change an
-- addendum or to rewrite a version, so no code path can rewrite a signed record.
-- Instants are UTC microseconds; `clinician`, `signed_by` and `author` hold
-- the acting user's uuid.
--
-- `data` is a JSON object of the note's fields other than the date:
--   {"subjective", "objective", "assessment", "plan", "advice",
--    "programme_changes", "patient_summary": text ("" when none),
--    "techniques", "regions_treated", "ask_first_confirmed": [codes],
--    "consent_confirmed", "screen_completed": bool,
--    "ratings": {"pain"|"tension"|"stress": {"before", "after": 0–10 | null}}}

CREATE TABLE session_note (
  id TEXT PRIMARY KEY,                   -- public uuid
  patient_id BIGINT NOT NULL REFERENCES patient (id),
  clinician TEXT NOT NULL,               -- who started the note
  session_date TEXT NOT NULL,            -- 'YYYY-MM-DD' in the clinic's time zone
  status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
  data TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  signed_at BIGINT,
  signed_by TEXT,
  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))
);
CREATE INDEX session_note_patient ON session_note (patient_id, session_date);

-- Every version of a note, the signing one included, with its author.
CREATE TABLE session_note_version (
  note_id TEXT NOT NULL REFERENCES session_note (id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
  session_date TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (note_id, version)
);

-- Addenda of signed notes, numbered 1, 2, … per note.
CREATE TABLE session_addendum (
  note_id TEXT NOT NULL REFERENCES session_note (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  author TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (note_id, seq)
);

-- SQLSTATE 23001 (restrict_violation) makes the driver report kConflict, as
-- SQLite's RAISE(ABORT) does.
CREATE FUNCTION session_note_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'signed session notes, their versions and addenda cannot change'
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER session_note_signed_immutable
  BEFORE UPDATE OR DELETE ON session_note
  FOR EACH ROW WHEN (OLD.status = 'signed') EXECUTE FUNCTION session_note_refuse_change();

CREATE TRIGGER session_note_version_immutable
  BEFORE UPDATE ON session_note_version
  FOR EACH ROW EXECUTE FUNCTION session_note_refuse_change();

CREATE TRIGGER session_addendum_append_only
  BEFORE UPDATE OR DELETE ON session_addendum
  FOR EACH ROW EXECUTE FUNCTION session_note_refuse_change();
