-- Issue 14, part 5: live Q&A sessions with the drafters and surveys of residents.

-- A Q&A session with the drafters at a set time, linked to a publication; the drafters who answer
-- are named (a JSON array of {name, position}).
CREATE TABLE qa_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid REFERENCES publication(id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  description text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  drafters jsonb NOT NULL CHECK (jsonb_typeof(drafters) = 'array' AND jsonb_array_length(drafters) >= 1),
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX ON qa_session (municipality_id, starts_at DESC);

-- A resident's question: submitted beforehand or live (by the database's clock), moderated by
-- staff, answered by a named drafter. The published questions with their answers are the transcript.
CREATE TABLE qa_question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES qa_session(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  text text NOT NULL CHECK (length(trim(text)) > 0),
  phase text NOT NULL CHECK (phase IN ('before', 'live')),
  moderation text NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending', 'published', 'rejected')),
  moderation_reason text,
  answer text,
  answered_by text,
  answered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (moderation <> 'rejected' OR moderation_reason IS NOT NULL),
  CHECK ((answer IS NULL) = (answered_by IS NULL) AND (answer IS NULL) = (answered_at IS NULL)),
  CHECK (answer IS NULL OR moderation = 'published')
);
CREATE INDEX ON qa_question (session_id, created_at);

-- A survey of residents with its questions (single or multiple choice, scale, free text), open
-- between two moments; its questions cannot change once it opens (the app writes them only with
-- the survey).
CREATE TABLE survey (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  publication_id uuid REFERENCES publication(id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  description text,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (closes_at > opens_at)
);
CREATE INDEX ON survey (municipality_id, opens_at DESC);

CREATE TABLE survey_question (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text')),
  text text NOT NULL CHECK (length(trim(text)) > 0),
  options jsonb NOT NULL DEFAULT '[]',
  scale_min integer,
  scale_max integer,
  required boolean NOT NULL DEFAULT true,
  UNIQUE (survey_id, position),
  CHECK ((kind = 'scale') = (scale_min IS NOT NULL AND scale_max IS NOT NULL)),
  CHECK (scale_min IS NULL OR scale_max > scale_min),
  CHECK (kind NOT IN ('single', 'multiple') OR jsonb_array_length(options) >= 2)
);

-- One response per resident and survey: the unique constraint is the guarantee. respondent_key is
-- the resident's id (a response recorded as held, e.g. the demo's, has its own key and no resident).
CREATE TABLE survey_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  respondent_key text NOT NULL,
  answers jsonb NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (survey_id, respondent_key)
);
