-- Issue 14, parts 3 and 7: files attached to proposals, organisations as authors, comments on
-- proposals (moderated like proposals), abuse reports decided by staff, and the public council
-- of strategic planning (members, meetings, agendas, decisions, the documents discussed).

-- A proposal made on behalf of an organisation: its name, optional INN/OGRN, the resident's role
-- in it. The protocol and the portal show the organisation instead of the resident's initials.
ALTER TABLE proposal ADD COLUMN organisation jsonb;
-- Hidden by staff after an abuse report (the reason is shown instead of the text).
ALTER TABLE proposal ADD COLUMN hidden_at timestamptz;
ALTER TABLE proposal ADD COLUMN hidden_reason text;

-- Files attached to a proposal, stored as stored_file (type judged by content, size limited by the app).
CREATE TABLE proposal_file (
  proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES stored_file(id) ON DELETE RESTRICT,
  position integer NOT NULL,
  PRIMARY KEY (proposal_id, file_id),
  UNIQUE (proposal_id, position)
);
CREATE INDEX ON proposal_file (file_id);

-- Comments of signed-in residents on a proposal: pre- or post-moderated by the portal's setting.
CREATE TABLE proposal_comment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  proposal_id uuid NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
  resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  text text NOT NULL CHECK (length(trim(text)) > 0),
  moderation text NOT NULL CHECK (moderation IN ('pending', 'published', 'rejected')),
  moderation_reason text,
  moderated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  moderated_at timestamptz,
  hidden_at timestamptz,
  hidden_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (moderation <> 'rejected' OR moderation_reason IS NOT NULL),
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX ON proposal_comment (proposal_id, created_at);
CREATE INDEX ON proposal_comment (municipality_id, moderation);

-- A resident's report of abuse on a proposal or a comment. Nothing is hidden by the report
-- itself: staff decide (hide or keep) with a reason. The reporter is never shown to the author.
CREATE TABLE abuse_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  target_type text NOT NULL CHECK (target_type IN ('proposal', 'comment')),
  target_id uuid NOT NULL,
  reporter_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'kept')),
  decision_reason text,
  decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((status = 'open') = (decision_reason IS NULL))
);
-- one open report per resident and target (a second is answered 409)
CREATE UNIQUE INDEX abuse_report_once ON abuse_report (target_type, target_id, reporter_id) WHERE status = 'open';
CREATE INDEX ON abuse_report (municipality_id, status, created_at);

-- The public council of strategic planning (Ozersk): one per municipality.
CREATE TABLE council (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL UNIQUE REFERENCES municipality(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  description text,
  basis text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Its members and the organisations they represent.
CREATE TABLE council_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  council_id uuid NOT NULL REFERENCES council(id) ON DELETE CASCADE,
  full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
  position text,
  organisation text,
  council_role text NOT NULL DEFAULT 'member' CHECK (council_role IN ('chair', 'deputy', 'secretary', 'member')),
  since date,
  until date,
  version integer NOT NULL DEFAULT 1,
  CHECK (until IS NULL OR since IS NULL OR until >= since)
);
CREATE INDEX ON council_member (council_id);

-- Meetings: date, place; shown on the portal once published.
CREATE TABLE council_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  council_id uuid NOT NULL REFERENCES council(id) ON DELETE CASCADE,
  number text,
  held_on date NOT NULL,
  place text NOT NULL CHECK (length(trim(place)) > 0),
  published boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON council_meeting (council_id, held_on DESC);

-- The agenda: items in order, each with its decision, and the documents it discussed
-- (`documents`: [{kind, id, label}] — a program, the strategy, the action plan, a publication).
CREATE TABLE council_agenda_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  speaker text,
  decision text,
  documents jsonb NOT NULL DEFAULT '[]',
  UNIQUE (meeting_id, position)
);
