/**
 * The checks of the operations and their application through the same use cases as a single
 * change, with each error at its cell.
 */
import { cachedReads, withSavepoint, type Queryable } from "@orientir/db";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
  resource,
  validateFields,
  type ResourceSpec,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { createIn, deleteIn, updateIn, type AuditSink } from "../resources.ts";
import type { ImportIssueView } from "./types.ts";
import { isRef, type Op } from "./differ.ts";

function columnOf(op: Op, path: string): string {
  const field = path.split(".").pop() ?? path;
  const docField = op.fieldOf?.[field] ?? field;
  return op.origin?.columns[docField] ?? op.origin?.columns[""] ?? "";
}

export function issuesOfError(op: Op, e: unknown): ImportIssueView[] {
  const at = (path: string, reason: string): ImportIssueView => ({
    sheet: op.origin?.sheet ?? "",
    row: op.origin?.row ?? 0,
    column: columnOf(op, path),
    reason: `${op.item}: ${reason}`,
  });
  if (e instanceof ValidationError || e instanceof RuleError) {
    return e.issues.length ? e.issues.map((i) => at(i.path, i.message)) : [at("", e.message)];
  }
  if (e instanceof ForbiddenError || e instanceof ConflictError || e instanceof NotFoundError) return [at("", e.message)];
  throw e;
}

/** The field checks of the domain on every operation, before the database sees any. */
export function checkFields(ops: Op[]): ImportIssueView[] {
  const out: ImportIssueView[] = [];
  for (const op of ops) {
    if (op.op === "delete") continue;
    const spec = resource(op.resource);
    const data = Object.fromEntries(Object.entries(op.data).filter(([k, v]) => !isRef(v) && k !== spec.parent?.field));
    const { issues } = validateFields(spec, data, op.op);
    const errors = issues.filter((i) => i.severity !== "warning");
    if (errors.length) out.push(...issuesOfError(op, new ValidationError(errors)));
  }
  return out;
}

/**
 * Applies the operations in the transaction. With `collect`, each runs in a savepoint and its
 * error is collected (the operations that depend on a failed create are skipped); without, the
 * first error is thrown.
 */
export async function applyOps(
  tx: Queryable,
  ctx: AppContext,
  caller: Caller,
  ops: Op[],
  collect: ImportIssueView[] | null,
  sink: AuditSink,
): Promise<void> {
  // thousands of rows ask for the same program, direction, locks and versions: asked once each
  const q = cachedReads(tx);
  const ids: (string | null)[] = [];
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
    if (blocked) {
      ids[i] = null;
      continue;
    }
    const spec: ResourceSpec = resource(op.resource);
    const run = async () => {
      if (op.op === "create") return (await createIn(q, ctx, caller, spec, data, sink)).id;
      if (op.op === "update") return (await updateIn(q, ctx, caller, spec, op.id!, op.version!, data, sink)).id;
      await deleteIn(q, ctx, caller, spec, op.id!, op.version!, sink);
      return null;
    };
    if (!collect) {
      try {
        ids[i] = await run();
      } catch (e) {
        const issues = issuesOfError(op, e);
        throw new ValidationError(
          issues.map((x) => ({ path: pathOf(x), message: x.reason, messageEn: x.reason })),
          issues[0] ? `${where(issues[0])}${issues[0].reason}` : undefined,
        );
      }
      continue;
    }
    try {
      ids[i] = await withSavepoint(q, run);
    } catch (e) {
      collect.push(...issuesOfError(op, e));
      ids[i] = null;
    }
  }
}

/** A JSON file has no sheets: its "column" is the JSON path. */
const isJson = (i: ImportIssueView) => i.sheet === "JSON" && !i.row;
export const where = (i: ImportIssueView) =>
  isJson(i)
    ? i.column
      ? `${i.column}: `
      : ""
    : i.sheet
      ? `лист «${i.sheet}»${i.row ? `, строка ${i.row}` : ""}${i.column ? `, столбец ${i.column}` : ""}: `
      : "";
export const pathOf = (i: ImportIssueView) => (isJson(i) ? i.column : `${i.sheet}!${i.column}${i.row}`);
