-- 0007: accounts, sessions and the second factor (issue 9, parts 1 and 2).
-- * A deployment administrator (app_user.deployment_admin) manages accounts that belong to several
--   municipalities; a municipality's administrator manages only the accounts that belong to it alone.
-- * Sessions have an absolute lifetime (absolute_expires_at) besides the sliding idle one.
-- * Login throttling is one counter per account and per address, changed by single atomic statements.
-- * TOTP second factor (RFC 6238) with hashed one-time recovery codes; a password that was right
--   but awaits its second factor is a short-lived pending login.

ALTER TABLE app_user ADD COLUMN deployment_admin boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN totp_secret text;            -- base32, set once enrolment is confirmed
ALTER TABLE app_user ADD COLUMN totp_pending_secret text;    -- base32, during enrolment
ALTER TABLE app_user ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;       -- the last accepted time step: a code is accepted once

CREATE TABLE totp_recovery_code (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  code_hash text NOT NULL,                                   -- sha-256 of the code; the code itself is shown once
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, code_hash)
);

ALTER TABLE session ADD COLUMN absolute_expires_at timestamptz;
UPDATE session SET absolute_expires_at = least(expires_at, created_at + interval '12 hours');
ALTER TABLE session ALTER COLUMN absolute_expires_at SET NOT NULL;

-- 'login:<lower(login)>' or 'ip:<address>'. An attempt is counted before its password is checked
-- (so parallel attempts cannot all pass the check); a success takes it back.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_attempt_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON login_throttle (last_attempt_at);

-- The password was right, the second factor is awaited. Only the sha-256 of the token is stored.
CREATE TABLE login_pending (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('totp', 'enrol')),
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX ON login_pending (user_id);
CREATE INDEX ON login_pending (expires_at);
