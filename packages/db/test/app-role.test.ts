/**
 * The role the application connects as (orientir_app, a login role on the tests' embedded server as
 * on the production one): it reads and writes the data, appends to the audit log, and nothing it
 * holds can rewrite the log — no superuser power, no ownership, no way back to the owner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { connectionPosture, Db, resolveDatabase } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
/** A plain connection as the application's login role: what an injection in the application would hold. */
let app: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url);
  app = new pg.Client({ connectionString: database.url });
  await app.connect();
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  await owner.query<any>(`INSERT INTO audit_log (action, object_type, prev_hash, hash) VALUES ('t', 't', '', 'x')`);
  await owner.end();
});
afterAll(async () => {
  await app.end();
  await db.close();
  await database.drop();
});

/** Runs the statement as the application's role; answers the error's message (or "no error"). */
async function refused(sql: string): Promise<string> {
  try {
    await app.query<any>(sql);
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("the application's database role", () => {
  it("logs in as orientir_app itself: not a superuser, owner of no table, member of no other role", async () => {
    expect((await db.query<any>("SELECT current_user AS u, session_user AS s")).rows[0]).toEqual({ u: "orientir_app", s: "orientir_app" });
    const r = await app.query<any>(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = session_user`,
    );
    expect(r.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false });
    const owned = await app.query<any>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_has_role(session_user, c.relowner, 'USAGE')`,
    );
    expect(owned.rows[0].n).toBe(0);
    const roles = await app.query<any>(
      `SELECT rolname FROM pg_roles WHERE pg_has_role(session_user, oid, 'MEMBER') AND rolname <> session_user`,
    );
    expect(roles.rows).toEqual([]);
  });

  it("has no way back to the owner: RESET ROLE stays itself, SET ROLE to the owner or a superuser is refused", async () => {
    await app.query<any>("RESET ROLE");
    expect((await app.query<any>("SELECT current_user AS u")).rows[0].u).toBe("orientir_app");
    const owner = (await app.query<any>(`SELECT pg_get_userbyid(relowner) AS o FROM pg_class WHERE oid = 'audit_log'::regclass`)).rows[0].o;
    expect(owner).not.toBe("orientir_app");
    expect(await refused(`SET ROLE ${owner}`)).toMatch(/permission denied/);
    expect(await refused(`SET SESSION AUTHORIZATION ${owner}`)).toMatch(/permission denied/);
    expect(await refused(`ALTER ROLE orientir_app SUPERUSER`)).toMatch(/permission denied/);
  });

  it("cannot run programs or read the server's files", async () => {
    expect(await refused(`COPY (SELECT 1) TO PROGRAM 'true'`)).toMatch(
      /permission denied|must be superuser|privileges of the "pg_execute_server_program"/,
    );
    expect(await refused(`COPY audit_log TO '/tmp/orientir-audit-copy'`)).toMatch(
      /permission denied|must be superuser|privileges of the "pg_write_server_files"/,
    );
    expect(await refused(`SELECT pg_read_file('postgresql.conf')`)).toMatch(/permission denied/);
  });

  it("cannot disable triggers, by ALTER TABLE or by replication mode", async () => {
    expect(await refused(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`)).toMatch(/must be owner/);
    expect(await refused(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    expect(await refused(`SET session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await refused(`DROP TRIGGER audit_log_no_update ON audit_log`)).toMatch(/must be owner/);
    expect(
      await refused(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`),
    ).toMatch(/must be owner|permission denied/);
  });

  it("may insert into and read the audit log but not change, empty, alter or drop it (nor the anchors' table)", async () => {
    await db.query<any>(`INSERT INTO audit_log (action, object_type, prev_hash, hash) VALUES ('t', 't', '', 'x')`);
    expect((await db.query<any>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBe(2);
    for (const table of ["audit_log", "audit_anchor"]) {
      expect(await refused(`UPDATE ${table} SET id = id`), table).toMatch(/permission denied/);
      expect(await refused(`DELETE FROM ${table}`), table).toMatch(/permission denied/);
      expect(await refused(`TRUNCATE ${table}`), table).toMatch(/permission denied/);
      expect(await refused(`ALTER TABLE ${table} ADD COLUMN x int`), table).toMatch(/must be owner/);
      expect(await refused(`ALTER TABLE ${table} RENAME TO ${table}_old`), table).toMatch(/must be owner/);
      expect(await refused(`DROP TABLE ${table}`), table).toMatch(/must be owner/);
      expect(
        await refused(`CREATE TRIGGER t BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`),
        table,
      ).toMatch(/permission denied/);
    }
    const p = await db.query<any>(
      `SELECT has_table_privilege('audit_log', 'UPDATE') AS upd, has_table_privilege('audit_log', 'DELETE') AS del,
              has_table_privilege('audit_log', 'TRUNCATE') AS trunc, has_table_privilege('audit_log', 'TRIGGER') AS trig,
              has_table_privilege('audit_log', 'INSERT') AS ins`,
    );
    expect(p.rows[0]).toEqual({ upd: false, del: false, trunc: false, trig: false, ins: true });
    expect(await refused(`CREATE TABLE mine (v int)`)).toMatch(/permission denied/);
    expect((await db.query<any>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBe(2);
  });

  it("tells a login that could rewrite the log (the owner) from the application's", async () => {
    expect(await connectionPosture(database.url)).toEqual({ user: "orientir_app", superuser: false, ownsAuditLog: false });
    expect(await connectionPosture(database.ownerUrl)).toMatchObject({ superuser: true, ownsAuditLog: true });
  });

  it("with an external server: DATABASE_APP_URL for the application, DATABASE_URL for the migrations (or for both, weaker)", async () => {
    const saved = { url: process.env.DATABASE_URL, app: process.env.DATABASE_APP_URL };
    try {
      process.env.DATABASE_URL = database.ownerUrl;
      process.env.DATABASE_APP_URL = database.url;
      expect(await resolveDatabase()).toMatchObject({
        url: database.ownerUrl,
        appUrl: database.url,
        separateAppRole: true,
        embedded: false,
      });
      delete process.env.DATABASE_APP_URL;
      expect(await resolveDatabase()).toMatchObject({
        url: database.ownerUrl,
        appUrl: database.ownerUrl,
        separateAppRole: false,
        embedded: false,
      });
    } finally {
      for (const [k, v] of [
        ["DATABASE_URL", saved.url],
        ["DATABASE_APP_URL", saved.app],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("may write the data", async () => {
    const r = await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ('Роль', 'RU', 'RUB') RETURNING name`);
    expect(r.rows[0].name).toBe("Роль");
  });
});
