/** Row mapping between snake_case columns and camelCase fields. */
import { camel } from "@orientir/domain";

/**
 * The generic row of the resource repository, whose tables and columns come from the domain's
 * RESOURCES at run time (a declared exception to the typed rows, see docs/ARCHITECTURE.md).
 */
export type Row = Record<string, unknown> & { id: string; version: number };

/** `full_name` → `fullName`, as `camel` does at run time. */
export type CamelKey<S extends string> = S extends `${infer H}_${infer C}${infer T}`
  ? C extends Lowercase<C>
    ? C extends Uppercase<C>
      ? `${H}_${C}${CamelKey<T>}` // a digit or `_` after the underscore: camel keeps it
      : `${H}${Uppercase<C>}${CamelKey<T>}`
    : `${H}_${C}${CamelKey<T>}`
  : S;

type MappedValue<V> = V extends Date ? string : V;

/** A row of node-pg as mapRow returns it: camelCase keys, a Date as its ISO string. */
export type Mapped<T> = { [K in keyof T as K extends string ? CamelKey<K> : K]: MappedValue<T[K]> };

/** Each column's field name, computed once per column name (not per field of every row). */
const FIELD_NAMES = new Map<string, string>();

function fieldName(column: string): string {
  let name = FIELD_NAMES.get(column);
  if (name === undefined) {
    name = camel(column);
    FIELD_NAMES.set(column, name);
  }
  return name;
}

export function mapRow<T extends object>(r: T): Mapped<T> {
  const out: Record<string, unknown> = {};
  for (const k in r) {
    const v: unknown = r[k];
    out[fieldName(k)] = v instanceof Date ? v.toISOString() : v;
  }
  return out as Mapped<T>;
}

/** The compiled mappings of `mapRows`, per column list (and columns left out); a bounded number. */
const MAPPERS = new Map<string, (r: object) => object>();
const MAPPERS_BOUND = 500;

/**
 * The rows of one result (the same columns in the same order, as node-pg gives them) as `mapRow`
 * maps each, but with the mapping made once per column list: an object literal of the result's
 * fields (one shape for every row, no per-field look-up of its name), instead of a field added at a
 * time. The columns named in `omit` are left out. For a list of many rows (issue 15, part 6).
 */
export function mapRows<T extends object, K extends keyof T & string = never>(
  rows: readonly T[],
  omit: readonly K[] = [],
): Mapped<Omit<T, K>>[] {
  const first = rows[0];
  if (first === undefined) return [];
  const keys: string[] = [];
  for (const k in first) if (!(omit as readonly string[]).includes(k)) keys.push(k);
  // a column named like an object's own internals cannot be a literal's key: one row at a time then
  if (keys.includes("__proto__")) return rows.map((r) => mapRow(r) as unknown as Mapped<Omit<T, K>>);
  const signature = `${keys.join(",")}|${omit.join(",")}`;
  let map = MAPPERS.get(signature);
  if (map === undefined) {
    // the names are quoted by JSON.stringify: a column's name is data here, never code
    const fields = keys.map((k) => `${JSON.stringify(fieldName(k))}: (v = r[${JSON.stringify(k)}]) instanceof Date ? v.toISOString() : v`);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled once per column list, its names quoted above
    map = new Function("r", `let v; return { ${fields.join(", ")} };`) as (r: object) => object;
    if (MAPPERS.size >= MAPPERS_BOUND) MAPPERS.delete(MAPPERS.keys().next().value!);
    MAPPERS.set(signature, map);
  }
  const out = new Array<Mapped<Omit<T, K>>>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = map(rows[i]!) as Mapped<Omit<T, K>>;
  return out;
}

/** The one row a statement returns (an INSERT … RETURNING, a count): its absence is a fault. */
export function one<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error("the statement returned no row");
  return r;
}
