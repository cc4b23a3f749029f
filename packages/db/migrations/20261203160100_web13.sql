-- The audit log's filter by action and by person (issue 13, part 2): the actions and the actors a
-- municipality's log has are listed by a skip scan of these indexes (one probe per distinct value,
-- not a read of the whole log), and the log filtered by them reads the index.
CREATE INDEX audit_log_action ON audit_log (municipality_id, action);
CREATE INDEX audit_log_actor ON audit_log (municipality_id, actor_id) WHERE actor_id IS NOT NULL;
-- who acted when no staff member did: residents as one kind, the system, the demo loader …
CREATE INDEX audit_log_other_actor ON audit_log (municipality_id, (CASE WHEN actor_login LIKE 'resident:%' THEN 'resident' ELSE actor_login END))
  WHERE actor_id IS NULL;
