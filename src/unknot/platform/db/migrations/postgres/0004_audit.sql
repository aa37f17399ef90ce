-- The append-only audit trail (DESIGN §2 G3): who did what to which record,
-- when, from where, and whether it was allowed.
--
-- user_id and patient_id carry no foreign keys on purpose: the trail must
-- outlive the rows it names (a patient erased under the retention rules still
-- leaves the record that they were read), and append-only rows could never
-- follow an ON DELETE action anyway.

CREATE TABLE audit_event (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id BIGINT,                 -- user_account.id; NULL for anonymous callers
  actor TEXT NOT NULL,            -- user uuid, 'anonymous' or 'system'
  role TEXT NOT NULL,             -- 'admin' | 'clinician' | 'patient' | ''
  action TEXT NOT NULL,           -- 'patient.read', 'session.create', …
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,      -- public uuid, '' when there is none
  clinic_id BIGINT,               -- clinic.id the event belongs to (NULL: no clinic known)
  patient_id BIGINT,              -- patient.id whose data was touched
  request_id TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure'))
);

CREATE INDEX audit_event_clinic_at ON audit_event (clinic_id, at);
CREATE INDEX audit_event_patient_at ON audit_event (patient_id, at);

-- Append-only, enforced by the database itself so that no code path (or
-- stray SQL) can rewrite history. Statement-level, so even an UPDATE or
-- DELETE that matches no row is refused, and TRUNCATE (which skips row
-- triggers) is covered too. SQLSTATE 23001 (restrict_violation) makes the
-- driver report kConflict, as SQLite's RAISE(ABORT) does.
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
