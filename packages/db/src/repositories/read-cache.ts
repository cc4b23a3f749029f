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

/** What a statement is, by its text: worked out once per text (an import sends the same few texts thousands of times). */
interface Kind {
  /** The table a write changes. */
  write: string | null;
  isRead: boolean;
  /** The tables a read names. */
  tables: string[];
  /** A rollback to a savepoint, or a statement of unknown effect: forget every read. */
  clears: boolean;
}
const KINDS = new Map<string, Kind>();
const clean = (t: string) => t.replace(/"/g, "").toLowerCase();

function kindOf(text: string): Kind {
  let k = KINDS.get(text);
  if (k) return k;
  const write = WRITE.exec(text);
  const isRead =
    !write && /^\s*SELECT\b/i.test(text) && !/\bFOR\s+(UPDATE|SHARE)\b|nextval\(|setval\(|random\(|clock_timestamp\(/i.test(text);
  k = {
    write: write ? clean(write[1]!) : null,
    isRead,
    tables: isRead ? [...text.matchAll(TABLES)].map((m) => clean(m[1]!)) : [],
    clears: !isRead && !write && !/^\s*(SAVEPOINT|RELEASE)\b/i.test(text),
  };
  // statement texts are few and fixed; a text built with values in it is not kept for ever
  if (KINDS.size < 5000) KINDS.set(text, k);
  return k;
}

export function cachedReads(q: Queryable): ReadCache {
  // the same text and values answer the same rows: a hit has the row type its first query named
  // by text, then by values (the text, often long, is not joined to the values for every read)
  const cache = new Map<string, { tables: string[]; byValues: Map<string, { rowCount: number | null; rows: object[] }> }>();
  const stats = { hits: 0, misses: 0 };
  const cached: ReadCache = {
    stats,
    async query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
      const kind = kindOf(text);
      if (!kind.isRead) {
        // a write (or anything else): forget the reads of the tables it may change
        if (kind.write) {
          const table = kind.write;
          for (const [k, v] of cache) if (v.tables.includes(table)) cache.delete(k);
        } else if (kind.clears) cache.clear();

        return q.query<R>(text, values);
      }
      const key = values?.length ? JSON.stringify(values) : "";
      const hit = cache.get(text)?.byValues.get(key);
      if (hit) {
        stats.hits++;
        return { rowCount: hit.rowCount, rows: hit.rows.map((r) => ({ ...r }) as R) };
      }
      stats.misses++;
      const result = await q.query<R>(text, values);
      let entry = cache.get(text);
      if (!entry) cache.set(text, (entry = { tables: kind.tables, byValues: new Map() }));
      entry.byValues.set(key, { rowCount: result.rowCount, rows: result.rows.map((r) => ({ ...r })) });
      return result;
    },
  };
  return cached;
}
