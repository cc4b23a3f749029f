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

/** The one row a statement returns (an INSERT … RETURNING, a count): its absence is a fault. */
export function one<T>(rows: T[]): T {
  const r = rows[0];
  if (r === undefined) throw new Error("the statement returned no row");
  return r;
}
