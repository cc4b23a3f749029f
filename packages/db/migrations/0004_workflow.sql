-- 0004: the approval workflow (decree 220-п, section 4) and the versions of programs.
--
--  * program_version: each draft and each approved version of a program (flow 'program': a new
--    program or an amendment) or of a direction's order (flow 'directionOrder', one direction by
--    its code). An approved version holds its snapshot (a ProgramDocument as jsonb), the number
--    and date of the decree or order, and the reasons and text of its explanatory note. It never
--    changes: a trigger refuses UPDATE and DELETE of an approved version (and any UPDATE of a
--    withdrawn one) whoever asks, TRUNCATE always; the application's role has no DELETE or
--    TRUNCATE on the table at all. A draft's content is the program's live rows; it is
--    snapshotted when approved.
--  * workflow_instance: where a draft is on its way (state, since, due date by the working-day
--    calendar, the discussion period and protocol).
--  * workflow_transition and workflow_conclusion: every step taken and every conclusion given
--    (a document with its remarks): append-only for the application's role.

CREATE TABLE program_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  flow text NOT NULL CHECK (flow IN ('program', 'directionOrder')),
  -- the direction of an order, by code and name (its row may be removed by a later amendment)
  direction_code text,
  direction_name text,
  number integer NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('program', 'amendment')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'cancelled')),
  based_on_id uuid REFERENCES program_version(id),
  document jsonb,
  decree_number text,
  decree_date date,
  approved_at timestamptz,
  -- who approved and created it, as ids and logins without a foreign key: nothing may touch an approved row
  approved_by uuid,
  approved_by_login text,
  -- the reason entered for each change of the diff, by the change's path
  reasons jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the explanatory note as edited by its author; null: the generated one
  note_text text,
  created_by uuid,
  created_by_login text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT program_version_approved_complete CHECK (
    status <> 'approved' OR (document IS NOT NULL AND decree_number IS NOT NULL AND decree_date IS NOT NULL AND approved_at IS NOT NULL)
  ),
  CONSTRAINT program_version_direction CHECK ((flow = 'program') = (direction_code IS NULL))
);
CREATE INDEX ON program_version (municipality_id);
CREATE UNIQUE INDEX program_version_number ON program_version (program_id, flow, coalesce(direction_code, ''), number);
-- at most one draft at a time of a program (or of one direction's order)
CREATE UNIQUE INDEX program_version_one_draft ON program_version (program_id, flow, coalesce(direction_code, '')) WHERE status = 'draft';

CREATE FUNCTION program_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'program_version: approved versions never change: TRUNCATE refused' USING ERRCODE = 'OV001';
  END IF;
  IF OLD.status = 'approved' OR (TG_OP = 'UPDATE' AND OLD.status <> 'draft') THEN
    RAISE EXCEPTION 'program_version %: an approved version never changes: % refused', OLD.id, TG_OP USING ERRCODE = 'OV001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER program_version_no_change BEFORE UPDATE OR DELETE ON program_version
  FOR EACH ROW EXECUTE FUNCTION program_version_immutable();
CREATE TRIGGER program_version_no_truncate BEFORE TRUNCATE ON program_version
  FOR EACH STATEMENT EXECUTE FUNCTION program_version_immutable();

CREATE TABLE workflow_instance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  program_version_id uuid NOT NULL UNIQUE REFERENCES program_version(id) ON DELETE CASCADE,
  flow text NOT NULL CHECK (flow IN ('program', 'directionOrder')),
  kind text NOT NULL CHECK (kind IN ('program', 'amendment')),
  direction_id uuid REFERENCES direction(id) ON DELETE SET NULL,
  discussion_required boolean NOT NULL DEFAULT false,
  state text NOT NULL CHECK (state IN ('draft', 'discussion', 'economyReview', 'economyRework', 'financeReview', 'financeRework',
    'auditReview', 'auditRework', 'approval', 'approved', 'published', 'cancelled')),
  since date NOT NULL,
  due_date date,
  due_clause text,
  -- {period: {from, to}, protocol?: {date, number, document}}
  discussion jsonb,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON workflow_instance (municipality_id, state);
CREATE INDEX ON workflow_instance (program_id);

CREATE TABLE workflow_transition (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  instance_id uuid NOT NULL REFERENCES workflow_instance(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  on_date date NOT NULL,
  actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  actor_login text,
  role text NOT NULL,
  action text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  due_date date,
  -- the input of the step: period, protocol, decree, remarks
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id text,
  UNIQUE (instance_id, seq)
);
CREATE INDEX ON workflow_transition (municipality_id);

CREATE TABLE workflow_conclusion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  instance_id uuid NOT NULL REFERENCES workflow_instance(id) ON DELETE CASCADE,
  transition_id uuid NOT NULL REFERENCES workflow_transition(id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('economy', 'finance', 'audit')),
  result text NOT NULL CHECK (result IN ('positive', 'negative')),
  document text NOT NULL CHECK (length(trim(document)) > 0),
  conclusion_date date NOT NULL,
  remarks jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(remarks) = 'array'),
  author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  author_login text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT workflow_conclusion_negative_has_remarks CHECK (result = 'positive' OR jsonb_array_length(remarks) > 0)
);
CREATE INDEX ON workflow_conclusion (instance_id);
CREATE INDEX ON workflow_conclusion (municipality_id);

-- The application's role: versions may be inserted and drafts updated (the trigger guards the
-- approved ones), never deleted; steps and conclusions only appended.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    GRANT SELECT, INSERT, UPDATE ON program_version, workflow_instance TO orientir_app;
    REVOKE DELETE, TRUNCATE ON program_version, workflow_instance FROM orientir_app;
    GRANT SELECT, INSERT ON workflow_transition, workflow_conclusion TO orientir_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON workflow_transition, workflow_conclusion FROM orientir_app;
  END IF;
END $$;
