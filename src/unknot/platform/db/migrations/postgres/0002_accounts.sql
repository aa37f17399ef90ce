-- Accounts: users of every role, server-side sessions and sign-in throttling.
-- Emails are stored lower-cased; tokens only as hashes; instants in UTC microseconds.

ALTER TABLE clinic ADD COLUMN require_mfa INTEGER NOT NULL DEFAULT 0 CHECK (require_mfa IN (0, 1));

CREATE TABLE user_account (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  clinic_id BIGINT NOT NULL REFERENCES clinic (id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'patient')),
  email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name TEXT NOT NULL,
  password_hash TEXT,  -- NULL until the user sets one (invitation)
  patient_id BIGINT UNIQUE REFERENCES patient (id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  -- A patient login belongs to exactly one patient record; staff have none.
  CHECK ((role = 'patient') = (patient_id IS NOT NULL))
);

CREATE INDEX user_account_clinic ON user_account (clinic_id);

CREATE TABLE user_session (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  token_hash TEXT NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'mfa_pending')),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,  -- absolute end, whatever the activity
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  revoked_at BIGINT
);

CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,  -- "account:<email>" or "address:<ip>"
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL
);
