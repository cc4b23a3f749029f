/**
 * Many tables' rows in one statement (issue 16, parts 1 and 2): each table's rows come back as a
 * JSON array of arrays (`json_agg(json_build_array(…))`), all of them in one JSON object, so a whole
 * program — or a municipality's programs — is one round trip and one `JSON.parse`. The rows are
 * the ones `SELECT *` and `mapRow` give: camelCase keys (from column maps computed once per table,
 * not per row), numeric as decimal strings, timestamps as ISO strings, dates as "YYYY-MM-DD".
 */
import { camel, type ResourceSpec } from "@orientir/domain";
import type { Queryable } from "../db.ts";
import { orderBy } from "./resources.ts";
import type { Row } from "./rows.ts";

/** A table's columns as read: the SQL of each value and the field it becomes. */
interface ColumnMap {
  select: string;
  fields: string[];
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

function columnMap(table: string, columns: { name: string; type: string }[]): ColumnMap {
  let m = maps.get(table);
  if (m) return m;
  const exprs = columns.map(({ name, type }) => {
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
  m = { select: `json_build_array(${exprs.join(", ")})`, fields: columns.map((c) => camel(c.name)) };
  maps.set(table, m);
  return m;
}

/** What to read of one table: its rows matching `where` (SQL over the statement's parameters). */
export interface ScopePart {
  key: string;
  spec: Pick<ResourceSpec, "table" | "fields">;
  where: string;
}

/** The rows of each part, by its key, from one statement. */
export async function scopeRows(q: Queryable, parts: ScopePart[], values: unknown[]): Promise<Map<string, Row[]>> {
  const tables = await tablesOf(q);
  const used: [string, ColumnMap][] = [];
  const pairs: string[] = [];
  for (const p of parts) {
    const cols = tables.get(p.spec.table);
    if (!cols) throw new Error(`no table ${p.spec.table}`);
    const m = columnMap(p.spec.table, cols);
    used.push([p.key, m]);
    pairs.push(
      `'${p.key}', (SELECT coalesce(json_agg(${m.select} ORDER BY ${orderBy(p.spec)}), '[]') FROM ${p.spec.table} WHERE ${p.where})`,
    );
  }
  // json_build_object takes at most 100 arguments: 50 tables a statement is more than any scope has
  if (pairs.length > 50) throw new Error("too many tables for one statement");
  const r = await q.query<{ j: string }>(`SELECT json_build_object(${pairs.join(", ")})::text AS j`, values);
  const data = JSON.parse(r.rows[0]!.j) as Record<string, unknown[][]>;
  const out = new Map<string, Row[]>();
  for (const [key, m] of used) {
    const fields = m.fields;
    const n = fields.length;
    out.set(
      key,
      (data[key] ?? []).map((a) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) o[fields[i]!] = a[i];
        return o as Row;
      }),
    );
  }
  return out;
}
