/**
 * Withdrawing an amendment gives the program's rows the content of the version in force back.
 */
import { appendAuditMany, listRows, type Queryable } from "@orientir/db";
import { ValidationError, resource, type ProgramDocument } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { lookupsOf } from "../documents.ts";
import { collectAudit } from "../resources.ts";
import { loadTree } from "../trees.ts";
import type { ImportPlan } from "./types.ts";
import { diffProgram } from "./diff-program.ts";
import { applyOps } from "./operations.ts";

/** What a withdrawn amendment gives back: every resource of the program's content (the budget figures are the record of execution). */
const RESTORED_RESOURCES = [
  "program",
  "programCoExecutor",
  "programGoal",
  "programStage",
  "programIndicator",
  "programIndicatorValue",
  "direction",
  "structuralElement",
  "elementTask",
  "elementActivity",
  "metric",
  "metricValue",
  "metricMonth",
  "checkpoint",
  "funding",
];

/**
 * Makes the program's rows say `document` (the version in force, with the live record of
 * execution, `withRecordOf`): the working copy of a withdrawn amendment is dropped. Each row
 * through the same use case as a single change, in the caller's transaction; answers the number of
 * rows written.
 */
export async function restoreProgramContent(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  programId: string,
  document: ProgramDocument,
): Promise<number> {
  const tree = await loadTree(q, "program", programId, "programId");
  if (!tree) return 0;
  const lookups = await lookupsOf(q, caller.actor.municipalityId);
  const deptNames = new Map<string, string>();
  for (const d of await listRows(q, resource("department"), { municipalityId: caller.actor.municipalityId }))
    deptNames.set(d.id, String(d.name));
  const plan: ImportPlan = {
    layout: "version",
    document,
    present: RESTORED_RESOURCES,
    deleteMissing: true,
    origins: new Map(),
    issues: [],
  };
  const { ops, issues } = diffProgram(plan, tree, lookups, deptNames);
  if (issues.length)
    throw new ValidationError(
      issues.map((i) => ({ path: i.column || "document", message: i.reason, messageEn: i.reason })),
      `Действующую редакцию не удалось восстановить: ${issues[0]!.reason}`,
    );
  const { entries, sink } = collectAudit(caller);
  await applyOps(q, ctx, caller, ops, null, sink);
  await appendAuditMany(q, entries);
  return ops.length;
}
