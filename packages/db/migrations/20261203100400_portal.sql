-- The public portal (issue 14): publications of drafts for discussion and of approved documents
-- with their evaluation, residents' accounts (separate from staff accounts), proposals and remarks
-- with moderation and an official answer, rating votes with one ballot per voter.

-- The municipality's portal: its address (/p/<slug>), the moderation mode of proposals and the
-- minimum term of a public discussion in days (the municipality's own rule; never below the
-- decree's minimum, which the application checks from the domain's data).
CREATE TABLE portal_setting (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  moderation text NOT NULL DEFAULT 'pre' CHECK (moderation IN ('pre', 'post')),
  min_discussion_days integer NOT NULL DEFAULT 30 CHECK (min_discussion_days BETWEEN 1 AND 365),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A publication: a frozen snapshot (`content`, the portal's view of the document as it stood when
-- published) of a draft put up for discussion, or of an approved document with its evaluation.
-- The portal reads only these rows, never the live ones: what is not published is not reachable.
CREATE TABLE publication (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('discussion', 'approved')),
  subject_kind text NOT NULL CHECK (subject_kind IN ('program', 'amendment', 'strategy', 'actionPlan')),
  subject_id uuid NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  summary text,
  starts_on date,
  ends_on date,
  content jsonb NOT NULL,
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
  published_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (kind <> 'discussion' OR (starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on > starts_on))
);
CREATE INDEX ON publication (municipality_id, status, published_at DESC);

-- The documents of a publication: the explanatory note and attachments (the draft itself is `content`).
CREATE TABLE publication_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('note', 'attachment')),
  title text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON publication_file (publication_id);

-- Residents: accounts of the public, apart from staff accounts (app_user). The e-mail is kept
-- lower-cased; a deleted account keeps only its id (proposals keep the author's initials).
CREATE TABLE resident (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text UNIQUE CHECK (email IS NULL OR email = lower(email)),
  full_name text,
  address text,
  birth_year integer CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
  email_confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK (deleted_at IS NOT NULL OR email IS NOT NULL)
);

-- One-time sign-in codes: only a hash of the code, a few attempts, a short life.
CREATE TABLE resident_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON resident_code (email, created_at DESC);

-- Residents' sessions: a cookie of their own, the row keyed by the token's hash.
CREATE TABLE resident_session (
  id text PRIMARY KEY,
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX ON resident_session (resident_id);

-- Consent to the processing of personal data (152-ФЗ): the text agreed to and when.
CREATE TABLE resident_consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  text text NOT NULL,
  text_sha256 text NOT NULL,
  given_at timestamptz NOT NULL,
  withdrawn_at timestamptz
);
CREATE INDEX ON resident_consent (resident_id);

-- Rate limits of the portal: a counter per key (e-mail, address) and window, taken atomically.
CREATE TABLE portal_throttle (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- Proposals and remarks on a publication under discussion, tied to a place in the document.
CREATE TABLE proposal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
  resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('proposal', 'remark')),
  anchor text NOT NULL,
  anchor_label text NOT NULL,
  text text NOT NULL CHECK (length(trim(text)) > 0),
  moderation text NOT NULL CHECK (moderation IN ('pending', 'published', 'rejected')),
  moderation_reason text,
  moderated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  moderated_at timestamptz,
  decision text CHECK (decision IN ('accepted', 'partly', 'rejected', 'outOfScope')),
  answer text,
  answered_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  answered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (moderation <> 'rejected' OR moderation_reason IS NOT NULL),
  CHECK ((decision IS NULL) = (answer IS NULL))
);
CREATE INDEX ON proposal (publication_id, created_at);
CREATE INDEX ON proposal (municipality_id, moderation);

CREATE TABLE proposal_support (
  proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, resident_id)
);

-- Rating votes: options, a term, eligibility rules as data, choices per voter.
CREATE TABLE vote (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  description text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  max_choices integer NOT NULL CHECK (max_choices >= 1),
  winners integer NOT NULL DEFAULT 1 CHECK (winners >= 1),
  eligibility jsonb NOT NULL,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX ON vote (municipality_id, starts_at DESC);

CREATE TABLE vote_option (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  vote_id uuid NOT NULL REFERENCES vote(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  description text,
  UNIQUE (vote_id, position)
);

-- A ballot: exactly one per voter and vote (the UNIQUE constraint, not a check before insert).
-- The published ballots carry no voter: the id, the receipt's hash and the choices.
CREATE TABLE vote_ballot (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  vote_id uuid NOT NULL REFERENCES vote(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  voter_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  voter_key text NOT NULL,
  receipt_hash text NOT NULL UNIQUE,
  choices uuid[] NOT NULL CHECK (cardinality(choices) >= 1),
  cast_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (vote_id, voter_key)
);

-- Options and rules frozen once the vote opens: refused by the database, whoever writes. A vote
-- and its options written in one transaction (created_at = now(), the transaction's start) may be
-- a past vote being recorded whole (the demo's closed vote).
CREATE FUNCTION vote_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  opened boolean;
BEGIN
  IF TG_TABLE_NAME = 'vote' THEN
    IF OLD.starts_at <= now() AND OLD.created_at <> now() THEN
      RAISE EXCEPTION 'vote % is open or closed: its options and rules are frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  v_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.vote_id ELSE NEW.vote_id END;
  SELECT starts_at <= now() AND created_at <> now() INTO opened FROM vote WHERE id = v_id;
  IF opened THEN
    RAISE EXCEPTION 'vote % is open or closed: its options are frozen', v_id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vote_frozen BEFORE UPDATE OR DELETE ON vote FOR EACH ROW EXECUTE FUNCTION vote_frozen_guard();
CREATE TRIGGER vote_option_frozen BEFORE INSERT OR UPDATE OR DELETE ON vote_option FOR EACH ROW EXECUTE FUNCTION vote_frozen_guard();
