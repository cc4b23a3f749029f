-- Issue 16, part 1: a year's ranking, evaluation or consolidated report reads only that year's rows
-- of the municipality. Without these indexes PostgreSQL found them through (municipality_id) alone
-- and filtered every year's rows (216,000 monthly plans for six years of 25 programs) to keep one.
CREATE INDEX metric_value_municipality_year ON metric_value (municipality_id, year);
CREATE INDEX metric_month_municipality_year ON metric_month (municipality_id, year);
CREATE INDEX program_indicator_value_municipality_year ON program_indicator_value (municipality_id, year);
CREATE INDEX funding_municipality_year ON funding (municipality_id, year);
CREATE INDEX budget_execution_municipality_year ON budget_execution (municipality_id, year);
CREATE INDEX budget_schedule_municipality_year ON budget_schedule (municipality_id, year);
CREATE INDEX checkpoint_municipality_planned ON checkpoint (municipality_id, planned_date);
