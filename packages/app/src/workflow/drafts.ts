/**
 * Starting a draft (a new program, an amendment, a direction's order) and registering the version
 * already in force.
 */
import {
  getRow,
  insertVersion,
  insertInstance,
  instanceOfVersion,
  lastApprovedVersion,
  listVersions,
  setProgramStatus,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  ensure,
  resource,
  type Flow,
  type WorkflowKind,
  isBlankText,
  trimText,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { todayOf } from "../change-rules.ts";
import { ownProgram, workflowTarget, liveDocument } from "./shared.ts";
import type { ProgramVersion, WorkflowView } from "@orientir/contracts";
import { versionView, buildView } from "./views.ts";

async function start(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  program: Row,
  flow: Flow,
  direction: Row | null,
  discussionRequired: boolean,
): Promise<WorkflowView> {
  const { actor } = caller;
  const today = await todayOf(q, ctx, actor.municipalityId);
  const directionCode = direction ? String(direction.code) : null;
  const base = await lastApprovedVersion(q, program.id, flow, directionCode);
  const kind: WorkflowKind = base ? "amendment" : "program";
  const drafts = (await listVersions(q, program.id, { flow, directionCode })).filter((v) => v.status === "draft");
  if (drafts.length > 0) {
    throw new ConflictError(
      `Уже есть проект (редакция ${drafts[0]!.number}): доведите его до утверждения или отзовите`,
      versionView(drafts[0]!, await instanceOfVersion(q, drafts[0]!.id)),
    );
  }
  const v = await insertVersion(q, {
    municipalityId: actor.municipalityId,
    programId: program.id,
    flow,
    directionCode,
    directionName: direction ? String(direction.name) : null,
    kind,
    basedOnId: base?.id ?? null,
    createdBy: actor.userId,
    createdByLogin: actor.login,
  });
  const instance = await insertInstance(q, {
    municipalityId: actor.municipalityId,
    programId: program.id,
    programVersionId: v.id,
    flow,
    kind,
    directionId: direction?.id ?? null,
    // 4.5: a new program always; an amendment only when it sets the list of territories to improve
    discussionRequired: flow === "program" && (kind === "program" || discussionRequired),
    state: "draft",
    since: today,
    createdBy: actor.userId,
  });
  if (flow === "program") await setProgramStatus(q, program.id, "draft");
  await audit(q, caller, {
    action: "workflow.start",
    objectType: "workflowInstance",
    objectId: instance.id,
    after: {
      programId: program.id,
      programVersionId: v.id,
      number: v.number,
      flow,
      kind,
      directionCode,
      state: "draft",
      basedOn: base?.number ?? null,
    },
  });
  return buildView(q, actor, instance, today);
}

/** Starts the draft of a new program, or of an amendment from the last approved version. */
export async function startProgramDraft(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  input: { discussionRequired?: boolean } = {},
): Promise<WorkflowView> {
  return ctx.db.tx(async (q) => {
    const program = await ownProgram(q, caller.actor, programId);
    ensure(caller.actor, "create", workflowTarget(program, "program", null));
    return start(q, ctx, caller, program, "program", null, input.discussionRequired === true);
  });
}

/** Starts the co-executor's order approving a direction (or changes to it). */
export async function startDirectionOrder(ctx: AppContext, caller: Caller, directionId: string): Promise<WorkflowView> {
  return ctx.db.tx(async (q) => {
    const direction = await getRow(q, resource("direction"), directionId);
    if (!direction || direction.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("Направление", directionId);
    const program = await ownProgram(q, caller.actor, String(direction.programId));
    ensure(caller.actor, "create", workflowTarget(program, "directionOrder", (direction.coExecutorDepartmentId as string | null) ?? null));
    return start(q, ctx, caller, program, "directionOrder", direction, false);
  });
}

/**
 * Records the version already in force of a program approved before it was kept here: a
 * snapshot of its rows as approved by the given decree. Only for a program with no versions.
 */
export async function registerVersionInForce(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  input: { decreeNumber: string; decreeDate: string },
): Promise<ProgramVersion> {
  return ctx.db.tx(async (q) => {
    const { actor } = caller;
    const program = await ownProgram(q, actor, programId);
    ensure(actor, "create", workflowTarget(program, "program", null, "register"));
    const today = await todayOf(q, ctx, actor.municipalityId);
    const issues = [];
    if (isBlankText(input.decreeNumber)) issues.push({ path: "decreeNumber", message: "Укажите номер постановления" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.decreeDate) || input.decreeDate > today) {
      issues.push({ path: "decreeDate", message: "Дата постановления — ГГГГ-ММ-ДД, не позднее сегодняшнего дня" });
    }
    if (issues.length) throw new ValidationError(issues);
    if ((await listVersions(q, programId, { flow: "program" })).length > 0) {
      throw new ConflictError("У программы уже есть редакции: действующая редакция меняется только утверждением изменений");
    }
    const document = await liveDocument(q, programId, "program", null);
    const v = await insertVersion(q, {
      municipalityId: actor.municipalityId,
      programId,
      flow: "program",
      directionCode: null,
      directionName: null,
      kind: "program",
      basedOnId: null,
      createdBy: actor.userId,
      createdByLogin: actor.login,
      approved: {
        document,
        decreeNumber: trimText(input.decreeNumber),
        decreeDate: input.decreeDate,
        approvedAt: ctx.now().toISOString(),
        approvedBy: actor.userId,
        approvedByLogin: actor.login,
      },
    });
    await setProgramStatus(q, programId, "approved");
    await audit(q, caller, {
      action: "programVersion.register",
      objectType: "programVersion",
      objectId: v.id,
      after: { programId, number: v.number, decreeNumber: v.decreeNumber, decreeDate: v.decreeDate },
    });
    return versionView(v, null);
  });
}
