-- 0003: monitoring data: the budget schedule and cash execution per direction × source × quarter
-- (cumulative, entered by the finance department), and the justification of a deviation from plan.

CREATE TABLE budget_execution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  source text NOT NULL,
  schedule numeric(18,2) NOT NULL CHECK (schedule >= 0),
  cash numeric(18,2) NOT NULL CHECK (cash >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (direction_id, year, quarter, source)
);
CREATE INDEX ON budget_execution (municipality_id);
CREATE INDEX ON budget_execution (program_id);

ALTER TABLE metric_value ADD COLUMN justification text;
ALTER TABLE metric_month ADD COLUMN justification text;
ALTER TABLE program_indicator_value ADD COLUMN justification text;
