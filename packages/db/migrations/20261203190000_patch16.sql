-- issue 16 (part 7): a change of one row locks it and reads what its rules check in ONE round trip.
-- `p_lock` (over $1 = the row's id) locks the row FOR UPDATE and returns it as one JSON array;
-- then `p_reads` runs as a statement of its own — so, in READ COMMITTED, with a new snapshot taken
-- after the lock: it sees what another transaction committed while this one waited for the row —
-- over $1 … $5 = the locked row's values at the positions `p_at` (the program, the municipality,
-- the direction, the parent … as uuids; positions not given are NULL). Returns
-- [the row, the reads' answer] as JSON text, or NULL when there is no such row.
-- VOLATILE (each statement its own snapshot) and SECURITY INVOKER: it runs with the caller's grants.
CREATE FUNCTION row_context(p_lock text, p_id uuid, p_at int[], p_reads text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked json;
  ids uuid[] := '{}';
  ctx json;
BEGIN
  EXECUTE p_lock INTO locked USING p_id;
  IF locked IS NULL THEN
    RETURN NULL;
  END IF;
  IF p_reads IS NOT NULL THEN
    FOR i IN 1 .. coalesce(array_length(p_at, 1), 0) LOOP
      ids := ids || (locked ->> p_at[i])::uuid;
    END LOOP;
    EXECUTE p_reads INTO ctx USING ids[1], ids[2], ids[3], ids[4], ids[5];
  END IF;
  RETURN json_build_array(locked, ctx)::text;
END $$;
