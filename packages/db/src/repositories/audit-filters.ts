/**
 * What a municipality's audit log can be filtered by (issue 13, part 2): the actions it has, the
 * people who acted and the other actors (residents as one kind, the system, the demo loader).
 * Each list is a skip scan of an index of migration 20261203160100: one probe per distinct value.
 */
import type { Queryable } from "../db.ts";

/** Residents act as `resident:<id>`: one kind for all of them; any other actor without an account by its login. */
export const OTHER_ACTOR_SQL = `(CASE WHEN actor_login LIKE 'resident:%' THEN 'resident' ELSE actor_login END)`;

/** The distinct values of an indexed expression among a municipality's entries (that match `where`), by a recursive skip scan. */
async function distinct(q: Queryable, municipalityId: string, expr: string, where: string): Promise<string[]> {
  const r = await q.query<{ v: string | null }>(
    `WITH RECURSIVE s(v) AS (
       (SELECT ${expr} FROM audit_log WHERE municipality_id = $1 AND ${where} AND ${expr} IS NOT NULL ORDER BY ${expr} LIMIT 1)
       UNION ALL
       SELECT (SELECT ${expr} FROM audit_log WHERE municipality_id = $1 AND ${where} AND ${expr} > s.v ORDER BY ${expr} LIMIT 1)
         FROM s WHERE s.v IS NOT NULL
     )
     SELECT v FROM s WHERE v IS NOT NULL`,
    [municipalityId],
  );
  return r.rows.map((x) => x.v!);
}

export interface AuditFilterValues {
  /** The actions the log has. */
  actions: string[];
  /** The accounts that acted, with their full names (an account of another municipality that acted here too). */
  actors: { id: string; fullName: string }[];
  /** Who acted without an account: "resident", "system", "seed" … */
  otherActors: string[];
}

export async function auditFilterValues(q: Queryable, municipalityId: string): Promise<AuditFilterValues> {
  const actions = await distinct(q, municipalityId, "action", "true");
  const ids = await distinct(q, municipalityId, "actor_id", "actor_id IS NOT NULL");
  const otherActors = await distinct(q, municipalityId, OTHER_ACTOR_SQL, "actor_id IS NULL");
  const names = ids.length
    ? (await q.query<{ id: string; full_name: string }>(`SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])`, [ids])).rows
    : [];
  return { actions, actors: names.map((u) => ({ id: u.id, fullName: u.full_name })), otherActors };
}
