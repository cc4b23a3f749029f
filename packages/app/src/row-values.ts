/**
 * The fields of a generic resource row (`Row` of the db package, whose columns come from
 * `RESOURCES` at run time, so its values are `unknown`) read as the text the API shows.
 */

/** A text column's value (node-pg gives text, numeric and date columns as strings). */
export function text(v: unknown): string {
  return typeof v === "string" ? v : String(v);
}

/** A nullable text column's value. */
export function textOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : text(v);
}

/** A column restricted to a list of values (a `CHECK (col IN (…))`); another value is a fault of the data. */
export function oneOf<T extends string>(values: readonly T[], v: unknown, column: string): T {
  const found = values.find((x) => x === v);
  if (found === undefined) throw new Error(`${column}: unexpected value ${JSON.stringify(v)}`);
  return found;
}
