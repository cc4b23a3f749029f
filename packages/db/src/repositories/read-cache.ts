/**
 * A Queryable for a long run of writes in one transaction (an import of thousands of rows):
 * it remembers the answer of each read and gives it again for the same query and values, until
 * a write touches a table the read names. The same statements run, the same answers come back —
 * only the round trips for rows that cannot have changed are saved (the program, its direction,
 * its locks and versions, asked again for every row).
 */
import type { QueryResult, Queryable } from "../db.ts";

const WRITE = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+("?[\w.]+"?)/i;
const TABLES = /\b(?:FROM|JOIN)\s+("?[\w.]+"?)/gi;

export interface ReadCache extends Queryable {
  /** Reads answered from memory, and reads sent. */
  readonly stats: { hits: number; misses: number };
  /**
   * An answer read in advance (several reads in one statement, `prefetchRowContext`): the next
   * `query(text, values)` gets it, until a write touches one of `tables`. `once`: answered one
   * time only, even a read that is never cached (a row locked FOR UPDATE by the same transaction).
   */
  prime(text: string, values: unknown[], result: QueryResult<object>, tables: string[], once?: boolean): void;
}

export function cachedReads(q: Queryable): ReadCache {
  // the same text and values answer the same rows: a hit has the row type its first query named
  const cache = new Map<string, { tables: string[]; rowCount: number | null; rows: object[] }>();
  const stats = { hits: 0, misses: 0 };
  const onceOnly = new Map<string, { result: QueryResult<object>; tables: string[] }>();
  const keyOf = (text: string, values: unknown[] | undefined) => `${text}\u0000${JSON.stringify(values ?? [])}`;
  const clean = (t: string) => t.replace(/"/g, "").toLowerCase();
  const cached: ReadCache = {
    stats,
    prime(text, values, result, tables, once = false) {
      const key = keyOf(text, values);
      if (once) onceOnly.set(key, { result, tables: tables.map(clean) });
      else cache.set(key, { tables: tables.map(clean), rowCount: result.rowCount, rows: result.rows.map((r) => ({ ...r })) });
    },
    async query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
      if (onceOnly.size > 0) {
        const key = keyOf(text, values);
        const given = onceOnly.get(key);
        if (given) {
          onceOnly.delete(key);
          stats.hits++;
          return given.result as QueryResult<R>;
        }
      }
      const write = WRITE.exec(text);
      const isRead =
        !write &&
        /^\s*SELECT\b/i.test(text) &&
        !/\bFOR\s+(UPDATE|SHARE)\b|nextval\(|setval\(|random\(|clock_timestamp\(|audit_append\(/i.test(text);
      if (!isRead) {
        // a write (or anything else): forget the reads of the tables it may change
        if (write) {
          const table = clean(write[1]!);
          for (const [k, v] of cache) if (v.tables.includes(table)) cache.delete(k);
          for (const [k, v] of onceOnly) if (v.tables.includes(table)) onceOnly.delete(k);
        } else if (!/^\s*(SAVEPOINT|RELEASE)\b/i.test(text)) {
          cache.clear();
          onceOnly.clear();
        } // a rollback to a savepoint, or a statement of unknown effect

        return q.query<R>(text, values);
      }
      const key = keyOf(text, values);
      const hit = cache.get(key);
      if (hit) {
        stats.hits++;
        return { rowCount: hit.rowCount, rows: hit.rows.map((r) => ({ ...r }) as R) };
      }
      stats.misses++;
      const result = await q.query<R>(text, values);
      const tables = [...text.matchAll(TABLES)].map((m) => clean(m[1]!));
      cache.set(key, { tables, rowCount: result.rowCount, rows: result.rows.map((r) => ({ ...r })) });
      return result;
    },
  };
  return cached;
}
