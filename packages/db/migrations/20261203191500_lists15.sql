-- Issue 15, part 6: "my due items" a page at a time (keyset: the term, then the number, then the id).
-- The open appeals of a person and of a department in the order of the page, so that a page reads its
-- rows along the index and stops — not every open appeal with the same term (the registrations of a
-- day share it) sorted again for each page.
DROP INDEX IF EXISTS appeal_open_by_department;
CREATE INDEX appeal_open_by_department ON appeal (municipality_id, assigned_department_id, due, number, id)
  WHERE state IN ('registered', 'inWork');
DROP INDEX IF EXISTS appeal_open_by_user;
CREATE INDEX appeal_open_by_user ON appeal (assigned_user_id, due, number, id)
  WHERE state IN ('registered', 'inWork');
-- the open ones of the municipality (the office's list of what is due) in the same order
DROP INDEX IF EXISTS appeal_open_due;
CREATE INDEX appeal_open_due ON appeal (municipality_id, due, number, id) WHERE state IN ('registered', 'inWork');
