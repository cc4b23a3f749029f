/**
 * The database roles Orientir uses (see docs/SECURITY.md):
 *
 *  - the owner: the user of DATABASE_URL, or the embedded server's superuser. Owns the tables and
 *    runs the migrations; the application never connects as it (unless only DATABASE_URL is given).
 *  - `orientir_app` (migration 0002): the privileges of the application — read and write the data,
 *    only INSERT into and SELECT from the audit log. On the embedded server (and in the tests) it
 *    is a LOGIN role with a random password kept in the data folder, and the application connects
 *    as it: not a superuser, owner of nothing, member of no other role, so no RESET ROLE leads back.
 */
import pg from "pg";
import { APP_ROLE } from "./db.ts";

/**
 * Makes `orientir_app` a login role with this password and no power beyond its grants (run as a
 * superuser or a role with CREATEROLE, on any database of the cluster). Creates it when missing;
 * migration 0002 then gives it its privileges.
 */
export async function ensureAppLogin(ownerUrl: string, password: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`;
    const exists = (await c.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_ROLE])).rowCount;
    await c.query(exists ? `ALTER ROLE ${APP_ROLE} ${attrs}` : `CREATE ROLE ${APP_ROLE} ${attrs}`);
  } finally {
    await c.end();
  }
}

/** The same URL with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export interface ConnectionPosture {
  user: string;
  superuser: boolean;
  /** The connecting user owns the audit log, or may become a role that does (then it can rewrite it). */
  ownsAuditLog: boolean;
}

/** Who a connection URL logs in as, and whether that role could rewrite the audit log. */
export async function connectionPosture(url: string): Promise<ConnectionPosture> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ user: string; superuser: boolean; owns: boolean | null }>(
      `SELECT session_user AS user,
              (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS superuser,
              (SELECT pg_has_role(session_user, relowner, 'MEMBER') FROM pg_class WHERE oid = to_regclass('public.audit_log')) AS owns`,
    );
    const row = r.rows[0]!;
    return { user: row.user, superuser: row.superuser, ownsAuditLog: row.owns === true };
  } finally {
    await c.end();
  }
}
