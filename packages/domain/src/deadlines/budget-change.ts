/**
 * A change of the budget as an event (220-п 5.4, 5.5): the finance department records the Duma's
 * decision amending the budget decision («решение о бюджете № … от …», in force from a date) or a
 * change of the consolidated budget list. From the day it takes effect, every program in force
 * must be brought into line within two months (5.4, by the executor: an approved amendment), and
 * each direction whose structural elements' funding changed without changing the program's total
 * gets a draft order amending it within 30 days (5.5, by the co-executor). Pure: no I/O.
 */
import { isIsoDate, yearOf, type IsoDate } from "../dates.ts";
import { isBlankText, trimText } from "../validation/text.ts";
import { ValidationError, type FieldIssue } from "../errors.ts";
import type { WorkingCalendar } from "../calendar/calendar.ts";
import { dueDate } from "./due.ts";
import { deadlineState, type DeadlineStatus } from "./reminders.ts";
import { DEADLINE_EVENTS, type DeadlineRule } from "./rules.ts";

export const BUDGET_CHANGE_KINDS = ["decision", "budgetList"] as const;
/** "decision": the Duma's decision amending the budget decision; "budgetList": a change of the consolidated budget list. */
export type BudgetChangeKind = (typeof BUDGET_CHANGE_KINDS)[number];

export interface BudgetChangeInput {
  kind: BudgetChangeKind;
  /** The act's number, e.g. «123» of «решение о бюджете № 123 от 20.03.2026»; may be empty for a list change. */
  number: string | null;
  /** The date of the act. */
  documentDate: IsoDate;
  /** The day it takes effect (the decision's entry into force, or the day the list changed): the deadlines count from it. */
  effectiveDate: IsoDate;
  /** 5.5: the directions whose elements' funding changed while the program's total did not. */
  directionIds: string[];
  note: string | null;
}

/** Validates a budget change entered by the finance department; the issues name their fields. */
export function parseBudgetChange(json: unknown): BudgetChangeInput {
  const issues: FieldIssue[] = [];
  const err = (path: string, message: string, messageEn: string) => issues.push({ path, message, messageEn });
  const o = (typeof json === "object" && json !== null && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  const kind = o.kind as BudgetChangeKind;
  if (!BUDGET_CHANGE_KINDS.includes(kind))
    err(
      "kind",
      "Вид изменения: решение о бюджете (decision) или сводная бюджетная роспись (budgetList)",
      "kind must be decision or budgetList",
    );
  const number = typeof o.number === "string" && !isBlankText(o.number) ? trimText(o.number) : null;
  if (o.number !== undefined && o.number !== null && typeof o.number !== "string")
    err("number", "Номер — строка", "number must be a string");
  if (kind === "decision" && number === null) err("number", "Укажите номер решения о бюджете", "The decision's number is required");
  for (const f of ["documentDate", "effectiveDate"] as const) {
    if (!isIsoDate(o[f])) err(f, "Укажите дату (ГГГГ-ММ-ДД)", "A date is required (YYYY-MM-DD)");
  }
  if (isIsoDate(o.documentDate) && isIsoDate(o.effectiveDate) && o.effectiveDate < o.documentDate) {
    err("effectiveDate", "Дата вступления в силу не может быть раньше даты решения", "effectiveDate cannot precede documentDate");
  }
  const ids = o.directionIds ?? [];
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== "string" || x.trim() === ""))
    err("directionIds", "Ожидается список направлений", "Expected a list of direction ids");
  if (o.note !== undefined && o.note !== null && typeof o.note !== "string") err("note", "Комментарий — строка", "note must be a string");
  if (issues.length) throw new ValidationError(issues);
  return {
    kind,
    number,
    documentDate: o.documentDate as IsoDate,
    effectiveDate: o.effectiveDate as IsoDate,
    directionIds: [...new Set(ids as string[])],
    note: typeof o.note === "string" && !isBlankText(o.note) ? trimText(o.note) : null,
  };
}

/** A program as the budget-change deadlines see it. */
export interface BudgetProgramFacts {
  id: string;
  code: string;
  responsibleDepartmentId: string;
  endYear: number;
  /** The decree of its first approved version; null: never approved (not in force). */
  inForceFrom: IsoDate | null;
  /** The decree dates of its approved amendments. */
  amendmentDecrees: IsoDate[];
  directions: {
    id: string;
    code: string;
    coExecutorId: string | null;
    /** The days drafts of orders amending the direction were submitted for review. */
    orderDrafts: IsoDate[];
  }[];
}

export interface BudgetChangeDeadline {
  ruleId: string;
  label: string;
  clause: string;
  actor: string;
  programId: string;
  programCode: string;
  directionId: string | null;
  directionCode: string | null;
  /** Who must act: the program's executor or the direction's co-executor (department id). */
  departmentId: string | null;
  start: IsoDate;
  due: IsoDate;
  /** The first completing act on or after the change: the amendment's decree (5.4), the order's draft (5.5). */
  doneAt: IsoDate | null;
  status: DeadlineStatus;
}

function firstOnOrAfter(dates: readonly IsoDate[], from: IsoDate): IsoDate | null {
  return [...dates].filter((d) => d >= from).sort()[0] ?? null;
}

/**
 * The deadlines a budget change starts: 5.4 for every program in force on its effective date
 * (approved on or before it, not ended before its year), 5.5 for each named direction of those
 * programs. Rules are found by their anchor event `budgetChanged` and the completing events
 * `programAmendmentApproved` and `directionOrderDrafted`, so a municipality's own rule set applies.
 */
export function budgetChangeDeadlines(
  change: Pick<BudgetChangeInput, "effectiveDate" | "directionIds">,
  programs: readonly BudgetProgramFacts[],
  rules: readonly DeadlineRule[],
  cal: WorkingCalendar,
  today: IsoDate,
): BudgetChangeDeadline[] {
  const onChange = rules.filter((r) => r.anchor.type === "event" && r.anchor.event === DEADLINE_EVENTS.budgetChanged);
  const programRule = onChange.find((r) => r.completedBy === "programAmendmentApproved");
  const directionRule = onChange.find((r) => r.completedBy === "directionOrderDrafted");
  const start = change.effectiveDate;
  const named = new Set(change.directionIds);
  const out: BudgetChangeDeadline[] = [];
  for (const p of programs) {
    if (p.inForceFrom === null || p.inForceFrom > start || p.endYear < yearOf(start)) continue;
    if (programRule) {
      const due = dueDate(programRule, { eventDate: start }, cal);
      const doneAt = firstOnOrAfter(p.amendmentDecrees, start);
      out.push({
        ruleId: programRule.id,
        label: programRule.label.ru,
        clause: programRule.clause,
        actor: programRule.actor,
        programId: p.id,
        programCode: p.code,
        directionId: null,
        directionCode: null,
        departmentId: p.responsibleDepartmentId,
        start,
        due,
        doneAt,
        status: deadlineState(due, today, doneAt, cal),
      });
    }
    if (!directionRule) continue;
    for (const d of p.directions) {
      if (!named.has(d.id)) continue;
      const due = dueDate(directionRule, { eventDate: start }, cal);
      const doneAt = firstOnOrAfter(d.orderDrafts, start);
      out.push({
        ruleId: directionRule.id,
        label: directionRule.label.ru,
        clause: directionRule.clause,
        actor: directionRule.actor,
        programId: p.id,
        programCode: p.code,
        directionId: d.id,
        directionCode: d.code,
        departmentId: d.coExecutorId,
        start,
        due,
        doneAt,
        status: deadlineState(due, today, doneAt, cal),
      });
    }
  }
  return out;
}

/* ------------------------------------------------- the direction's order after a decree (1.7, 4.19) -- */

/** A deadline counted from an event: the same shape for every event rule. */
export type EventDeadline = BudgetChangeDeadline;

/** A program as the 1.7/4.19 deadlines see it. */
export interface DecreeProgramFacts {
  id: string;
  code: string;
  responsibleDepartmentId: string;
  /** The decree of its latest approved version (the first approval or an amendment); null: never approved. */
  lastDecree: IsoDate | null;
  directions: {
    id: string;
    code: string;
    coExecutorId: string | null;
    /** Decree dates of its approved orders. */ orderDecrees: IsoDate[];
  }[];
}

/**
 * 220-п 1.7, 4.19: after the program (or an amendment to it) takes effect, each direction's
 * co-executor approves the order on the direction (or its changes) within 30 days; an order
 * approved on or after the program's latest decree completes it. The rule is the one anchored on
 * `decreeInForce` and completed by `directionOrderApproved` in the municipality's set.
 */
export function directionOrderDeadlines(
  programs: readonly DecreeProgramFacts[],
  rules: readonly DeadlineRule[],
  cal: WorkingCalendar,
  today: IsoDate,
): EventDeadline[] {
  const rule = rules.find(
    (r) => r.anchor.type === "event" && r.anchor.event === DEADLINE_EVENTS.decreeInForce && r.completedBy === "directionOrderApproved",
  );
  if (!rule) return [];
  const out: EventDeadline[] = [];
  for (const p of programs) {
    if (p.lastDecree === null) continue;
    const start = p.lastDecree;
    const due = dueDate(rule, { eventDate: start }, cal);
    for (const d of p.directions) {
      const doneAt = firstOnOrAfter(d.orderDecrees, start);
      out.push({
        ruleId: rule.id,
        label: rule.label.ru,
        clause: rule.clause,
        actor: rule.actor,
        programId: p.id,
        programCode: p.code,
        directionId: d.id,
        directionCode: d.code,
        departmentId: d.coExecutorId,
        start,
        due,
        doneAt,
        status: deadlineState(due, today, doneAt, cal),
      });
    }
  }
  return out;
}

/* ----------------------------------------------------------- registration in ГАС «Управление» (4.18.1) -- */

export interface GasProgramFacts {
  id: string;
  code: string;
  responsibleDepartmentId: string;
  /** The decree of the latest approved version. */
  decreeDate: IsoDate;
  /** The day that version was placed in ГАС «Управление», if it was. */
  registeredOn: IsoDate | null;
}

/**
 * 220-п 4.18.1: the responsible executor places the approved program (amendment) in ГАС
 * «Управление» within 10 days of the decree's entry into force. The rule is the one anchored on
 * `decreeInForce` and completed by `registeredInGas`.
 */
export function gasRegistrationDeadlines(
  programs: readonly GasProgramFacts[],
  rules: readonly DeadlineRule[],
  cal: WorkingCalendar,
  today: IsoDate,
): EventDeadline[] {
  const rule = rules.find(
    (r) => r.anchor.type === "event" && r.anchor.event === DEADLINE_EVENTS.decreeInForce && r.completedBy === "registeredInGas",
  );
  if (!rule) return [];
  return programs.map((p) => {
    const due = dueDate(rule, { eventDate: p.decreeDate }, cal);
    return {
      ruleId: rule.id,
      label: rule.label.ru,
      clause: rule.clause,
      actor: rule.actor,
      programId: p.id,
      programCode: p.code,
      directionId: null,
      directionCode: null,
      departmentId: p.responsibleDepartmentId,
      start: p.decreeDate,
      due,
      doneAt: p.registeredOn,
      status: deadlineState(due, today, p.registeredOn, cal),
    };
  });
}
