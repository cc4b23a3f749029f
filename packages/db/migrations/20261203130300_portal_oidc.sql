-- Issue 14, parts 2, 6 and 8: residents' sign-in by OpenID Connect, the close of a rating vote,
-- and signed one-click unsubscribe links.

-- Keys of the portal kept in the database, so that every server process sharing it signs alike
-- (ORIENTIR_PORTAL_SECRET overrides it). 'unsubscribe': the HMAC key of the unsubscribe links.
CREATE TABLE portal_secret (
  name text PRIMARY KEY,
  value text NOT NULL CHECK (length(value) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO portal_secret (name, value)
VALUES ('unsubscribe', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')), 'hex'));

-- A resident known by an external identity provider: linked by the provider's issuer and subject
-- (never by e-mail alone). What the provider vouched for is marked verified.
ALTER TABLE resident
  ADD COLUMN identity_verified_at timestamptz,
  ADD COLUMN birth_year_verified boolean NOT NULL DEFAULT false,
  ADD COLUMN address_verified boolean NOT NULL DEFAULT false;

-- a resident signed in by the provider may have given no e-mail
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
   WHERE conrelid = 'resident'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%deleted_at IS NOT NULL%email IS NOT NULL%';
  IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE resident DROP CONSTRAINT %I', c); END IF;
END $$;
ALTER TABLE resident ADD CONSTRAINT resident_reachable
  CHECK (deleted_at IS NOT NULL OR email IS NOT NULL OR identity_verified_at IS NOT NULL);

CREATE TABLE resident_identity (
  issuer text NOT NULL,
  subject text NOT NULL,
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX ON resident_identity (resident_id);

-- A sign-in under way at the provider: the state (only its hash), the nonce and the PKCE
-- verifier, used once, for a few minutes. Kept in the database: the provider may send the
-- browser back to another server process.
CREATE TABLE resident_oidc_login (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  consent boolean NOT NULL DEFAULT false,
  link_resident_id uuid REFERENCES resident(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON resident_oidc_login (expires_at);

-- The close of a rating vote: written once by the job that closes it (whichever process runs it),
-- with the results it published and the notices it gave.
CREATE TABLE vote_close (
  vote_id uuid PRIMARY KEY REFERENCES vote(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  closed_at timestamptz NOT NULL DEFAULT now(),
  results jsonb NOT NULL,
  notified integer NOT NULL DEFAULT 0
);

-- Extra headers of a mail (List-Unsubscribe, List-Unsubscribe-Post of a follow's notice).
ALTER TABLE email_outbox ADD COLUMN headers jsonb;
