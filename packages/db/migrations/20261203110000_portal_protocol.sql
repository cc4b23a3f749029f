-- Issue 14, part 3 (rest): what became of a proposal and the notices of each step.

-- The change in the draft that takes up an accepted (or partly accepted) proposal: the entries of
-- the amendment's diff (in-force version → the draft) chosen by the answer, frozen when answered,
-- with the program and the versions compared.
ALTER TABLE proposal ADD COLUMN change jsonb;

-- A notice to a resident (shown in the portal; the same text mailed through email_outbox).
CREATE TABLE resident_notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  kind text NOT NULL,
  object_type text NOT NULL,
  object_id uuid NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  link text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX ON resident_notification (resident_id, created_at DESC);

-- Issue 14, part 4: the protocol of a finished discussion, generated once its term has ended:
-- its data (every proposal with its author's initials, decision and reason; counts by decision)
-- and the DOCX and PDF rendered from it, published on the portal page of the publication. A
-- program's or amendment's draft with a discussion publication cannot go on to review without it.
CREATE TABLE discussion_protocol (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid NOT NULL UNIQUE REFERENCES publication(id) ON DELETE CASCADE,
  number text NOT NULL CHECK (length(trim(number)) > 0),
  protocol_date date NOT NULL,
  data jsonb NOT NULL,
  docx bytea NOT NULL,
  pdf bytea NOT NULL,
  generated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  generated_at timestamptz NOT NULL DEFAULT now()
);

-- Public hearings (Ozersk, 22.11.2018): an announcement with place, time and agenda, residents
-- registered as speakers, then the hearing's protocol and recommendations.
CREATE TABLE public_hearing (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid REFERENCES publication(id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  place text NOT NULL CHECK (length(trim(place)) > 0),
  starts_at timestamptz NOT NULL,
  agenda jsonb NOT NULL,
  protocol text,
  recommendations jsonb,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((protocol IS NULL) = (recommendations IS NULL))
);
CREATE INDEX ON public_hearing (municipality_id, starts_at DESC);

CREATE TABLE hearing_speaker (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hearing_id uuid NOT NULL REFERENCES public_hearing(id) ON DELETE CASCADE,
  resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  speaker_name text NOT NULL,
  topic text NOT NULL CHECK (length(trim(topic)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hearing_id, resident_id)
);

-- Issue 14, part 8: a resident follows a publication, a proposal or a vote. Each follow has its
-- own unguessable unsubscribe token (random, 24 bytes), sent in every notice's link; it can only end that follow.
CREATE TABLE resident_follow (
  resident_id uuid NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
  object_type text NOT NULL CHECK (object_type IN ('publication', 'proposal', 'vote')),
  object_id uuid NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (resident_id, object_type, object_id)
);
CREATE INDEX ON resident_follow (object_type, object_id);
