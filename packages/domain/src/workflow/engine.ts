/**
 * Applying the workflow of definition.ts: which actions a role may take, and taking one — with the
 * checks of role, condition and input, a history entry, and the due date of the state entered.
 * Working days come from an injected `addWorkingDays`, so the calendar stays elsewhere.
 */
import { compareDates, formatDateRu, isIsoDate, type IsoDate } from "../dates.ts";
import { isBlankText, trimText } from "../validation/text.ts";
import type { Role } from "../model/enums.ts";
import {
  HANDOVER_DEADLINES,
  STAGE_DEADLINES,
  WORKFLOW_TRANSITIONS,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATE_LABELS,
  type Condition,
  type Flow,
  type Requirement,
  type ReviewStage,
  type Transition,
  type WorkflowAction,
  type WorkflowKind,
  type WorkflowState,
} from "./definition.ts";

export type AddWorkingDaysFn = (date: IsoDate, n: number) => IsoDate;

export interface DiscussionPeriod {
  from: IsoDate;
  to: IsoDate;
}
export interface ProtocolInput {
  date: IsoDate;
  number?: string | null;
  /** A reference to the stored document. */
  document?: string | null;
}
export interface ConclusionInput {
  /** Number, title or stored file of the conclusion. */
  document: string;
  date?: IsoDate | null;
}
export interface DecreeInput {
  number: string;
  date: IsoDate;
  /**
   * The day the decree takes effect, when it is not its date (220-п 4.18, 4.18.1 count from the
   * entry into force); not before the decree's date. Absent: in force from its date.
   */
  inForceFrom?: IsoDate | null;
}

export interface TransitionInput {
  period?: DiscussionPeriod;
  protocol?: ProtocolInput;
  conclusion?: ConclusionInput;
  remarks?: string[];
  decree?: DecreeInput;
}

export interface ConclusionRecord {
  stage: ReviewStage;
  result: "positive" | "negative";
  remarks: string[];
  document: string;
  date: IsoDate;
  userId: string;
}

export interface HistoryEntry {
  at: IsoDate;
  userId: string;
  role: Role;
  action: WorkflowAction;
  from: WorkflowState;
  to: WorkflowState;
  conclusion?: ConclusionRecord;
  remarks?: string[];
  period?: DiscussionPeriod;
  protocol?: ProtocolInput;
  decree?: DecreeInput;
  /** Due date of the state entered, if it has one. */
  dueDate: IsoDate | null;
}

export interface WorkflowInstance {
  id: string;
  flow: Flow;
  kind: WorkflowKind;
  /** New programs always; amendments only when they set the list of territories to improve (4.5). */
  discussionRequired: boolean;
  state: WorkflowState;
  /** The day the current state was entered. */
  since: IsoDate;
  dueDate: IsoDate | null;
  /** The clause that sets the due date. */
  dueClause: string | null;
  discussion?: { period: DiscussionPeriod; protocol?: ProtocolInput };
  /** The latest conclusion of each review. */
  conclusions: Partial<Record<ReviewStage, ConclusionRecord>>;
  decree?: DecreeInput;
  history: HistoryEntry[];
}

export interface WorkflowContext {
  discussionRequired: boolean;
  /** The draft waits for the executor to pass it on (220-п 4.9, 4.13): see `awaitsHandOver`. */
  awaitingHandOver?: boolean;
}

/**
 * Whether the draft, put into a review by a positive conclusion, still waits for the executor to
 * hand it over (220-п 4.9 to the finance department, 4.13 to the audit chamber): its current term
 * is the hand-over's.
 */
export function awaitsHandOver(i: Pick<WorkflowInstance, "flow" | "state" | "dueClause">): boolean {
  const h = HANDOVER_DEADLINES[i.flow]?.[i.state];
  return !!h && i.dueClause === h.clause;
}

/** The context of the conditions of the instance's transitions. */
export function contextOf(i: Pick<WorkflowInstance, "flow" | "state" | "dueClause" | "discussionRequired">): WorkflowContext {
  return { discussionRequired: i.discussionRequired, awaitingHandOver: awaitsHandOver(i) };
}

export type WorkflowErrorCode = "forbidden" | "invalidTransition" | "missingInput";
export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
  messageEn: string;
}
export type TransitionResult = { ok: true; instance: WorkflowInstance } | { ok: false; error: WorkflowError };

export interface WorkflowActor {
  role: Role;
  userId: string;
}

export function startWorkflow(args: {
  id: string;
  flow: Flow;
  kind?: WorkflowKind;
  /** For an amendment: true when it sets the list of public and yard territories (4.5). */
  discussionRequired?: boolean;
  today: IsoDate;
}): WorkflowInstance {
  const kind = args.kind ?? "program";
  const discussionRequired = args.flow === "program" && (kind === "program" || args.discussionRequired === true);
  return {
    id: args.id,
    flow: args.flow,
    kind,
    discussionRequired,
    state: "draft",
    since: args.today,
    dueDate: null,
    dueClause: null,
    conclusions: {},
    history: [],
  };
}

function holds(c: Condition, ctx: WorkflowContext): boolean {
  switch (c) {
    case "discussionRequired":
      return ctx.discussionRequired;
    case "discussionNotRequired":
      return !ctx.discussionRequired;
    case "awaitingHandOver":
      return ctx.awaitingHandOver === true;
  }
}

const CONDITION_TEXT: Record<Condition, { ru: string; en: string }> = {
  discussionRequired: {
    ru: "общественное обсуждение этого проекта не требуется (220-п, п. 4.5)",
    en: "this draft needs no public discussion (220-п 4.5)",
  },
  discussionNotRequired: {
    ru: "проект подлежит общественному обсуждению, к экспертизе прилагается его протокол (220-п, пп. 4.5, 4.7)",
    en: "the draft must go through public discussion, and its protocol goes with it to review (220-п 4.5, 4.7)",
  },
  awaitingHandOver: {
    ru: "проект уже передан на эту экспертизу (220-п, пп. 4.9, 4.13)",
    en: "the draft has already been passed on to this review (220-п 4.9, 4.13)",
  },
};

/** The transitions of the flow out of the state, whoever may take them. */
export function transitionsFrom(flow: Flow, state: WorkflowState): Transition[] {
  return WORKFLOW_TRANSITIONS.filter((t) => t.flow === flow && t.from === state);
}

/** The transitions the role may take from the state now. */
export function availableActions(flow: Flow, state: WorkflowState, role: Role, ctx: WorkflowContext): Transition[] {
  return transitionsFrom(flow, state).filter((t) => t.roles.includes(role) && (t.when ?? []).every((c) => holds(c, ctx)));
}

const REQUIREMENT_TEXT: Record<Requirement, { ru: string; en: string }> = {
  period: { ru: "период общественного обсуждения (даты начала и окончания)", en: "the discussion period (start and end dates)" },
  protocol: { ru: "протокол общественного обсуждения (дата)", en: "the discussion protocol (its date)" },
  conclusion: {
    ru: "заключение (номер или документ; дата — не позднее сегодняшнего дня)",
    en: "the conclusion (number or document; a date not after today)",
  },
  remarks: { ru: "замечания (хотя бы одно)", en: "remarks (at least one)" },
  decree: {
    ru: "акт об утверждении — постановление или распоряжение (номер и дата, не позднее сегодняшнего дня; дата вступления в силу — не раньше даты акта)",
    en: "the approving act (number and a date not after today; its entry into force not before its date)",
  },
};

/** A text that shows something: not only spaces or invisible characters (zero-width spaces, NBSP, BOM…). */
function nonBlank(s: unknown): s is string {
  return typeof s === "string" && !isBlankText(s);
}

function satisfied(r: Requirement, input: TransitionInput, today: IsoDate): boolean {
  switch (r) {
    case "period": {
      const p = input.period;
      return !!p && isIsoDate(p.from) && isIsoDate(p.to) && compareDates(p.from, p.to) <= 0;
    }
    case "protocol":
      return !!input.protocol && isIsoDate(input.protocol.date);
    case "conclusion":
      return (
        !!input.conclusion &&
        nonBlank(input.conclusion.document) &&
        (input.conclusion.date == null || (isIsoDate(input.conclusion.date) && compareDates(input.conclusion.date, today) <= 0))
      );
    case "remarks":
      return Array.isArray(input.remarks) && input.remarks.some(nonBlank);
    case "decree": {
      const d = input.decree;
      return (
        !!d &&
        nonBlank(d.number) &&
        isIsoDate(d.date) &&
        compareDates(d.date, today) <= 0 &&
        (d.inForceFrom == null || (isIsoDate(d.inForceFrom) && compareDates(d.inForceFrom, d.date) >= 0))
      );
    }
  }
}

function fail(code: WorkflowErrorCode, message: string, messageEn: string): TransitionResult {
  return { ok: false, error: { code, message, messageEn } };
}

/**
 * Takes an action: checks that it exists from the current state, that the role may take it, that
 * its conditions hold and its input is complete; then returns a new instance (the old one is not
 * touched) in the state entered, with its due date and one more history entry.
 */
export function applyTransition(
  instance: WorkflowInstance,
  action: WorkflowAction,
  actor: WorkflowActor,
  input: TransitionInput,
  today: IsoDate,
  addWorkingDays: AddWorkingDaysFn,
): TransitionResult {
  const stateRu = WORKFLOW_STATE_LABELS[instance.state].ru;
  const stateEn = WORKFLOW_STATE_LABELS[instance.state].en;
  const actionRu = WORKFLOW_ACTION_LABELS[action].ru;
  const ctx: WorkflowContext = contextOf(instance);
  const candidates = transitionsFrom(instance.flow, instance.state).filter((x) => x.action === action);
  // where one action leaves a state two ways (submit from a draft), the one whose conditions hold
  const t = candidates.find((x) => (x.when ?? []).every((c) => holds(c, ctx))) ?? candidates[0];
  if (!t) {
    return fail(
      "invalidTransition",
      `Действие «${actionRu}» невозможно на этапе «${stateRu}»`,
      `Action "${action}" is not possible in state "${stateEn}"`,
    );
  }
  if (!t.roles.includes(actor.role)) {
    return fail(
      "forbidden",
      `Действие «${actionRu}» на этапе «${stateRu}» не входит в полномочия вашей роли`,
      `Role "${actor.role}" may not take action "${action}" in state "${stateEn}"`,
    );
  }
  const unmet = (t.when ?? []).filter((c) => !holds(c, ctx));
  if (unmet.length > 0) {
    return fail(
      "invalidTransition",
      `Действие «${actionRu}» невозможно: ${unmet.map((c) => CONDITION_TEXT[c].ru).join("; ")}`,
      `Action "${action}" is not possible: ${unmet.map((c) => CONDITION_TEXT[c].en).join("; ")}`,
    );
  }
  const missing = (t.requires ?? []).filter((r) => !satisfied(r, input, today));
  if (missing.length > 0) {
    return fail(
      "missingInput",
      `Для действия «${actionRu}» нужно указать: ${missing.map((r) => REQUIREMENT_TEXT[r].ru).join("; ")}`,
      `Action "${action}" needs: ${missing.map((r) => REQUIREMENT_TEXT[r].en).join("; ")}`,
    );
  }

  const next: WorkflowInstance = {
    ...instance,
    state: t.to,
    since: today,
    conclusions: { ...instance.conclusions },
    history: [...instance.history],
  };
  const remarks = (input.remarks ?? []).filter(nonBlank).map(trimText);
  const entry: HistoryEntry = { at: today, userId: actor.userId, role: actor.role, action, from: instance.state, to: t.to, dueDate: null };

  if (t.requires?.includes("period") && input.period) {
    next.discussion = { period: { ...input.period } };
    entry.period = { ...input.period };
  }
  if (t.requires?.includes("protocol") && input.protocol) {
    next.discussion = { period: instance.discussion?.period ?? { from: instance.since, to: today }, protocol: { ...input.protocol } };
    entry.protocol = { ...input.protocol };
  }
  if (t.review && input.conclusion) {
    const record: ConclusionRecord = {
      stage: t.review.stage,
      result: t.review.result,
      remarks,
      document: trimText(input.conclusion.document),
      date: input.conclusion.date ?? today,
      userId: actor.userId,
    };
    next.conclusions[t.review.stage] = record;
    entry.conclusion = record;
  } else if (t.requires?.includes("remarks")) {
    entry.remarks = remarks;
  }
  if (t.requires?.includes("decree") && input.decree) {
    next.decree = {
      number: trimText(input.decree.number),
      date: input.decree.date,
      ...(input.decree.inForceFrom ? { inForceFrom: input.decree.inForceFrom } : {}),
    };
    entry.decree = { ...next.decree };
  }

  const due = dueDateOf(next, today, addWorkingDays, action);
  next.dueDate = due.date;
  next.dueClause = due.clause;
  entry.dueDate = due.date;
  next.history.push(entry);
  return { ok: true, instance: next };
}

function dueDateOf(
  instance: WorkflowInstance,
  entered: IsoDate,
  addWorkingDays: AddWorkingDaysFn,
  action: WorkflowAction,
): { date: IsoDate | null; clause: string | null } {
  if (instance.state === "discussion" && instance.discussion) return { date: instance.discussion.period.to, clause: "220-п 4.5" };
  const handOver = action === "positiveConclusion" ? HANDOVER_DEADLINES[instance.flow]?.[instance.state] : undefined;
  if (handOver) return { date: addWorkingDays(entered, handOver.workingDays), clause: handOver.clause };
  const spec = STAGE_DEADLINES[instance.flow][instance.state];
  if (!spec) return { date: null, clause: null };
  // 4.18: the publication counts from the decree's entry into force, when it was recorded
  const start = spec.from === "decree" ? (instance.decree?.inForceFrom ?? instance.decree?.date) : entered;
  if (!start) return { date: null, clause: null };
  return { date: addWorkingDays(start, spec.workingDays), clause: spec.clause };
}

export function isOverdue(instance: Pick<WorkflowInstance, "dueDate">, today: IsoDate): boolean {
  return instance.dueDate !== null && compareDates(today, instance.dueDate) > 0;
}

export interface QueueItem {
  id: string;
  flow: Flow;
  state: WorkflowState;
  /** The stage in Russian, e.g. "Экспертиза управления финансов". */
  stage: string;
  since: IsoDate;
  dueDate: IsoDate | null;
  overdue: boolean;
  /** e.g. "срок — 12.03.2026 (220-п 4.10)". */
  dueText: string | null;
  actions: WorkflowAction[];
}

/**
 * The work waiting for a role: every instance where the role has an action now, soonest due
 * first, those without a term last. (Whose department may act is the permissions' business.)
 */
export function workQueue(instances: readonly WorkflowInstance[], role: Role, today: IsoDate): QueueItem[] {
  const items: QueueItem[] = [];
  for (const i of instances) {
    const actions = availableActions(i.flow, i.state, role, { discussionRequired: i.discussionRequired });
    if (actions.length === 0) continue;
    items.push({
      id: i.id,
      flow: i.flow,
      state: i.state,
      stage: WORKFLOW_STATE_LABELS[i.state].ru,
      since: i.since,
      dueDate: i.dueDate,
      overdue: isOverdue(i, today),
      dueText: i.dueDate ? `срок — ${formatDateRu(i.dueDate)}${i.dueClause ? ` (${i.dueClause})` : ""}` : null,
      actions: actions.map((t) => t.action),
    });
  }
  return items.sort((a, b) => {
    if (a.dueDate === b.dueDate) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return compareDates(a.dueDate, b.dueDate);
  });
}
