-- Every process may keep the sessions it has looked up (issue 16, part 2: one statement fewer per
-- request). A change to what a session's look-up reads is told to every process by NOTIFY on the
-- channel orientir_auth, sent at COMMIT: 'u:<user id>' (the user's sessions), 's:<session id>' (one
-- session) or '*' (every session: a municipality's name is in each membership's look-up).
CREATE FUNCTION auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'municipality' THEN
    PERFORM pg_notify('orientir_auth', '*');
  ELSIF TG_TABLE_NAME = 'session' THEN
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('orientir_auth', 's:' || OLD.id); END IF;
  ELSIF TG_TABLE_NAME = 'app_user' THEN
    PERFORM pg_notify('orientir_auth', 'u:' || coalesce(OLD.id, NEW.id)::text);
  ELSE -- membership
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('orientir_auth', 'u:' || OLD.user_id::text); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('orientir_auth', 'u:' || NEW.user_id::text); END IF;
  END IF;
  RETURN NULL;
END $$;

-- the refresh of a session (last seen, idle expiry) changes nothing a look-up keeps
CREATE TRIGGER session_auth_changed AFTER DELETE OR UPDATE OF user_id, municipality_id, csrf_token ON session
  FOR EACH ROW EXECUTE FUNCTION auth_changed();
CREATE TRIGGER app_user_auth_changed AFTER DELETE OR UPDATE OF login, full_name, password_hash, is_active, deployment_admin ON app_user
  FOR EACH ROW EXECUTE FUNCTION auth_changed();
CREATE TRIGGER membership_auth_changed AFTER INSERT OR DELETE OR UPDATE ON membership
  FOR EACH ROW EXECUTE FUNCTION auth_changed();
CREATE TRIGGER municipality_auth_changed AFTER DELETE OR UPDATE OF name ON municipality
  FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
