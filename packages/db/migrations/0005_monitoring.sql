-- 0005: the monitoring and reporting cycle of decree 220-п (section 6).
--  * uploaded files (the confirming documents of checkpoints), stored in the database;
--  * report submissions: a program's quarterly monitoring (Q1–Q3, cumulative) or annual report,
--    one per program × year × period, with the part of each direction, and every transition
--    (who, when, what, comment);
--  * period locks (220-п 6.16: once the conclusions are in, the period may not be changed);
--  * each municipality's deadline rules and working-day calendar (JSON; null = the built-in ones);
--  * a job queue claimed with SELECT … FOR UPDATE SKIP LOCKED, in-app notifications and an
--    e-mail outbox whose unique keys make each reminder happen once, whatever the number of
--    server processes.

-- ---- files -----------------------------------------------------------------------------------
CREATE TABLE stored_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON stored_file (municipality_id);

-- A confirming document of a checkpoint (220-п прил. 7: "вид подтверждающего документа").
CREATE TABLE checkpoint_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  checkpoint_id uuid NOT NULL REFERENCES checkpoint(id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES stored_file(id) ON DELETE RESTRICT,
  comment text,
  created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON checkpoint_document (municipality_id);
CREATE INDEX ON checkpoint_document (checkpoint_id);
CREATE INDEX ON checkpoint_document (program_id);

-- ---- report submissions ---------------------------------------------------------------------------
-- A program's report for one period: quarterly monitoring (Q1–Q3) or the annual report.
CREATE TABLE report_submission (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  period text NOT NULL CHECK (period IN ('Q1', 'Q2', 'Q3', 'annual')),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'compiled', 'submitted', 'financeReviewed', 'controlled')),
  finance_conclusion text,
  economy_conclusion text,
  compiled_at timestamptz,
  submitted_at timestamptz,
  finance_reviewed_at timestamptz,
  controlled_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, year, period)
);
CREATE INDEX ON report_submission (municipality_id, year);

-- The part of one direction, prepared and submitted by its co-executor.
CREATE TABLE direction_submission (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  submission_id uuid NOT NULL REFERENCES report_submission(id) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
  submitted_at timestamptz,
  accepted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (submission_id, direction_id)
);
CREATE INDEX ON direction_submission (municipality_id);
CREATE INDEX ON direction_submission (program_id);

-- Every step of a submission: who, when, from which state to which, with a comment.
CREATE TABLE submission_transition (
  id bigserial PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  submission_id uuid NOT NULL REFERENCES report_submission(id) ON DELETE CASCADE,
  direction_id uuid REFERENCES direction(id) ON DELETE CASCADE,
  action text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
  actor_login text,
  comment text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON submission_transition (municipality_id);
CREATE INDEX ON submission_transition (submission_id, id);

-- 220-п 6.16: after the conclusions the reporting period of the program is closed for changes.
CREATE TABLE period_lock (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  period text NOT NULL CHECK (period IN ('Q1', 'Q2', 'Q3', 'annual')),
  submission_id uuid REFERENCES report_submission(id) ON DELETE SET NULL,
  locked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
  locked_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, year, period)
);
CREATE INDEX ON period_lock (municipality_id);

-- ---- deadline rules and calendar of a municipality -------------------------------------------
CREATE TABLE monitoring_settings (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id) ON DELETE CASCADE,
  deadline_rules jsonb,          -- null: the built-in rules of decree 220-п
  calendar jsonb,                -- null: the built-in calendar of the municipality's country
  reminder_days_before integer NOT NULL DEFAULT 3 CHECK (reminder_days_before BETWEEN 0 AND 30),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Where reminders by e-mail go.
ALTER TABLE app_user ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');

-- ---- job queue --------------------------------------------------------------------------------
-- A worker claims due jobs with SELECT … FOR UPDATE SKIP LOCKED and takes a lease (locked_by,
-- locked_until); a job whose worker died is claimed again once the lease runs out.
CREATE TABLE job (
  id bigserial PRIMARY KEY,
  municipality_id uuid REFERENCES municipality(id) ON DELETE CASCADE,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  unique_key text,               -- at most one pending job per key
  run_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_due ON job (run_at) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE UNIQUE INDEX job_pending_key ON job (unique_key) WHERE unique_key IS NOT NULL AND done_at IS NULL AND failed_at IS NULL;

-- ---- notifications ------------------------------------------------------------------------------
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  program_id uuid REFERENCES program(id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  deadline_key text,             -- rule × program × period × direction: what the reminder is about
  moment text,                   -- before | due | overdue
  due_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX ON notification (municipality_id);
CREATE INDEX ON notification (user_id, created_at DESC);
-- one reminder per user, deadline and moment, however many scheduler runs or processes
CREATE UNIQUE INDEX notification_once ON notification (user_id, deadline_key, moment) WHERE deadline_key IS NOT NULL;

CREATE TABLE email_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  deadline_key text NOT NULL,
  moment text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  message_id text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  UNIQUE (user_id, deadline_key, moment)
);
CREATE INDEX ON email_outbox (municipality_id);
CREATE INDEX email_outbox_unsent ON email_outbox (created_at) WHERE sent_at IS NULL;
