-- 0008: the audit log's chain heads anchored outside the database, and the application's role
-- held to its grants.
--
-- An anchor (count, last id and hash of each municipality's chain, signed with an HMAC key the
-- database never sees) is written to a file and, where configured, mailed to the audit chamber;
-- `orientir audit verify` checks the chain against it. The table below only records that anchors
-- were made (and what they said), so that a missing anchor file is noticed: it proves nothing by
-- itself, the file and the mail do.

CREATE TABLE audit_anchor (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  heads jsonb NOT NULL,           -- [{municipalityId, count, lastId, hash}]
  mac text NOT NULL,              -- HMAC-SHA256 of the anchor's canonical JSON, hex
  file text                       -- where the anchor line was written
);

CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- the head of a chain is its newest row: found by (municipality, id)
CREATE INDEX audit_log_chain ON audit_log (municipality_id, id);

-- The anchor's mail goes to the audit chamber's address, not to a user of a municipality.
ALTER TABLE email_outbox ALTER COLUMN municipality_id DROP NOT NULL;
ALTER TABLE email_outbox ALTER COLUMN user_id DROP NOT NULL;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    -- the audit tables: read and append, nothing else (no TRUNCATE, no triggers, no references)
    REVOKE ALL ON audit_log, audit_anchor FROM orientir_app;
    GRANT SELECT, INSERT ON audit_log, audit_anchor TO orientir_app;
    GRANT USAGE, SELECT ON SEQUENCE audit_anchor_id_seq TO orientir_app;
    REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA public FROM orientir_app;
  END IF;
  REVOKE ALL ON audit_log, audit_anchor FROM PUBLIC;
END $$;

-- The role itself: whatever was done to it by hand, no power beyond its grants. Needs CREATEROLE
-- (the embedded server's superuser has it); where the migrating user lacks it, a notice.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    ALTER ROLE orientir_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'orientir_app: attributes not checked (no privilege)';
END $$;

-- No one but the owner creates objects in the schema (PostgreSQL 15+ does this already; older
-- servers let every role create functions and tables there). A notice where the schema is not ours.
DO $$
BEGIN
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'schema public: CREATE not revoked from PUBLIC (no privilege)';
END $$;
