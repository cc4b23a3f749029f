-- 0009: 220-п reporting deadlines come from what is in force (issue 10).
--
-- A program's quarterly and annual reports are due only once it is in force: for the reporting
-- periods that end on or after the date of the decree of its first approved version; a draft
-- raises only the review deadlines of its own workflow. The deadlines themselves are computed
-- (domain monitoring/tracking.ts), but the reminders already given for deadlines that do not exist
-- under this rule are stored: they are removed here, for the demo and for existing data alike —
-- the notifications in the app, and the e-mails not yet sent. A reminder's key is
-- `rule:program:year:period:direction:due`.

CREATE FUNCTION pg_temp.reminder_not_in_force(key text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN split_part(key, ':', 2) !~ '^[0-9a-f-]{36}$' OR split_part(key, ':', 3) !~ '^[0-9]{4}$'
      OR split_part(key, ':', 4) NOT IN ('Q1', 'Q2', 'Q3', 'annual') THEN false
    ELSE coalesce((
      SELECT
        -- the last day of the reporting period is before the program came into force (or it never did)
        min(v.decree_date) IS NULL OR (
          make_date(split_part(key, ':', 3)::int,
                    CASE split_part(key, ':', 4) WHEN 'Q1' THEN 3 WHEN 'Q2' THEN 6 WHEN 'Q3' THEN 9 ELSE 12 END, 1)
          + interval '1 month' - interval '1 day'
        )::date < min(v.decree_date)
      FROM program_version v
      WHERE v.program_id::text = split_part(key, ':', 2) AND v.flow = 'program' AND v.status = 'approved'
    ), false)
  END
$$;

DELETE FROM notification
 WHERE deadline_key IS NOT NULL
   AND EXISTS (SELECT 1 FROM program p WHERE p.id::text = split_part(deadline_key, ':', 2))
   AND pg_temp.reminder_not_in_force(deadline_key);

DELETE FROM email_outbox
 WHERE sent_at IS NULL
   AND EXISTS (SELECT 1 FROM program p WHERE p.id::text = split_part(deadline_key, ':', 2))
   AND pg_temp.reminder_not_in_force(deadline_key);
