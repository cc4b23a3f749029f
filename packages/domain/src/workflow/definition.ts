/**
 * The approval workflow of a municipal program and of an amendment to it, as data
 * (decree 220-п, section 4). One table of transitions drives both the list of actions a user sees
 * and the checks made when an action is applied.
 *
 * The path of a draft: draft → (public discussion, 4.5) → review by the economy department (4.8,
 * 5 working days) → review by the finance department (4.10, 5 working days) → review by the audit
 * chamber (4.13) → approval by a decree of the administration (4.14) → approved → published on the
 * official site (4.18, within 5 working days). A negative conclusion at a review sends the draft to
 * rework (4.11, at most 5 working days) and then to a new review at the same stage (4.12).
 *
 * Public discussion is required for a new program; an amendment skips it unless it sets the list
 * of public and yard territories to be improved (4.5) — the instance carries `discussionRequired`.
 *
 * A direction of the program is prepared by its co-executor (4.3, 4.4) and handed to the
 * responsible executor, who accepts it or returns it with remarks: a sub-flow of its own.
 */
import type { Label } from "../model/fields.ts";
import type { ProgramStatus, Role } from "../model/enums.ts";

export const PROGRAM_FLOW_STATES = [
  "draft",
  "discussion",
  "economyReview",
  "economyRework",
  "financeReview",
  "financeRework",
  "auditReview",
  "auditRework",
  "approval",
  "approved",
  "published",
] as const;
export type ProgramFlowState = (typeof PROGRAM_FLOW_STATES)[number];

export const DIRECTION_FLOW_STATES = ["directionDraft", "directionSubmitted", "directionReturned", "directionAccepted"] as const;
export type DirectionFlowState = (typeof DIRECTION_FLOW_STATES)[number];

export type WorkflowState = ProgramFlowState | DirectionFlowState;

/** "program": a program or an amendment to it; "direction": the co-executor's part of it. */
export type Flow = "program" | "direction";
/** What the program flow is about: a new program or an amendment of an approved one. */
export type WorkflowKind = "program" | "amendment";

export const REVIEW_STAGES = ["economy", "finance", "audit"] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** The one role that gives the conclusion of each review. */
export const REVIEWER_ROLES: Record<ReviewStage, Role> = { economy: "economy", finance: "finance", audit: "audit" };

export const WORKFLOW_ACTIONS = [
  "startDiscussion",
  "submit",
  "positiveConclusion",
  "negativeConclusion",
  "resubmit",
  "approve",
  "publish",
  "submitDirection",
  "acceptDirection",
  "returnDirection",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * What an action needs in its input: the discussion period, the discussion protocol, the
 * conclusion document, remarks (at least one), the decree (number and date).
 */
export type Requirement = "period" | "protocol" | "conclusion" | "decree" | "remarks";

/** Conditions on the instance: whether public discussion is required; all directions accepted. */
export type Condition = "discussionRequired" | "discussionNotRequired" | "directionsAccepted";

export interface Transition {
  flow: Flow;
  from: WorkflowState;
  to: WorkflowState;
  action: WorkflowAction;
  roles: readonly Role[];
  requires?: readonly Requirement[];
  when?: readonly Condition[];
  /** Set on the transitions that record a conclusion of a review. */
  review?: { stage: ReviewStage; result: "positive" | "negative" };
  /** The clauses of decree 220-п the transition follows. */
  clause: string;
}

const conclusionOf = (stage: ReviewStage, next: ProgramFlowState, clause: string, reworkClause: string): Transition[] => [
  {
    flow: "program",
    from: `${stage}Review`,
    to: next,
    action: "positiveConclusion",
    roles: [REVIEWER_ROLES[stage]],
    requires: ["conclusion"],
    review: { stage, result: "positive" },
    clause,
  },
  {
    flow: "program",
    from: `${stage}Review`,
    to: `${stage}Rework`,
    action: "negativeConclusion",
    roles: [REVIEWER_ROLES[stage]],
    requires: ["conclusion", "remarks"],
    review: { stage, result: "negative" },
    clause: reworkClause,
  },
  {
    flow: "program",
    from: `${stage}Rework`,
    to: `${stage}Review`,
    action: "resubmit",
    roles: ["executor"],
    clause: stage === "audit" ? "220-п 4.13" : "220-п 4.11, 4.12",
  },
];

/** Every transition of both flows. A (from, action) pair occurs at most once. */
export const PROGRAM_WORKFLOW: readonly Transition[] = [
  {
    flow: "program",
    from: "draft",
    to: "discussion",
    action: "startDiscussion",
    roles: ["executor"],
    requires: ["period"],
    when: ["discussionRequired"],
    clause: "220-п 4.5",
  },
  {
    flow: "program",
    from: "discussion",
    to: "economyReview",
    action: "submit",
    roles: ["executor"],
    requires: ["protocol"],
    when: ["directionsAccepted"],
    clause: "220-п 4.7, 4.8",
  },
  {
    flow: "program",
    from: "draft",
    to: "economyReview",
    action: "submit",
    roles: ["executor"],
    when: ["discussionNotRequired", "directionsAccepted"],
    clause: "220-п 4.5, 4.7.1, 4.8",
  },
  ...conclusionOf("economy", "financeReview", "220-п 4.8, 4.9", "220-п 4.8, 4.11"),
  ...conclusionOf("finance", "auditReview", "220-п 4.10, 4.13", "220-п 4.10, 4.11"),
  ...conclusionOf("audit", "approval", "220-п 4.13, 4.14", "220-п 4.13"),
  {
    flow: "program",
    from: "approval",
    to: "approved",
    action: "approve",
    roles: ["head", "admin"],
    requires: ["decree"],
    clause: "220-п 4.14",
  },
  { flow: "program", from: "approved", to: "published", action: "publish", roles: ["executor", "admin"], clause: "220-п 4.18" },

  { flow: "direction", from: "directionDraft", to: "directionSubmitted", action: "submitDirection", roles: ["coexecutor"], clause: "220-п 4.3, 4.4" },
  { flow: "direction", from: "directionReturned", to: "directionSubmitted", action: "submitDirection", roles: ["coexecutor"], clause: "220-п 4.3, 4.4" },
  { flow: "direction", from: "directionSubmitted", to: "directionAccepted", action: "acceptDirection", roles: ["executor"], clause: "220-п 4.3, 4.4" },
  {
    flow: "direction",
    from: "directionSubmitted",
    to: "directionReturned",
    action: "returnDirection",
    roles: ["executor"],
    requires: ["remarks"],
    clause: "220-п 4.3, 4.4",
  },
];

/**
 * How long a state may last, in working days. `from: "entry"` counts from the day the state was
 * entered (the day the draft reached the reviewer); `from: "decree"` from the date of the decree.
 * The audit chamber reviews "в установленном порядке" (4.13) and approval happens "в установленные
 * администрацией сроки" (4.14): the decree sets no term for them, so they have none here. The
 * discussion ends on the last day of its period.
 */
export const STAGE_DEADLINES: Partial<Record<WorkflowState, { workingDays: number; from: "entry" | "decree"; clause: string }>> = {
  economyReview: { workingDays: 5, from: "entry", clause: "220-п 4.8" },
  financeReview: { workingDays: 5, from: "entry", clause: "220-п 4.10" },
  economyRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
  financeRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
  // 4.11 names the economy and finance reviews; a rework after the audit chamber gets the same term.
  auditRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
  // Publication on the official site, counted from the decree (its entry into force is not known here).
  approved: { workingDays: 5, from: "decree", clause: "220-п 4.18" },
};

export const WORKFLOW_STATE_LABELS: Record<WorkflowState, Label> = {
  draft: { ru: "Проект", en: "Draft" },
  discussion: { ru: "Общественное обсуждение", en: "Public discussion" },
  economyReview: { ru: "Экспертиза управления экономики", en: "Economy department review" },
  economyRework: { ru: "Доработка по замечаниям управления экономики", en: "Rework after the economy department review" },
  financeReview: { ru: "Экспертиза управления финансов", en: "Finance department review" },
  financeRework: { ru: "Доработка по замечаниям управления финансов", en: "Rework after the finance department review" },
  auditReview: { ru: "Экспертиза контрольно-счетного органа", en: "Audit chamber review" },
  auditRework: { ru: "Доработка по замечаниям контрольно-счетного органа", en: "Rework after the audit chamber review" },
  approval: { ru: "Утверждение постановлением", en: "Approval by decree" },
  approved: { ru: "Утверждена", en: "Approved" },
  published: { ru: "Опубликована", en: "Published" },
  directionDraft: { ru: "Проект направления", en: "Direction draft" },
  directionSubmitted: { ru: "Направлено ответственному исполнителю", en: "Submitted to the responsible executor" },
  directionReturned: { ru: "Возвращено на доработку", en: "Returned for rework" },
  directionAccepted: { ru: "Принято ответственным исполнителем", en: "Accepted by the responsible executor" },
};

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, Label> = {
  startDiscussion: { ru: "Вынести на общественное обсуждение", en: "Start public discussion" },
  submit: { ru: "Направить на экспертизу", en: "Submit for review" },
  positiveConclusion: { ru: "Положительное заключение", en: "Positive conclusion" },
  negativeConclusion: { ru: "Отрицательное заключение", en: "Negative conclusion" },
  resubmit: { ru: "Направить на повторную экспертизу", en: "Resubmit for review" },
  approve: { ru: "Зарегистрировать постановление об утверждении", en: "Record the approving decree" },
  publish: { ru: "Отметить размещение на официальном сайте", en: "Mark as published" },
  submitDirection: { ru: "Направить ответственному исполнителю", en: "Submit to the responsible executor" },
  acceptDirection: { ru: "Принять направление", en: "Accept the direction" },
  returnDirection: { ru: "Вернуть на доработку", en: "Return for rework" },
};

/** The coarse status of a program (PROGRAM_STATUSES) for a workflow state. */
export function statusOfState(state: WorkflowState): ProgramStatus {
  switch (state) {
    case "draft":
    case "directionDraft":
    case "directionReturned":
    case "economyRework":
    case "financeRework":
    case "auditRework":
      return "draft";
    case "discussion":
      return "discussion";
    case "approved":
    case "directionAccepted":
      return "approved";
    case "published":
      return "published";
    default:
      return "review";
  }
}

/** The review stage of a review or rework state, else null. */
export function stageOfState(state: WorkflowState): ReviewStage | null {
  for (const s of REVIEW_STAGES) if (state === `${s}Review` || state === `${s}Rework`) return s;
  return null;
}
