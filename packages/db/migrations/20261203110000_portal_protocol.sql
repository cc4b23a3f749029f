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
