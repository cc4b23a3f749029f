/**
 * A Queryable for a long run of writes in one transaction (an import of thousands of rows):
 * it remembers the answer of each read and gives it again for the same query and values, until
 * a write touches a table the read names. The same statements run, the same answers come back —
 * only the round trips for rows that cannot have changed are saved (the program, its direction,
 * its locks and versions, asked again for every row).
 */
import type pg from "pg";
import type { Queryable } from "../db.ts";

const WRITE = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+("?[\w.]+"?)/i;
const TABLES = /\b(?:FROM|JOIN)\s+("?[\w.]+"?)/gi;

export interface ReadCache extends Queryable {
  /** Reads answered from memory, and reads sent. */
  readonly stats: { hits: number; misses: number };
}

export function cachedReads(q: Queryable): ReadCache {
  const cache = new Map<string, { tables: string[]; result: pg.QueryResult }>();
  const stats = { hits: 0, misses: 0 };
  const clean = (t: string) => t.replace(/"/g, "").toLowerCase();
  return {
    stats,
    async query(text: string, values?: unknown[]) {
      const write = WRITE.exec(text);
      const isRead = !write && /^\s*SELECT\b/i.test(text) && !/\bFOR\s+(UPDATE|SHARE)\b|nextval\(|setval\(|random\(|clock_timestamp\(/i.test(text);
      if (!isRead) {
        // a write (or anything else): forget the reads of the tables it may change
        if (write) {
          const table = clean(write[1]!);
          for (const [k, v] of cache) if (v.tables.includes(table)) cache.delete(k);
        } else if (!/^\s*(SAVEPOINT|RELEASE)\b/i.test(text)) cache.clear(); // a rollback to a savepoint, or a statement of unknown effect

        return q.query(text, values);
      }
      const key = `${text}\u0000${JSON.stringify(values ?? [])}`;
      const hit = cache.get(key);
      if (hit) {
        stats.hits++;
        return { ...hit.result, rows: hit.result.rows.map((r) => ({ ...r })) } as pg.QueryResult;
      }
      stats.misses++;
      const result = await q.query(text, values);
      const tables = [...text.matchAll(TABLES)].map((m) => clean(m[1]!));
      cache.set(key, { tables, result: { ...result, rows: result.rows.map((r) => ({ ...r })) } as pg.QueryResult });
      return result;
    },
  } as ReadCache;
}
