/**
 * A Queryable for a long run of writes in one transaction (an import of thousands of rows):
 * it remembers the answer of each read and gives it again for the same query and values, until
 * a write touches a table the read names. The same statements run, the same answers come back —
 * only the round trips for rows that cannot have changed are saved (the program, its direction,
 * its locks and versions, asked again for every row).
 */
import { sameTransaction, type QueryResult, type Queryable } from "../db.ts";

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
  /**
   * Forgets the reads of these tables, as a write to them through this Queryable would: for writes
   * sent past it on the same transaction (an import's sets of rows, `app/src/import/setwise.ts`).
   */
  forget(tables: string[]): void;
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
    !write &&
    /^\s*SELECT\b/i.test(text) &&
    !/\bFOR\s+(UPDATE|SHARE)\b|nextval\(|setval\(|random\(|clock_timestamp\(|audit_append\(|row_context\(/i.test(text);
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
  const valuesKey = (values: unknown[] | undefined) => (values?.length ? JSON.stringify(values) : "");
  // answers given in advance for one use only, by text and values
  const onceOnly = new Map<string, { result: QueryResult<object>; tables: string[] }>();
  const forget = (table: string) => {
    for (const [k, v] of cache) if (v.tables.includes(table)) cache.delete(k);
    for (const [k, v] of onceOnly) if (v.tables.includes(table)) onceOnly.delete(k);
  };
  const cached: ReadCache = {
    stats,
    forget(tables) {
      for (const t of tables) forget(clean(t));
    },
    prime(text, values, result, tables, once = false) {
      const names = tables.map(clean);
      if (once) {
        onceOnly.set(`${text}\u0000${valuesKey(values)}`, { result, tables: names });
        return;
      }
      let entry = cache.get(text);
      if (!entry) cache.set(text, (entry = { tables: names, byValues: new Map() }));
      entry.byValues.set(valuesKey(values), { rowCount: result.rowCount, rows: result.rows.map((r) => ({ ...r })) });
    },
    async query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
      if (onceOnly.size > 0) {
        const onceKey = `${text}\u0000${valuesKey(values)}`;
        const given = onceOnly.get(onceKey);
        if (given) {
          onceOnly.delete(onceKey);
          stats.hits++;
          return given.result as QueryResult<R>;
        }
      }
      const kind = kindOf(text);
      if (!kind.isRead) {
        // a write (or anything else): forget the reads of the tables it may change
        if (kind.write) forget(kind.write);
        else if (kind.clears) {
          cache.clear();
          onceOnly.clear();
        }

        return q.query<R>(text, values);
      }
      const key = valuesKey(values);
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
  sameTransaction(cached, q);
  return cached;
}
