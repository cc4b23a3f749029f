/** People by their names: what the pages show instead of logins (issue 13). */
import type { Queryable } from "../db.ts";
import type { AppUserTable } from "../schema.generated.ts";

/** The full names of accounts by id (an unknown id is left out). */
export async function fullNamesOf(q: Queryable, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (list.length === 0) return new Map();
  const r = await q.query<Pick<AppUserTable, "id" | "full_name">>(`SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])`, [list]);
  return new Map(r.rows.map((x) => [x.id, x.full_name]));
}
