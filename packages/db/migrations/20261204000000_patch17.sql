-- issue 16 (part 7, continued): `row_context`'s lock and reads are kept planned per connection.
-- Before, the function ran them with plpgsql `EXECUTE` of their text, so PostgreSQL parsed and
-- planned both (the reads: the period locks, the reports' states, the rows by id) on every call —
-- about 1 ms of its CPU per PATCH, most of what a PATCH cost it beyond its UPDATE and audit INSERT.
-- Now each text is a prepared statement of the session (`PREPARE`, made once per connection and
-- name: the caller names a text by its hash, so another text gets another name), run by
-- `EXECUTE name(…)`: parsed once, and planned once its generic plan serves (plan_cache_mode auto).
-- The semantics are those of 20261203190000_patch16: the lock first, then the reads as a statement
-- of their own — in READ COMMITTED with a snapshot taken after the lock, so they see what another
-- transaction committed while this one waited for the row. SECURITY INVOKER, VOLATILE, as before.

-- Prepares `p_text` as `p_name` (with the parameter types `p_types`, e.g. '(uuid)') unless this
-- session has it. A session-level setting remembers it (read without looking through the session's
-- prepared statements); it is undone when the transaction rolls back, while a PREPARE is not — so
-- when the setting is missing, pg_prepared_statements has the last word.
CREATE FUNCTION row_context_prepare(p_name text, p_types text, p_text text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF current_setting('orientir_prepared.' || p_name, true) IS DISTINCT FROM 'on' THEN
    IF NOT EXISTS (SELECT FROM pg_prepared_statements WHERE name = p_name) THEN
      EXECUTE format('PREPARE %I%s AS %s', p_name, p_types, p_text);
    END IF;
    PERFORM set_config('orientir_prepared.' || p_name, 'on', false);
  END IF;
END $$;

DROP FUNCTION row_context(text, uuid, int[], text);

-- `p_lock` (over $1 = the row's id) locks the row FOR UPDATE and returns it as one JSON array; then
-- `p_reads` runs over $1 … $5 = the locked row's values at the positions `p_at` (the program, the
-- municipality, the direction, the parent … as uuids; positions not given are NULL). Each is run as
-- the prepared statement named `p_lock_name` / `p_reads_name`. Returns [the row, the reads' answer]
-- as JSON text, or NULL when there is no such row.
CREATE FUNCTION row_context(p_lock_name text, p_lock text, p_id uuid, p_at int[], p_reads_name text, p_reads text)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked json;
  ids uuid[] := '{}';
  ctx json;
BEGIN
  PERFORM row_context_prepare(p_lock_name, '(uuid)', p_lock);
  EXECUTE format('EXECUTE %I(%L)', p_lock_name, p_id) INTO locked;
  IF locked IS NULL THEN
    RETURN NULL;
  END IF;
  IF p_reads IS NOT NULL THEN
    FOR i IN 1 .. coalesce(array_length(p_at, 1), 0) LOOP
      ids := ids || (locked ->> p_at[i])::uuid;
    END LOOP;
    PERFORM row_context_prepare(p_reads_name, '(uuid, uuid, uuid, uuid, uuid)', p_reads);
    EXECUTE format('EXECUTE %I(%L, %L, %L, %L, %L)', p_reads_name, ids[1], ids[2], ids[3], ids[4], ids[5]) INTO ctx;
  END IF;
  RETURN json_build_array(locked, ctx)::text;
END $$;
