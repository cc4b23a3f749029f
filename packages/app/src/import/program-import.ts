/**
 * The preview of an import (a dry run rolled back) and its confirmation (all operations in one
 * transaction, or none).
 */
import { createHash } from "node:crypto";
import { appendAuditMany, listRows, sqlStateOf, type Queryable, type Row } from "@orientir/db";
import { ConflictError, ForbiddenError, ValidationError, authorize, resource } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { lookupsOf } from "../documents.ts";
import { programFormData } from "../forms.ts";
import { collectAudit, getResource, targetOf, type AuditSink } from "../resources.ts";
import { loadTree, type TreeNode } from "../trees.ts";
import type { ImportIssueView, ImportPlan, ImportParser, ImportChange, ImportPreview, ImportResult } from "./types.ts";
import { isRef, type Op, arr } from "./differ.ts";
import { diffProgram } from "./diff-program.ts";
import { checkFields, applyOps, where, pathOf } from "./operations.ts";
import { applyOpsSetwise } from "./setwise.ts";

/**
 * How the rows are applied: set-wise (checked in memory by the rules of a single change, written
 * with one statement per table and operation — the default), or each through the use case of a
 * single change (what the set-wise path is compared with in the tests, and its fallback).
 */
export interface ImportOptions {
  oneByOne?: boolean;
  /** Set-wise: rows checked before they are sent to be written (default 1,000; the tests use a few, to write many sets). */
  setRows?: number;
}

/** An error of the database's integrity (class 23: a unique key, a foreign key, a check). */
const isIntegrityError = (e: unknown) => sqlStateOf(e)?.startsWith("23") === true;

/**
 * The operations applied in a transaction of their own (`body` runs after them, in it): set-wise,
 * and should the database refuse a set-wise statement that the rows one by one might not (an
 * order of writes within a table), once more one by one — the same checks, all or nothing either way.
 */
async function inTransaction(
  ctx: AppContext,
  caller: Caller,
  p: Applied,
  collect: ImportIssueView[] | null,
  sink: AuditSink,
  options: ImportOptions,
  body: (q: Queryable) => Promise<void>,
  restart: () => void = () => {},
  dryRun = false,
): Promise<void> {
  const run = (oneByOne: boolean) =>
    ctx.db.tx(async (q) => {
      restart();
      if (oneByOne) await applyOps(q, ctx, caller, p.ops, collect, sink);
      else await applyOpsSetwise(q, ctx, caller, p.programId, p.ops, collect, sink, { dryRun, setRows: options.setRows });
      await body(q);
    });
  if (options.oneByOne) return run(true);
  const mark = collect?.length ?? 0;
  try {
    await run(false);
  } catch (e) {
    if (!isIntegrityError(e)) throw e;
    collect?.splice(mark);
    await run(true);
  }
}

function tokenOf(ops: Op[]): string {
  const h = createHash("sha256");
  for (const op of ops) h.update(JSON.stringify([op.op, op.resource, op.id ?? null, op.version ?? null, op.data]));
  return h.digest("hex").slice(0, 32);
}

function summaryOf(ops: Op[]) {
  return {
    create: ops.filter((o) => o.op === "create").length,
    update: ops.filter((o) => o.op === "update").length,
    delete: ops.filter((o) => o.op === "delete").length,
  };
}

function changesOf(ops: Op[]): ImportChange[] {
  return ops.map((op) => {
    const spec = resource(op.resource);
    const c: ImportChange = { action: op.op, resource: op.resource, what: spec.label.ru, item: op.item };
    if (op.origin) {
      c.sheet = op.origin.sheet;
      c.row = op.origin.row;
      if (op.origin.columns[""]) c.path = op.origin.columns[""];
    }
    if (op.op === "update") {
      c.fields = Object.entries(op.data).map(([k, v]) => ({
        field: k,
        label: spec.fields.find((f) => f.name === k)?.label.ru ?? k,
        before: op.before?.[k] ?? null,
        after: isRef(v) ? "(новая запись)" : v,
      }));
    }
    return c;
  });
}

/** May the caller change anything at all in this program (the rows go through their own checks)? */
async function ensureMayImport(q: Queryable, caller: Caller, program: Row, directions: TreeNode[]): Promise<void> {
  const probes = ["program", "programIndicatorValue", "funding", "budgetExecution", "metricValue"];
  const programSpec = resource("program");
  const base = await targetOf(q, programSpec, program);
  if (base.area !== "program") throw new Error("unreachable");
  for (const r of probes) {
    if (authorize(caller.actor, "update", { ...base, resource: r }).allowed) return;
    for (const d of directions) {
      if (
        authorize(caller.actor, "update", {
          ...base,
          resource: r,
          directionCoExecutorId: (d.coExecutorDepartmentId as string | null) ?? null,
        }).allowed
      )
        return;
    }
  }
  throw new ForbiddenError("нет права изменять эту программу");
}

/** What a transaction applies. */
interface Applied {
  ops: Op[];
  programId: string;
}

interface Prepared extends Applied {
  plan: ImportPlan;
  issues: ImportIssueView[];
}

/**
 * The plans of valid previews, for their confirmations: by the person, the program, the preview's
 * token and the file's key (`ImportParser.fileKey`), so that a confirmation of the same file does
 * not read it again. Used once; a few at a time, for a quarter of an hour. The confirmation still
 * compares the plan with the program as it is then, and the token must match: a program changed
 * since the preview is a conflict either way.
 */
const PLANS = new Map<string, { plan: ImportPlan; expires: number }>();
const PLANS_MAX = 4;
const PLAN_TTL_MS = 15 * 60_000;

const planKey = (caller: Caller, programId: string, token: string, parse: ImportParser) =>
  parse.fileKey ? JSON.stringify([caller.actor.userId, caller.actor.municipalityId, programId, token, parse.fileKey]) : null;

function keepPlan(key: string | null, plan: ImportPlan): void {
  if (!key) return;
  const now = Date.now();
  for (const [k, v] of PLANS) if (v.expires <= now) PLANS.delete(k);
  PLANS.delete(key);
  while (PLANS.size >= PLANS_MAX) PLANS.delete(PLANS.keys().next().value!);
  PLANS.set(key, { plan, expires: now + PLAN_TTL_MS });
}

function takePlan(key: string | null): ImportPlan | undefined {
  if (!key) return undefined;
  const kept = PLANS.get(key);
  PLANS.delete(key);
  return kept && kept.expires > Date.now() ? kept.plan : undefined;
}

async function prepare(ctx: AppContext, caller: Caller, programId: string, parse: ImportParser, kept?: ImportPlan): Promise<Prepared> {
  const data = await programFormData(ctx, caller, programId);
  const program = await getResource(ctx, caller, resource("program"), programId);
  const tree = (await loadTree(ctx.db, "program", program.id, "programId"))!;
  await ensureMayImport(ctx.db, caller, program, arr(tree, "directions"));
  const plan = kept ?? (await parse(data.program, data.context));
  const lookups = await lookupsOf(ctx.db, caller.actor.municipalityId);
  const deptNames = new Map<string, string>();
  // the names of the departments, for matching the co-executors by name
  for (const d of await listRows(ctx.db, resource("department"), { municipalityId: caller.actor.municipalityId }))
    deptNames.set(d.id, String(d.name));
  if (plan.issues.length) return { plan, ops: [], issues: plan.issues, programId: program.id };
  const { ops, issues } = diffProgram(plan, tree, lookups, deptNames);
  return { plan, ops, issues: [...issues, ...checkFields(ops)], programId: program.id };
}

class Rollback extends Error {}

/** What importing the file would create, change and delete, and every error with its cell. Writes nothing. */
export async function previewProgramImport(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  parse: ImportParser,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const p = await prepare(ctx, caller, programId, parse);
  const issues = [...p.issues];
  if (!issues.length && p.ops.length) {
    // a dry run: every operation in the real transaction, then all undone (the audit entries are
    // not formed). Set-wise, every row is checked and every error collected in one run; one by
    // one, a clean run is done, and at the first error the run is repeated with each operation in
    // a savepoint, so that every error is found, not only the first.
    const dryRun = (collect: ImportIssueView[] | null) =>
      inTransaction(
        ctx,
        caller,
        p,
        collect,
        () => {},
        options,
        () => Promise.reject(new Rollback()),
        () => {},
        true,
      ).catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    if (!options.oneByOne) await dryRun(issues);
    else {
      try {
        await dryRun(null);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        await dryRun(issues);
      }
    }
  }
  const token = tokenOf(p.ops);
  if (!issues.length && p.ops.length) keepPlan(planKey(caller, programId, token, parse), p.plan);
  return {
    layout: p.plan.layout,
    valid: issues.length === 0,
    summary: summaryOf(p.ops),
    changes: changesOf(p.ops),
    issues,
    notes: p.plan.notes ?? [],
    token,
  };
}

/**
 * The operations of a confirmation, checked: the file's (or the kept plan's) difference with the
 * program as it is now, without errors and under the preview's token. Only the operations leave
 * this function: the document the file described is let go before the writes.
 */
async function confirmable(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  parse: ImportParser,
  token: string,
): Promise<Applied & { layout: string; summary: ImportResult["summary"] }> {
  // the plan of this file's preview, if it is kept (the file is then not read again)
  const p = await prepare(ctx, caller, programId, parse, takePlan(planKey(caller, programId, token, parse)));
  if (p.issues.length) {
    throw new ValidationError(
      p.issues.map((i) => ({ path: pathOf(i), message: `${where(i)}${i.reason}`, messageEn: i.reason })),
      `Файл содержит ошибки (${p.issues.length}); ничего не записано`,
    );
  }
  if (tokenOf(p.ops) !== token) {
    throw new ConflictError("Файл или программа изменились после предварительного просмотра: просмотрите импорт снова");
  }
  return { ops: p.ops, programId: p.programId, layout: p.plan.layout, summary: summaryOf(p.ops) };
}

/**
 * Applies the import previewed under `token`: all operations in one transaction, or none. If the
 * file or the program changed since the preview, the token no longer matches and nothing is done.
 */
export async function confirmProgramImport(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  parse: ImportParser,
  token: string,
  filename?: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const p = await confirmable(ctx, caller, programId, parse, token);
  const { layout, summary } = p;
  if (!p.ops.length) return { layout, summary };
  // every row's audit entry, as a single change would write it, appended together at the end
  const { entries, sink } = collectAudit(caller);
  await inTransaction(
    ctx,
    caller,
    p,
    null,
    sink,
    options,
    async (q) => {
      await appendAuditMany(q, entries);
      await audit(q, caller, {
        action: "program.import",
        objectType: "program",
        objectId: p.programId,
        after: { layout, filename: filename ?? null, ...summary },
      });
    },
    () => (entries.length = 0),
  );
  return { layout, summary };
}
