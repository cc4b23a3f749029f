/**
 * Reading workflows: one workflow, what waits for the caller, the workflows of a program.
 */
import { listInstances } from "@orientir/db";
import { applicableLegalDeadlines, ensure } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { todayOf } from "../change-rules.ts";
import { ownProgram, workflowTarget, directionCoExecutorOf, loadInstance } from "./shared.ts";
import type { WorkflowQueue, WorkflowQueueItem, WorkflowView } from "@orientir/contracts";
import { actionsFor, stageOf, buildView } from "./views.ts";

export async function getWorkflow(ctx: AppContext, caller: Caller, instanceId: string): Promise<WorkflowView> {
  const q = ctx.db;
  const i = await loadInstance(q, caller.actor, instanceId);
  const program = await ownProgram(q, caller.actor, i.programId);
  ensure(caller.actor, "read", workflowTarget(program, i.flow, await directionCoExecutorOf(q, i)));
  return buildView(q, caller.actor, i, await todayOf(q, ctx, caller.actor.municipalityId));
}

/**
 * What waits for the caller: every open draft where they may take a step now (a reviewer's
 * reviews, an executor's drafts and reworks, the head's approvals), soonest due first; with the
 * legal dates of the year that apply.
 */
export async function workflowQueue(ctx: AppContext, caller: Caller): Promise<WorkflowQueue> {
  const { actor } = caller;
  const q = ctx.db;
  ensure(actor, "read", {
    area: "workflow",
    municipalityId: actor.municipalityId,
    flow: "program",
    responsibleDepartmentId: null,
    directionCoExecutorId: null,
  });
  const today = await todayOf(q, ctx, actor.municipalityId);
  const items: WorkflowQueueItem[] = [];
  for (const i of await listInstances(q, { municipalityId: actor.municipalityId, openOnly: true })) {
    const program = { municipalityId: i.municipalityId, responsibleDepartmentId: i.responsibleDepartmentId };
    const actions = actionsFor(actor, program, i, i.coExecutorDepartmentId).map((a) => a.action);
    if (actions.length === 0) continue;
    items.push({
      workflowId: i.id,
      programId: i.programId,
      programCode: i.programCode,
      programName: i.programName,
      flow: i.flow,
      kind: i.kind,
      directionCode: i.directionCode,
      versionNumber: i.versionNumber,
      ...stageOf(i, today),
      actions,
      version: i.version,
    });
  }
  items.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.programCode.localeCompare(b.programCode));
  const legal = [...applicableLegalDeadlines("program", "program", today), ...applicableLegalDeadlines("program", "amendment", today)];
  const seen = new Set<string>();
  return { today, items, legalDeadlines: legal.filter((d) => (seen.has(d.key) ? false : (seen.add(d.key), true))) };
}

/** The workflows of one program (open and past), newest first. */
export async function programWorkflows(ctx: AppContext, caller: Caller, programId: string): Promise<WorkflowView[]> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const today = await todayOf(q, ctx, caller.actor.municipalityId);
  const rows = await listInstances(q, { municipalityId: caller.actor.municipalityId, programId });
  const views: WorkflowView[] = [];
  for (const r of rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) views.push(await buildView(q, caller.actor, r, today));
  return views;
}
