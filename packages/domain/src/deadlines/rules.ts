/**
 * Deadlines as data: each municipality keeps its own rule set (JSON, checked by
 * `parseDeadlineRules`); `KALUGA_220P_DEADLINES` is the default, taken from Kaluga decree 220-п
 * (edition of 13.02.2026 N 73-п), each rule citing its clause.
 */
import { ValidationError, type FieldIssue } from "../errors.ts";

export type DeadlineKind = "quarterly" | "annual" | "review" | "legal";

/** Where a deadline is counted from. */
export type DeadlineAnchor =
  /** Day `day` of the month after the reporting quarter (quarterly; clamped to the month's length). */
  | { type: "monthAfterQuarter"; day: number }
  /** A fixed day of the period's year plus `yearOffset` (annual reports: 1 = the next year; legal dates: 0). */
  | { type: "fixedDate"; month: number; day: number; yearOffset: number }
  /** An event, e.g. the receipt of a document; the offset says how long after. */
  | { type: "event"; event: string };

/**
 * Added to the anchor date. Working days are counted by `addWorkingDays`: the event day itself does
 * not count. Months end on the same day of the last month, or on its last day when it has no such
 * day (Civil Code art. 192).
 */
export type DeadlineOffset = { workingDays: number } | { days: number } | { months: number };

/**
 * What to do when a deadline computed in calendar terms falls on a day off: move to the next
 * working day (Civil Code art. 193, the default), to the previous one, or keep it.
 */
export type OnDayOff = "next" | "previous" | "keep";

export interface DeadlineRule {
  id: string;
  kind: DeadlineKind;
  label: { ru: string; en: string };
  /** Who must act: a role name such as "finance", "economy", "executor", "coexecutor", "admin", "auditChamber". */
  actor: string;
  anchor: DeadlineAnchor;
  offset?: DeadlineOffset;
  /** Quarterly rules only: the reporting quarters the rule applies to (220-п 6.5: I–III). */
  quarters?: number[];
  /** Default "next". Irrelevant for working-day offsets, which always land on a working day. */
  onDayOff?: OnDayOff;
  /** The clause of the source act, e.g. "220-п п. 6.6". */
  clause: string;
  /** The event that completes the deadline, e.g. "registeredInGas" (optional, for event rules). */
  completedBy?: string;
}

const ANNUAL_REPORT_RECEIVED = "annualReportReceived";
const PROJECT_RECEIVED = "projectReceived";
const CONCLUSION_RECEIVED = "conclusionReceived";

/**
 * The events the rules of 220-п count from or end with. A program's or amendment's decree takes
 * effect (`decreeInForce`); the economy department's positive conclusion reaches the executor
 * (4.9); the finance department's conclusion reaches the executor (4.13 for a draft program, 6.14
 * for the annual report); the budget changes — the Duma's decision amending the budget takes
 * effect or the consolidated budget list is changed (5.4, 5.5).
 */
export const DEADLINE_EVENTS = {
  decreeInForce: "decreeInForce",
  economyConclusionPositive: "economyConclusionPositive",
  financeConclusionPositive: "financeConclusionPositive",
  annualFinanceConclusionReceived: "annualFinanceConclusionReceived",
  budgetChanged: "budgetChanged",
  /** A co-executor's order on a direction is adopted (signed) — 4.24 counts from it. */
  orderAdopted: "orderAdopted",
} as const;

/** The deadlines of Kaluga decree 220-п (the order of municipal programs). */
export const KALUGA_220P_DEADLINES: readonly DeadlineRule[] = [
  // Quarterly monitoring, I–III quarters, cumulative (6.5).
  {
    id: "monitoring.finance",
    kind: "quarterly",
    actor: "finance",
    quarters: [1, 2, 3],
    label: { ru: "Финансовые данные для мониторинга на сайте", en: "Funding data for monitoring published" },
    anchor: { type: "monthAfterQuarter", day: 15 },
    clause: "220-п п. 6.6",
  },
  {
    id: "monitoring.coexecutor",
    kind: "quarterly",
    actor: "coexecutor",
    quarters: [1, 2, 3],
    label: { ru: "Информация соисполнителя о ходе реализации направления", en: "Co-executor's monitoring information" },
    anchor: { type: "monthAfterQuarter", day: 20 },
    clause: "220-п п. 6.7",
  },
  {
    id: "monitoring.publication",
    kind: "quarterly",
    actor: "executor",
    quarters: [1, 2, 3],
    label: { ru: "Размещение мониторинга на сайте", en: "Monitoring published" },
    anchor: { type: "monthAfterQuarter", day: 25 },
    clause: "220-п п. 6.8",
  },
  {
    id: "monitoring.control",
    kind: "quarterly",
    actor: "economy",
    quarters: [1, 2, 3],
    label: { ru: "Контроль параметров мониторинга", en: "Control of the monitoring" },
    anchor: { type: "monthAfterQuarter", day: 30 },
    clause: "220-п п. 6.9",
  },
  // The annual report on the reporting year.
  {
    id: "annual.coexecutor",
    kind: "annual",
    actor: "coexecutor",
    label: { ru: "Информация соисполнителя для годового отчета", en: "Co-executor's information for the annual report" },
    anchor: { type: "fixedDate", month: 2, day: 5, yearOffset: 1 },
    clause: "220-п п. 6.10",
  },
  {
    id: "annual.report",
    kind: "annual",
    actor: "executor",
    label: { ru: "Годовой отчет в управление финансов", en: "Annual report to the finance department" },
    anchor: { type: "fixedDate", month: 2, day: 15, yearOffset: 1 },
    clause: "220-п п. 6.11",
  },
  {
    id: "annual.consolidated",
    kind: "annual",
    actor: "economy",
    label: { ru: "Сводный годовой доклад главе городского округа", en: "Consolidated annual report to the head" },
    anchor: { type: "fixedDate", month: 5, day: 25, yearOffset: 1 },
    clause: "220-п п. 6.19",
  },
  {
    id: "annual.publication",
    kind: "annual",
    actor: "executor",
    label: { ru: "Размещение годового отчета и сводного доклада на сайте", en: "Annual and consolidated reports published" },
    anchor: { type: "fixedDate", month: 6, day: 1, yearOffset: 1 },
    clause: "220-п п. 6.21, 6.22",
  },
  // Reviews, counted from an event.
  {
    id: "review.annual.finance",
    kind: "review",
    actor: "finance",
    label: { ru: "Экспертиза годового отчета управлением финансов", en: "Finance review of the annual report" },
    anchor: { type: "event", event: ANNUAL_REPORT_RECEIVED },
    offset: { workingDays: 10 },
    clause: "220-п п. 6.13",
  },
  {
    id: "review.annual.economy",
    kind: "review",
    actor: "economy",
    label: { ru: "Заключение управления экономики по годовому отчету", en: "Economy review of the annual report" },
    anchor: { type: "event", event: ANNUAL_REPORT_RECEIVED },
    offset: { workingDays: 15 },
    clause: "220-п п. 6.15",
  },
  {
    id: "review.annual.rework",
    kind: "review",
    actor: "executor",
    label: { ru: "Доработка годового отчета по замечаниям", en: "Annual report reworked after remarks" },
    anchor: { type: "event", event: CONCLUSION_RECEIVED },
    offset: { workingDays: 5 },
    clause: "220-п п. 6.17",
  },
  {
    id: "review.program.economy",
    kind: "review",
    actor: "economy",
    label: { ru: "Экспертиза проекта программы управлением экономики", en: "Economy review of a draft program" },
    anchor: { type: "event", event: PROJECT_RECEIVED },
    offset: { workingDays: 5 },
    clause: "220-п п. 4.8",
  },
  {
    id: "review.program.finance",
    kind: "review",
    actor: "finance",
    label: { ru: "Экспертиза проекта программы управлением финансов", en: "Finance review of a draft program" },
    anchor: { type: "event", event: PROJECT_RECEIVED },
    offset: { workingDays: 5 },
    clause: "220-п п. 4.10",
  },
  {
    id: "review.program.rework",
    kind: "review",
    actor: "executor",
    label: { ru: "Доработка проекта и направление на повторную экспертизу", en: "Draft reworked and resubmitted" },
    anchor: { type: "event", event: CONCLUSION_RECEIVED },
    offset: { workingDays: 5 },
    clause: "220-п п. 4.11",
  },
  {
    // 4.9: after the economy department's positive conclusion, the executor (co-executor) sends the
    // full package with it to the finance department within 2 working days.
    id: "review.program.toFinance",
    kind: "review",
    actor: "executor",
    label: { ru: "Пакет документов в управление финансов", en: "Documents sent to the finance department" },
    anchor: { type: "event", event: DEADLINE_EVENTS.economyConclusionPositive },
    offset: { workingDays: 2 },
    clause: "220-п п. 4.9",
    completedBy: "sentToFinance",
  },
  {
    // 4.13 (second paragraph): the executor (co-executor) sends the draft with the 4.7 documents to
    // the audit chamber within 2 working days of the day the finance department's conclusion arrives.
    id: "review.program.toAuditChamber",
    kind: "review",
    actor: "executor",
    label: { ru: "Проект в контрольно-счетный орган", en: "Draft sent to the audit chamber" },
    anchor: { type: "event", event: DEADLINE_EVENTS.financeConclusionPositive },
    offset: { workingDays: 2 },
    clause: "220-п п. 4.13",
    completedBy: "sentToAuditChamber",
  },
  {
    // 4.18: the approved program (amendment) is published on the administration's official site
    // within 5 working days of the entry into force of the decree approving it.
    id: "program.publication",
    kind: "review",
    actor: "executor",
    label: { ru: "Размещение утвержденной программы на сайте", en: "Approved program published" },
    anchor: { type: "event", event: DEADLINE_EVENTS.decreeInForce },
    offset: { workingDays: 5 },
    clause: "220-п п. 4.18",
    completedBy: "published",
  },
  {
    // 4.18.1: the responsible executor places it in the state automated system «Управление» within
    // 10 (calendar) days of the day the decree approving it takes effect.
    id: "program.gasUpravlenie",
    kind: "review",
    actor: "executor",
    label: { ru: "Размещение программы в ГАС «Управление»", en: "Program registered in the GAS «Upravlenie» system" },
    anchor: { type: "event", event: DEADLINE_EVENTS.decreeInForce },
    offset: { days: 10 },
    clause: "220-п п. 4.18.1",
    completedBy: "registeredInGas",
  },
  {
    // 1.7, 4.19: the co-executor details its direction (or its changes) in an order of the head of
    // the body, developed and approved no later than 30 days after the program (amendment) takes effect.
    id: "direction.order",
    kind: "review",
    actor: "coexecutor",
    label: { ru: "Распоряжение об утверждении направления (изменений в направление)", en: "Order approving the direction (its changes)" },
    anchor: { type: "event", event: DEADLINE_EVENTS.decreeInForce },
    offset: { days: 30 },
    clause: "220-п п. 1.7, 4.19",
    completedBy: "directionOrderApproved",
  },
  {
    // 4.20: the co-executor's draft order on a direction is agreed with the economy and the finance
    // departments, each within 7 working days of receiving it (tracked as the workflow's stage term).
    id: "review.directionOrder.economy",
    kind: "review",
    actor: "economy",
    label: { ru: "Согласование проекта распоряжения о направлении управлением экономики", en: "Economy review of a direction's order" },
    anchor: { type: "event", event: PROJECT_RECEIVED },
    offset: { workingDays: 7 },
    clause: "220-п п. 4.20",
  },
  {
    id: "review.directionOrder.finance",
    kind: "review",
    actor: "finance",
    label: { ru: "Согласование проекта распоряжения о направлении управлением финансов", en: "Finance review of a direction's order" },
    anchor: { type: "event", event: PROJECT_RECEIVED },
    offset: { workingDays: 7 },
    clause: "220-п п. 4.20",
  },
  {
    // 4.24: the approved order on a direction is placed in the legal reference systems and on the
    // official site no later than 7 working days after its adoption (tracked as the workflow's stage term).
    id: "directionOrder.publication",
    kind: "review",
    actor: "coexecutor",
    label: { ru: "Размещение распоряжения о направлении на сайте и в справочных системах", en: "Direction's order published" },
    anchor: { type: "event", event: DEADLINE_EVENTS.orderAdopted },
    offset: { workingDays: 7 },
    clause: "220-п п. 4.24",
    completedBy: "published",
  },
  // The budget changes: the Duma's decision amending the budget takes effect and/or the consolidated
  // budget list is changed.
  {
    // 5.4: the executor (co-executor) amends the program (directions) no later than two months after.
    id: "budget.programs",
    kind: "review",
    actor: "executor",
    label: { ru: "Приведение программы в соответствие с изменениями бюджета", en: "Program brought into line with the amended budget" },
    anchor: { type: "event", event: DEADLINE_EVENTS.budgetChanged },
    offset: { months: 2 },
    clause: "220-п п. 5.4",
    completedBy: "programAmendmentApproved",
  },
  {
    // 5.5: when the funding of structural elements or activities approved in the direction changes
    // without changing the program's total, the co-executor prepares the draft order amending the
    // direction no later than 30 days after the budget change.
    id: "budget.directions",
    kind: "review",
    actor: "coexecutor",
    label: {
      ru: "Проект распоряжения об изменении направления после изменения бюджета",
      en: "Draft order amending the direction after a budget change",
    },
    anchor: { type: "event", event: DEADLINE_EVENTS.budgetChanged },
    offset: { days: 30 },
    clause: "220-п п. 5.5",
    completedBy: "directionOrderDrafted",
  },
  {
    // 6.14: within 2 (calendar) days of receiving the finance department's conclusion, the executor
    // sends the annual report to the economy department.
    id: "review.annual.toEconomy",
    kind: "review",
    actor: "executor",
    label: {
      ru: "Годовой отчет в управление экономики после заключения управления финансов",
      en: "Annual report sent to the economy department",
    },
    anchor: { type: "event", event: DEADLINE_EVENTS.annualFinanceConclusionReceived },
    offset: { days: 2 },
    clause: "220-п п. 6.14",
    completedBy: "annualSentToEconomy",
  },
  // Legal dates of the current financial year.
  {
    id: "legal.approval",
    kind: "legal",
    actor: "admin",
    label: { ru: "Утверждение программ и изменений по итогам отчетного года", en: "Programs and amendments approved" },
    anchor: { type: "fixedDate", month: 4, day: 1, yearOffset: 0 },
    clause: "220-п п. 4.16, 4.17",
  },
  {
    // 4.22: the orders on directions are amended for the reporting year's figures, and the directions
    // for the next year adopted, by the terms of 4.16 and 4.17 (1 April of the current year).
    id: "legal.directionOrders",
    kind: "legal",
    actor: "coexecutor",
    label: { ru: "Уточнение направлений программ по итогам отчетного года", en: "Directions' orders amended after the reporting year" },
    anchor: { type: "fixedDate", month: 4, day: 1, yearOffset: 0 },
    clause: "220-п п. 4.22",
  },
  {
    id: "legal.programList",
    kind: "legal",
    actor: "economy",
    label: { ru: "Изменения в перечень муниципальных программ", en: "Changes to the list of programs" },
    anchor: { type: "fixedDate", month: 7, day: 15, yearOffset: 0 },
    clause: "220-п п. 4.1",
  },
  {
    id: "legal.reviews",
    kind: "legal",
    actor: "economy",
    label: { ru: "Экспертиза проектов программ на очередной год", en: "Reviews of draft programs for the next year" },
    anchor: { type: "fixedDate", month: 8, day: 1, yearOffset: 0 },
    clause: "220-п п. 4.6",
  },
];

/* ------------------------------------------------------------------------------- parsing -- */

const KINDS: readonly DeadlineKind[] = ["quarterly", "annual", "review", "legal"];
const ANCHOR_FOR_KIND: Record<DeadlineKind, DeadlineAnchor["type"][]> = {
  quarterly: ["monthAfterQuarter"],
  annual: ["fixedDate"],
  legal: ["fixedDate"],
  review: ["event"],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function intIn(v: unknown, min: number, max: number): v is number {
  return Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
}

/**
 * Validates a rule set given as JSON (an array of rules) and returns it. Collects every problem
 * and throws one `ValidationError` whose issues name their paths, e.g. `[2].anchor.day`.
 */
export function parseDeadlineRules(json: unknown): DeadlineRule[] {
  if (!Array.isArray(json)) {
    throw new ValidationError([{ path: "", message: "Ожидается список правил сроков", messageEn: "Expected a list of deadline rules" }]);
  }
  const issues: FieldIssue[] = [];
  const err = (path: string, message: string, messageEn: string) => issues.push({ path, message, messageEn });
  const ids = new Set<string>();
  const rules: DeadlineRule[] = [];

  json.forEach((r, i) => {
    const at = (key: string) => `[${i}]${key ? `.${key}` : ""}`;
    if (!isObject(r)) return err(at(""), "Правило должно быть объектом", "A rule must be an object");
    const before = issues.length;

    if (typeof r.id !== "string" || r.id.trim() === "") err(at("id"), "Обязательное поле: идентификатор", "Required: id");
    else if (ids.has(r.id)) err(at("id"), `Идентификатор «${r.id}» повторяется`, `Duplicate id "${r.id}"`);
    else ids.add(r.id);

    const kind = r.kind as DeadlineKind;
    if (!KINDS.includes(kind))
      err(at("kind"), `Вид срока должен быть одним из: ${KINDS.join(", ")}`, `kind must be one of: ${KINDS.join(", ")}`);

    const label = r.label;
    if (!isObject(label)) err(at("label"), "Ожидается {ru, en}", "Expected {ru, en}");
    else
      for (const lang of ["ru", "en"] as const) {
        if (typeof label[lang] !== "string" || label[lang].trim() === "")
          err(at(`label.${lang}`), "Обязательное поле: название", "Required: label");
      }
    if (typeof r.actor !== "string" || r.actor.trim() === "")
      err(at("actor"), "Обязательное поле: роль исполнителя", "Required: actor (a role name)");
    if (typeof r.clause !== "string" || r.clause.trim() === "")
      err(at("clause"), "Обязательное поле: пункт правового акта", "Required: clause of the act");

    const a = r.anchor;
    if (!isObject(a)) err(at("anchor"), "Обязательное поле: точка отсчета", "Required: anchor");
    else {
      if (a.type === "monthAfterQuarter") {
        if (!intIn(a.day, 1, 31)) err(at("anchor.day"), "День месяца должен быть целым от 1 до 31", "day must be an integer 1–31");
      } else if (a.type === "fixedDate") {
        if (!intIn(a.month, 1, 12)) err(at("anchor.month"), "Месяц должен быть целым от 1 до 12", "month must be an integer 1–12");
        if (!intIn(a.day, 1, 31)) err(at("anchor.day"), "День месяца должен быть целым от 1 до 31", "day must be an integer 1–31");
        else if (intIn(a.month, 1, 12) && a.day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][a.month - 1]!) {
          err(at("anchor.day"), `В месяце ${a.month} нет ${a.day}-го числа`, `Month ${a.month} has no day ${a.day}`);
        }
        if (!intIn(a.yearOffset ?? 0, -1, 5))
          err(at("anchor.yearOffset"), "Сдвиг года должен быть целым от -1 до 5", "yearOffset must be an integer −1…5");
      } else if (a.type === "event") {
        if (typeof a.event !== "string" || a.event.trim() === "") err(at("anchor.event"), "Обязательное поле: событие", "Required: event");
      } else {
        err(
          at("anchor.type"),
          "Точка отсчета: monthAfterQuarter, fixedDate или event",
          "anchor.type must be monthAfterQuarter, fixedDate or event",
        );
      }
      if (KINDS.includes(kind) && typeof a.type === "string" && !ANCHOR_FOR_KIND[kind].includes(a.type as DeadlineAnchor["type"])) {
        err(
          at("anchor.type"),
          `Для вида «${kind}» точка отсчета должна быть: ${ANCHOR_FOR_KIND[kind].join(", ")}`,
          `A ${kind} rule needs anchor ${ANCHOR_FOR_KIND[kind].join(", ")}`,
        );
      }
    }

    const o = r.offset;
    if (o !== undefined) {
      if (!isObject(o) || Object.keys(o).length !== 1 || !("workingDays" in o || "days" in o || "months" in o)) {
        err(at("offset"), "Ожидается {workingDays: N}, {days: N} или {months: N}", "Expected {workingDays: N}, {days: N} or {months: N}");
      } else if ("months" in o) {
        if (!intIn(o.months, -24, 24))
          err(at("offset.months"), "Сдвиг в месяцах должен быть целым от -24 до 24", "The offset in months must be an integer −24…24");
      } else {
        const key = "workingDays" in o ? "workingDays" : "days";
        if (!intIn(o[key], -366, 366))
          err(at(`offset.${key}`), "Сдвиг должен быть целым числом дней", "The offset must be an integer number of days");
      }
    } else if (isObject(a) && a.type === "event") {
      err(at("offset"), "Для срока от события нужен сдвиг: {workingDays: N} или {days: N}", "An event rule needs an offset");
    }

    if (r.quarters !== undefined) {
      if (kind !== "quarterly")
        err(at("quarters"), "Кварталы указываются только для квартальных сроков", "quarters apply to quarterly rules only");
      else if (!Array.isArray(r.quarters) || r.quarters.length === 0)
        err(at("quarters"), "Ожидается список кварталов 1–4", "Expected a list of quarters 1–4");
      else
        r.quarters.forEach((q, qi) => {
          if (!intIn(q, 1, 4)) err(at(`quarters[${qi}]`), "Квартал должен быть от 1 до 4", "A quarter is 1–4");
        });
    }
    if (r.completedBy !== undefined && (typeof r.completedBy !== "string" || r.completedBy.trim() === "")) {
      err(at("completedBy"), "Событие завершения: непустая строка", "completedBy must be a non-empty event name");
    }
    if (r.onDayOff !== undefined && !["next", "previous", "keep"].includes(r.onDayOff as string)) {
      err(at("onDayOff"), "Ожидается next, previous или keep", "Expected next, previous or keep");
    }

    if (issues.length === before) rules.push(normalized(r as unknown as DeadlineRule));
  });

  if (issues.length > 0) throw new ValidationError(issues);
  return rules;
}

function normalized(r: DeadlineRule): DeadlineRule {
  const anchor: DeadlineAnchor =
    r.anchor.type === "fixedDate"
      ? { type: "fixedDate", month: r.anchor.month, day: r.anchor.day, yearOffset: r.anchor.yearOffset ?? 0 }
      : r.anchor.type === "monthAfterQuarter"
        ? { type: "monthAfterQuarter", day: r.anchor.day }
        : { type: "event", event: r.anchor.event };
  const out: DeadlineRule = { id: r.id, kind: r.kind, label: { ru: r.label.ru, en: r.label.en }, actor: r.actor, anchor, clause: r.clause };
  if (r.offset) {
    out.offset =
      "workingDays" in r.offset
        ? { workingDays: r.offset.workingDays }
        : "months" in r.offset
          ? { months: r.offset.months }
          : { days: r.offset.days };
  }
  if (r.quarters) out.quarters = [...r.quarters];
  if (r.onDayOff) out.onDayOff = r.onDayOff;
  if (r.completedBy) out.completedBy = r.completedBy;
  return out;
}
