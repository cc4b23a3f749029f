/**
 * Where a draft is on its way (issue 13, part 6): the states a flow passes through in order, each
 * done, current or still ahead, and who holds the draft at each — its preparer, a reviewer, the
 * one who approves it, the one who publishes it. A rework is shown on its review's step.
 */
import type { Role } from "../model/enums.ts";
import { FLOW_STAGES, PREPARER_ROLES, REVIEWER_ROLES, stageOfState, type Flow, type WorkflowState } from "./definition.ts";
import { contextOf } from "./engine.ts";

export type StepStatus = "done" | "current" | "upcoming";

/** Who holds the draft at a step: the role and, for the preparer's and publisher's steps, the department's side of it. */
export type StepHolder = "preparer" | "reviewer" | "approver" | "publisher" | "none";

export interface StepperStep {
  state: WorkflowState;
  status: StepStatus;
  /** The draft is back with its preparer after a negative conclusion of this step's review. */
  rework: boolean;
  /** Passed on by the reviewer's positive conclusion, it waits for the executor to hand it over (220-п 4.9, 4.13). */
  awaitingHandOver: boolean;
  holder: StepHolder;
  /** The role that holds the draft now at this step (the preparer during a rework or before a hand-over). */
  role: Role | null;
}

/** The states of a flow in order, with the public discussion where it is required. */
export function workflowPath(flow: Flow, discussionRequired: boolean): WorkflowState[] {
  return [
    "draft",
    ...(flow === "program" && discussionRequired ? (["discussion"] as const) : []),
    ...FLOW_STAGES[flow].map((s) => `${s}Review` as const),
    "approval",
    "approved",
    "published",
  ];
}

/** The role that approves (head of the city; a co-executor approves their direction's order) and that publishes. */
const APPROVER: Record<Flow, Role> = { program: "head", directionOrder: "coexecutor" };

/** The stepper of a workflow in a state; a withdrawn draft shows the path with nothing current. */
export function workflowStepper(
  flow: Flow,
  discussionRequired: boolean,
  state: WorkflowState,
  dueClause: string | null = null,
): StepperStep[] {
  const path = workflowPath(flow, discussionRequired);
  const stage = stageOfState(state);
  const onPath: WorkflowState | null = state === "cancelled" ? null : stage ? `${stage}Review` : state;
  const at = onPath ? path.indexOf(onPath) : -1;
  const handOver = contextOf({ flow, state, dueClause, discussionRequired }).awaitingHandOver === true;
  const preparer = PREPARER_ROLES[flow][0] ?? null;
  return path.map((s, i) => {
    const status: StepStatus = at < 0 ? "upcoming" : i < at ? "done" : i === at ? (s === "published" ? "done" : "current") : "upcoming";
    const rework = status === "current" && state.endsWith("Rework");
    const awaitingHandOver = status === "current" && handOver;
    const reviewStage = stageOfState(s);
    const holder: StepHolder =
      s === "draft" || s === "discussion"
        ? "preparer"
        : reviewStage
          ? "reviewer"
          : s === "approval"
            ? "approver"
            : s === "approved"
              ? "publisher"
              : "none";
    const role: Role | null =
      rework || awaitingHandOver
        ? preparer
        : holder === "preparer"
          ? preparer
          : holder === "reviewer"
            ? REVIEWER_ROLES[reviewStage!]
            : holder === "approver"
              ? APPROVER[flow]
              : holder === "publisher"
                ? preparer
                : null;
    return { state: s, status, rework, awaitingHandOver, holder, role };
  });
}
