/**
 * Many municipalities in seconds (issue 16, part 7, the whole region): one stored municipality
 * copied N times by set-based SQL — one `INSERT … SELECT … FROM generate_series` per table — instead
 * of storing each through the application (≈ 100 s per six-year municipality on this machine).
 *
 * Every table with a `municipality_id` column is copied (except the audit chain, the search
 * index and user rows, which the copies do not need). A copy's ids are derived from the
 * template's (md5 of the id and the copy's number), so references between the copied rows —
 * single and composite foreign keys alike — stay consistent without a lookup; columns that point
 * outside the municipality (users) are kept. Foreign keys and user triggers are off for the
 * statements (`session_replication_role = replica`, the owner's role): the copies are consistent
 * by construction. The copies are named "<template> #k".
 */
import type pg from "pg";

const SKIP = new Set(["audit_log", "audit_anchor", "search_entry", "membership", "session", "job", "notification", "email_outbox"]);

export async function cloneMunicipality(owner: pg.Pool, template: string, copies: number): Promise<string[]> {
  if (copies <= 0) return [];
  const cols = (
    await owner.query<{ table: string; column: string; type: string }>(
      `SELECT c.relname AS table, a.attname AS column, t.typname AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       ORDER BY c.relname, a.attnum`,
    )
  ).rows;
  const tables = new Map<string, { column: string; type: string }[]>();
  for (const c of cols) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
  const scoped = new Set([...tables].filter(([t, cs]) => !SKIP.has(t) && cs.some((c) => c.column === "municipality_id")).map(([t]) => t));
  // the columns of foreign keys into the municipality or a copied table: they take the copy's ids
  const fks = (
    await owner.query<{ table: string; ref: string; column: string }>(
      `SELECT cl.relname AS table, rf.relname AS ref, a.attname AS column
       FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class rf ON rf.oid = k.confrelid
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)
       WHERE k.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace`,
    )
  ).rows;
  const remapped = new Map<string, Set<string>>();
  for (const f of fks)
    if (f.ref === "municipality" || scoped.has(f.ref)) remapped.set(f.table, (remapped.get(f.table) ?? new Set()).add(f.column));
  const idOf = (expr: string) => `md5(${expr}::text || '/' || k)::uuid`;
  const statement = (table: string, where: string) => {
    const cs = tables.get(table)!;
    const re = remapped.get(table) ?? new Set();
    const select = cs.map(({ column, type }) => {
      const c = `"${column}"`;
      if (column === "id" && type === "uuid") return idOf(c);
      // municipality_id takes the copy's id even without a foreign key (control_setup_change has none)
      if ((re.has(column) || column === "municipality_id") && type === "uuid")
        return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${idOf(c)} END`;
      if (table === "municipality" && column === "name") return `${c} || ' #' || k`;
      return c;
    });
    return `INSERT INTO "${table}" (${cs.map((c) => `"${c.column}"`).join(", ")})
      SELECT ${select.join(", ")} FROM "${table}", generate_series(1, $2::int) k WHERE ${where}`;
  };
  const client = await owner.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(statement("municipality", "id = $1"), [template, copies]);
    for (const t of scoped) {
      const has = await client.query(`SELECT 1 FROM "${t}" WHERE municipality_id = $1 LIMIT 1`, [template]);
      if (has.rowCount) await client.query(statement(t, "municipality_id = $1"), [template, copies]);
    }
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
  const ids = await owner.query<{ id: string }>(`SELECT md5($1::text || '/' || k)::uuid AS id FROM generate_series(1, $2::int) k`, [
    template,
    copies,
  ]);
  return ids.rows.map((r) => r.id);
}
