-- Issue 16, part 7: the ranking reads each program's record of a year by the program
-- (`scopeTextByParent`: one row per program, streamed as PostgreSQL computes it). The rows of a
-- year are found by the program and the year; these replace the indexes on the program alone,
-- which the new ones serve too (their first column).
DROP INDEX checkpoint_program_id_idx;
CREATE INDEX checkpoint_program_planned ON checkpoint (program_id, planned_date);
DROP INDEX metric_value_program_id_idx;
CREATE INDEX metric_value_program_year ON metric_value (program_id, year);
DROP INDEX metric_month_program_id_idx;
CREATE INDEX metric_month_program_year ON metric_month (program_id, year);
DROP INDEX program_indicator_value_program_id_idx;
CREATE INDEX program_indicator_value_program_year ON program_indicator_value (program_id, year);
DROP INDEX budget_execution_program_id_idx;
CREATE INDEX budget_execution_program_year ON budget_execution (program_id, year);
DROP INDEX budget_schedule_program_id_idx;
CREATE INDEX budget_schedule_program_year ON budget_schedule (program_id, year);
