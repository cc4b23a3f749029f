/**
 * One repository for every entity described by a ResourceSpec: list, get, insert, update and
 * delete with optimistic concurrency (each write names the version it read).
 */
import { scopeColumns, snake, type ResourceSpec } from "@orientir/domain";
import type { Queryable } from "../db.ts";
import type { ProgramGoalTable, ProgramTable } from "../schema.generated.ts";
import { mapRow, one, type Row } from "./rows.ts";

/**
 * A row of a table described by a ResourceSpec, as node-pg returns it: the table is chosen at run
 * time, so its columns are not known to the compiler (the declared exception to the typed rows,
 * docs/ARCHITECTURE.md); every such table has `id` and `version`.
 */
type ResourceTableRow = Record<string, unknown> & { id: string; version: number };

function columnsOf(spec: ResourceSpec): string[] {
  const cols = ["municipalityId", ...scopeColumns(spec)];
  if (spec.parent && !cols.includes(spec.parent.field)) cols.push(spec.parent.field);
  for (const f of spec.fields) if (!cols.includes(f.name)) cols.push(f.name);
  return cols;
}

/** The order rows of a resource are listed in. */
export function orderBy(spec: Pick<ResourceSpec, "fields">): string {
  const names = new Set(spec.fields.map((f) => f.name));
  const parts: string[] = [];
  if (names.has("ord")) parts.push("ord NULLS LAST");
  if (names.has("year")) parts.push("year");
  if (names.has("month")) parts.push("month");
  if (names.has("plannedDate")) parts.push("planned_date");
  if (names.has("code")) parts.push("code");
  // a list without an order of its own (departments, strategies, plans) by name, Cyrillic letters lowered (migration 20261203100300)
  if (!names.has("ord") && !names.has("code") && names.has("name")) parts.push("public.search_lower(name)", "name");
  parts.push("created_at", "id");
  return parts.join(", ");
}

export interface ListFilter {
  municipalityId: string;
  /** Equality filters on scope or parent columns, e.g. { programId } or { elementId }. */
  where?: Record<string, string>;
}

export async function listRows(q: Queryable, spec: ResourceSpec, filter: ListFilter): Promise<Row[]> {
  const allowed = new Set(columnsOf(spec));
  const conds = ["municipality_id = $1"];
  const values: unknown[] = [filter.municipalityId];
  for (const [k, v] of Object.entries(filter.where ?? {})) {
    if (!allowed.has(k)) throw new Error(`cannot filter ${spec.name} by ${k}`);
    values.push(v);
    conds.push(`${snake(k)} = $${values.length}`);
  }
  const r = await q.query<ResourceTableRow>(`SELECT * FROM ${spec.table} WHERE ${conds.join(" AND ")} ORDER BY ${orderBy(spec)}`, values);
  return r.rows.map(mapRow);
}

/** The statement of `getRow` (and, `lock`, of `lockRow`): one text per table, so a read given in advance is found by it (read-cache.ts). */
export function rowByIdSql(table: string, lock = false): string {
  return `SELECT * FROM ${table} WHERE id = $1${lock ? " FOR UPDATE" : ""}`;
}

export async function getRow(q: Queryable, spec: ResourceSpec, id: string): Promise<Row | null> {
  const r = await q.query<ResourceTableRow>(rowByIdSql(spec.table), [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertRow(q: Queryable, spec: ResourceSpec, values: Record<string, unknown>): Promise<Row> {
  const cols = columnsOf(spec).filter((c) => c in values);
  const r = await q.query<ResourceTableRow>(
    `INSERT INTO ${spec.table} (${cols.map(snake).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
    cols.map((c) => values[c] ?? null),
  );
  return mapRow(one(r.rows));
}

/** Updates the given fields if the row still has `version`; returns null when it does not. */
export async function updateRow(
  q: Queryable,
  spec: ResourceSpec,
  id: string,
  version: number,
  values: Record<string, unknown>,
): Promise<Row | null> {
  const editable = new Set(spec.fields.map((f) => f.name));
  const cols = Object.keys(values).filter((c) => editable.has(c));
  const sets = cols.map((c, i) => `${snake(c)} = $${i + 3}`);
  sets.push("version = version + 1", "updated_at = now()");
  const r = await q.query<ResourceTableRow>(`UPDATE ${spec.table} SET ${sets.join(", ")} WHERE id = $1 AND version = $2 RETURNING *`, [
    id,
    version,
    ...cols.map((c) => values[c] ?? null),
  ]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function deleteRow(q: Queryable, spec: ResourceSpec, id: string, version: number): Promise<boolean> {
  const r = await q.query(`DELETE FROM ${spec.table} WHERE id = $1 AND version = $2`, [id, version]);
  return (r.rowCount ?? 0) > 0;
}

/** Locks a row for the rest of the transaction (serializes edits of one program's rules). */
export async function lockRow(q: Queryable, spec: ResourceSpec, id: string): Promise<Row | null> {
  const r = await q.query<ResourceTableRow>(rowByIdSql(spec.table, true), [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Every row of a table within one scope (e.g. all metrics of a program), for loading a whole tree. */
export async function rowsInScope(q: Queryable, spec: ResourceSpec, scopeField: string, id: string): Promise<Row[]> {
  if (!columnsOf(spec).includes(scopeField) && scopeField !== "id") throw new Error(`${spec.name} has no ${scopeField}`);
  const r = await q.query<ResourceTableRow>(`SELECT * FROM ${spec.table} WHERE ${snake(scopeField)} = $1 ORDER BY ${orderBy(spec)}`, [id]);
  return r.rows.map(mapRow);
}

/** Whether the municipality has a budget source with this code. */
export async function budgetSourceExists(q: Queryable, municipalityId: string, code: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM budget_source WHERE municipality_id = $1 AND code = $2`, [municipalityId, code]);
  return (r.rowCount ?? 0) > 0;
}

/** Rows of a program whose plan year or planned date falls outside [start, end]. */
export async function programRowsOutsidePeriod(
  q: Queryable,
  programId: string,
  start: number,
  end: number,
): Promise<{ table: string; n: number }[]> {
  const r = await q.query<{ table: string; n: number }>(
    `SELECT 'funding' AS table, count(*)::int AS n FROM funding WHERE program_id = $1 AND (year < $2 OR year > $3)
     UNION ALL SELECT 'metric_value', count(*)::int FROM metric_value WHERE program_id = $1 AND (year < $2 OR year > $3)
     UNION ALL SELECT 'metric_month', count(*)::int FROM metric_month WHERE program_id = $1 AND (year < $2 OR year > $3)
     UNION ALL SELECT 'program_indicator_value', count(*)::int FROM program_indicator_value WHERE program_id = $1 AND (year < $2 OR year > $3)
     UNION ALL SELECT 'checkpoint', count(*)::int FROM checkpoint WHERE program_id = $1 AND (extract(year FROM planned_date) < $2 OR extract(year FROM planned_date) > $3)`,
    [programId, start, end],
  );
  return r.rows.filter((x) => x.n > 0);
}

/** Names of the goals and indicators of every program of a municipality, by program. */
export async function programGoalAndIndicatorNames(
  q: Queryable,
  municipalityId: string,
): Promise<{ programId: string; code: string; goals: string[]; indicators: string[] }[]> {
  const r = await q.query<Pick<ProgramTable, "id" | "code"> & { goals: ProgramGoalTable["name"][]; indicators: string[] }>(
    `SELECT p.id, p.code,
       coalesce((SELECT array_agg(g.name) FROM program_goal g WHERE g.program_id = p.id), '{}') AS goals,
       coalesce((SELECT array_agg(i.name) FROM program_indicator i WHERE i.program_id = p.id), '{}') AS indicators
     FROM program p WHERE p.municipality_id = $1`,
    [municipalityId],
  );
  return r.rows.map((x) => ({ programId: x.id, code: x.code, goals: x.goals, indicators: x.indicators }));
}

/** Rows per multi-row statement: large enough to save the round trips, small enough that no statement's JSON or result is large. */
const ROWS_PER_STATEMENT = 2000;

function* chunks<G extends { rows: unknown[] }>(groups: Iterable<G>): Generator<G> {
  for (const g of groups)
    for (let i = 0; i < g.rows.length; i += ROWS_PER_STATEMENT) yield { ...g, rows: g.rows.slice(i, i + ROWS_PER_STATEMENT) };
}

/**
 * Many new rows of one table in one statement (an import): each row as `insertRow` would write it
 * — its id given, the columns it names, the table's defaults for the others — through
 * `json_populate_recordset` of the table's own row type, so every value is converted as its
 * column's type says. Rows naming different columns go in one statement per set of columns (and
 * per 2,000 rows).
 * Returns the stored rows (RETURNING *), in the order given — with `idsOnly` (a dry run that
 * forms no audit entry), only their ids.
 */
export async function insertRows(
  q: Queryable,
  spec: ResourceSpec,
  rows: (Record<string, unknown> & { id: string })[],
  idsOnly = false,
): Promise<Row[]> {
  const known = columnsOf(spec);
  const groups = new Map<string, { cols: string[]; rows: Record<string, unknown>[] }>();
  for (const values of rows) {
    const cols = ["id", ...known.filter((c) => c in values)];
    const key = cols.join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cols, rows: [] }));
    g.rows.push(Object.fromEntries(g.cols.map((c) => [snake(c), values[c] ?? null])));
  }
  const byId = new Map<string, Row>();
  for (const { cols, rows: part } of chunks(groups.values())) {
    const list = cols.map(snake).join(", ");
    const r = await q.query<ResourceTableRow>(
      `INSERT INTO ${spec.table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${spec.table}, $1::json) RETURNING ${idsOnly ? "id, version" : "*"}`,
      [JSON.stringify(part)],
    );
    for (const x of r.rows) byId.set(String(x.id), mapRow(x));
  }
  return rows.map((x) => {
    const stored = byId.get(x.id);
    if (!stored) throw new Error(`insertRows: ${spec.table} ${x.id} was not written`);
    return stored;
  });
}

/**
 * Many updates of one table in one statement per set of changed columns (an import): each as
 * `updateRow` would do it — the given fields, the version raised, `updated_at` now — only where
 * the row still has the version named. Returns the stored rows in the order given (with `idsOnly`,
 * their ids), null for a row whose version no longer matched.
 */
export async function updateRows(
  q: Queryable,
  spec: ResourceSpec,
  items: { id: string; version: number; values: Record<string, unknown> }[],
  idsOnly = false,
): Promise<(Row | null)[]> {
  const editable = new Set(spec.fields.map((f) => f.name));
  const groups = new Map<string, { cols: string[]; rows: Record<string, unknown>[] }>();
  for (const it of items) {
    const cols = Object.keys(it.values).filter((c) => editable.has(c));
    const key = cols.join(",");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cols, rows: [] }));
    g.rows.push({ id: it.id, version: it.version, ...Object.fromEntries(cols.map((c) => [snake(c), it.values[c] ?? null])) });
  }
  const byId = new Map<string, Row>();
  for (const { cols, rows: part } of chunks(groups.values())) {
    const sets = cols.map((c) => `${snake(c)} = x.${snake(c)}`);
    sets.push(`version = t.version + 1`, `updated_at = now()`);
    const r = await q.query<ResourceTableRow>(
      `UPDATE ${spec.table} AS t SET ${sets.join(", ")} FROM json_populate_recordset(NULL::${spec.table}, $1::json) AS x
       WHERE t.id = x.id AND t.version = x.version RETURNING ${idsOnly ? "t.id, t.version" : "t.*"}`,
      [JSON.stringify(part)],
    );
    for (const x of r.rows) byId.set(String(x.id), mapRow(x));
  }
  return items.map((x) => byId.get(x.id) ?? null);
}

/** Locks many rows of one table for the rest of the transaction, in one statement; the rows found, by id. */
export async function lockRows(q: Queryable, spec: ResourceSpec, ids: string[]): Promise<Map<string, Row>> {
  const r = await q.query<ResourceTableRow>(`SELECT * FROM ${spec.table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  return new Map(r.rows.map((x) => [String(x.id), mapRow(x)]));
}
