/**
 * The names behind the identifiers an audit entry keeps (issue 13, part 2): a publication's
 * `subjectId`, a `publishedBy`, any link field of a row before and after a change. The audit log
 * shows these names instead of UUIDs (domain `describeAudit`, lookup `names`).
 */
import { RESOURCES } from "@orientir/domain";
import type { Queryable } from "../db.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is an identifier of a row (a UUID). */
export function isRowId(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}

/** Every UUID in a value of an audit entry (its before/after, nested values included). */
export function rowIdsIn(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (isRowId(v)) out.add(v.toLowerCase());
  else if (Array.isArray(v)) for (const x of v) rowIdsIn(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v as Record<string, unknown>)) rowIdsIn(x, out);
  return out;
}

/** One SELECT per named row kind: the tables of the resources with a name (code before it), and the rows outside them. */
const SOURCES: string[] = [
  ...RESOURCES.filter((r) => r.fields.some((f) => f.name === "name")).map((r) =>
    r.fields.some((f) => f.name === "code")
      ? `SELECT id, concat_ws(' ', nullif(code, ''), name) AS name FROM ${r.table} WHERE municipality_id = $1 AND id = ANY($2::uuid[])`
      : `SELECT id, name FROM ${r.table} WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
  ),
  // people of the municipality by their full name
  `SELECT u.id, u.full_name AS name FROM app_user u JOIN membership m ON m.user_id = u.id AND m.municipality_id = $1 WHERE u.id = ANY($2::uuid[])`,
  // a version of a program by the program's code and name
  `SELECT v.id, concat_ws(' ', nullif(p.code, ''), p.name) AS name FROM program_version v JOIN program p ON p.id = v.program_id
    WHERE v.municipality_id = $1 AND v.id = ANY($2::uuid[])`,
  `SELECT id, title AS name FROM publication WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
  // a rating vote by its title (the entries of its close written before they carried it)
  `SELECT id, title AS name FROM vote WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
  // what the global search knows by name (documents of checkpoints …)
  `SELECT id, concat_ws(' ', nullif(code, ''), title) AS name FROM search_entry WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
];

/** The names of a municipality's rows these ids identify (ids of other municipalities or of no row are absent). */
export async function namesOfRows(q: Queryable, municipalityId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter(isRowId).map((x) => x.toLowerCase()))];
  const names = new Map<string, string>();
  if (wanted.length === 0) return names;
  const sql = SOURCES.map((s, i) => `SELECT id, name, ${i} AS ord FROM (${s}) s${i}`).join("\nUNION ALL\n");
  const r = await q.query<{ id: string; name: string | null }>(`${sql}\nORDER BY ord`, [municipalityId, wanted]);
  // the first source naming a row wins (a resource's own table before the search's copy)
  for (const row of r.rows) if (row.name && !names.has(row.id)) names.set(row.id, row.name);
  return names;
}
