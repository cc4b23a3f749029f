-- Issue 15, part 3 (continued): appeals from the portal's form, the answer's approval step, the
-- answer templates kept in a page, and the office's (канцелярия) role.

-- the office: a role of its own (registers documents, puts orders on control, registers and assigns
-- appeals, approves answers, reads the control's dashboards)
ALTER TABLE membership DROP CONSTRAINT membership_role_check;
ALTER TABLE membership ADD CONSTRAINT membership_role_check
  CHECK (role IN ('admin', 'economy', 'finance', 'audit', 'executor', 'coexecutor', 'head', 'viewer', 'office'));

-- an appeal sent from the portal: by a signed-in resident (their account), or without an account;
-- the consent to the processing of personal data given in the form (152-ФЗ): the text's SHA-256 and
-- the time
ALTER TABLE appeal
  ADD COLUMN resident_id uuid REFERENCES resident(id) ON DELETE SET NULL,
  ADD COLUMN consent_sha256 text,
  ADD COLUMN consent_at timestamptz;

-- the answer's approval: each draft sent for approval is a round; the head of the department or the
-- controller (the office) approves it (then it is sent) or returns it with a remark; the history stays
CREATE TABLE appeal_answer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  appeal_id uuid NOT NULL REFERENCES appeal(id) ON DELETE CASCADE,
  round integer NOT NULL CHECK (round >= 1),
  template_code text,
  -- the draft names the author: erased with the appeal's personal data (text set to '')
  text text NOT NULL,
  drafted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  drafted_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'returned')),
  decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  decided_at timestamptz,
  remark text,
  UNIQUE (appeal_id, round),
  CHECK ((state = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX appeal_answer_one_pending ON appeal_answer (appeal_id) WHERE state = 'pending';

-- where an appeal stands, step by step, as its author follows it by the tracking code (no personal
-- data: the step, its date, whether the author was notified)
CREATE TABLE appeal_event (
  id bigserial PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeal(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('registered', 'assigned', 'redirected', 'extended', 'answered', 'stopped')),
  on_date date NOT NULL,
  due date,
  noticed boolean NOT NULL DEFAULT false,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_event_by_appeal ON appeal_event (appeal_id, id);

-- answer templates edited in a page: deactivated ones are kept (not offered for new drafts)
ALTER TABLE appeal_answer_template
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
