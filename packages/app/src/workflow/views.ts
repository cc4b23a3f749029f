/**
 * What the workflow use cases answer: a version, a workflow with its stage, history, conclusions
 * and the caller's actions.
 */
import {
  fullNamesOf,
  getVersion,
  listWorkflowConclusions,
  membersOfMunicipality,
  listWorkflowTransitions,
  type InstanceRecord,
  type ListedVersion,
  type Queryable,
} from "@orientir/db";
import type { ProgramVersion, WorkflowView } from "@orientir/contracts";
import {
  NotFoundError,
  ROLE_LABELS,
  WORKFLOW_ACTIONS,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATES,
  WORKFLOW_STATE_LABELS,
  applicableLegalDeadlines,
  authorize,
  availableActions,
  contextOf,
  isOverdue,
  workflowStepper,
  type Actor,
  type IsoDate,
} from "@orientir/domain";
import { oneOf, text, textOrNull } from "../row-values.ts";
import { ownProgram, workflowTarget, directionCoExecutorOf, type WorkflowProgram } from "./shared.ts";

/** A version of a program as the API shows it, with its workflow's state. */
export function versionView(
  v: ListedVersion,
  instance: Pick<InstanceRecord, "id" | "state"> | null,
  names?: Map<string, string>,
): ProgramVersion {
  return {
    id: v.id,
    programId: v.programId,
    flow: v.flow,
    directionCode: v.directionCode,
    directionName: v.directionName,
    number: v.number,
    kind: v.kind,
    status: v.status,
    basedOnId: v.basedOnId,
    decreeNumber: v.decreeNumber,
    decreeDate: v.decreeDate,
    approvedAt: v.approvedAt,
    approvedByLogin: v.approvedByLogin,
    createdByLogin: v.createdByLogin,
    ...(names
      ? {
          approvedByName: (v.approvedBy ? names.get(v.approvedBy) : undefined) ?? v.approvedByLogin,
          createdByName: (v.createdBy ? names.get(v.createdBy) : undefined) ?? v.createdByLogin,
        }
      : {}),
    createdAt: v.createdAt,
    version: v.version,
    workflowId: instance?.id ?? null,
    state: instance?.state ?? null,
  };
}

/** Where a workflow stands: its state, since when, the term of the stage and whether it has passed. */
export type WorkflowStage = Pick<WorkflowView, "state" | "stateLabel" | "since" | "dueDate" | "dueClause" | "overdue">;

/** What the actor may do on the instance now: the table's actions, narrowed by the permissions. */
export function actionsFor(
  actor: Actor,
  program: WorkflowProgram,
  i: InstanceRecord,
  coExecutorId: string | null,
): WorkflowView["actions"] {
  const ctx = contextOf({ flow: i.flow, state: i.state, dueClause: i.dueClause, discussionRequired: i.discussionRequired });
  return availableActions(i.flow, i.state, actor.role, ctx)
    .filter((t) => authorize(actor, "update", workflowTarget(program, i.flow, coExecutorId, t.action)).allowed)
    .map((t) => ({ action: t.action, label: WORKFLOW_ACTION_LABELS[t.action].ru, requires: [...(t.requires ?? [])] }));
}

/** The stage of a workflow instance row as of today. */
export function stageOf(instance: InstanceRecord, today: IsoDate): WorkflowStage {
  const dueDate = instance.dueDate;
  return {
    state: instance.state,
    stateLabel: WORKFLOW_STATE_LABELS[instance.state].ru,
    since: instance.since,
    dueDate,
    dueClause: instance.dueClause,
    overdue: isOverdue({ dueDate }, today),
  };
}

export async function buildView(q: Queryable, actor: Actor, instance: InstanceRecord, today: IsoDate): Promise<WorkflowView> {
  const program = await ownProgram(q, actor, instance.programId);
  const v = await getVersion(q, instance.programVersionId);
  if (!v) throw new NotFoundError("Редакция программы", instance.programVersionId);
  const coExecutorId = await directionCoExecutorOf(q, instance);
  const transitions = await listWorkflowTransitions(q, instance.id);
  const conclusions = await listWorkflowConclusions(q, instance.id);
  const names = await fullNamesOf(q, [...transitions.map((t) => t.actorId), ...conclusions.map((c) => c.authorId)]);
  const seqOf = new Map(transitions.map((t) => [t.id, t.seq]));
  // the answers to a negative conclusion's remarks: those of the draft's next resubmission
  const answersOf = (transitionId: string): string[] | null => {
    const seq = seqOf.get(transitionId) ?? Infinity;
    const next = transitions.find((t) => t.seq > seq && t.action === "resubmit");
    const a = next && isRecord(next.payload) ? next.payload.answers : undefined;
    return Array.isArray(a) ? a.map((x) => (typeof x === "string" ? x : "")) : null;
  };
  const preparerDepartment = instance.flow === "directionOrder" ? coExecutorId : textOrNull(program.responsibleDepartmentId);
  const members = await membersOfMunicipality(q, instance.municipalityId);
  const steps = workflowStepper(instance.flow, instance.discussionRequired, instance.state, instance.dueClause);
  const stepper: WorkflowView["stepper"] = steps.map((st) => {
    const byDepartment = st.role === "executor" || st.role === "coexecutor";
    const people =
      st.status === "current" && st.role
        ? members.filter((m) => m.role === st.role && (!byDepartment || m.departmentId === preparerDepartment)).map((m) => m.fullName)
        : [];
    const reached =
      st.state === "draft"
        ? instance.state === "draft"
          ? instance.since
          : v.createdAt.slice(0, 10)
        : ([...transitions]
            .reverse()
            .find((t) => t.toState === st.state || (st.state.endsWith("Review") && t.toState === st.state.replace("Review", "Rework")))
            ?.onDate ?? null);
    return {
      state: st.state,
      label: WORKFLOW_STATE_LABELS[st.state].ru,
      status: st.status,
      rework: st.rework,
      awaitingHandOver: st.awaitingHandOver,
      role: st.role,
      roleLabel: st.role ? ROLE_LABELS[st.role].ru : null,
      people,
      reachedOn: st.status === "upcoming" ? null : reached,
      dueDate: st.status === "current" ? instance.dueDate : null,
    };
  });
  return {
    id: instance.id,
    programId: program.id,
    programCode: text(program.code),
    programName: text(program.name),
    flow: instance.flow,
    kind: instance.kind,
    directionId: instance.directionId,
    directionCode: v.directionCode,
    directionName: v.directionName,
    discussionRequired: instance.discussionRequired,
    ...stageOf(instance, today),
    discussion: discussionOf(instance.discussion),
    version: instance.version,
    programVersion: versionView(v, instance, await fullNamesOf(q, [v.createdBy, v.approvedBy])),
    history: transitions.map((t) => ({
      seq: t.seq,
      at: t.at,
      onDate: t.onDate,
      actorLogin: t.actorLogin,
      actorName: (t.actorId ? names.get(t.actorId) : undefined) ?? t.actorLogin,
      role: t.role,
      action: oneOf(WORKFLOW_ACTIONS, t.action, "workflow_transition.action"),
      actionLabel: WORKFLOW_ACTION_LABELS[oneOf(WORKFLOW_ACTIONS, t.action, "workflow_transition.action")].ru,
      from: oneOf(WORKFLOW_STATES, t.fromState, "workflow_transition.from_state"),
      to: oneOf(WORKFLOW_STATES, t.toState, "workflow_transition.to_state"),
      dueDate: t.dueDate,
      payload: isRecord(t.payload) ? t.payload : {},
    })),
    conclusions: conclusions.map((c) => ({
      id: c.id,
      stage: c.stage,
      result: c.result,
      document: c.document,
      date: c.conclusionDate,
      remarks: Array.isArray(c.remarks) ? c.remarks.filter((r): r is string => typeof r === "string") : [],
      authorLogin: c.authorLogin,
      authorName: (c.authorId ? names.get(c.authorId) : undefined) ?? c.authorLogin,
      answers: c.result === "negative" ? answersOf(c.transitionId) : null,
    })),
    stepper,
    actions: actionsFor(actor, program, instance, coExecutorId),
    legalDeadlines: applicableLegalDeadlines(instance.flow, instance.kind, today),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The discussion stored with a workflow (jsonb written by the discussion step): its period and protocol. */
function discussionOf(v: unknown): WorkflowView["discussion"] {
  if (!isRecord(v) || !isRecord(v.period)) return null;
  const { from, to } = v.period;
  if (typeof from !== "string" || typeof to !== "string") return null;
  const p = isRecord(v.protocol) && typeof v.protocol.date === "string" ? v.protocol : null;
  const protocol = p
    ? {
        date: text(p.date),
        ...(p.number !== undefined ? { number: textOrNull(p.number) } : {}),
        ...(p.document !== undefined ? { document: textOrNull(p.document) } : {}),
      }
    : undefined;
  return { period: { from, to }, ...(protocol ? { protocol } : {}) };
}
