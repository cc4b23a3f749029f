-- The budget schedule (сводная бюджетная роспись) is the YEAR's amount, changed during the year by
-- dated entries; cash execution is cumulative from the start of the year to a quarter's end. Both
-- are kept per direction and, with element_id, per structural element (220-п, appendices 8 and 9).
--
-- Until now budget_execution held, per direction, year, quarter and source, a schedule and a cash
-- figure. Its schedule values become the year's schedule entries: a quarter's value that differs
-- from the previous quarter's (or is the first of its year and source) is in force from that
-- quarter's first day, so the schedule in force at every quarter's end is the value the quarter
-- had and every figure reads as before. Its cash stays.

CREATE TABLE budget_schedule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  direction_id uuid NOT NULL REFERENCES direction(id) ON DELETE CASCADE,
  element_id uuid REFERENCES structural_element(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  source text NOT NULL,
  amount numeric(18,2) NOT NULL CHECK (amount >= 0),
  effective_date date NOT NULL,
  reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (extract(year FROM effective_date) = year),
  UNIQUE NULLS NOT DISTINCT (direction_id, element_id, year, source, effective_date)
);
CREATE INDEX ON budget_schedule (municipality_id);
CREATE INDEX ON budget_schedule (program_id);
CREATE INDEX ON budget_schedule (element_id);

INSERT INTO budget_schedule (municipality_id, program_id, direction_id, year, source, amount, effective_date, reason, created_at, updated_at)
SELECT municipality_id, program_id, direction_id, year, source, schedule,
       make_date(year, (quarter - 1) * 3 + 1, 1),
       format('роспись на %s квартал (перенесено из квартальных данных)', quarter), created_at, updated_at
  FROM (SELECT b.*, lag(schedule) OVER (PARTITION BY direction_id, year, source ORDER BY quarter) AS prev FROM budget_execution b) x
 WHERE prev IS NULL OR prev <> schedule;

ALTER TABLE budget_execution ADD COLUMN element_id uuid REFERENCES structural_element(id) ON DELETE CASCADE;
ALTER TABLE budget_execution DROP CONSTRAINT budget_execution_direction_id_year_quarter_source_key;
ALTER TABLE budget_execution ADD CONSTRAINT budget_execution_element_year_quarter_source_key
  UNIQUE NULLS NOT DISTINCT (direction_id, element_id, year, quarter, source);
ALTER TABLE budget_execution DROP COLUMN schedule;
CREATE INDEX ON budget_execution (element_id);
