-- 0010: the options of rules 9 and 10 of the program-report format (issue 10), chosen by a
-- municipality with its methodology:
--  * missing_fact: 'zero' (a metric or indicator without a fact scores 0 — the annual evaluation),
--    'exclude' (left out — a preliminary evaluation), or null: by the date of calculation —
--    'exclude' during the year, 'zero' once the year has ended;
--  * zero_equals_zero: fact equal to plan, zero included, is the plan met (100); false is the
--    decree's literal reading (plan 0, fact 0 → 0).
ALTER TABLE evaluation_setting
  ADD COLUMN missing_fact text CHECK (missing_fact IS NULL OR missing_fact IN ('zero', 'exclude')),
  ADD COLUMN zero_equals_zero boolean NOT NULL DEFAULT true;
