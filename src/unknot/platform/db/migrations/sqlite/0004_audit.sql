-- The append-only audit trail (DESIGN §2 G3): who did what to which record,
-- when, from where, and whether it was allowed.
--
-- user_id and patient_id carry no foreign keys on purpose: the trail must
-- outlive the rows it names (a patient erased under the retention rules still
-- leaves the record that they were read), and append-only rows could never
-- follow an ON DELETE action anyway.

CREATE TABLE audit_event (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,                -- user_account.id; NULL for anonymous callers
  actor TEXT NOT NULL,            -- user uuid, 'anonymous' or 'system'
  role TEXT NOT NULL,             -- 'admin' | 'clinician' | 'patient' | ''
  action TEXT NOT NULL,           -- 'patient.read', 'session.create', …
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,      -- public uuid, '' when there is none
  clinic_id INTEGER,              -- clinic.id the event belongs to (NULL: no clinic known)
  patient_id INTEGER,             -- patient.id whose data was touched
  request_id TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure'))
) STRICT;

CREATE INDEX audit_event_clinic_at ON audit_event (clinic_id, at);
CREATE INDEX audit_event_patient_at ON audit_event (patient_id, at);

-- Append-only, enforced by the database itself so that no code path (or
-- stray SQL) can rewrite history.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
