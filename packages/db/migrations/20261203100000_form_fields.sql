-- Fields the forms of 220-п and of the action plan need (issue 11, parts 1 and 5).
--  * appendices 8 and 9 «Комментарий»: the reason for a deviation of funding, entered in
--    monitoring beside the cash execution of a direction or complex (by year, quarter, source), and
--    the comment on a checkpoint (results / problems) beside its actual date — record of execution;
--  * appendix 9 (6.12.3): the main results of the year, one text per program and year;
--  * a budget source's name in the forms as the municipality words it («средства бюджета
--    городского округа города Калуги»);
--  * action plan: the executing body / structural unit of an activity (appendix 1, column 7), the
--    responsible executor of a plan indicator (appendix 2), the kind of a project (appendix 3);
--  * 1.3.4: a direction's section (subsection) of the budget classification of expenditure;
--    1.3.3: the participants of a structural element; a program's strategy goal.
ALTER TABLE budget_execution ADD COLUMN deviation_reason text;
ALTER TABLE checkpoint ADD COLUMN comment text;
ALTER TABLE budget_source ADD COLUMN form_label text;
ALTER TABLE plan_activity ADD COLUMN executing_body text;
ALTER TABLE plan_indicator ADD COLUMN responsible_department_id uuid REFERENCES department(id) ON DELETE SET NULL;
ALTER TABLE priority_project ADD COLUMN kind text CHECK (kind IS NULL OR kind IN ('priority', 'strategic'));
ALTER TABLE direction ADD COLUMN budget_classification text;
ALTER TABLE structural_element ADD COLUMN participants text;
ALTER TABLE program ADD COLUMN strategy_goal_id uuid REFERENCES goal(id) ON DELETE SET NULL;

CREATE TABLE program_annual_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  program_id uuid NOT NULL REFERENCES program(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  main_results text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, year)
);
CREATE INDEX ON program_annual_report (municipality_id);
CREATE INDEX ON program_annual_report (program_id);
