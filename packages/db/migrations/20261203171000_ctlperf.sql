-- Issue 15, part 6: a change counter of the control per municipality. Every committed write to its
-- orders or appeals sets the municipality's row to a new number of a sequence (never repeated), so
-- that a reader may keep what it computed from these tables (the discipline dashboard's counts)
-- under the number it read in the same snapshot, and know it still true while the number is the
-- same — in any number of server processes.
--
-- The bump is a deferred constraint trigger: it runs at commit, after the transaction's other
-- statements, so the row's lock is the last lock a writer takes (no lock-order cycle with the
-- audit chain's lock), and once per municipality and transaction (a transaction-local setting
-- remembers it), however many rows the transaction writes.
CREATE SEQUENCE control_change_seq;

CREATE TABLE control_change (
  municipality_id uuid PRIMARY KEY,
  n bigint NOT NULL
);

CREATE FUNCTION control_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.municipality_id ELSE NEW.municipality_id END;
BEGIN
  IF coalesce(current_setting('orientir.control_changed_' || replace(m::text, '-', ''), true), '') <> '1' THEN
    PERFORM set_config('orientir.control_changed_' || replace(m::text, '-', ''), '1', true);
    INSERT INTO control_change (municipality_id, n) VALUES (m, nextval('control_change_seq'))
      ON CONFLICT (municipality_id) DO UPDATE SET n = excluded.n;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.municipality_id IS DISTINCT FROM NEW.municipality_id THEN
    INSERT INTO control_change (municipality_id, n) VALUES (OLD.municipality_id, nextval('control_change_seq'))
      ON CONFLICT (municipality_id) DO UPDATE SET n = excluded.n;
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER control_change_order AFTER INSERT OR UPDATE OR DELETE ON control_order
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION control_change_bump();
CREATE CONSTRAINT TRIGGER control_change_appeal AFTER INSERT OR UPDATE OR DELETE ON appeal
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION control_change_bump();

-- TRUNCATE (tests, restores) changes every municipality
CREATE FUNCTION control_change_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE control_change SET n = nextval('control_change_seq');
  RETURN NULL;
END
$$;
CREATE TRIGGER control_change_order_truncate AFTER TRUNCATE ON control_order FOR EACH STATEMENT EXECUTE FUNCTION control_change_all();
CREATE TRIGGER control_change_appeal_truncate AFTER TRUNCATE ON appeal FOR EACH STATEMENT EXECUTE FUNCTION control_change_all();

-- "My due items": each part of a person's orders along its own index (controller, co-executor by
-- person and by department), not a scan of the municipality's open orders
CREATE INDEX control_order_by_controller ON control_order (controller_id) WHERE controller_id IS NOT NULL;
CREATE INDEX control_order_coexecutor_by_user ON control_order_coexecutor (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX control_order_coexecutor_by_department ON control_order_coexecutor (department_id) WHERE department_id IS NOT NULL;
