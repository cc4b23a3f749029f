/**
 * What the workflow use cases answer: a version, a workflow with its stage, history, conclusions
 * and the caller's actions.
 */
import { getVersion, listWorkflowConclusions, listWorkflowTransitions, type Queryable, type Row } from "@orientir/db";
import {
  NotFoundError,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATE_LABELS,
  applicableLegalDeadlines,
  authorize,
  availableActions,
  contextOf,
  isOverdue,
  type Actor,
  type ApplicableDeadline,
  type Flow,
  type IsoDate,
  type Requirement,
  type ReviewStage,
  type WorkflowAction,
  type WorkflowKind,
  type WorkflowState,
} from "@orientir/domain";
import { ownProgram, workflowTarget, directionCoExecutorOf } from "./shared.ts";

export interface VersionView {
  id: string;
  programId: string;
  flow: Flow;
  directionCode: string | null;
  directionName: string | null;
  number: number;
  kind: WorkflowKind;
  status: "draft" | "approved" | "cancelled";
  basedOnId: string | null;
  decreeNumber: string | null;
  decreeDate: string | null;
  approvedAt: string | null;
  approvedByLogin: string | null;
  createdByLogin: string | null;
  createdAt: string;
  version: number;
  /** Its workflow: state and due date (none for a version registered as in force). */
  workflowId: string | null;
  state: WorkflowState | null;
}

export function versionView(v: Row, instance: Row | null): VersionView {
  return {
    id: v.id,
    programId: String(v.programId),
    flow: v.flow as Flow,
    directionCode: (v.directionCode as string | null) ?? null,
    directionName: (v.directionName as string | null) ?? null,
    number: Number(v.number),
    kind: v.kind as WorkflowKind,
    status: v.status as VersionView["status"],
    basedOnId: (v.basedOnId as string | null) ?? null,
    decreeNumber: (v.decreeNumber as string | null) ?? null,
    decreeDate: (v.decreeDate as string | null) ?? null,
    approvedAt: (v.approvedAt as string | null) ?? null,
    approvedByLogin: (v.approvedByLogin as string | null) ?? null,
    createdByLogin: (v.createdByLogin as string | null) ?? null,
    createdAt: String(v.createdAt),
    version: v.version,
    workflowId: instance?.id ?? null,
    state: (instance?.state as WorkflowState | undefined) ?? null,
  };
}

/** Where a workflow stands: its state, since when, the term of the stage and whether it has passed. */
export interface WorkflowStage {
  state: WorkflowState;
  stateLabel: string;
  since: string;
  dueDate: string | null;
  dueClause: string | null;
  overdue: boolean;
}

export interface WorkflowView extends WorkflowStage {
  id: string;
  programId: string;
  programCode: string;
  programName: string;
  flow: Flow;
  kind: WorkflowKind;
  directionId: string | null;
  directionCode: string | null;
  directionName: string | null;
  discussionRequired: boolean;
  discussion: { period: { from: string; to: string }; protocol?: { date: string; number?: string | null; document?: string | null } } | null;
  /** The row version: send it back with the next step. */
  version: number;
  programVersion: VersionView;
  history: {
    seq: number;
    at: string;
    onDate: string;
    actorLogin: string | null;
    role: string;
    action: WorkflowAction;
    actionLabel: string;
    from: WorkflowState;
    to: WorkflowState;
    dueDate: string | null;
    payload: Record<string, unknown>;
  }[];
  conclusions: { id: string; stage: ReviewStage; result: "positive" | "negative"; document: string; date: string; remarks: string[]; authorLogin: string | null }[];
  /** What the caller may do now, and what each step needs. */
  actions: { action: WorkflowAction; label: string; requires: Requirement[] }[];
  legalDeadlines: ApplicableDeadline[];
}

/** What the actor may do on the instance now: the table's actions, narrowed by the permissions. */
export function actionsFor(actor: Actor, program: Row, i: Row, coExecutorId: string | null): WorkflowView["actions"] {
  const ctx = contextOf({ flow: i.flow as Flow, state: i.state as WorkflowState, dueClause: (i.dueClause as string | null) ?? null, discussionRequired: Boolean(i.discussionRequired) });
  return availableActions(i.flow as Flow, i.state as WorkflowState, actor.role, ctx)
    .filter((t) => authorize(actor, "update", workflowTarget(program, i.flow as Flow, coExecutorId, t.action)).allowed)
    .map((t) => ({ action: t.action, label: WORKFLOW_ACTION_LABELS[t.action].ru, requires: [...(t.requires ?? [])] }));
}

/** The stage of a workflow instance row as of today. */
export function stageOf(instance: Row, today: IsoDate): WorkflowStage {
  const dueDate = (instance.dueDate as string | null) ?? null;
  return {
    state: instance.state as WorkflowState,
    stateLabel: WORKFLOW_STATE_LABELS[instance.state as WorkflowState].ru,
    since: String(instance.since),
    dueDate,
    dueClause: (instance.dueClause as string | null) ?? null,
    overdue: isOverdue({ dueDate }, today),
  };
}

export async function buildView(q: Queryable, actor: Actor, instance: Row, today: IsoDate): Promise<WorkflowView> {
  const program = await ownProgram(q, actor, String(instance.programId));
  const v = await getVersion(q, String(instance.programVersionId));
  if (!v) throw new NotFoundError("Редакция программы", String(instance.programVersionId));
  const coExecutorId = await directionCoExecutorOf(q, instance);
  const transitions = await listWorkflowTransitions(q, instance.id);
  const conclusions = await listWorkflowConclusions(q, instance.id);
  return {
    id: instance.id,
    programId: program.id,
    programCode: String(program.code),
    programName: String(program.name),
    flow: instance.flow as Flow,
    kind: instance.kind as WorkflowKind,
    directionId: (instance.directionId as string | null) ?? null,
    directionCode: (v.directionCode) ?? null,
    directionName: (v.directionName) ?? null,
    discussionRequired: Boolean(instance.discussionRequired),
    ...stageOf(instance, today),
    discussion: (instance.discussion as WorkflowView["discussion"]) ?? null,
    version: instance.version,
    programVersion: versionView(v, instance),
    history: transitions.map((t) => ({
      seq: Number(t.seq),
      at: String(t.at),
      onDate: String(t.onDate),
      actorLogin: (t.actorLogin) ?? null,
      role: String(t.role),
      action: t.action as WorkflowAction,
      actionLabel: WORKFLOW_ACTION_LABELS[t.action as WorkflowAction]?.ru ?? String(t.action),
      from: t.fromState as WorkflowState,
      to: t.toState as WorkflowState,
      dueDate: (t.dueDate) ?? null,
      payload: (t.payload as Record<string, unknown>) ?? {},
    })),
    conclusions: conclusions.map((c) => ({
      id: c.id,
      stage: c.stage,
      result: c.result,
      document: String(c.document),
      date: String(c.conclusionDate),
      remarks: (c.remarks as string[]) ?? [],
      authorLogin: (c.authorLogin) ?? null,
    })),
    actions: actionsFor(actor, program, instance, coExecutorId),
    legalDeadlines: applicableLegalDeadlines(instance.flow as Flow, instance.kind as WorkflowKind, today),
  };
}
