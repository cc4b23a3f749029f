-- Issue 11 (parts 2 and 4): the main problems of a strategy, each linked to the priorities that answer it
-- (the Kant strategy, section III); an action plan in draft (the next plan of Kaluga's source).

-- A main problem of the strategy («Проблемы городского развития»).
CREATE TABLE strategy_problem (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  description text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON strategy_problem (municipality_id);
CREATE INDEX ON strategy_problem (strategy_id);

-- A priority that answers a problem (a problem may be answered by several, a priority may answer several).
CREATE TABLE strategy_problem_priority (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  problem_id uuid NOT NULL REFERENCES strategy_problem(id) ON DELETE CASCADE,
  priority_id uuid NOT NULL REFERENCES priority(id) ON DELETE CASCADE,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (problem_id, priority_id)
);
CREATE INDEX ON strategy_problem_priority (municipality_id);
CREATE INDEX ON strategy_problem_priority (strategy_id);
CREATE INDEX ON strategy_problem_priority (priority_id);

-- An action plan in force (false), or the draft of the next one (true).
ALTER TABLE action_plan ADD COLUMN draft boolean NOT NULL DEFAULT false;

-- The documents attached to a draft (220-п 4.7, 4.7.1, 4.19): the financial-economic justification,
-- the methodologies of calculation; a review can require them before the draft is sent (the setting).
CREATE TABLE draft_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  program_version_id uuid NOT NULL REFERENCES program_version(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('financialJustification', 'methodology', 'other')),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_by_login text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON draft_attachment (municipality_id);
CREATE INDEX ON draft_attachment (program_version_id);

-- Whether a draft may be sent for review only with the attachments 220-п 4.7 requires.
ALTER TABLE monitoring_settings ADD COLUMN require_draft_attachments boolean NOT NULL DEFAULT false;
