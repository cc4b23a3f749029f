/**
 * Period locks (220-п 6.16): once the conclusions on a period's report are in, the responsible
 * executor may not change the data of that reporting period. Quarterly monitoring is cumulative,
 * so the lock of a quarter covers the year from January to the quarter's end; the lock of the
 * annual report covers the whole year.
 */
import { RuleError } from "../errors.ts";
import { isIsoDate, monthOf, yearOf } from "../dates.ts";
import { periodLabel, periodLastMonth, type ReportPeriod } from "./submissions.ts";

export const PERIOD_LOCK_RULE = "220-п п. 6.16";

export interface PeriodLockRef {
  year: number;
  period: ReportPeriod;
}

/** Where in the reporting calendar a row's data lies: a year, and a month within it when the data is finer. */
export interface ReportingSlot {
  year: number;
  /** The last month the row's data is about (a month, a quarter's end); absent for a whole-year value. */
  month?: number;
}

const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN);

/**
 * The reporting slot of a row of the program's facts, or null for rows no report covers (the
 * program's structure). Resources: metricMonth, metricValue, programIndicatorValue, funding,
 * budgetExecution, budgetSchedule (by its effective date), checkpoint and checkpointDocument (by its checkpoint's planned date).
 */
export function reportingSlot(resource: string, row: Record<string, unknown>): ReportingSlot | null {
  const year = num(row.year);
  switch (resource) {
    case "metricMonth": {
      const month = num(row.month);
      return Number.isInteger(year) && Number.isInteger(month) ? { year, month } : null;
    }
    case "budgetExecution": {
      const quarter = num(row.quarter);
      return Number.isInteger(year) && Number.isInteger(quarter) ? { year, month: quarter * 3 } : null;
    }
    case "metricValue":
    case "programIndicatorValue":
    case "funding":
    case "programAnnualReport":
      return Number.isInteger(year) ? { year } : null;
    case "budgetSchedule": {
      // a change of the year's schedule belongs to the quarter it takes effect in
      const d = row.effectiveDate;
      return isIsoDate(d) ? { year: yearOf(d), month: monthOf(d) } : null;
    }
    case "checkpoint":
    case "checkpointDocument": {
      const d = row.plannedDate;
      return isIsoDate(d) ? { year: yearOf(d), month: monthOf(d) } : null;
    }
    default:
      return null;
  }
}

/** Whether a lock covers the slot: the annual lock the whole year, a quarter's lock the months up to its end. */
export function lockCovers(lock: PeriodLockRef, slot: ReportingSlot): boolean {
  if (lock.year !== slot.year) return false;
  if (lock.period === "annual") return true;
  return slot.month !== undefined && slot.month <= periodLastMonth(lock.period);
}

/** The lock covering the row, if any (the annual one first). */
export function coveringLock(resource: string, row: Record<string, unknown> | null, locks: readonly PeriodLockRef[]): PeriodLockRef | null {
  if (!row || locks.length === 0) return null;
  const slot = reportingSlot(resource, row);
  if (!slot) return null;
  const sorted = [...locks].sort((a, b) => (a.period === "annual" ? -1 : b.period === "annual" ? 1 : 0));
  return sorted.find((l) => lockCovers(l, slot)) ?? null;
}

/**
 * Refuses a change of a row whose reporting period is locked, before or after the change (moving
 * a value out of a locked period is a change of it too).
 */
export function ensureNotLocked(
  resource: string,
  label: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  locks: readonly PeriodLockRef[],
): void {
  const lock = coveringLock(resource, before, locks) ?? coveringLock(resource, after, locks);
  if (!lock) return;
  throw new RuleError(
    `${label}: ${periodLabel(lock.year, lock.period)} закрыт — заключение по отчету получено, изменения за отчетный период не вносятся (${PERIOD_LOCK_RULE})`,
    PERIOD_LOCK_RULE,
    [
      {
        path: "",
        message: `Период закрыт: ${periodLabel(lock.year, lock.period)}`,
        messageEn: `The period ${lock.period} ${lock.year} is locked`,
        rule: PERIOD_LOCK_RULE,
      },
    ],
  );
}
