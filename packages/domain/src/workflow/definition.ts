/**
 * The approval workflows of decree 220-п (section 4) as data. One table of transitions drives the
 * actions a user sees, the checks made when an action is taken, the permissions and the tests.
 *
 * Flow "program" — a new program or an amendment to an approved one (4.3–4.18):
 *   draft → (public discussion, 4.5: a period, then its protocol) → review by the economy
 *   department (4.8, 5 working days) → review by the finance department (4.10, 5 working days) →
 *   review by the audit chamber (4.13) → approval by a decree of the administration (4.14) →
 *   approved → published on the official site (4.18, within 5 working days).
 *   A negative conclusion sends the draft to rework (4.11, at most 5 working days) and then to a
 *   new review at the same stage (4.12). Public discussion is required for a new program; an
 *   amendment skips it unless it sets the list of public and yard territories (4.5).
 *
 * Flow "directionOrder" — the order of the head of the co-executor's department approving a
 *   direction of the program or changes to it (4.19–4.24): draft → review by the economy
 *   department (4.20, 7 working days) → review by the finance department (4.20, 7 working days) →
 *   signing of the order → approved → published (4.24, within 7 working days). A negative
 *   conclusion returns it to rework, as 4.11 does for programs.
 *
 * A draft may be withdrawn (cancelled) by whoever prepares it while it is with them.
 */
import type { Label } from "../model/fields.ts";
import type { ProgramStatus, Role } from "../model/enums.ts";

export const WORKFLOW_STATES = [
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
  "cancelled",
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/** States after which nothing more can happen to a draft's content. */
export const CLOSED_STATES: readonly WorkflowState[] = ["approved", "published", "cancelled"];

export const FLOWS = ["program", "directionOrder"] as const;
/** "program": a program or an amendment to it; "directionOrder": the co-executor's order on a direction. */
export type Flow = (typeof FLOWS)[number];
/** What the draft is: the first approval, or an amendment of an approved program (or order). */
export const WORKFLOW_KINDS = ["program", "amendment"] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

export const REVIEW_STAGES = ["economy", "finance", "audit"] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** The one role that gives the conclusion of each review. */
export const REVIEWER_ROLES: Record<ReviewStage, Role> = { economy: "economy", finance: "finance", audit: "audit" };

/** The reviews each flow goes through, in order. */
export const FLOW_STAGES: Record<Flow, readonly ReviewStage[]> = {
  program: ["economy", "finance", "audit"],
  directionOrder: ["economy", "finance"],
};

export const WORKFLOW_ACTIONS = [
  "startDiscussion",
  "submit",
  "positiveConclusion",
  "negativeConclusion",
  "resubmit",
  "handOver",
  "approve",
  "publish",
  "cancel",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * What an action needs in its input: the discussion period, the discussion protocol, the
 * conclusion document, remarks (at least one), the decree or order (number and date).
 */
export type Requirement = "period" | "protocol" | "conclusion" | "decree" | "remarks";

/** Conditions on the instance: whether public discussion is required. */
export type Condition = "discussionRequired" | "discussionNotRequired" | "awaitingHandOver";

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

/** Who prepares the draft in each flow: submits, reworks, withdraws it. */
export const PREPARER_ROLES: Record<Flow, readonly Role[]> = {
  program: ["executor"],
  directionOrder: ["coexecutor"],
};

function reviews(flow: Flow, clauses: Record<ReviewStage, { positive: string; negative: string; resubmit: string }>): Transition[] {
  const stages = FLOW_STAGES[flow];
  const out: Transition[] = [];
  stages.forEach((stage, i) => {
    const next: WorkflowState = i + 1 < stages.length ? `${stages[i + 1]!}Review` : "approval";
    const c = clauses[stage];
    out.push(
      {
        flow,
        from: `${stage}Review`,
        to: next,
        action: "positiveConclusion",
        roles: [REVIEWER_ROLES[stage]],
        requires: ["conclusion"],
        review: { stage, result: "positive" },
        clause: c.positive,
      },
      {
        flow,
        from: `${stage}Review`,
        to: `${stage}Rework`,
        action: "negativeConclusion",
        roles: [REVIEWER_ROLES[stage]],
        requires: ["conclusion", "remarks"],
        review: { stage, result: "negative" },
        clause: c.negative,
      },
      { flow, from: `${stage}Rework`, to: `${stage}Review`, action: "resubmit", roles: PREPARER_ROLES[flow], clause: c.resubmit },
    );
  });
  return out;
}

function cancels(flow: Flow, from: readonly WorkflowState[]): Transition[] {
  return from.map((s) => ({
    flow,
    from: s,
    to: "cancelled" as const,
    action: "cancel" as const,
    roles: [...PREPARER_ROLES[flow], "admin" as const],
    clause: "220-п 4.3, 4.4",
  }));
}

/** Every transition of both flows. A (flow, from, action) triple occurs at most once. */
export const WORKFLOW_TRANSITIONS: readonly Transition[] = [
  // ---- a program or an amendment ---------------------------------------------------------
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
    clause: "220-п 4.7, 4.8",
  },
  {
    flow: "program",
    from: "draft",
    to: "economyReview",
    action: "submit",
    roles: ["executor"],
    when: ["discussionNotRequired"],
    clause: "220-п 4.5, 4.7.1, 4.8",
  },
  ...reviews("program", {
    economy: { positive: "220-п 4.8, 4.9", negative: "220-п 4.8, 4.11", resubmit: "220-п 4.11, 4.12" },
    finance: { positive: "220-п 4.10, 4.13", negative: "220-п 4.10, 4.11", resubmit: "220-п 4.11, 4.12" },
    audit: { positive: "220-п 4.13, 4.14", negative: "220-п 4.13", resubmit: "220-п 4.13" },
  }),
  // The executor passes the draft on after a positive conclusion: the full package to the finance
  // department within 2 working days (4.9), the draft with the 4.7 documents to the audit chamber
  // within 2 working days of the finance conclusion (4.13). The state stays; the hand-over is a
  // dated step of the history, and the review's own term (4.10) counts from it.
  {
    flow: "program",
    from: "financeReview",
    to: "financeReview",
    action: "handOver",
    roles: ["executor"],
    when: ["awaitingHandOver"],
    clause: "220-п 4.9, 4.10",
  },
  {
    flow: "program",
    from: "auditReview",
    to: "auditReview",
    action: "handOver",
    roles: ["executor"],
    when: ["awaitingHandOver"],
    clause: "220-п 4.13",
  },
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
  ...cancels("program", ["draft", "discussion", "economyRework", "financeRework", "auditRework"]),

  // ---- the co-executor's order on a direction -------------------------------------------
  { flow: "directionOrder", from: "draft", to: "economyReview", action: "submit", roles: ["coexecutor"], clause: "220-п 4.19, 4.20" },
  ...reviews("directionOrder", {
    economy: { positive: "220-п 4.20", negative: "220-п 4.20, 4.11", resubmit: "220-п 4.20, 4.12" },
    finance: { positive: "220-п 4.20", negative: "220-п 4.20, 4.11", resubmit: "220-п 4.20, 4.12" },
    audit: { positive: "", negative: "", resubmit: "" },
  }),
  {
    flow: "directionOrder",
    from: "approval",
    to: "approved",
    action: "approve",
    roles: ["coexecutor", "admin"],
    requires: ["decree"],
    clause: "220-п 4.19, 4.20",
  },
  { flow: "directionOrder", from: "approved", to: "published", action: "publish", roles: ["coexecutor", "admin"], clause: "220-п 4.24" },
  ...cancels("directionOrder", ["draft", "economyRework", "financeRework"]),
];

export interface StageDeadline {
  workingDays: number;
  /** "entry": from the day the state was entered; "decree": from the decree's (order's) entry into force, its date when none was recorded. */
  from: "entry" | "decree";
  clause: string;
}

/**
 * How long a state may last, in working days. The audit chamber reviews "в установленном
 * порядке" (4.13) and approval happens "в установленные администрацией сроки" (4.14): the decree
 * sets no term for them, so they have none here. A discussion ends on the last day of its period.
 */
export const STAGE_DEADLINES: Record<Flow, Partial<Record<WorkflowState, StageDeadline>>> = {
  program: {
    economyReview: { workingDays: 5, from: "entry", clause: "220-п 4.8" },
    financeReview: { workingDays: 5, from: "entry", clause: "220-п 4.10" },
    economyRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
    financeRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
    // 4.11 names the economy and finance reviews; a rework after the audit chamber gets the same term.
    auditRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
    // Publication on the official site, counted from the decree's entry into force (its date when none was recorded).
    approved: { workingDays: 5, from: "decree", clause: "220-п 4.18" },
  },
  directionOrder: {
    economyReview: { workingDays: 7, from: "entry", clause: "220-п 4.20" },
    financeReview: { workingDays: 7, from: "entry", clause: "220-п 4.20" },
    economyRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
    financeRework: { workingDays: 5, from: "entry", clause: "220-п 4.11" },
    approved: { workingDays: 7, from: "decree", clause: "220-п 4.24" },
  },
};

/**
 * The term to pass a draft on, when a positive conclusion moves it into a review state that the
 * executor must hand it over to (220-п 4.9, 4.13): counted in working days from the conclusion,
 * until the `handOver` step; then the state's own term of STAGE_DEADLINES applies.
 */
export const HANDOVER_DEADLINES: Partial<Record<Flow, Partial<Record<WorkflowState, { workingDays: number; clause: string }>>>> = {
  program: {
    financeReview: { workingDays: 2, clause: "220-п 4.9" },
    auditReview: { workingDays: 2, clause: "220-п 4.13" },
  },
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
  approval: { ru: "Утверждение", en: "Approval" },
  approved: { ru: "Утверждена", en: "Approved" },
  published: { ru: "Опубликована", en: "Published" },
  cancelled: { ru: "Отозвана", en: "Withdrawn" },
};

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, Label> = {
  startDiscussion: { ru: "Вынести на общественное обсуждение", en: "Start public discussion" },
  submit: { ru: "Направить на экспертизу", en: "Submit for review" },
  positiveConclusion: { ru: "Положительное заключение", en: "Positive conclusion" },
  negativeConclusion: { ru: "Отрицательное заключение", en: "Negative conclusion" },
  resubmit: { ru: "Направить на повторную экспертизу", en: "Resubmit for review" },
  handOver: { ru: "Передать проект с документами на экспертизу", en: "Pass the draft and its documents on for review" },
  approve: { ru: "Зарегистрировать акт об утверждении", en: "Record the approving act" },
  publish: { ru: "Отметить размещение на официальном сайте", en: "Mark as published" },
  cancel: { ru: "Отозвать проект", en: "Withdraw the draft" },
};

export const FLOW_LABELS: Record<Flow, Label> = {
  program: { ru: "Муниципальная программа", en: "Municipal program" },
  directionOrder: { ru: "Распоряжение об утверждении направления", en: "Order approving a direction" },
};

export const KIND_LABELS: Record<WorkflowKind, Label> = {
  program: { ru: "Проект", en: "New" },
  amendment: { ru: "Проект изменений", en: "Amendment" },
};

/** The coarse status of a program (PROGRAM_STATUSES) for a state of its program flow. */
export function statusOfState(state: WorkflowState): ProgramStatus {
  switch (state) {
    case "draft":
    case "economyRework":
    case "financeRework":
    case "auditRework":
    case "cancelled":
      return "draft";
    case "discussion":
      return "discussion";
    case "approved":
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

/** Is the state one where the draft waits on its preparer (draft, rework)? Its content may then change. */
export function isWithPreparer(state: WorkflowState): boolean {
  return state === "draft" || state.endsWith("Rework");
}

/** The transitions of a flow that take an action (from any state). */
export function transitionsOfAction(flow: Flow, action: WorkflowAction): Transition[] {
  return WORKFLOW_TRANSITIONS.filter((t) => t.flow === flow && t.action === action);
}
