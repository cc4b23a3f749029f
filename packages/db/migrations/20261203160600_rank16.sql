-- issue 16 (part 2): an audited write appends its entry in one statement. The function takes the
-- chain's advisory lock (the same key as `chainKey` and `appendAuditMany`), reads the head after
-- it (a statement of its own inside the function: a fresh snapshot, so the head another writer
-- committed while this one waited is seen), hashes as `auditHash` does (SHA-256 of the previous
-- hash, a line feed and the entry's canonical JSON, which the caller computes) and inserts.
-- SECURITY INVOKER: it runs with the caller's grants (SELECT and INSERT on audit_log).
CREATE FUNCTION audit_append(
  p_key text,
  p_municipality_id uuid,
  p_at timestamptz,
  p_actor_id uuid,
  p_actor_login text,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_before jsonb,
  p_after jsonb,
  p_request_id text,
  p_payload text
) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_key));
  IF p_municipality_id IS NULL THEN
    SELECT hash INTO prev FROM audit_log WHERE municipality_id IS NULL ORDER BY municipality_id DESC, id DESC LIMIT 1;
  ELSE
    SELECT hash INTO prev FROM audit_log WHERE municipality_id = p_municipality_id ORDER BY municipality_id DESC, id DESC LIMIT 1;
  END IF;
  prev := coalesce(prev, '');
  h := encode(sha256(convert_to(prev || E'\n' || p_payload, 'UTF8')), 'hex');
  INSERT INTO audit_log (municipality_id, at, actor_id, actor_login, action, object_type, object_id, before, after, request_id, prev_hash, hash)
  VALUES (p_municipality_id, p_at, p_actor_id, p_actor_login, p_action, p_object_type, p_object_id, p_before, p_after, p_request_id, prev, h);
  RETURN h;
END $$;
