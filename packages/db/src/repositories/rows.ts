/** Row mapping between snake_case columns and camelCase fields. */
import { camel } from "@orientir/domain";

export type Row = Record<string, unknown> & { id: string; version: number };

export function mapRow(r: Record<string, unknown>): Row {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[camel(k)] = v instanceof Date ? v.toISOString() : v;
  return out as Row;
}
