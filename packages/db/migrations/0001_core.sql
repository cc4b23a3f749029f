-- 0001: the platform's core: municipalities, users and sessions, the audit log, and every
-- entity of the strategy, the action plan and the municipal program (decree 220-п).
-- Every table holding a municipality's data carries municipality_id (the sharding key).
-- Money is numeric(18,2) (thousands of roubles); values of indicators are numeric; plan dates are date.

CREATE TABLE municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  country text NOT NULL,
  currency text NOT NULL,
  timezone text NOT NULL DEFAULT 'Europe/Moscow',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  login text NOT NULL,
  full_name text NOT NULL,
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_login ON app_user (lower(login));

CREATE TABLE budget_source (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);
CREATE INDEX ON budget_source (municipality_id);
CREATE TABLE department (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  name text NOT NULL,
  short_name text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);
CREATE INDEX ON department (municipality_id);
CREATE TABLE strategy (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  name text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1900 AND 2200),
  mission text,
  vision text,
  approval_document text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON strategy (municipality_id);
CREATE TABLE strategy_stage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  name text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1900 AND 2200),
  description text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON strategy_stage (municipality_id);
CREATE INDEX ON strategy_stage (strategy_id);
CREATE TABLE swot_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('strength', 'weakness', 'opportunity', 'threat')),
  text text NOT NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON swot_item (municipality_id);
CREATE INDEX ON swot_item (strategy_id);
CREATE TABLE priority (
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
CREATE INDEX ON priority (municipality_id);
CREATE INDEX ON priority (strategy_id);
CREATE TABLE goal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  priority_id uuid REFERENCES priority(id) ON DELETE SET NULL,
  code text,
  name text NOT NULL,
  description text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON goal (municipality_id);
CREATE INDEX ON goal (strategy_id);
CREATE TABLE strategy_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  goal_id uuid NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON strategy_task (municipality_id);
CREATE INDEX ON strategy_task (goal_id);
CREATE INDEX ON strategy_task (strategy_id);
CREATE TABLE strategy_activity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES strategy_task(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  expected_result text,
  term text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON strategy_activity (municipality_id);
CREATE INDEX ON strategy_activity (task_id);
CREATE INDEX ON strategy_activity (strategy_id);
CREATE TABLE risk (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  name text NOT NULL,
  mitigation text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON risk (municipality_id);
CREATE INDEX ON risk (strategy_id);
CREATE TABLE strategy_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  goal_id uuid REFERENCES goal(id) ON DELETE SET NULL,
  code text,
  name text NOT NULL,
  unit text NOT NULL,
  okei text,
  trend text NOT NULL CHECK (trend IN ('increase', 'decrease')),
  base_year integer CHECK (base_year BETWEEN 1900 AND 2200),
  base_value numeric,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (strategy_id, name)
);
CREATE INDEX ON strategy_indicator (municipality_id);
CREATE INDEX ON strategy_indicator (strategy_id);
CREATE TABLE strategy_indicator_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES strategy_indicator(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  target numeric,
  fact numeric,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_id, year)
);
CREATE INDEX ON strategy_indicator_value (municipality_id);
CREATE INDEX ON strategy_indicator_value (indicator_id);
CREATE INDEX ON strategy_indicator_value (strategy_id);
CREATE TABLE program (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  responsible_department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1900 AND 2200),
  other_sources text,
  strategy_id uuid REFERENCES strategy(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);
CREATE INDEX ON program (municipality_id);
CREATE TABLE program_co_executor (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, department_id)
);
CREATE INDEX ON program_co_executor (municipality_id);
CREATE INDEX ON program_co_executor (program_id);
CREATE TABLE program_goal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  target_value numeric,
  unit text,
  target_year integer CHECK (target_year BETWEEN 1900 AND 2200),
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON program_goal (municipality_id);
CREATE INDEX ON program_goal (program_id);
CREATE TABLE program_stage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  name text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1900 AND 2200),
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON program_stage (municipality_id);
CREATE INDEX ON program_stage (program_id);
CREATE TABLE program_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  unit text NOT NULL,
  okei text,
  trend text NOT NULL CHECK (trend IN ('increase', 'decrease')),
  base_year integer NOT NULL CHECK (base_year BETWEEN 1900 AND 2200),
  base_value numeric,
  goal_id uuid REFERENCES program_goal(id) ON DELETE SET NULL,
  strategy_indicator_id uuid REFERENCES strategy_indicator(id) ON DELETE SET NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON program_indicator (municipality_id);
CREATE INDEX ON program_indicator (program_id);
CREATE TABLE program_indicator_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES program_indicator(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  plan numeric,
  fact numeric,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_id, year)
);
CREATE INDEX ON program_indicator_value (municipality_id);
CREATE INDEX ON program_indicator_value (indicator_id);
CREATE INDEX ON program_indicator_value (program_id);
CREATE TABLE direction (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  co_executor_department_id uuid NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, code)
);
CREATE INDEX ON direction (municipality_id);
CREATE INDEX ON direction (program_id);
CREATE TABLE structural_element (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('project', 'process')),
  responsible_department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  start_year integer CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer CHECK (end_year BETWEEN 1900 AND 2200),
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (direction_id, code)
);
CREATE INDEX ON structural_element (municipality_id);
CREATE INDEX ON structural_element (direction_id);
CREATE INDEX ON structural_element (program_id);
CREATE TABLE element_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  element_id uuid NOT NULL REFERENCES structural_element(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON element_task (municipality_id);
CREATE INDEX ON element_task (element_id);
CREATE INDEX ON element_task (program_id);
CREATE INDEX ON element_task (direction_id);
CREATE TABLE element_activity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES element_task(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  description text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON element_activity (municipality_id);
CREATE INDEX ON element_activity (task_id);
CREATE INDEX ON element_activity (program_id);
CREATE INDEX ON element_activity (direction_id);
CREATE TABLE metric (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  element_id uuid NOT NULL REFERENCES structural_element(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  unit text NOT NULL,
  okei text,
  trend text NOT NULL CHECK (trend IN ('increase', 'decrease')),
  base_year integer CHECK (base_year BETWEEN 1900 AND 2200),
  base_value numeric,
  value_source text,
  level text NOT NULL CHECK (level IN ('ВДЛ', 'ГП РФ', 'НП', 'ФП в НП', 'ФП вне НП', 'ГП', 'СТ', 'МП')),
  task_id uuid REFERENCES element_task(id) ON DELETE SET NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON metric (municipality_id);
CREATE INDEX ON metric (element_id);
CREATE INDEX ON metric (program_id);
CREATE INDEX ON metric (direction_id);
CREATE TABLE metric_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  metric_id uuid NOT NULL REFERENCES metric(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  plan numeric,
  fact numeric,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (metric_id, year)
);
CREATE INDEX ON metric_value (municipality_id);
CREATE INDEX ON metric_value (metric_id);
CREATE INDEX ON metric_value (program_id);
CREATE INDEX ON metric_value (direction_id);
CREATE TABLE metric_month (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  metric_id uuid NOT NULL REFERENCES metric(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  month integer NOT NULL,
  plan numeric,
  fact numeric,
  forecast numeric,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (metric_id, year, month)
);
CREATE INDEX ON metric_month (municipality_id);
CREATE INDEX ON metric_month (metric_id);
CREATE INDEX ON metric_month (program_id);
CREATE INDEX ON metric_month (direction_id);
CREATE TABLE checkpoint (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  element_id uuid NOT NULL REFERENCES structural_element(id) ON DELETE CASCADE,
  activity_id uuid REFERENCES element_activity(id) ON DELETE SET NULL,
  name text NOT NULL,
  planned_date date NOT NULL,
  actual_date date,
  responsible text,
  document_kind text,
  information_system text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON checkpoint (municipality_id);
CREATE INDEX ON checkpoint (element_id);
CREATE INDEX ON checkpoint (program_id);
CREATE INDEX ON checkpoint (direction_id);
CREATE TABLE funding (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  element_id uuid NOT NULL REFERENCES structural_element(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  source text NOT NULL,
  amount numeric(18,2) NOT NULL CHECK (amount >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (element_id, year, source)
);
CREATE INDEX ON funding (municipality_id);
CREATE INDEX ON funding (element_id);
CREATE INDEX ON funding (program_id);
CREATE INDEX ON funding (direction_id);
CREATE TABLE action_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  strategy_id uuid NOT NULL REFERENCES strategy(id) ON DELETE RESTRICT,
  name text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1900 AND 2200),
  approval_document text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON action_plan (municipality_id);
CREATE TABLE plan_activity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  goal_id uuid REFERENCES goal(id) ON DELETE SET NULL,
  task_id uuid REFERENCES strategy_task(id) ON DELETE SET NULL,
  responsible_department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  program_id uuid REFERENCES program(id) ON DELETE SET NULL,
  expected_result text,
  term text,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON plan_activity (municipality_id);
CREATE INDEX ON plan_activity (plan_id);
CREATE TABLE plan_activity_funding (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  activity_id uuid NOT NULL REFERENCES plan_activity(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  source text NOT NULL,
  amount numeric(18,2) NOT NULL CHECK (amount >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (activity_id, year, source)
);
CREATE INDEX ON plan_activity_funding (municipality_id);
CREATE INDEX ON plan_activity_funding (activity_id);
CREATE INDEX ON plan_activity_funding (plan_id);
CREATE TABLE plan_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  code text,
  name text NOT NULL,
  unit text NOT NULL,
  trend text NOT NULL CHECK (trend IN ('increase', 'decrease')),
  base_value numeric,
  goal_id uuid REFERENCES goal(id) ON DELETE SET NULL,
  strategy_indicator_id uuid REFERENCES strategy_indicator(id) ON DELETE SET NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON plan_indicator (municipality_id);
CREATE INDEX ON plan_indicator (plan_id);
CREATE TABLE plan_indicator_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  indicator_id uuid NOT NULL REFERENCES plan_indicator(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  plan numeric,
  fact numeric,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_id, year)
);
CREATE INDEX ON plan_indicator_value (municipality_id);
CREATE INDEX ON plan_indicator_value (indicator_id);
CREATE INDEX ON plan_indicator_value (plan_id);
CREATE TABLE priority_project (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  name text NOT NULL,
  object text,
  planned_works text,
  term text,
  responsible_department_id uuid REFERENCES department(id) ON DELETE SET NULL,
  ord integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON priority_project (municipality_id);
CREATE INDEX ON priority_project (plan_id);
CREATE TABLE priority_project_funding (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  project_id uuid NOT NULL REFERENCES priority_project(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  source text NOT NULL,
  amount numeric(18,2) NOT NULL CHECK (amount >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, year, source)
);
CREATE INDEX ON priority_project_funding (municipality_id);
CREATE INDEX ON priority_project_funding (project_id);
CREATE INDEX ON priority_project_funding (plan_id);

ALTER TABLE program ADD COLUMN status text NOT NULL DEFAULT 'draft'
  CHECK (status IN ('draft', 'discussion', 'review', 'approved', 'published'));

-- A user's role in one municipality; executors and co-executors act for a department.
CREATE TABLE membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'economy', 'finance', 'audit', 'executor', 'coexecutor', 'head', 'viewer')),
  department_id uuid REFERENCES department(id) ON DELETE RESTRICT,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, municipality_id),
  CHECK (role NOT IN ('executor', 'coexecutor') OR department_id IS NOT NULL)
);
CREATE INDEX ON membership (municipality_id);

CREATE TABLE session (
  id text PRIMARY KEY,                 -- sha-256 of the cookie's token; the token itself is never stored
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  municipality_id uuid REFERENCES municipality(id) ON DELETE SET NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX ON session (user_id);
CREATE INDEX ON session (expires_at);

CREATE TABLE login_attempt (
  id bigserial PRIMARY KEY,
  login text NOT NULL,
  ip text NOT NULL,
  success boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON login_attempt (lower(login), at);
CREATE INDEX ON login_attempt (ip, at);

-- Append-only, hash-chained record of every state change.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  municipality_id uuid REFERENCES municipality(id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id uuid,
  actor_login text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX ON audit_log (municipality_id, at);
CREATE INDEX ON audit_log (object_type, object_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
