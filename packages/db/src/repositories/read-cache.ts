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
}

export function cachedReads(q: Queryable): ReadCache {
  // the same text and values answer the same rows: a hit has the row type its first query named
  const cache = new Map<string, { tables: string[]; rowCount: number | null; rows: object[] }>();
  const stats = { hits: 0, misses: 0 };
  const clean = (t: string) => t.replace(/"/g, "").toLowerCase();
  const cached: ReadCache = {
    stats,
    async query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
      const write = WRITE.exec(text);
      const isRead =
        !write && /^\s*SELECT\b/i.test(text) && !/\bFOR\s+(UPDATE|SHARE)\b|nextval\(|setval\(|random\(|clock_timestamp\(/i.test(text);
      if (!isRead) {
        // a write (or anything else): forget the reads of the tables it may change
        if (write) {
          const table = clean(write[1]!);
          for (const [k, v] of cache) if (v.tables.includes(table)) cache.delete(k);
        } else if (!/^\s*(SAVEPOINT|RELEASE)\b/i.test(text)) cache.clear(); // a rollback to a savepoint, or a statement of unknown effect

        return q.query<R>(text, values);
      }
      const key = `${text}\u0000${JSON.stringify(values ?? [])}`;
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
