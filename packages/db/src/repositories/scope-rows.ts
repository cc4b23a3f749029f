/**
 * Many tables' rows in one statement (issue 16, parts 1 and 2): each table's rows come back as a
 * JSON array of arrays (`json_agg(json_build_array(…))`), all of them in one JSON object, so a whole
 * program — or a municipality's programs — is one round trip and one `JSON.parse`. The rows are
 * the ones `SELECT *` and `mapRow` give: camelCase keys (from column maps computed once per table,
 * not per row), numeric as decimal strings, timestamps as ISO strings, dates as "YYYY-MM-DD".
 */
import { camel, type ResourceSpec } from "@orientir/domain";
import type { Queryable, Streamable } from "../db.ts";
import { orderBy } from "./resources.ts";
import type { Row } from "./rows.ts";

/** A table's columns as read: the SQL of each value and the field it becomes. */
interface ColumnMap {
  select: string;
  fields: string[];
  /** The columns' own names (snake_case), in the order of `select`. */
  columns: string[];
}

let catalog: Promise<Map<string, { name: string; type: string }[]>> | null = null;

/** The columns of every table and their types, read once per process (the schema is the migrations'). */
function tablesOf(q: Queryable): Promise<Map<string, { name: string; type: string }[]>> {
  catalog ??= q
    .query<{ table: string; column: string; type: string }>(
      `SELECT c.relname AS table, a.attname AS column, t.typname AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY c.relname, a.attnum`,
    )
    .then((r) => {
      const m = new Map<string, { name: string; type: string }[]>();
      for (const x of r.rows) {
        const list = m.get(x.table);
        if (list) list.push({ name: x.column, type: x.type });
        else m.set(x.table, [{ name: x.column, type: x.type }]);
      }
      return m;
    })
    .catch((e: unknown) => {
      catalog = null;
      throw e;
    });
  return catalog;
}

const maps = new Map<string, ColumnMap>();

function columnMap(
  table: string,
  all: { name: string; type: string }[],
  only?: readonly string[],
  instead: Readonly<Record<string, string>> = {},
  extra: readonly { field: string; sql: string }[] = [],
): ColumnMap {
  const key = `${table}|${only ? only.join(",") : "*"}|${JSON.stringify(instead)}|${JSON.stringify(extra)}`;
  let m = maps.get(key);
  if (m) return m;
  const columns = only ? all.filter((c) => only.includes(c.name)) : all;
  const exprs = columns.map(({ name, type }) => {
    if (instead[name] !== undefined) return instead[name];
    const c = `"${name}"`;
    switch (type) {
      case "numeric":
        return `${c}::text`;
      case "timestamptz":
        return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      case "timestamp":
        return `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      case "bytea":
        return "NULL";
      default:
        return c;
    }
  });
  for (const x of extra) exprs.push(x.sql);
  m = {
    select: `json_build_array(${exprs.join(", ")})`,
    fields: [...columns.map((c) => camel(c.name)), ...extra.map((x) => x.field)],
    columns: columns.map((c) => c.name),
  };
  maps.set(key, m);
  return m;
}

/**
 * A table's row as one JSON array (`select`, over the table's columns unqualified) and the column
 * each value is; the values as `scopeRows` gives them (as `mapRow` would: timestamps as ISO text).
 */
export async function rowAsJson(q: Queryable, table: string): Promise<{ select: string; columns: string[]; exact: boolean }> {
  const cols = (await tablesOf(q)).get(table);
  if (!cols) throw new Error(`no table ${table}`);
  // exact: every value as `mapRow` gives it from `SELECT *` (a bytea is left out, an array of numerics would be numbers)
  return { ...columnMap(table, cols), exact: cols.every((c) => EXACT_TYPES.has(c.type)) };
}

const EXACT_TYPES = new Set([
  "uuid",
  "text",
  "varchar",
  "bpchar",
  "int2",
  "int4",
  "int8",
  "float8",
  "bool",
  "date",
  "numeric",
  "timestamptz",
  "json",
  "jsonb",
  "_text",
  "_uuid",
]);

/** What to read of one table: its rows matching `where` (SQL over the statement's parameters). */
export interface ScopePart {
  key: string;
  spec: Pick<ResourceSpec, "table" | "fields">;
  where: string;
  /** Only these columns (snake_case; default: every column): a narrower read for a caller that needs a few fields. */
  columns?: readonly string[];
  /** SQL read instead of a column (by its snake_case name), e.g. a value only when another column is null. */
  instead?: Readonly<Record<string, string>>;
  /** The rows' order (SQL over the table's columns; null: none, for a reader that does not depend on it); default: the list's own (`orderBy`). */
  order?: string | null;
  /**
   * The FROM clause instead of the table alone — e.g. the table with a lateral join whose own
   * columns `extra` reads (they must not share a name with the table's, which stay unqualified).
   */
  from?: string;
  /** Values read after the columns: their field (as the reader names it) and their SQL. */
  extra?: readonly { field: string; sql: string }[];
  /**
   * The rows grouped by this column (not among `columns`): each row of the answer is
   * `[the column's value, [its rows, in the part's order]]` — the parent's id sent once per parent
   * rather than once per row (`grouped` in the answer).
   */
  groupBy?: string;
}

/**
 * A year's record (issue 16, part 7): each metric read with its value of the year — a lateral join,
 * `valueYear` null when it has no value row — instead of a table of the year's values each naming
 * its metric: the `from` and `extra` of the metric's part, the year being the parameter `$yearParam`
 * and the municipality `$1`.
 */
export function metricWithValueOfYear(yearParam: number): Required<Pick<ScopePart, "from" | "extra">> {
  return {
    // (metric_id, year) is unique: LIMIT 1 changes nothing but keeps the join a look-up of that index
    // for each metric (a program's 120), where PostgreSQL would otherwise hash all of the year's values
    from: `metric LEFT JOIN LATERAL (SELECT year AS value_year, fact AS value_fact, justification AS value_justification
      FROM metric_value WHERE metric_value.municipality_id = $1 AND metric_value.metric_id = metric.id AND metric_value.year = $${yearParam}::int LIMIT 1) v ON true`,
    extra: [
      { field: "valueYear", sql: "value_year" },
      { field: "valueFact", sql: "value_fact::text" },
      { field: "valueJustification", sql: "value_justification" },
    ],
  };
}

/**
 * The rows of each part, by its key, from one statement: one result row per part (its key and its
 * rows as JSON text), so that each table's JSON is parsed alone — `between`, when given, runs
 * before each table's parse (e.g. a `setImmediate`), so that a large read does not hold the event
 * loop in one `JSON.parse` of every table at once (issue 16, part 5).
 */
export async function scopeRows(
  q: Queryable,
  parts: ScopePart[],
  values: unknown[],
  opts: { between?: () => Promise<void> } = {},
): Promise<Map<string, Row[]>> {
  if (parts.some((p) => p.groupBy !== undefined)) throw new Error("scopeRows reads rows, not groups (scopeArrays)");
  const out = new Map<string, Row[]>();
  for (const [k, { fields, rows }] of await scopeArrays(q, parts, values, opts)) {
    const n = fields.length;
    out.set(
      k,
      rows.map((a) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) o[fields[i]!] = a[i];
        return o as Row;
      }),
    );
  }
  return out;
}

/**
 * `scopeRows` without the objects: each part's rows as the arrays of its JSON, with the field
 * (camelCase) of each position — for a reader of thousands of rows that looks a few fields up
 * (the ranking's record of execution, issue 16), one object fewer per row.
 */
export async function scopeArrays(
  q: Queryable,
  parts: ScopePart[],
  values: unknown[],
  opts: { between?: () => Promise<void> } = {},
): Promise<Map<string, { fields: string[]; rows: unknown[][]; grouped?: boolean }>> {
  const read = await partsOf(q, parts);
  const selects = read.map(({ part, sql }) => `SELECT '${part.key}' AS k, (${sql})::text AS j`);
  const r = await q.query<{ k: string; j: string }>(selects.join(" UNION ALL "), values);
  const byKey = new Map(read.map((x) => [x.part.key, x]));
  const out = new Map<string, { fields: string[]; rows: unknown[][]; grouped?: boolean }>();
  for (const { k, j } of r.rows) {
    if (opts.between) await opts.between();
    out.set(k, arraysOf(byKey.get(k)!, JSON.parse(j) as unknown[][]));
  }
  return out;
}

/** A part's rows as read, with the fields of their positions. */
function arraysOf(x: { part: ScopePart; map: ColumnMap }, rows: unknown[][]): { fields: string[]; rows: unknown[][]; grouped?: boolean } {
  return { fields: x.map.fields, rows, ...(x.part.groupBy !== undefined ? { grouped: true } : {}) };
}

/** Each part's SQL (its rows as one JSON array) and column map; the parts' keys checked. */
async function partsOf(q: Queryable, parts: ScopePart[]): Promise<{ part: ScopePart; map: ColumnMap; sql: string }[]> {
  const tables = await tablesOf(q);
  const seen = new Set<string>();
  return parts.map((p) => {
    const cols = tables.get(p.spec.table);
    if (!cols) throw new Error(`no table ${p.spec.table}`);
    if (!/^[A-Za-z0-9_:]+$/.test(p.key) || seen.has(p.key)) throw new Error(`bad part key ${p.key}`);
    seen.add(p.key);
    const m = columnMap(p.spec.table, cols, p.columns, p.instead, p.extra);
    const order = p.order === undefined ? ` ORDER BY ${orderBy(p.spec)}` : p.order === null ? "" : ` ORDER BY ${p.order}`;
    if (p.groupBy !== undefined && !/^[a-z_]+$/.test(p.groupBy)) throw new Error(`bad group column ${p.groupBy}`);
    const sql =
      p.groupBy === undefined
        ? `SELECT coalesce(json_agg(${m.select}${order}), '[]') FROM ${p.from ?? p.spec.table} WHERE ${p.where}`
        : `SELECT coalesce(json_agg(json_build_array(g.k, g.j)), '[]') FROM (SELECT "${p.groupBy}" AS k, json_agg(${m.select}${order}) AS j
           FROM ${p.from ?? p.spec.table} WHERE ${p.where} GROUP BY "${p.groupBy}") g`;
    return { part: p, map: m, sql };
  });
}

/** The parts of a statement's JSON, in order: each part's key, the field of each position, whether its rows come grouped. */
export type ScopeLayout = readonly { key: string; fields: readonly string[]; grouped: boolean }[];

/** The tables of one row of `scopeTextByParent` (its JSON text), as `scopeArrays` gives them. */
export function scopeArraysOfText(
  layout: ScopeLayout,
  text: string,
): Map<string, { fields: string[]; rows: unknown[][]; grouped?: boolean }> {
  const tables = JSON.parse(text) as unknown[][][];
  return new Map(
    layout.map((x, i) => [x.key, { fields: x.fields as string[], rows: tables[i]!, ...(x.grouped ? { grouped: true } : {}) }]),
  );
}

/**
 * `scopeArrays` a parent at a time, as the rows arrive (issue 16, part 7): one statement gives a
 * row per parent — `parent.columns`, then the parts' rows of that parent as one JSON text — in
 * `parent.order`, and each is handed on while PostgreSQL computes the next, so the caller works
 * on the first parents while the last are still being read. Each part's rows are its table's
 * rows whose `parentColumn` is the parent's id (besides its `where`); `text` is null for a parent
 * that `parent.only` (SQL over the parent's row, `parent.`) leaves out — nothing of its parts is
 * read. The text is left unparsed (`scopeArraysOfText`): it may be parsed elsewhere (a worker).
 */
export async function* scopeTextByParent(
  q: Streamable,
  parent: { spec: Pick<ResourceSpec, "table" | "fields">; where: string; columns: readonly string[]; order: string; only?: string },
  parts: (ScopePart & { parentColumn: string })[],
  values: unknown[],
): AsyncGenerator<{ parent: unknown[]; text: string | null; layout: ScopeLayout }> {
  for (const c of [...parent.columns, ...parts.map((p) => p.parentColumn)]) if (!/^[a-z_]+$/.test(c)) throw new Error(`bad column ${c}`);
  const read = await partsOf(
    q,
    parts.map((p) => ({ ...p, where: `"${p.parentColumn}" = parent.id AND ${p.where}` })),
  );
  const layout: ScopeLayout = read.map((x) => ({ key: x.part.key, fields: x.map.fields, grouped: x.part.groupBy !== undefined }));
  const record = `json_build_array(${read.map((x) => `(${x.sql})`).join(", ")})::text`;
  const text = `SELECT ${parent.columns.map((c) => `parent."${c}"`).join(", ")}, ${parent.only ? `CASE WHEN ${parent.only} THEN ${record} END` : record}
    FROM ${parent.spec.table} parent WHERE ${parent.where} ORDER BY ${parent.order}`;
  const n = parent.columns.length;
  for await (const row of q.stream(text, values)) yield { parent: row.slice(0, n), text: row[n] as string | null, layout };
}

/**
 * What a tree reads (issue 16, part 1): `year` — only that year's rows of the tables kept by year
 * (values, monthly plans, funding, budget rows; checkpoints planned in the year); `months` — the
 * monthly plans (`metricMonths`): all of them (default), none (the key is left out), or one year's;
 * `extra` — other tables read in the same statement (answered in `extra`).
 */
export interface TreeOptions {
  year?: number;
  months?: "all" | "none" | number;
  extra?: { key: string; resource: string; where: "municipality" }[];
}

/** The condition that keeps a table's rows of one year (`$n`: the year), or null for a table not kept by year. */
export function yearCondition(spec: ResourceSpec, param: string): string | null {
  const names = new Set(spec.fields.map((f) => f.name));
  if (names.has("year")) return `year = ${param}`;
  if (names.has("plannedDate")) return `planned_date >= make_date(${param}, 1, 1) AND planned_date < make_date(${param} + 1, 1, 1)`;
  return null;
}

/**
 * The parts of one statement that read a scope's tables (see `scopeRows`), with the filters of
 * `opts`; `scopeColumn` = $1 keeps the scope's rows (null: the caller adds its own condition, as
 * `scopeTextByParent` does).
 */
export function scopeParts(
  specs: ResourceSpec[],
  scopeColumn: string | null,
  opts: TreeOptions,
  values: unknown[],
): { key: string; spec: ResourceSpec; where: string; columns?: readonly string[] }[] {
  const yearParam = opts.year !== undefined ? `$${values.push(opts.year)}::int` : null;
  const monthsParam = typeof opts.months === "number" ? `$${values.push(opts.months)}::int` : null;
  const parts: { key: string; spec: ResourceSpec; where: string; columns?: readonly string[] }[] = [];
  for (const spec of specs) {
    if (spec.name === "metricMonth" && opts.months === "none") continue;
    const conds = scopeColumn === null ? [] : [`${scopeColumn} = $1`];
    const y = yearParam ? yearCondition(spec, yearParam) : null;
    if (y) conds.push(y);
    if (spec.name === "metricMonth" && monthsParam) conds.push(`year = ${monthsParam}`);
    parts.push({ key: spec.name, spec, where: conds.length ? conds.join(" AND ") : "true" });
  }
  return parts;
}

/** The condition that keeps a table's rows of the municipality of the row `$1` of `rootTable`. */
export function sameMunicipalityAs(rootTable: string): string {
  return `municipality_id = (SELECT municipality_id FROM ${rootTable} WHERE id = $1)`;
}
