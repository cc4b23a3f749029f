/**
 * A single change's reads in advance (issue 16, part 2). A PATCH of one row of a program checks
 * its permission (the program's executor, the direction's co-executor), the period locks, the
 * state of the program's reports, whether the program has an approved version, the municipality's
 * today and the parent's name (220-п change rules): each was a statement of its own. Here the row
 * is locked (FOR UPDATE, as `lockRow`), then everything else is read in one statement — after the
 * lock, as before — both in one round trip (the function `row_context`, issue 16 part 7: the reads
 * are a statement of its own inside it, with a snapshot taken after the lock) — and handed to the
 * transaction's read cache under the very statements the use
 * case sends (`rowByIdSql`, `PERIOD_LOCKS_OF_PROGRAM`, `reportStatesSql`, `HAS_APPROVED_VERSION`),
 * so the use case runs unchanged, every rule on the same rows, and asks PostgreSQL for none of them.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { resource, snake, type ResourceSpec } from "@orientir/domain";
import type { Queryable } from "../db.ts";
import { reportStatesSql } from "./content.ts";
import { PERIOD_LOCKS_OF_PROGRAM } from "./monitoring.ts";
import type { ReadCache } from "./read-cache.ts";
import { rowByIdSql } from "./resources.ts";
import { rowAsJson } from "./scope-rows.ts";
import { HAS_APPROVED_VERSION } from "./workflow.ts";

/** Locks the row `id` of `spec` and reads what a change of it checks (see above) into `q`'s cache; returns the locked row as read, or null. */
export async function prefetchRowContext(
  q: ReadCache,
  spec: ResourceSpec,
  id: string,
  send?: Queryable,
): Promise<Record<string, unknown> | null> {
  const lockSql = rowByIdSql(spec.table, true);
  const plan = await planOf(q, spec);
  // a table whose values JSON cannot give exactly as `SELECT *` does: the lock, then the reads
  if (!plan) return prefetchInTwo(q, spec, id);
  const { own, reads } = plan;
  // the lock and the reads in one round trip: the reads run in a statement of their own after the
  // lock (the function `row_context`, migration 20261203190000_patch16), so they see what was
  // committed while the lock waited — as two statements did.
  // Both run as prepared statements of the connection (migration 20261204000000_patch17), named by
  // their texts' hashes: parsed and planned once per connection, not on every call.
  // `send` (the transaction's own Queryable): with its values quoted, so that a transaction begun
  // with its first statement (`Db.tx`'s beginWithFirst) sends the BEGIN with it in one message —
  // and not through the read cache, which keeps each statement's kind by its text
  const r = send
    ? await send.query<{ j: string | null }>(`SELECT row_context(${plan.quoted.lock}, ${lit(id)}::uuid, ${plan.quoted.rest}) AS j`)
    : await q.query<{ j: string | null }>(`SELECT row_context($1, $2, $3, $4, $5, $6) AS j`, [
        plan.lockName,
        plan.lockText,
        id,
        plan.at,
        plan.readsName,
        plan.readsText,
      ]);
  const answer = r.rows[0]?.j ? (JSON.parse(r.rows[0].j) as [unknown[], Record<string, unknown> | null]) : null;
  const row = answer ? rowOf(own.columns, answer[0]) : null;
  // the use case's own `lockRow` gets this answer: the row is locked by this transaction already
  q.prime(lockSql, [id], { rows: row ? [row] : [], rowCount: row ? 1 : 0 }, [spec.table], true);
  if (!row || !answer?.[1] || typeof row.program_id !== "string") return row;
  const data = answer[1];
  for (const read of reads) {
    const rowId = row[read.column];
    if (typeof rowId !== "string" || !rowId) continue;
    const a = data[read.key] as unknown[] | null;
    const rows = a ? [rowOf(read.columns, a)] : [];
    q.prime(rowByIdSql(read.table), [rowId], { rows, rowCount: rows.length }, [read.table]);
  }
  primeProgramReads(q, row.program_id, data);
  return row;
}

const lit = (v: string) => pg.escapeLiteral(v);

/** What `row_context` is sent for a table's row: its texts, worked out once per resource. */
interface ContextPlan {
  own: { select: string; columns: string[] };
  reads: { key: string; table: string; column: string; columns: string[] }[];
  /** The positions of the ids in the locked row: the program's first ($1). */
  at: number[];
  lockText: string;
  readsText: string | null;
  /** The names of their prepared statements in a connection (`rc_` and a hash of the text). */
  lockName: string;
  readsName: string | null;
  /** The same as quoted literals: the lock's name and text, and the positions' and reads' (after the id). */
  quoted: { lock: string; rest: string };
}
const PLANS = new Map<string, ContextPlan | null>();

/** The plan of `spec`'s row (null: its table's values JSON cannot give exactly as `SELECT *` does). */
async function planOf(q: Queryable, spec: ResourceSpec): Promise<ContextPlan | null> {
  const known = PLANS.get(spec.name);
  if (known !== undefined) return known;
  const own = await rowAsJson(q, spec.table);
  if (!own.exact) {
    PLANS.set(spec.name, null);
    return null;
  }
  // the rows read by id — the program, the municipality, the direction, the parent (a metric, an
  // element…) — by the columns of the locked row that name them (the program's first: $1)
  const reads: ContextPlan["reads"] = [];
  const pairs: string[] = [];
  const at: number[] = [];
  const scoped = spec.scope === "program" && spec.name !== "program" && own.columns.includes("program_id");
  if (scoped) {
    const byColumn: { table: string; column: string }[] = [{ table: "program", column: "program_id" }];
    const add = (table: string, column: string) => {
      if (own.columns.includes(column) && !byColumn.some((b) => b.table === table && b.column === column)) byColumn.push({ table, column });
    };
    add("municipality", "municipality_id");
    add("direction", "direction_id");
    if (spec.parent) add(resource(spec.parent.resource).table, snake(spec.parent.field));
    at.push(own.columns.indexOf("program_id"));
    for (const b of byColumn) {
      const m = await rowAsJson(q, b.table);
      if (!m.exact) continue;
      // the program's id is $1; each other id the next parameter
      if (b.column !== "program_id") at.push(own.columns.indexOf(b.column));
      const param = b.column === "program_id" ? 1 : at.length;
      const key = `r${reads.length}`;
      pairs.push(`'${key}', (SELECT ${m.select} FROM ${b.table} WHERE id = $${param})`);
      reads.push({ key, table: b.table, column: b.column, columns: m.columns });
    }
    // the use case's statements themselves, over $1 = the program
    pairs.push(`'locks', (SELECT coalesce(json_agg(json_build_array(x.year, x.period)), '[]') FROM (${PERIOD_LOCKS_OF_PROGRAM}) x)`);
    pairs.push(
      `'states', (SELECT coalesce(json_agg(json_build_array(x.year, x.period, x.state, x.directions)), '[]') FROM (${reportStatesSql(false)}) x)`,
    );
    pairs.push(`'approved', EXISTS (${HAS_APPROVED_VERSION})`);
  }
  if (at.length > 5) throw new Error(`row_context: ${at.length} ids (at most 5)`);
  const lockText = `SELECT ${own.select} FROM ${spec.table} WHERE id = $1 FOR UPDATE`;
  const readsText = scoped ? `SELECT json_build_object(${pairs.join(", ")})` : null;
  const lockName = statementName(lockText);
  const readsName = readsText === null ? null : statementName(readsText);
  const plan: ContextPlan = {
    own,
    reads,
    at,
    lockText,
    readsText,
    lockName,
    readsName,
    quoted: {
      lock: `${lit(lockName)}, ${lit(lockText)}`,
      rest: `${lit(`{${at.join(",")}}`)}::int[], ${readsName === null ? "NULL" : lit(readsName)}, ${readsText === null ? "NULL" : lit(readsText)}`,
    },
  };
  PLANS.set(spec.name, plan);
  return plan;
}

/**
 * The name of a text's prepared statement: `rc_` and 24 hex digits of its SHA-256 — another text (a
 * column added, another version of this code) gets another name, so a connection never runs a
 * statement prepared from another text under the same name.
 */
export function statementName(text: string): string {
  return `rc_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
}

/** A row as `SELECT *` gives it, from its values in the table's column order. */
function rowOf(columns: string[], values: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => (o[c] = values[i]));
  return o;
}

/** The answers of the use case's statements over the program, into the cache. */
function primeProgramReads(q: ReadCache, programId: string, data: Record<string, unknown>): void {
  const locks = (data.locks as [number, string][]).map(([year, period]) => ({ year, period }));
  q.prime(PERIOD_LOCKS_OF_PROGRAM, [programId], { rows: locks, rowCount: locks.length }, ["period_lock"]);
  const states = (data.states as [number, string, string, Record<string, string>][]).map(([year, period, state, directions]) => ({
    year,
    period,
    state,
    directions,
  }));
  q.prime(reportStatesSql(false), [programId], { rows: states, rowCount: states.length }, ["report_submission", "direction_submission"]);
  const approved = data.approved === true;
  q.prime(HAS_APPROVED_VERSION, [programId], { rows: approved ? [{ "?column?": 1 }] : [], rowCount: approved ? 1 : 0 }, [
    "program_version",
  ]);
}

/** The same in two statements (a table with a value JSON does not give as `SELECT *` does): the lock, then the reads. */
async function prefetchInTwo(q: ReadCache, spec: ResourceSpec, id: string): Promise<Record<string, unknown> | null> {
  const lockSql = rowByIdSql(spec.table, true);
  const locked = await q.query<Record<string, unknown>>(lockSql, [id]);
  q.prime(lockSql, [id], locked, [spec.table], true);
  const row = locked.rows[0];
  if (!row || spec.scope !== "program" || spec.name === "program") return row ?? null;
  const programId = row.program_id;
  if (typeof programId !== "string") return row;
  const byId = new Map<string, { table: string; id: string }>();
  const add = (table: string, rowId: unknown) => {
    if (typeof rowId === "string" && rowId) byId.set(`${table}|${rowId}`, { table, id: rowId });
  };
  add("program", programId);
  add("municipality", row.municipality_id);
  add("direction", row.direction_id);
  if (spec.parent) add(resource(spec.parent.resource).table, row[snake(spec.parent.field)]);
  const values: unknown[] = [programId];
  const pairs: string[] = [];
  const reads: { key: string; table: string; id: string; columns: string[] }[] = [];
  for (const r of byId.values()) {
    const m = await rowAsJson(q, r.table);
    if (!m.exact) continue;
    const key = `r${reads.length}`;
    values.push(r.id);
    pairs.push(`'${key}', (SELECT ${m.select} FROM ${r.table} WHERE id = $${values.length})`);
    reads.push({ key, table: r.table, id: r.id, columns: m.columns });
  }
  pairs.push(`'locks', (SELECT coalesce(json_agg(json_build_array(x.year, x.period)), '[]') FROM (${PERIOD_LOCKS_OF_PROGRAM}) x)`);
  pairs.push(
    `'states', (SELECT coalesce(json_agg(json_build_array(x.year, x.period, x.state, x.directions)), '[]') FROM (${reportStatesSql(false)}) x)`,
  );
  pairs.push(`'approved', EXISTS (${HAS_APPROVED_VERSION})`);
  const r = await q.query<{ j: string }>(`SELECT json_build_object(${pairs.join(", ")})::text AS j`, values);
  const data = JSON.parse(r.rows[0]!.j) as Record<string, unknown>;
  for (const read of reads) {
    const a = data[read.key] as unknown[] | null;
    const rows = a ? [rowOf(read.columns, a)] : [];
    q.prime(rowByIdSql(read.table), [read.id], { rows, rowCount: rows.length }, [read.table]);
  }
  primeProgramReads(q, programId, data);
  return row;
}
