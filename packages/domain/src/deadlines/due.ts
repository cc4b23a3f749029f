/** Due dates of deadline rules for a reporting period or an event, on a working-day calendar. */
import { addDays, daysInMonth, isIsoDate, makeDate, type IsoDate } from "../dates.ts";
import { addWorkingDays, shiftToWorkingDay, type WorkingCalendar } from "../calendar/calendar.ts";
import type { DeadlineRule } from "./rules.ts";

/** A reporting period (quarterly, annual and legal rules) or the date of an event (review rules). */
export type DeadlinePeriod = { year: number; quarter?: number } | { eventDate: IsoDate };

export interface Deadline {
  rule: DeadlineRule;
  period: DeadlinePeriod;
  /** The date the rule names, before a day off moves it. */
  nominal: IsoDate;
  /** The date it is actually due. */
  due: IsoDate;
}

function clampDate(year: number, month: number, day: number): IsoDate {
  return makeDate(year, month, Math.min(day, daysInMonth(year, month)));
}

function periodYear(rule: DeadlineRule, period: DeadlinePeriod): number {
  if (!("year" in period) || !Number.isInteger(period.year)) {
    throw new RangeError(`Срок «${rule.id}» считается от отчетного периода: нужен год / the rule "${rule.id}" needs a year`);
  }
  return period.year;
}

/** The quarters a quarterly rule applies to (all four unless the rule says otherwise). */
export function ruleQuarters(rule: DeadlineRule): number[] {
  return rule.quarters ?? [1, 2, 3, 4];
}

/** The date the rule names for the period, before any move off a day off. */
export function nominalDate(rule: DeadlineRule, period: DeadlinePeriod, cal: WorkingCalendar): IsoDate {
  let base: IsoDate;
  const a = rule.anchor;
  if (a.type === "monthAfterQuarter") {
    const year = periodYear(rule, period);
    const q = "quarter" in period ? period.quarter : undefined;
    if (q === undefined || !Number.isInteger(q) || q < 1 || q > 4) {
      throw new RangeError(`Срок «${rule.id}» квартальный: нужен квартал 1–4 / the rule "${rule.id}" needs a quarter 1–4`);
    }
    if (!ruleQuarters(rule).includes(q)) {
      throw new RangeError(`Срок «${rule.id}» не применяется к ${q} кварталу (${rule.clause}: кварталы ${ruleQuarters(rule).join(", ")})`);
    }
    const month = q * 3 + 1; // the month after the quarter: 4, 7, 10, 13 = January next year
    base = month > 12 ? clampDate(year + 1, month - 12, a.day) : clampDate(year, month, a.day);
  } else if (a.type === "fixedDate") {
    base = clampDate(periodYear(rule, period) + a.yearOffset, a.month, a.day);
  } else {
    if (!("eventDate" in period) || !isIsoDate(period.eventDate)) {
      throw new RangeError(
        `Срок «${rule.id}» считается от события «${a.event}»: нужна его дата / the rule "${rule.id}" needs the event date`,
      );
    }
    base = period.eventDate;
  }
  const o = rule.offset;
  if (!o) return base;
  if ("workingDays" in o) return addWorkingDays(cal, base, o.workingDays);
  if ("months" in o) return addMonths(base, o.months);
  return addDays(base, o.days);
}

/**
 * `n` calendar months after `date`: the same day of the month, or the last day of a month that has
 * no such day (Civil Code art. 192: 31 December + 2 months = 28/29 February).
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return clampDate(year, month, d);
}

/** The offset in words, e.g. «2 раб. дн.», «10 дн.», «2 мес.». */
export function offsetText(o: DeadlineRule["offset"]): string | null {
  if (!o) return null;
  if ("workingDays" in o) return `${o.workingDays} раб. дн.`;
  if ("months" in o) return `${o.months} мес.`;
  return `${o.days} дн.`;
}

/**
 * When the rule's deadline is due for the period. A date falling on a day off moves as the rule's
 * `onDayOff` says: by default to the next working day (Civil Code art. 193).
 */
export function dueDate(rule: DeadlineRule, period: DeadlinePeriod, cal: WorkingCalendar): IsoDate {
  return resolve(rule, period, cal).due;
}

function resolve(rule: DeadlineRule, period: DeadlinePeriod, cal: WorkingCalendar): Deadline {
  const nominal = nominalDate(rule, period, cal);
  const policy = rule.onDayOff ?? "next";
  const due = policy === "keep" ? nominal : shiftToWorkingDay(cal, nominal, policy === "next" ? "forward" : "backward");
  return { rule, period, nominal, due };
}

/**
 * The deadlines of a reporting period, sorted by due date. With a quarter: the quarterly rules
 * that apply to it. Without: the annual rules for the reporting year `year` (due the next year),
 * the legal rules of `year`, and the quarterly rules of each quarter they apply to. Review rules
 * depend on an event and are never listed here: use `dueDate` with `{ eventDate }`.
 */
export function deadlinesForPeriod(
  rules: readonly DeadlineRule[],
  year: number,
  quarter: number | undefined,
  cal: WorkingCalendar,
): Deadline[] {
  const out: Deadline[] = [];
  for (const rule of rules) {
    if (rule.kind === "quarterly") {
      const quarters = quarter === undefined ? ruleQuarters(rule) : ruleQuarters(rule).filter((q) => q === quarter);
      for (const q of quarters) out.push(resolve(rule, { year, quarter: q }, cal));
    } else if ((rule.kind === "annual" || rule.kind === "legal") && quarter === undefined) {
      out.push(resolve(rule, { year }, cal));
    }
  }
  return out.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.rule.id < y.rule.id ? -1 : x.rule.id > y.rule.id ? 1 : 0));
}
