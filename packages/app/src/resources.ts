/**
 * Create, read, update and delete of every entity described by a ResourceSpec — one use case
 * for all of them: authorize → validate → check the decree's rules → write in one transaction
 * with its audit entry.
 */
import {
  appendAudit,
  appendAuditAndCommit,
  cachedReads,
  deleteRow,
  getRow,
  insertRow,
  listRows,
  lockRow,
  prefetchRowContext,
  updateRow,
  type ListFilter,
  type AuditEntry,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  ensure,
  resource,
  scopeColumns,
  validateFields,
  type Action,
  type Actor,
  type ResourceSpec,
  type Target,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { auditEntry } from "./audit-last.ts";
import { checkRules } from "./rules.ts";
import { text } from "./row-values.ts";

/**
 * How the checks of a write read the rows they need (a parent, a referenced row, the program and
 * direction of a row): from the database by default; an import checking thousands of rows before
 * writing any reads them from its projection of the program (`import/setwise.ts`) — the same
 * checks on the same facts.
 */
export interface RowReads {
  getRow(spec: ResourceSpec, id: string): Promise<Row | null>;
  listRows(spec: ResourceSpec, filter: ListFilter): Promise<Row[]>;
}

/** The rows as the database has them in `q`. */
export function dbReads(q: Queryable): RowReads {
  return { getRow: (spec, id) => getRow(q, spec, id), listRows: (spec, filter) => listRows(q, spec, filter) };
}

/** The facts the permission rules need about a row (its program's executor, its direction's co-executor). */
export async function targetOf(
  q: Queryable,
  spec: ResourceSpec,
  row: Row | Record<string, unknown>,
  reads: RowReads = dbReads(q),
): Promise<Target> {
  const municipalityId = String(row.municipalityId);
  switch (spec.scope) {
    case "municipality":
      return { area: "reference", municipalityId, resource: spec.name };
    case "strategy":
      return { area: "strategy", municipalityId, resource: spec.name };
    case "plan":
      return { area: "plan", municipalityId, resource: spec.name };
    case "program": {
      const program = spec.name === "program" ? row : row.programId ? await reads.getRow(resource("program"), text(row.programId)) : null;
      let coExec: string | null = null;
      if (spec.name !== "direction" && row.directionId) {
        const dir = await reads.getRow(resource("direction"), text(row.directionId));
        coExec = (dir?.coExecutorDepartmentId as string | undefined) ?? null;
      }
      return {
        area: "program",
        municipalityId,
        resource: spec.name,
        responsibleDepartmentId: (program?.responsibleDepartmentId as string | undefined) ?? null,
        directionCoExecutorId: coExec,
      };
    }
  }
}

async function authorizeRow(
  q: Queryable,
  actor: Actor,
  action: Action,
  spec: ResourceSpec,
  row: Row | Record<string, unknown>,
  reads: RowReads = dbReads(q),
) {
  ensure(actor, action, await targetOf(q, spec, row, reads));
}

async function loadOwn(q: Queryable, actor: Actor, spec: ResourceSpec, id: string, lock = false): Promise<Row> {
  const row = lock ? await lockRow(q, spec, id) : await getRow(q, spec, id);
  // a row of another municipality is reported as missing: its existence is not disclosed
  if (!row || row.municipalityId !== actor.municipalityId) throw new NotFoundError(spec.label.ru, id);
  return row;
}

/** Checks every reference field points at a row of the same municipality (and program, where both are in one). */
async function checkReferences(
  reads: RowReads,
  spec: ResourceSpec,
  values: Record<string, unknown>,
  scope: Record<string, unknown>,
): Promise<void> {
  const issues = [];
  for (const f of spec.fields) {
    if (f.type.kind !== "ref") continue;
    const id = values[f.name];
    if (id === undefined || id === null) continue;
    const refSpec = resource(f.type.resource);
    const ref = await reads.getRow(refSpec, text(id));
    const sameProgram =
      refSpec.scope !== "program" || spec.scope !== "program" || refSpec.name === "program" || ref?.programId === scope.programId;
    if (!ref || ref.municipalityId !== scope.municipalityId || !sameProgram) {
      issues.push({ path: f.name, message: `«${f.label.ru}»: запись не найдена`, messageEn: `${f.label.en}: no such record` });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

/** The scope ids a new row inherits from its parent (or the actor's municipality for a root). */
async function scopeForNew(
  reads: RowReads,
  actor: Actor,
  spec: ResourceSpec,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = { municipalityId: actor.municipalityId };
  if (!spec.parent) return scope;
  const parentId = input[spec.parent.field];
  if (typeof parentId !== "string" || !parentId) {
    throw new ValidationError([{ path: spec.parent.field, message: "Не указана родительская запись", messageEn: "Parent is required" }]);
  }
  const parentSpec = resource(spec.parent.resource);
  const parent = await reads.getRow(parentSpec, parentId);
  if (!parent || parent.municipalityId !== actor.municipalityId) {
    throw new ValidationError([
      { path: spec.parent.field, message: `${parentSpec.label.ru}: запись не найдена`, messageEn: `${parentSpec.label.en}: not found` },
    ]);
  }
  scope[spec.parent.field] = parentId;
  for (const col of scopeColumns(spec)) {
    if (col === spec.parent.field) continue;
    const own = { strategyId: "strategy", planId: "actionPlan", programId: "program", directionId: "direction" }[col];
    scope[col] = parentSpec.name === own ? parent.id : parent[col];
  }
  return scope;
}

export async function listResource(ctx: AppContext, caller: Caller, spec: ResourceSpec, where: Record<string, string>): Promise<Row[]> {
  const { actor } = caller;
  // the list is authorized on its scope: read access is the same for every row of one area
  const probe: Record<string, unknown> = { municipalityId: actor.municipalityId, ...where };
  ensure(actor, "read", await targetOf(ctx.db, spec, probe));
  return listRows(ctx.db, spec, { municipalityId: actor.municipalityId, where });
}

export async function getResource(ctx: AppContext, caller: Caller, spec: ResourceSpec, id: string): Promise<Row> {
  const row = await loadOwn(ctx.db, caller.actor, spec, id);
  await authorizeRow(ctx.db, caller.actor, "read", spec, row);
  return row;
}

/**
 * Where the audit entry of a write goes: by default it is appended at once; a long run of writes
 * in one transaction (an import) may collect the entries and append them together at its end.
 */
export type AuditSink = (e: { action: string; objectType: string; objectId: string; before?: unknown; after?: unknown }) => void;

/** A sink that collects the caller's entries, to be appended together (`appendAuditMany`) at the end. */
export function collectAudit(caller: Caller): { entries: AuditEntry[]; sink: AuditSink } {
  const entries: AuditEntry[] = [];
  const sink: AuditSink = (e) => entries.push(auditEntry(caller, caller.actor.municipalityId, e));
  return { entries, sink };
}

/**
 * Every check of a new row — its scope from the parent, permission, field validation, references,
 * the decree's rules, period locks and the change rules of an approved program — without writing
 * it: the row to insert (without its id). `createIn` writes it at once; an import checks all its
 * rows this way first and writes them together (`import/setwise.ts`).
 */
export async function checkCreate(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  input: Record<string, unknown>,
  reads: RowReads = dbReads(q),
): Promise<Record<string, unknown>> {
  const { actor } = caller;
  const scope = await scopeForNew(reads, actor, spec, input);
  const data = { ...input };
  if (spec.parent) delete data[spec.parent.field];
  await authorizeRow(q, actor, "create", spec, { ...scope, ...data }, reads);
  const { value, issues } = validateFields(spec, data, "create");
  const errors = issues.filter((i) => i.severity !== "warning");
  if (errors.length) throw new ValidationError(errors);
  await checkReferences(reads, spec, value, scope);
  await checkRules(q, ctx, spec, { ...scope, ...value }, null, actor, reads);
  return { ...scope, ...value };
}

export async function createIn(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  input: Record<string, unknown>,
  sink?: AuditSink,
): Promise<Row> {
  const row = await insertRow(q, spec, await checkCreate(q, ctx, caller, spec, input));
  const entry = { action: `${spec.name}.create`, objectType: spec.name, objectId: row.id, after: row };
  if (sink) sink(entry);
  else await audit(q, caller, entry);
  return row;
}

/**
 * Every check of a change of the stored row `before` (locked by the caller): permission, field
 * validation, the version, references, permission for the changed row, the decree's rules —
 * without writing it: the validated patch. `updateIn` writes it at once; an import checks all its
 * rows this way first (`import/setwise.ts`).
 */
export async function checkUpdate(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  before: Row,
  version: number,
  patch: Record<string, unknown>,
  reads: RowReads = dbReads(q),
): Promise<Record<string, unknown>> {
  const { actor } = caller;
  await authorizeRow(q, actor, "update", spec, before, reads);
  // bad input is a 400 whatever version it names; a stale version of good input is the conflict (409)
  const { value, issues } = validateFields(spec, patch, "update");
  const errors = issues.filter((i) => i.severity !== "warning");
  if (errors.length) throw new ValidationError(errors);
  if (before.version !== version) {
    throw new ConflictError(`Запись изменена другим пользователем (версия ${before.version}, у вас ${version}). Обновите данные.`, before);
  }
  await checkReferences(reads, spec, value, before);
  // a change of the program's executor must also be allowed for the new one
  await authorizeRow(q, actor, "update", spec, { ...before, ...value }, reads);
  await checkRules(q, ctx, spec, { ...before, ...value }, before, actor, reads);
  return value;
}

export async function updateIn(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  sink?: AuditSink,
): Promise<Row> {
  const before = await loadOwn(q, caller.actor, spec, id, true);
  const value = await checkUpdate(q, ctx, caller, spec, before, version, patch);
  const row = await updateRow(q, spec, id, version, value);
  if (!row) throw new ConflictError("Запись изменена другим пользователем. Обновите данные.", (await getRow(q, spec, id)) ?? undefined);
  const entry = { action: `${spec.name}.update`, objectType: spec.name, objectId: id, before, after: row };
  if (sink) sink(entry);
  else await audit(q, caller, entry);
  return row;
}

export async function deleteIn(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  id: string,
  version: number,
  sink?: AuditSink,
): Promise<void> {
  const { actor } = caller;
  const before = await loadOwn(q, actor, spec, id, true);
  await authorizeRow(q, actor, "delete", spec, before);
  if (before.version !== version) {
    throw new ConflictError(`Запись изменена другим пользователем (версия ${before.version}, у вас ${version}). Обновите данные.`, before);
  }
  await checkRules(q, ctx, spec, null, before, actor);
  if (!(await deleteRow(q, spec, id, version))) throw new ConflictError("Запись изменена другим пользователем. Обновите данные.");
  const entry = { action: `${spec.name}.delete`, objectType: spec.name, objectId: id, before };
  if (sink) sink(entry);
  else await audit(q, caller, entry);
}

export function createResource(ctx: AppContext, caller: Caller, spec: ResourceSpec, input: Record<string, unknown>): Promise<Row> {
  return ctx.db.tx((q) => createIn(cachedReads(q), ctx, caller, spec, input));
}

export function updateResource(
  ctx: AppContext,
  caller: Caller,
  spec: ResourceSpec,
  id: string,
  version: number,
  patch: Record<string, unknown>,
): Promise<Row> {
  return ctx.db.tx(
    async (q) => {
      // the row locked and what its rules read, in one round trip (issue 16, parts 2 and 7): the use
      // case below finds them in the transaction's read cache and checks every rule as it always did
      const reads = cachedReads(q);
      await prefetchRowContext(reads, spec, id, q);
      const { entries, sink } = collectAudit(caller);
      const row = await updateIn(reads, ctx, caller, spec, id, version, patch, sink);
      await auditAndCommit(q, entries);
      return row;
      // BEGIN goes out with the lock and the reads, the COMMIT with the audit entry: 3 round trips
    },
    { beginWithFirst: true },
  );
}

/**
 * The change's audit entry appended with the transaction's COMMIT in one round trip (issue 16,
 * part 7; `appendAuditAndCommit`: the same `audit_append`, the chain's lock held only while
 * PostgreSQL runs it): call it last, with the transaction's own Queryable.
 */
async function auditAndCommit(q: Queryable, entries: AuditEntry[]): Promise<void> {
  const last = entries.pop();
  for (const e of entries) await appendAudit(q, e);
  if (last) await appendAuditAndCommit(q, last);
}

export function deleteResource(ctx: AppContext, caller: Caller, spec: ResourceSpec, id: string, version: number): Promise<void> {
  return ctx.db.tx(
    async (q) => {
      const reads = cachedReads(q);
      await prefetchRowContext(reads, spec, id, q);
      const { entries, sink } = collectAudit(caller);
      await deleteIn(reads, ctx, caller, spec, id, version, sink);
      await auditAndCommit(q, entries);
    },
    { beginWithFirst: true },
  );
}

export type BatchOperation =
  | { op: "create"; resource: string; data: Record<string, unknown> }
  | { op: "update"; resource: string; id: string; version: number; data: Record<string, unknown> }
  | { op: "delete"; resource: string; id: string; version: number };

/**
 * Applies many operations in one transaction (a block pasted from Excel): all of them or none.
 * An error names the operation it came from: `operations[3].data.amount`.
 */
export async function runBatch(ctx: AppContext, caller: Caller, ops: BatchOperation[]): Promise<(Row | null)[]> {
  return ctx.db.tx(async (q) => {
    const results: (Row | null)[] = [];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      try {
        const spec = resource(op.resource);
        if (op.op === "create") results.push(await createIn(q, ctx, caller, spec, op.data));
        else if (op.op === "update") results.push(await updateIn(q, ctx, caller, spec, op.id, op.version, op.data));
        else {
          await deleteIn(q, ctx, caller, spec, op.id, op.version);
          results.push(null);
        }
      } catch (e) {
        if (e instanceof ValidationError) {
          throw new ValidationError(
            e.issues.map((iss) => ({ ...iss, path: `operations[${i}].data.${iss.path}` })),
            `Операция ${i + 1}: ${e.message}`,
          );
        }
        if (e instanceof Error) e.message = `Операция ${i + 1}: ${e.message}`;
        throw e;
      }
    }
    return results;
  });
}
