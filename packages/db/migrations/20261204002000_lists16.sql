-- Issue 15, part 6: the control's setup (the municipality's time zone and country, its control
-- settings, its working-day calendar, its departments' heads — `controlSetupRow`) kept by a server
-- process under a change counter of its own, so that "my due items" need not read it again at every
-- request. Every write to what the setup reads sets the municipality's row of control_setup_change to
-- a new number (of the control's sequence: never repeated), in the writing transaction: a snapshot
-- sees the write and the new number, or neither. The lists' statements read the number in their own
-- snapshot; a process gives back the setup it kept only while the number is the one it read it with.
-- No foreign key: a municipality being deleted cascades to its settings, whose triggers still bump.
CREATE TABLE control_setup_change (
  municipality_id uuid PRIMARY KEY,
  n bigint NOT NULL
);
INSERT INTO control_setup_change (municipality_id, n) SELECT id, nextval('control_change_seq') FROM municipality;

CREATE FUNCTION control_setup_bump_for(m uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO control_setup_change (municipality_id, n) VALUES (m, nextval('control_change_seq'))
    ON CONFLICT (municipality_id) DO UPDATE SET n = excluded.n;
$$;

-- the tables keyed by municipality_id (the settings, the calendar, the heads)
CREATE FUNCTION control_setup_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM control_setup_bump_for(OLD.municipality_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.municipality_id IS DISTINCT FROM OLD.municipality_id) THEN
    PERFORM control_setup_bump_for(NEW.municipality_id);
  END IF;
  RETURN NULL;
END
$$;

-- the municipality itself (its time zone, its country)
CREATE FUNCTION control_setup_bump_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM control_setup_change WHERE municipality_id = OLD.id;
  ELSE
    PERFORM control_setup_bump_for(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE (tests, restores) changes every municipality's setup
CREATE FUNCTION control_setup_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE control_setup_change SET n = nextval('control_change_seq');
  RETURN NULL;
END
$$;

CREATE TRIGGER control_setup_municipality AFTER INSERT OR UPDATE OR DELETE ON municipality
  FOR EACH ROW EXECUTE FUNCTION control_setup_bump_municipality();
CREATE TRIGGER control_setup_setting AFTER INSERT OR UPDATE OR DELETE ON control_setting
  FOR EACH ROW EXECUTE FUNCTION control_setup_bump();
CREATE TRIGGER control_setup_calendar AFTER INSERT OR UPDATE OR DELETE ON monitoring_settings
  FOR EACH ROW EXECUTE FUNCTION control_setup_bump();
CREATE TRIGGER control_setup_head AFTER INSERT OR UPDATE OR DELETE ON control_department_head
  FOR EACH ROW EXECUTE FUNCTION control_setup_bump();
CREATE TRIGGER control_setup_setting_truncate AFTER TRUNCATE ON control_setting FOR EACH STATEMENT EXECUTE FUNCTION control_setup_bump_all();
CREATE TRIGGER control_setup_calendar_truncate AFTER TRUNCATE ON monitoring_settings FOR EACH STATEMENT EXECUTE FUNCTION control_setup_bump_all();
CREATE TRIGGER control_setup_head_truncate AFTER TRUNCATE ON control_department_head FOR EACH STATEMENT EXECUTE FUNCTION control_setup_bump_all();
