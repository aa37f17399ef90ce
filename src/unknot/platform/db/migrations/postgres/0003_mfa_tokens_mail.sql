-- Second factors (TOTP and recovery codes), single-use account links
-- (invitations, password resets) and the email outbox.
-- Secrets of links and recovery codes are stored only as hashes.

CREATE TABLE totp_credential (
  user_id BIGINT PRIMARY KEY REFERENCES user_account (id),
  secret TEXT NOT NULL,          -- base32; the authenticator app holds the same
  confirmed_at BIGINT,          -- NULL while enrolment waits for the first code
  last_used_step BIGINT,        -- the last 30-second step accepted: refuses replays
  created_at BIGINT NOT NULL
);

CREATE TABLE recovery_code (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  UNIQUE (user_id, code_hash)
);

CREATE TABLE account_token (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES user_account (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  token_hash TEXT NOT NULL UNIQUE,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);

CREATE INDEX account_token_user ON account_token (user_id, purpose);

CREATE TABLE mail_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
