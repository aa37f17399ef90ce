-- Second factors (TOTP and recovery codes), single-use account links
-- (invitations, password resets) and the email outbox.
-- Secrets of links and recovery codes are stored only as hashes.

CREATE TABLE totp_credential (
  user_id INTEGER PRIMARY KEY REFERENCES user_account (id),
  secret TEXT NOT NULL,          -- base32; the authenticator app holds the same
  confirmed_at INTEGER,          -- NULL while enrolment waits for the first code
  last_used_step INTEGER,        -- the last 30-second step accepted: refuses replays
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE recovery_code (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  UNIQUE (user_id, code_hash)
) STRICT;

CREATE TABLE account_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  token_hash TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX account_token_user ON account_token (user_id, purpose);

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
