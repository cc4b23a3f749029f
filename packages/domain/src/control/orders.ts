/**
 * Orders (поручения) on control (issue 15, part 2) as data: where an order comes from, how its
 * deadline is counted (a date, or N calendar or working days from the order by the municipality's
 * calendar), its periodicity, and its lifecycle as one table of transitions — who may take each
 * step and what the step needs — like the approval workflows of 220-п (workflow/definition.ts).
 *
 *   issued → inWork → (extensionRequested → inWork: granted with a new deadline, or refused)
 *          → reported (report of execution with files) → done (accepted, removed from control)
 *                                                      → returned (remarks) → reported …
 *   an on-site check is recorded in any open state; reassignment changes the executor.
 */
import type { Label } from "../model/fields.ts";
import { addDays, daysInMonth, makeDate, monthOf, yearOf, type IsoDate } from "../dates.ts";
import { addWorkingDays, calendarCovers, shiftToWorkingDay, workingDaysBetween, type WorkingCalendar } from "../calendar/calendar.ts";

export const ORDER_SOURCES = ["resolution", "headOrder", "meeting", "broadcast"] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];
export const ORDER_SOURCE_LABELS: Record<OrderSource, Label> = {
  resolution: { ru: "Резолюция по документу", en: "Resolution on a document" },
  headOrder: { ru: "Индивидуальное поручение Главы", en: "Individual order of the Head" },
  meeting: { ru: "Пункт протокола совещания", en: "Item of a meeting's protocol" },
  broadcast: { ru: "Вопрос прямого эфира", en: "Live broadcast question" },
};

export const TERM_KINDS = ["date", "calendarDays", "workingDays"] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export const PERIODICITIES = ["none", "monthly", "quarterly"] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

export const ORDER_STATES = ["issued", "inWork", "extensionRequested", "reported", "returned", "done"] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_STATE_LABELS: Record<OrderState, Label> = {
  issued: { ru: "Выдано", en: "Issued" },
  inWork: { ru: "В работе", en: "In work" },
  extensionRequested: { ru: "Запрошено продление", en: "Extension requested" },
  reported: { ru: "Представлен отчет", en: "Reported" },
  returned: { ru: "Возвращено на доработку", en: "Returned for rework" },
  done: { ru: "Снято с контроля", en: "Removed from control" },
};
/** States in which an order is on control (its deadline runs). */
export const OPEN_ORDER_STATES: readonly OrderState[] = ["issued", "inWork", "extensionRequested", "reported", "returned"];

export const ORDER_ACTIONS = [
  "start",
  "requestExtension",
  "grantExtension",
  "refuseExtension",
  "report",
  "periodicReport",
  "accept",
  "return",
  "reassign",
  "recordCheck",
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const ORDER_ACTION_LABELS: Record<OrderAction, Label> = {
  start: { ru: "Принять в работу", en: "Start work" },
  requestExtension: { ru: "Запросить продление срока", en: "Request an extension" },
  grantExtension: { ru: "Продлить срок", en: "Grant the extension" },
  refuseExtension: { ru: "Отказать в продлении", en: "Refuse the extension" },
  report: { ru: "Представить отчет об исполнении", en: "Report execution" },
  periodicReport: { ru: "Отчет за период (длящееся поручение)", en: "Periodic report (standing order)" },
  accept: { ru: "Снять с контроля", en: "Accept and remove from control" },
  return: { ru: "Вернуть на доработку", en: "Return for rework" },
  reassign: { ru: "Переназначить исполнителя", en: "Reassign" },
  recordCheck: { ru: "Записать выездную проверку", en: "Record an on-site check" },
};

/**
 * Who takes part in an order: its responsible executor (a member of the responsible department, or
 * the person named), a co-executor (department or person), its controller (the person named, or
 * the office), the office (канцелярия: the department the municipality's control settings name).
 */
/** "departmentHead": the head of the department an appeal is assigned to (approves its answer). */
export type OrderParty = "executor" | "coexecutor" | "controller" | "office" | "departmentHead";

/** What a step needs in its input. */
export type OrderRequirement = "text" | "newDue" | "remarks" | "executor" | "result";

export interface OrderTransition {
  from: readonly OrderState[];
  /** Null: the state stays (a check, a reassignment, a period's report). */
  to: OrderState | null;
  action: OrderAction;
  by: readonly OrderParty[];
  requires?: readonly OrderRequirement[];
  /** Only for standing orders (periodicity other than "none"), or only for one-off orders. */
  when?: "standing" | "oneOff";
}

const WORKING: readonly OrderState[] = ["issued", "inWork", "returned"];

/** Every step of an order's life. A (from state, action) pair occurs at most once. */
export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  { from: ["issued"], to: "inWork", action: "start", by: ["executor"] },
  { from: WORKING, to: "extensionRequested", action: "requestExtension", by: ["executor"], requires: ["newDue", "text"] },
  { from: ["extensionRequested"], to: "inWork", action: "grantExtension", by: ["controller"], requires: ["newDue"] },
  { from: ["extensionRequested"], to: "inWork", action: "refuseExtension", by: ["controller"], requires: ["remarks"] },
  { from: ["issued", "inWork", "returned"], to: "reported", action: "report", by: ["executor"], requires: ["text"], when: "oneOff" },
  { from: ["inWork", "returned"], to: "reported", action: "report", by: ["executor"], requires: ["text"], when: "standing" },
  {
    from: ["issued", "inWork", "returned"],
    to: "inWork",
    action: "periodicReport",
    by: ["executor"],
    requires: ["text"],
    when: "standing",
  },
  { from: ["reported"], to: "done", action: "accept", by: ["controller"] },
  { from: ["reported"], to: "returned", action: "return", by: ["controller"], requires: ["remarks"] },
  { from: OPEN_ORDER_STATES, to: null, action: "reassign", by: ["controller", "office"], requires: ["executor"] },
  { from: OPEN_ORDER_STATES, to: null, action: "recordCheck", by: ["controller", "office"], requires: ["result"] },
];

/** The transition an action takes from a state for an order of that periodicity, if any. */
export function orderTransition(state: OrderState, action: OrderAction, periodicity: Periodicity): OrderTransition | null {
  const standing = periodicity !== "none";
  return (
    ORDER_TRANSITIONS.find(
      (t) => t.action === action && t.from.includes(state) && (t.when === undefined || (t.when === "standing" ? standing : !standing)),
    ) ?? null
  );
}

/** The actions open to the given parties on an order in `state`. */
export function availableOrderActions(state: OrderState, periodicity: Periodicity, parties: readonly OrderParty[]): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => {
    const t = orderTransition(state, a, periodicity);
    return t !== null && t.by.some((p) => parties.includes(p));
  });
}

/** The deadline of an order: a date, or N calendar or working days from the day it was issued. */
export type OrderTerm = { kind: "date"; due: IsoDate } | { kind: "calendarDays" | "workingDays"; days: number };

/**
 * The due date. N calendar days from the order end on a working day (a deadline falling on a day
 * off moves to the next working day, Civil Code art. 193); N working days are counted by the
 * calendar; a date is kept as given.
 */
export function orderDue(issuedOn: IsoDate, term: OrderTerm, cal: WorkingCalendar): IsoDate {
  if (term.kind === "date") return term.due;
  if (!Number.isInteger(term.days) || term.days < 1) throw new RangeError(`days must be a positive integer: ${term.days}`);
  if (term.kind === "calendarDays") return shiftToWorkingDay(cal, addDays(issuedOn, term.days), "forward");
  return addWorkingDays(cal, issuedOn, term.days);
}

/** The end of the reporting period after `due` for a standing order: the last day of the next month or quarter. */
export function nextPeriodDue(due: IsoDate, periodicity: Exclude<Periodicity, "none">): IsoDate {
  const step = periodicity === "monthly" ? 1 : 3;
  let y = yearOf(due);
  let m = monthOf(due);
  if (periodicity === "quarterly") m = Math.ceil(m / 3) * 3; // end of the quarter containing due
  m += step;
  while (m > 12) {
    m -= 12;
    y += 1;
  }
  return makeDate(y, m, daysInMonth(y, m));
}

/** Where an open order stands on a day: due within the reminder window, due today, overdue, or not yet. */
export type OrderStanding = "notYet" | "soon" | "dueToday" | "overdue";

/**
 * The first day beyond the reminder window of `today`: the (N + 1)-th working day after it (a term
 * before it is "soon"); null where the calendar does not tell it (then the days are counted). The
 * same for every order of a list: `orderStanding` takes it computed once.
 */
export function soonBound(today: IsoDate, cal: WorkingCalendar, reminderDaysBefore: number): IsoDate | null {
  if (!Number.isInteger(reminderDaysBefore) || reminderDaysBefore < 0 || !calendarCovers(cal, today)) return null;
  try {
    return addWorkingDays(cal, today, reminderDaysBefore + 1);
  } catch {
    return null;
  }
}

export function orderStanding(
  due: IsoDate,
  today: IsoDate,
  cal: WorkingCalendar,
  reminderDaysBefore: number,
  /** `soonBound(today, cal, reminderDaysBefore)`, when the caller computed it once for a list. */
  bound: IsoDate | null = soonBound(today, cal, reminderDaysBefore),
): OrderStanding {
  if (today > due) return "overdue";
  if (today === due) return "dueToday";
  // only whether at most `reminderDaysBefore` working days are left: the term is before the
  // (N + 1)-th working day after today — a few days looked at, not every day to the term counted (a
  // list's every row, issue 15 part 6); counted in full where that day is past the calendar's years
  if (bound !== null && calendarCovers(cal, due)) return due < bound ? "soon" : "notYet";
  let left: number;
  try {
    left = workingDaysBetween(cal, today, due);
  } catch {
    left = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  }
  return left <= reminderDaysBefore ? "soon" : "notYet";
}

/** Whether a closed order was executed on time: closed on or before its last deadline. */
export function executedOnTime(closedOn: IsoDate, due: IsoDate): boolean {
  return closedOn <= due;
}
