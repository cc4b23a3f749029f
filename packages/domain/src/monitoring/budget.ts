/**
 * The budget schedule (сводная бюджетная роспись, СБР) and cash execution (кассовое исполнение)
 * of a direction or a structural element (220-п, appendices 8 and 9).
 *
 * The schedule is the YEAR's amount by source; it changes during the year, each change dated
 * (`effectiveDate`) with its reason. The year's schedule in force on a date is the latest entry
 * effective on or before that date. Cash execution is cumulative from the start of the year to a
 * quarter's end, so it never decreases from a quarter to the next. The quarterly execution rate is
 * cash to date / the year's schedule in force at the quarter's end.
 */
import { formatMoney, parseMoney, type Money } from "../money.ts";
import type { FieldIssue } from "../errors.ts";

export interface BudgetScheduleEntry {
  year: number;
  source: string;
  /** The year's amount, a decimal string. */
  amount: string;
  /** "YYYY-MM-DD": the day the amount takes effect. */
  effectiveDate: string;
  reason?: string | null;
}
export interface CashRow {
  year: number;
  /** 1–4: cash from the start of the year to the quarter's end. */
  quarter: number;
  source: string;
  cash: string;
}

/** The last day of a quarter, "YYYY-MM-DD". */
export function quarterEndDate(year: number, quarter: number): string {
  return `${String(year).padStart(4, "0")}-${["03-31", "06-30", "09-30", "12-31"][quarter - 1]}`;
}

/** The first day of a quarter, "YYYY-MM-DD". */
export function quarterStartDate(year: number, quarter: number): string {
  return `${String(year).padStart(4, "0")}-${["01-01", "04-01", "07-01", "10-01"][quarter - 1]}`;
}

/**
 * The entry of the year's schedule of a source in force on `date`: the latest effective on or
 * before it (among entries of one day, the last given). Null when none is in force yet.
 */
export function scheduleEntryInForce<T extends BudgetScheduleEntry>(
  entries: readonly T[],
  year: number,
  source: string,
  date: string,
): T | null {
  let best: T | null = null;
  for (const e of entries) {
    if (e.year !== year || e.source !== source || e.effectiveDate > date) continue;
    if (!best || e.effectiveDate >= best.effectiveDate) best = e;
  }
  return best;
}

/** The year's schedule in force on `date`, per source (sources with an entry in force only). */
export function scheduleInForce(entries: readonly BudgetScheduleEntry[], year: number, date: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of new Set(entries.filter((e) => e.year === year).map((e) => e.source))) {
    const e = scheduleEntryInForce(entries, year, source, date);
    if (e) out.set(source, formatMoney(parseMoney(e.amount)));
  }
  return out;
}

/** Cash execution rate in percent (cash / schedule × 100), null when the schedule is zero or missing. */
export function executionRate(cash: string | null, schedule: string | null): number | null {
  if (cash === null || schedule === null) return null;
  const s = parseMoney(schedule);
  if (s === 0n) return null;
  // hundredths of a percent, rounded half up
  const c = parseMoney(cash);
  const bp = (c * 100_00n * 2n + s) / (2n * s);
  return Number(bp) / 100;
}

export interface QuarterBudget {
  year: number;
  quarter: number;
  /** Per source and in total: the year's schedule in force at the quarter's end, cash to date, the rate. */
  sources: { source: string; schedule: string | null; cash: string | null; rate: number | null }[];
  schedule: string | null;
  cash: string | null;
  rate: number | null;
}

/**
 * The budget of a quarter: for each source the year's schedule in force at the quarter's end and
 * the cumulative cash of the quarter. Cash of a quarter without a row is the latest earlier
 * quarter's of the year (cumulative figures carry over), or none.
 */
export function quarterBudget(
  entries: readonly BudgetScheduleEntry[],
  cash: readonly CashRow[],
  year: number,
  quarter: number,
): QuarterBudget {
  const end = quarterEndDate(year, quarter);
  const sched = scheduleInForce(entries, year, end);
  const sources = [
    ...new Set([...sched.keys(), ...cash.filter((c) => c.year === year && c.quarter <= quarter).map((c) => c.source)]),
  ].sort();
  let ts: bigint | null = null;
  let tc: bigint | null = null;
  const rows = sources.map((source) => {
    const upTo = cash
      .filter((c) => c.year === year && c.source === source && c.quarter <= quarter)
      .sort((a, b) => b.quarter - a.quarter)[0];
    const schedule = sched.get(source) ?? null;
    const c = upTo ? formatMoney(parseMoney(upTo.cash)) : null;
    if (schedule !== null) ts = (ts ?? 0n) + parseMoney(schedule);
    if (c !== null) tc = (tc ?? 0n) + parseMoney(c);
    return { source, schedule, cash: c, rate: executionRate(c, schedule) };
  });
  const f = (x: bigint | null) => (x === null ? null : formatMoney(x as Money));
  return { year, quarter, sources: rows, schedule: f(ts), cash: f(tc), rate: executionRate(f(tc), f(ts)) };
}

/**
 * Cumulative cash may not decrease from a quarter to the next: the issues of `row` (a new or
 * changed row) against the other rows of the same year and source.
 */
export function cashOrderIssues(row: CashRow, others: readonly CashRow[]): FieldIssue[] {
  const same = others.filter((o) => o.year === row.year && o.source === row.source && o.quarter !== row.quarter);
  const v = parseMoney(row.cash);
  const before = same.filter((o) => o.quarter < row.quarter && parseMoney(o.cash) > v).sort((a, b) => b.quarter - a.quarter)[0];
  const after = same.filter((o) => o.quarter > row.quarter && parseMoney(o.cash) < v).sort((a, b) => a.quarter - b.quarter)[0];
  const issues: FieldIssue[] = [];
  if (before) {
    issues.push({
      path: "cash",
      message: `Кассовое исполнение нарастающим итогом не может уменьшиться: за ${before.quarter} квартал ${row.year} года уже ${before.cash}, за ${row.quarter} квартал указано ${row.cash}`,
      messageEn: `Cumulative cash cannot decrease: Q${before.quarter} ${row.year} is already ${before.cash}, Q${row.quarter} is ${row.cash}`,
    });
  }
  if (after) {
    issues.push({
      path: "cash",
      message: `Кассовое исполнение нарастающим итогом не может уменьшиться: за ${after.quarter} квартал ${row.year} года указано ${after.cash}, меньше ${row.cash} за ${row.quarter} квартал`,
      messageEn: `Cumulative cash cannot decrease: Q${after.quarter} ${row.year} is ${after.cash}, less than ${row.cash} of Q${row.quarter}`,
    });
  }
  return issues;
}

/** The schedule's effective date must lie in its year. */
export function scheduleEntryIssues(e: Pick<BudgetScheduleEntry, "year" | "effectiveDate">): FieldIssue[] {
  if (typeof e.effectiveDate === "string" && Number(e.effectiveDate.slice(0, 4)) !== e.year) {
    return [
      {
        path: "effectiveDate",
        message: `Дата изменения росписи ${e.effectiveDate} не в ${e.year} году`,
        messageEn: `The effective date ${e.effectiveDate} is not in ${e.year}`,
      },
    ];
  }
  return [];
}

/**
 * Budget rows of the former shape (per quarter: the schedule at the quarter's end and the
 * cumulative cash) as the year's schedule entries and cash rows: a quarter's value that differs
 * from the previous quarter's (or is the first of its year and source) takes effect on the
 * quarter's first day, so the schedule in force at every quarter's end is the value it had.
 */
export function splitQuarterlyBudget(rows: readonly { year: number; quarter: number; source: string; schedule: string; cash: string }[]): {
  schedule: BudgetScheduleEntry[];
  cash: CashRow[];
} {
  const schedule: BudgetScheduleEntry[] = [];
  const sorted = [...rows].sort((a, b) => a.year - b.year || a.source.localeCompare(b.source) || a.quarter - b.quarter);
  let prev: { year: number; source: string; amount: bigint } | null = null;
  for (const r of sorted) {
    const amount = parseMoney(r.schedule);
    if (prev && prev.year === r.year && prev.source === r.source && prev.amount === amount) continue;
    schedule.push({
      year: r.year,
      source: r.source,
      amount: formatMoney(amount),
      effectiveDate: quarterStartDate(r.year, r.quarter),
      reason: `роспись на ${r.quarter} квартал (перенесено из квартальных данных)`,
    });
    prev = { year: r.year, source: r.source, amount };
  }
  return { schedule, cash: sorted.map((r) => ({ year: r.year, quarter: r.quarter, source: r.source, cash: r.cash })) };
}

/** What a direction or element document carries of its budget. */
export interface BudgetHolder {
  budgetSchedule?: BudgetScheduleEntry[];
  budgetExecution?: {
    year: number;
    quarter: number;
    source: string;
    schedule?: string | null;
    cash: string;
    deviationReason?: string | null;
  }[];
}

/** The schedule entries of a direction or element document (derived from the former quarterly shape when it has none). */
export function scheduleEntriesOf(h: BudgetHolder): BudgetScheduleEntry[] {
  if (h.budgetSchedule && h.budgetSchedule.length) return h.budgetSchedule;
  const legacy = (h.budgetExecution ?? []).filter((b) => typeof b.schedule === "string" && b.schedule !== "");
  return splitQuarterlyBudget(legacy.map((b) => ({ ...b, schedule: b.schedule as string }))).schedule;
}

/** The budget of a direction or element document in a quarter (see `quarterBudget`); null when it has no budget data for the year up to the quarter. */
export function holderQuarterBudget(h: BudgetHolder, year: number, quarter: number): QuarterBudget | null {
  const q = quarterBudget(scheduleEntriesOf(h), h.budgetExecution ?? [], year, quarter);
  return q.sources.length ? q : null;
}

/** The sum of several quarters' budgets (of the same year and quarter), source by source; null when none has data. */
export function sumQuarterBudgets(list: readonly (QuarterBudget | null)[], year: number, quarter: number): QuarterBudget | null {
  const present = list.filter((x): x is QuarterBudget => x !== null);
  if (!present.length) return null;
  const add = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : formatMoney(addM(a, b)));
  const bySource = new Map<string, { schedule: string | null; cash: string | null }>();
  for (const qb of present) {
    for (const s of qb.sources) {
      const cur = bySource.get(s.source) ?? { schedule: null, cash: null };
      bySource.set(s.source, { schedule: add(cur.schedule, s.schedule), cash: add(cur.cash, s.cash) });
    }
  }
  const sources = [...bySource]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, v]) => ({ source, ...v, rate: executionRate(v.cash, v.schedule) }));
  const schedule = sources.reduce<string | null>((t, s) => add(t, s.schedule), null);
  const cash = sources.reduce<string | null>((t, s) => add(t, s.cash), null);
  return { year, quarter, sources, schedule, cash, rate: executionRate(cash, schedule) };
}
const addM = (a: string, b: string) => (parseMoney(a) + parseMoney(b)) as Money;

/**
 * A direction's budget of a quarter: its own figures when it has any for the year, otherwise the
 * sum of its structural elements' (a direction whose figures are entered per complex only).
 */
export function directionQuarterBudget(
  direction: BudgetHolder,
  elements: readonly BudgetHolder[],
  year: number,
  quarter: number,
): QuarterBudget | null {
  const hasYear = (h: BudgetHolder) =>
    (h.budgetSchedule ?? []).some((s) => s.year === year) || (h.budgetExecution ?? []).some((b) => b.year === year);
  if (hasYear(direction)) return holderQuarterBudget(direction, year, quarter);
  return sumQuarterBudgets(
    elements.map((e) => holderQuarterBudget(e, year, quarter)),
    year,
    quarter,
  );
}

/**
 * The year's schedule entries after quarterly schedule values given in a table or a report (the
 * schedule in force at each quarter's end): without entries, they become the entries
 * (`splitQuarterlyBudget`); otherwise a value that differs from the schedule in force at its
 * quarter's end becomes an entry effective on that day, with `reason`. Rows without a value are skipped.
 */
export function reconcileSchedule(
  entries: readonly BudgetScheduleEntry[],
  rows: readonly { year: number; quarter: number; source: string; schedule?: string | null }[],
  reason: string,
): BudgetScheduleEntry[] {
  const given = rows.filter((r): r is typeof r & { schedule: string } => typeof r.schedule === "string" && r.schedule !== "");
  if (!entries.length) return splitQuarterlyBudget(given.map((r) => ({ ...r, cash: "0" }))).schedule;
  const next = entries.map((e) => ({ ...e }));
  for (const r of [...given].sort((a, b) => a.year - b.year || a.quarter - b.quarter)) {
    const date = quarterEndDate(r.year, r.quarter);
    const cur = scheduleEntryInForce(next, r.year, r.source, date);
    if (cur && parseMoney(cur.amount) === parseMoney(r.schedule)) continue;
    const amount = formatMoney(parseMoney(r.schedule));
    if (cur && cur.effectiveDate === date) cur.amount = amount;
    else next.push({ year: r.year, source: r.source, amount, effectiveDate: date, reason });
  }
  return next;
}
