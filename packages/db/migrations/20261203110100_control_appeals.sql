-- Issue 15, part 3: the author of an appeal is told of its redirection, extension, answer and the
-- stop of the correspondence (59-ФЗ art. 8 p. 3, art. 12 p. 2, art. 11 p. 5) by e-mail when they
-- gave one; the author's feedback on the answer, given by the tracking code without an account.

-- the author is no user: a mail to them has no user_id (nullable since 0008) and is queued once per
-- (appeal, moment)
CREATE UNIQUE INDEX email_outbox_appeal_notice ON email_outbox (deadline_key, moment)
  WHERE user_id IS NULL AND deadline_key LIKE 'appeal:%';

ALTER TABLE appeal
  ADD COLUMN feedback text CHECK (feedback IN ('satisfied', 'notSatisfied')),
  ADD COLUMN feedback_comment text,
  ADD COLUMN feedback_at timestamptz;

-- "my due items" and the overdue list by assignee
CREATE INDEX appeal_open_by_department ON appeal (municipality_id, assigned_department_id, due)
  WHERE state IN ('registered', 'inWork');

-- answer templates of a municipality (placeholders {author}, {number}, …: ANSWER_PLACEHOLDERS); they add
-- to or replace by code the defaults of the domain (DEFAULT_ANSWER_TEMPLATES)
CREATE TABLE appeal_answer_template (
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
  title text NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (municipality_id, code)
);
