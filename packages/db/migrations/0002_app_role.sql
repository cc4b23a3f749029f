-- 0002: the application's own database role. The server acts as `orientir_app` (SET ROLE after
-- connecting): it may read and write the data, but may only INSERT into and SELECT from the audit
-- log, so not even a bug or an injection in the application can rewrite history. Where the
-- connecting user may not create roles (a managed PostgreSQL), this is skipped with a notice and
-- the audit log's triggers still refuse changes.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    CREATE ROLE orientir_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT orientir_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'orientir_app role not created (no privilege): the audit log is guarded by its triggers only';
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    GRANT USAGE ON SCHEMA public TO orientir_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO orientir_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO orientir_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM orientir_app;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM orientir_app;
    -- tables of later migrations get the same grants
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO orientir_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO orientir_app;
  END IF;
END $$;
