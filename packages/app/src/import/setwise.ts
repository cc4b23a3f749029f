/**
 * The operations of an import checked and written set-wise: every row goes through the same
 * checks as a single change (`checkCreate`/`checkUpdate` of resources.ts: permission, field
 * validation, references, the rules of 220-п, the period locks, the change rules of an approved
 * program), but they read the rows they need from a projection of the program — its stored rows,
 * one read per table, with the rows of this import checked before laid over them — and the rows
 * are then written with one multi-row statement per table and operation, their audit entries in
 * the order of the operations.
 *
 * Deletions and changes of the program row itself (a few per file; the program's period decides
 * what lies outside it) go one by one through the use case of a single change, between the sets.
 */
import { randomUUID } from "node:crypto";
import {
  cachedReads,
  getRow,
  insertRows,
  listRows,
  lockRows,
  rowsInScope,
  updateRows,
  withSavepoint,
  type ListFilter,
  type Queryable,
  type Row,
} from "@orientir/db";
import { ConflictError, NotFoundError, ValidationError, resource, scopeColumns, type ResourceSpec } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { checkCreate, checkUpdate, createIn, deleteIn, updateIn, type AuditSink, type RowReads } from "../resources.ts";
import { text } from "../row-values.ts";
import type { ImportIssueView } from "./types.ts";
import { isRef, type Op } from "./differ.ts";
import { applyOps, issuesOfError, pathOf, where } from "./operations.ts";

/** The program's rows as the import's earlier rows leave them: stored rows, with the checked ones over them. */
class Projection implements RowReads {
  /** Rows of this import, checked (created or changed), by table and id. */
  private own = new Map<string, Map<string, Row>>();
  /** The program's stored rows of a table, read once when first asked for. */
  private stored = new Map<string, Promise<Map<string, Row>>>();
  /** Rows outside the program's tables (the program itself, a department), each read once. */
  private outside = new Map<string, Promise<Row | null>>();

  constructor(
    private readonly q: Queryable,
    private readonly programId: string,
  ) {}

  /** The program's rows changed by a write outside the projection: read again when asked. */
  forget(): void {
    this.own.clear();
    this.stored.clear();
    this.outside.clear();
  }

  put(spec: ResourceSpec, row: Row): void {
    let t = this.own.get(spec.table);
    if (!t) this.own.set(spec.table, (t = new Map<string, Row>()));
    t.set(row.id, row);
  }

  private storedOf(spec: ResourceSpec): Promise<Map<string, Row>> | null {
    if (!scopeColumns(spec).includes("programId")) return null;
    let p = this.stored.get(spec.table);
    if (!p) {
      p = rowsInScope(this.q, spec, "programId", this.programId).then((rows) => new Map(rows.map((r) => [r.id, r])));
      this.stored.set(spec.table, p);
    }
    return p;
  }

  async getRow(spec: ResourceSpec, id: string): Promise<Row | null> {
    const own = this.own.get(spec.table)?.get(id);
    if (own) return own;
    const hit = (await this.storedOf(spec))?.get(id);
    if (hit) return hit;
    // a row outside the program's tables (the program, a department, a goal of the strategy), or
    // none: the database's answer, read once (the set-wise rows change none of them)
    const key = `${spec.table}:${id}`;
    let row = this.outside.get(key);
    if (!row) this.outside.set(key, (row = getRow(this.q, spec, id)));
    const found = await row;
    return found && { ...found };
  }

  async listRows(spec: ResourceSpec, filter: ListFilter): Promise<Row[]> {
    const rows = await listRows(this.q, spec, filter);
    const own = this.own.get(spec.table);
    if (!own?.size) return rows;
    const matches = (r: Row) =>
      r.municipalityId === filter.municipalityId &&
      Object.entries(filter.where ?? {}).every(([k, v]) => r[k] !== null && r[k] !== undefined && text(r[k]) === v);
    return [...rows.filter((r) => !own.has(r.id)), ...[...own.values()].filter(matches)];
  }
}

type Pending =
  | { i: number; kind: "create"; spec: ResourceSpec; values: Record<string, unknown> & { id: string } }
  | { i: number; kind: "update"; spec: ResourceSpec; before: Row; version: number; value: Record<string, unknown> };

/** Rows checked before they are sent to be written (a set), by default; the next set is checked while it is written. */
const SET = 1000;

/** Operations that go one by one: deletions (cascades) and the program row (its period bounds the rest). */
const oneByOne = (op: Op) => op.op === "delete" || op.resource === "program";

/**
 * Applies the operations in the transaction, checked and written set-wise (see above). With
 * `collect`, every error is collected at its cell (the operations that depend on a failed create
 * are skipped); without, the first error in the order of the operations is thrown — as
 * `applyOps` does one by one. A `dryRun` (the preview, rolled back) writes the rows the same way
 * but reads back only their ids and forms no audit entry.
 */
export async function applyOpsSetwise(
  tx: Queryable,
  ctx: AppContext,
  caller: Caller,
  programId: string,
  ops: Op[],
  collect: ImportIssueView[] | null,
  sink: AuditSink,
  options: { dryRun?: boolean; setRows?: number } = {},
): Promise<void> {
  const dryRun = options.dryRun ?? false;
  const setRows = Math.max(1, options.setRows ?? SET);
  // The sets of rows are written while the next rows are checked: PostgreSQL inserts one set while
  // this process checks the next (one connection, so the statements run in the order sent). A read
  // the checks send while a set is being written waits for it (so it sees the set written, as the
  // one-by-one path would), and the reads of the set's tables are forgotten when it is sent; reads
  // answered from memory do not wait.
  let writing: Promise<void> | null = null;
  let writeError: Error | null = null;
  const gated: Queryable = {
    query: <R extends object>(text: string, values?: unknown[]) =>
      writing ? writing.then(() => tx.query<R>(text, values)) : tx.query<R>(text, values),
  };
  const q = cachedReads(gated);
  const projection = new Projection(q, programId);
  const ids: (string | null)[] = [];
  /** Every set sent is written (or the first error of their writes is thrown). */
  const settle = async () => {
    if (writing) await writing;
    writing = null;
    if (writeError) throw writeError;
  };
  const fail = (op: Op, e: unknown) => {
    // a check that failed after a set's write did (its transaction is aborted): the write's error
    if (writeError) throw writeError;
    const issues = issuesOfError(op, e);
    if (collect) {
      collect.push(...issues);
      return;
    }
    throw new ValidationError(
      issues.map((x) => ({ path: pathOf(x), message: x.reason, messageEn: x.reason })),
      issues[0] ? `${where(issues[0])}${issues[0].reason}` : undefined,
    );
  };

  // the stored rows the file changes, locked as the single change locks each (one statement per table)
  const before = new Map<string, Row>();
  const targets = new Map<string, { spec: ResourceSpec; ids: string[] }>();
  const seen = new Set<string>();
  // the tables in the order of their first create (or update): a parent's table before its children's
  const rank = new Map<string, number>();
  for (const op of ops) {
    const key = `${op.op}:${resource(op.resource).table}`;
    if (!rank.has(key)) rank.set(key, rank.size);
    if (op.op !== "update" || oneByOne(op)) continue;
    // a row changed twice in one file (the comparison makes none): each change after the one before, one by one
    if (seen.has(op.id!)) return applyOps(tx, ctx, caller, ops, collect, sink);
    seen.add(op.id!);
    const spec = resource(op.resource);
    let t = targets.get(spec.table);
    if (!t) targets.set(spec.table, (t = { spec, ids: [] }));
    t.ids.push(op.id!);
  }
  for (const { spec, ids: list } of targets.values()) for (const [id, row] of await lockRows(q, spec, list)) before.set(id, row);

  /** Writes a set: creates table by table in the tree's order, then updates; their audit entries in the order of the operations. */
  const write = async (batch: Pending[]) => {
    const stored = new Map<number, Row>();
    const byTable = <P extends Pending>(kind: P["kind"]) => {
      const groups = new Map<string, P[]>();
      for (const p of batch) {
        if (p.kind !== kind) continue;
        const g = groups.get(p.spec.table) ?? [];
        g.push(p as P);
        groups.set(p.spec.table, g);
      }
      const order = (g: P[]) => rank.get(`${kind}:${g[0]!.spec.table}`)!;
      return [...groups.values()].sort((a, b) => order(a) - order(b));
    };
    for (const group of byTable<Extract<Pending, { kind: "create" }>>("create")) {
      const rows = await insertRows(
        tx,
        group[0]!.spec,
        group.map((p) => p.values),
        dryRun,
      );
      group.forEach((p, k) => stored.set(p.i, rows[k]!));
    }
    for (const group of byTable<Extract<Pending, { kind: "update" }>>("update")) {
      const rows = await updateRows(
        tx,
        group[0]!.spec,
        group.map((p) => ({ id: p.before.id, version: p.version, values: p.value })),
        dryRun,
      );
      group.forEach((p, k) => {
        const row = rows[k];
        if (!row) throw new ConflictError("Запись изменена другим пользователем. Обновите данные.");
        stored.set(p.i, row);
      });
    }
    for (const p of batch) {
      const row = stored.get(p.i)!;
      if (p.kind === "create") sink({ action: `${p.spec.name}.create`, objectType: p.spec.name, objectId: row.id, after: row });
      else sink({ action: `${p.spec.name}.update`, objectType: p.spec.name, objectId: row.id, before: p.before, after: row });
    }
  };

  let pending: Pending[] = [];
  /** Sends the rows checked so far to be written, after the sets sent before (not waiting for it). */
  const flush = () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    q.forget([...new Set(batch.map((p) => p.spec.table))]);
    writing = (writing ?? Promise.resolve())
      .then(() => (writeError ? undefined : write(batch)))
      .catch((e: unknown) => {
        writeError ??= e instanceof Error ? e : new Error(String(e));
      });
  };

  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    let blocked = false;
    const data = Object.fromEntries(
      Object.entries(op.data).map(([k, v]) => {
        if (!isRef(v)) return [k, v];
        const id = ids[v.$op] ?? null;
        if (!id) blocked = true;
        return [k, id];
      }),
    );
    ids[i] = null;
    if (blocked) continue;
    const spec = resource(op.resource);

    if (oneByOne(op)) {
      flush();
      await settle();
      const run = async () => {
        if (op.op === "create") return (await createIn(q, ctx, caller, spec, data, sink)).id;
        if (op.op === "update") return (await updateIn(q, ctx, caller, spec, op.id!, op.version!, data, sink)).id;
        await deleteIn(q, ctx, caller, spec, op.id!, op.version!, sink);
        return null;
      };
      try {
        ids[i] = collect ? await withSavepoint(q, run) : await run();
      } catch (e) {
        fail(op, e);
      }
      projection.forget();
      continue;
    }

    try {
      if (op.op === "create") {
        const values = { id: randomUUID(), ...(await checkCreate(q, ctx, caller, spec, data, projection)) };
        projection.put(spec, values as Row);
        pending.push({ i, kind: "create", spec, values });
        ids[i] = values.id;
      } else {
        const row = before.get(op.id!);
        // a row of another municipality is reported as missing, as the single change does
        if (!row || row.municipalityId !== caller.actor.municipalityId) throw new NotFoundError(spec.label.ru, op.id);
        const value = await checkUpdate(q, ctx, caller, spec, row, op.version!, data, projection);
        projection.put(spec, { ...row, ...value });
        pending.push({ i, kind: "update", spec, before: row, version: op.version!, value });
        ids[i] = row.id;
      }
    } catch (e) {
      fail(op, e);
    }
    if (pending.length >= setRows) flush();
  }
  flush();
  await settle();
}
