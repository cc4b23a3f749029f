/**
 * Rules of change: what an amendment may not touch (decree 220-п), checked on the difference
 * between the approved version and the draft of the amendment (diff.ts, deep).
 *
 * What the decree says, and how it is read here:
 *
 * - 3.1.4 (section "План достижения показателей направления", appendix 6 — the monthly plan of the
 *   metrics): "Не допускается внесение изменений … в части изменения плановых значений показателей
 *   за предыдущий период." A month is past when it has ended (its last day is before today; month
 *   12 is "на 31 декабря"). A year is past when it is before the current year; so the yearly plan
 *   values of metrics of past years are covered too.
 * - 4.16 and 4.22 allow one exception: an amendment refining the indicators, the metrics and the
 *   funding of the reporting (previous) year by the budget schedule, approved not later than
 *   1 April of the current year. So the previous year's yearly values and funding may change up to
 *   and including 1 April; after it, and for earlier years, never.
 * - Program indicators and funding are not named in 3.1.4 (it is about the metrics of a
 *   direction); their past years are closed by 4.16, which allows refining only the reporting year
 *   and only until 1 April.
 * - 3.1.6 (section "План реализации комплекса процессных мероприятий", appendix 7): "Не допускается
 *   внесение изменений … в части наименования и даты наступления прошедших контрольных точек."
 *   A checkpoint is past when its planned date is before today. Its name and planned date may not
 *   change and it may not be removed (a rename is seen as removal, since checkpoints are matched by
 *   name). Likewise no checkpoint may be added with, or moved to, a planned date already past.
 * - 6.16: "После получения заключений ответственный исполнитель не может инициировать внесение
 *   изменений за отчетный период." The years whose annual-report conclusions have been received are
 *   given as `lockedYears`: no plan value, funding or checkpoint of such a year may change.
 *
 * Facts are not plan values and are not restricted here.
 */
import { compareDates, daysInMonth, formatDateRu, isIsoDate, makeDate, yearOf, type IsoDate } from "../dates.ts";
import { RuleError } from "../errors.ts";
import type { ProgramDocument } from "../model/documents.ts";
import { formatMoney, parseMoney } from "../money.ts";
import { valueText } from "../validation/text.ts";
import { legalDeadlines } from "../workflow/legal-deadlines.ts";
import { diffPrograms, type Change } from "./diff.ts";
import { decimalOf } from "./numbers.ts";

export type AmendmentRule = "220-п 3.1.4" | "220-п 3.1.6" | "220-п 4.16" | "220-п 6.16";

export interface AmendmentViolation {
  path: string;
  /** Russian, cites the rule. */
  message: string;
  messageEn: string;
  rule: AmendmentRule;
}

/** The last day of a month of a monthly plan. */
export function monthEnd(year: number, month: number): IsoDate {
  return makeDate(year, month, daysInMonth(year, month));
}

/** A month has ended when its last day is before today. */
export function monthEnded(year: number, month: number, today: IsoDate): boolean {
  return compareDates(monthEnd(year, month), today) < 0;
}

const MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

function periodRu(c: Change): string {
  if (c.month !== undefined && c.year !== undefined)
    return c.month === 12 ? `на 31 декабря ${c.year} года` : `на конец ${MONTHS_GEN[c.month - 1]} ${c.year} года`;
  return `за ${c.year} год`;
}

function periodEn(c: Change): string {
  return c.month !== undefined ? `for ${c.year}-${String(c.month).padStart(2, "0")}` : `for ${c.year}`;
}

/** Plan-type values: what an amendment plans, as opposed to the facts it reports. */
function isPlanValue(c: Change): boolean {
  if (c.entity === "metric" || c.entity === "indicator") return c.field === "plan" && c.year !== undefined;
  return c.entity === "funding" && c.field === "amount";
}

/** The years a change of a checkpoint touches: of the old and of the new planned date. */
function checkpointYears(c: Change): number[] {
  const dates = c.field === "plannedDate" ? [c.before, c.after] : [c.date];
  return dates.filter((d): d is string => typeof d === "string" && isIsoDate(d)).map(yearOf);
}

/** The planned date of the checkpoint as approved (for a change or a removal). */
function approvedDate(c: Change): string | null {
  if (c.kind === "added") return null;
  return c.field === "plannedDate" ? (c.before ?? null) : (c.date ?? null);
}

function isPast(date: string | null | undefined, today: IsoDate): boolean {
  return typeof date === "string" && isIsoDate(date) && compareDates(date, today) < 0;
}

/**
 * The violations of the rules of change in a draft amendment of an approved program, checked on
 * `today`; `lockedYears`: the years whose annual-report conclusions have been received (6.16).
 */
export function checkAmendment(
  approved: ProgramDocument,
  draft: ProgramDocument,
  today: IsoDate,
  lockedYears: readonly number[],
): AmendmentViolation[] {
  const year = yearOf(today);
  const refinement = legalDeadlines(year).reportingYearRefinement;
  const refinementOpen = compareDates(today, refinement.date) <= 0;
  const locked = new Set(lockedYears);
  const out: AmendmentViolation[] = [];
  const push = (path: string, rule: AmendmentRule, message: string, messageEn: string) => out.push({ path, rule, message, messageEn });

  for (const c of diffPrograms(approved, draft, { deep: true })) {
    if (isPlanValue(c)) {
      const y = c.year!;
      const what = c.entity === "funding" ? "объем финансирования" : "плановое значение";
      if (locked.has(y)) {
        push(
          c.path,
          "220-п 6.16",
          `${cap(c.label)}: ${what} ${periodRu(c)} изменить нельзя — заключения по годовому отчету за ${y} год получены, изменения за отчетный период не вносятся (220-п, п. 6.16)`,
          `${c.path}: the annual report for ${y} has its conclusions; no amendment for that period (220-п 6.16)`,
        );
        continue;
      }
      if (c.entity === "metric" && c.month !== undefined) {
        if (monthEnded(y, c.month, today)) {
          push(
            c.path,
            "220-п 3.1.4",
            `${cap(c.label)}: плановое значение ${periodRu(c)} изменить нельзя — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)`,
            `${c.path}: plan values of a past period (a month that has ended, ${periodEn(c)}) may not change (220-п 3.1.4)`,
          );
        }
        continue;
      }
      if (y >= year) continue;
      if (y === year - 1 && refinementOpen) continue;
      const window =
        y === year - 1
          ? `; уточнение за отчетный ${y} год утверждается не позднее ${formatDateRu(refinement.date)} (220-п, пп. 4.16, 4.22)`
          : `; уточнять можно только отчетный год и только до 1 апреля (220-п, пп. 4.16, 4.22)`;
      if (c.entity === "metric") {
        push(
          c.path,
          "220-п 3.1.4",
          `${cap(c.label)}: плановое значение ${periodRu(c)} изменить нельзя — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)${window}`,
          `${c.path}: plan values of a past year (${y}) may not change (220-п 3.1.4); the reporting year may be refined until ${refinement.date} (4.16, 4.22)`,
        );
      } else {
        push(
          c.path,
          "220-п 4.16",
          `${cap(c.label)}: ${what} ${periodRu(c)} изменить нельзя — прошедший год${window}`,
          `${c.path}: values of a past year (${y}) may not change; only the reporting year may be refined, until ${refinement.date} (220-п 4.16)`,
        );
      }
      continue;
    }

    if (c.entity === "checkpoint" && (c.field === undefined || c.field === "name" || c.field === "plannedDate")) {
      const lockedYear = checkpointYears(c).find((y) => locked.has(y));
      if (lockedYear !== undefined) {
        push(
          c.path,
          "220-п 6.16",
          `${cap(c.label)}: изменить нельзя — заключения по годовому отчету за ${lockedYear} год получены, изменения за отчетный период не вносятся (220-п, п. 6.16)`,
          `${c.path}: the annual report for ${lockedYear} has its conclusions; no amendment for that period (220-п 6.16)`,
        );
        continue;
      }
      if (isPast(approvedDate(c), today)) {
        const act = c.kind === "removed" ? "исключить или переименовать" : c.field === "name" ? "переименовать" : "перенести";
        push(
          c.path,
          "220-п 3.1.6",
          `${cap(c.label)}: прошедшую контрольную точку нельзя ${act} — не допускается изменение наименования и даты наступления прошедших контрольных точек (220-п, п. 3.1.6)`,
          `${c.path}: the name and date of a past checkpoint may not change, nor may it be removed (220-п 3.1.6)`,
        );
        continue;
      }
      const newDate = c.kind === "added" ? c.date : c.field === "plannedDate" ? c.after : null;
      if (isPast(newDate, today)) {
        push(
          c.path,
          "220-п 3.1.6",
          `${cap(c.label)}: плановая дата ${formatDateRu(newDate!)} уже прошла — контрольную точку нельзя добавить или перенести задним числом (220-п, п. 3.1.6)`,
          `${c.path}: a checkpoint may not be added with, or moved to, a planned date already past (220-п 3.1.6)`,
        );
      }
    }
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- one error for many violations ----------------------------------------------------------

/** The violations as one RuleError citing the rule (the first one's, and every rule when several), or null. */
export function violationsError(violations: readonly AmendmentViolation[]): RuleError | null {
  if (violations.length === 0) return null;
  const rules = [...new Set(violations.map((v) => v.rule))];
  const message =
    violations.length === 1
      ? violations[0]!.message
      : `Изменение запрещено правилами внесения изменений (${rules.join(", ")}): ${violations.length} нарушений. ${violations[0]!.message}`;
  return new RuleError(
    message,
    rules.join(", "),
    violations.map((v) => ({ path: v.path, message: v.message, messageEn: v.messageEn, rule: v.rule })),
  );
}

// ---- the write path: one stored row at a time ----------------------------------------------

/** The resources of a program whose rows the rules of change look at. */
export const RULED_RESOURCES = ["metricValue", "metricMonth", "programIndicatorValue", "funding", "checkpoint", "budgetExecution"] as const;
export type RuledResource = (typeof RULED_RESOURCES)[number];

export function isRuledResource(name: string): name is RuledResource {
  return (RULED_RESOURCES as readonly string[]).includes(name);
}

/** A stored row changing: created (before null), updated, or deleted (after null). */
export interface RowChange {
  resource: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** A name for messages, e.g. the metric's name; optional. */
  label?: string;
}

type Rec = Record<string, unknown>;

function norm(kind: "decimal" | "money" | "text" | "int", v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = valueText(v).trim();
  if (s === "") return null;
  if (kind === "decimal") return decimalOf(s) ?? s;
  if (kind === "money") {
    try {
      return formatMoney(parseMoney(s));
    } catch {
      return s;
    }
  }
  if (kind === "int") return String(Number(s));
  return s;
}

function differs(a: Rec | null, b: Rec | null, fields: readonly (readonly [string, "decimal" | "money" | "text" | "int"])[]): boolean {
  if (!a || !b) return true;
  return fields.some(([f, k]) => norm(k, a[f]) !== norm(k, b[f]));
}

const RESOURCE_WORDS: Record<RuledResource, string> = {
  metricValue: "Значение показателя",
  metricMonth: "Значение помесячного плана показателя",
  programIndicatorValue: "Значение индикатора",
  funding: "Финансовое обеспечение",
  checkpoint: "Контрольная точка",
  budgetExecution: "Кассовое исполнение",
};

const ALL_FIELDS: Record<RuledResource, readonly (readonly [string, "decimal" | "money" | "text" | "int"])[]> = {
  metricValue: [
    ["year", "int"],
    ["plan", "decimal"],
    ["fact", "decimal"],
    ["justification", "text"],
  ],
  metricMonth: [
    ["year", "int"],
    ["month", "int"],
    ["plan", "decimal"],
    ["fact", "decimal"],
    ["forecast", "decimal"],
    ["justification", "text"],
  ],
  programIndicatorValue: [
    ["year", "int"],
    ["plan", "decimal"],
    ["fact", "decimal"],
    ["justification", "text"],
  ],
  funding: [
    ["year", "int"],
    ["source", "text"],
    ["amount", "money"],
  ],
  checkpoint: [
    ["name", "text"],
    ["plannedDate", "text"],
    ["actualDate", "text"],
    ["responsible", "text"],
    ["documentKind", "text"],
    ["informationSystem", "text"],
    ["activityId", "text"],
  ],
  budgetExecution: [
    ["elementId", "text"],
    ["year", "int"],
    ["quarter", "int"],
    ["source", "text"],
    ["cash", "money"],
  ],
};

/** The years a row belongs to (before and after): its `year`, or the year of a checkpoint's planned date. */
function rowYears(resource: RuledResource, rows: (Rec | null)[]): number[] {
  const ys = new Set<number>();
  for (const r of rows) {
    if (!r) continue;
    if (resource === "checkpoint") {
      if (isIsoDate(r.plannedDate)) ys.add(yearOf(r.plannedDate));
    } else if (r.year !== null && r.year !== undefined && Number.isInteger(Number(r.year))) ys.add(Number(r.year));
  }
  return [...ys].sort();
}

function verbOf(c: RowChange): { ru: string; en: string } {
  if (!c.before) return { ru: "добавить", en: "add" };
  if (!c.after) return { ru: "удалить", en: "delete" };
  return { ru: "изменить", en: "change" };
}

/**
 * The violations of the rules of change by one stored row of a program that has an approved
 * version, on `today`; `lockedYears`: the years whose annual-report conclusions are received.
 * The same reading of the decree as `checkAmendment`, for the write path:
 *
 * - 6.16: nothing of a locked year changes (plan, fact, funding, checkpoints, budget execution).
 * - 3.1.4: the plan value of a metric for a past year, or of a month that has ended, may not be
 *   set, changed or removed (the reporting year may be refined until 1 April, 4.16, 4.22).
 * - 4.16: likewise the plan values of program indicators and the funding of past years.
 * - 3.1.6: a checkpoint whose planned date has passed keeps its name and date and is not removed;
 *   no checkpoint is added with, or moved to, a planned date already past.
 *
 * Facts, forecasts and justifications of periods not locked are free: monitoring enters them.
 */
export function rowChangeViolations(change: RowChange, today: IsoDate, lockedYears: readonly number[]): AmendmentViolation[] {
  if (!isRuledResource(change.resource)) return [];
  const resource = change.resource;
  const { before, after } = change;
  if (!before && !after) return [];
  const out: AmendmentViolation[] = [];
  const what = change.label ? `${RESOURCE_WORDS[resource]} «${change.label}»` : RESOURCE_WORDS[resource];
  const verb = verbOf(change);

  // 6.16: a locked year
  if (differs(before, after, ALL_FIELDS[resource])) {
    const locked = rowYears(resource, [before, after]).filter((y) => lockedYears.includes(y));
    if (locked.length > 0) {
      const y = locked[0]!;
      out.push({
        path: resource === "checkpoint" ? "plannedDate" : "year",
        rule: "220-п 6.16",
        message: `${what} за ${y} год нельзя ${verb.ru} — заключения по годовому отчету за ${y} год получены, изменения за отчетный период не вносятся (220-п, п. 6.16)`,
        messageEn: `${resource} of ${y} may not ${verb.en}: the annual report for ${y} has its conclusions (220-п 6.16)`,
      });
      return out;
    }
  }

  const year = yearOf(today);
  const refinement = legalDeadlines(year).reportingYearRefinement;
  const refinementOpen = compareDates(today, refinement.date) <= 0;
  const yearClosed = (y: number) => y < year && !(y === year - 1 && refinementOpen);
  const windowText = (y: number) =>
    y === year - 1
      ? `; уточнение за отчетный ${y} год утверждается не позднее ${formatDateRu(refinement.date)} (220-п, пп. 4.16, 4.22)`
      : "; уточнять можно только отчетный год и только до 1 апреля (220-п, пп. 4.16, 4.22)";

  if (resource === "metricValue" || resource === "programIndicatorValue" || resource === "funding") {
    const field = resource === "funding" ? "amount" : "plan";
    const kind = resource === "funding" ? "money" : "decimal";
    const keyFields =
      resource === "funding"
        ? ([
            ["year", "int"],
            ["source", "text"],
          ] as const)
        : ([["year", "int"]] as const);
    const moved = before && after && differs(before, after, keyFields);
    const changed = moved || norm(kind, before?.[field]) !== norm(kind, after?.[field]);
    if (!changed) return out;
    // the plan values touched: the old one (if it had one) and the new one
    const touched = [before, after].filter((r): r is Rec => !!r && norm(kind, r[field]) !== null);
    const years = [...new Set(touched.map((r) => Number(r.year)))].filter(yearClosed).sort();
    for (const y of years) {
      const noun = resource === "funding" ? "объем финансирования" : "плановое значение";
      if (resource === "metricValue") {
        out.push({
          path: field,
          rule: "220-п 3.1.4",
          message: `${what}: плановое значение за ${y} год нельзя ${verb.ru} — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)${windowText(y)}`,
          messageEn: `the plan value of a metric for a past year (${y}) may not change (220-п 3.1.4); the reporting year may be refined until ${refinement.date} (4.16, 4.22)`,
        });
      } else {
        out.push({
          path: field,
          rule: "220-п 4.16",
          message: `${what}: ${noun} за ${y} год нельзя ${verb.ru} — прошедший год${windowText(y)}`,
          messageEn: `${resource} of a past year (${y}) may not change; only the reporting year may be refined, until ${refinement.date} (220-п 4.16)`,
        });
      }
    }
    return out;
  }

  if (resource === "metricMonth") {
    const moved =
      before &&
      after &&
      differs(before, after, [
        ["year", "int"],
        ["month", "int"],
      ]);
    const changed = moved || norm("decimal", before?.plan) !== norm("decimal", after?.plan);
    if (!changed) return out;
    for (const r of [before, after]) {
      if (!r || norm("decimal", r.plan) === null) continue;
      const y = Number(r.year);
      const m = Number(r.month);
      if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12 || !monthEnded(y, m, today)) continue;
      const period = m === 12 ? `на 31 декабря ${y} года` : `на конец ${MONTHS_GEN[m - 1]} ${y} года`;
      out.push({
        path: "plan",
        rule: "220-п 3.1.4",
        message: `${what}: плановое значение ${period} нельзя ${verb.ru} — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)`,
        messageEn: `the plan value of a month that has ended (${y}-${String(m).padStart(2, "0")}) may not change (220-п 3.1.4)`,
      });
      break;
    }
    return out;
  }

  if (resource === "checkpoint") {
    const beforeDate = before ? valueText(before.plannedDate) : null;
    const afterDate = after ? valueText(after.plannedDate) : null;
    const nameOrDateChanged =
      !before ||
      !after ||
      differs(before, after, [
        ["name", "text"],
        ["plannedDate", "text"],
      ]);
    if (!nameOrDateChanged) return out;
    if (before && isPast(beforeDate, today)) {
      const act = !after
        ? "удалить"
        : norm("text", before.name) !== norm("text", after.name)
          ? beforeDate !== afterDate
            ? "переименовать и перенести"
            : "переименовать"
          : "перенести";
      out.push({
        path: !after ? "id" : norm("text", before.name) !== norm("text", after.name) ? "name" : "plannedDate",
        rule: "220-п 3.1.6",
        message: `${what} «${String(before.name)}» (плановая дата ${formatDateRu(beforeDate!)}) прошла — ее нельзя ${act}: не допускается изменение наименования и даты наступления прошедших контрольных точек (220-п, п. 3.1.6)`,
        messageEn: `the name and date of a past checkpoint may not change, nor may it be removed (220-п 3.1.6)`,
      });
      return out;
    }
    if (after && isPast(afterDate, today) && (!before || beforeDate !== afterDate)) {
      out.push({
        path: "plannedDate",
        rule: "220-п 3.1.6",
        message: `${what}: плановая дата ${formatDateRu(afterDate!)} уже прошла — контрольную точку нельзя добавить или перенести задним числом (220-п, п. 3.1.6)`,
        messageEn: `a checkpoint may not be added with, or moved to, a planned date already past (220-п 3.1.6)`,
      });
    }
  }
  return out;
}

/** The write path's check as one error citing the rule, or null when the change is allowed. */
export function rowChangeError(change: RowChange, today: IsoDate, lockedYears: readonly number[]): RuleError | null {
  return violationsError(rowChangeViolations(change, today, lockedYears));
}

/** `checkAmendment` as one error citing the rules, or null when the draft keeps them. */
export function amendmentError(
  approved: ProgramDocument,
  draft: ProgramDocument,
  today: IsoDate,
  lockedYears: readonly number[],
): RuleError | null {
  return violationsError(checkAmendment(approved, draft, today, lockedYears));
}
