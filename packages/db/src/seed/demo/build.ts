/**
 * Builders of the demo programs: values per year and per month, funding, budget execution and
 * checkpoints are generated from compact specs with integer arithmetic (money as bigint hundredths),
 * so that the numbers are consistent and every figure is a decimal string.
 */
import {
  formatMoney,
  money,
  parseMoney,
  type CheckpointDoc,
  type DirectionDoc,
  type ElementDoc,
  type FundingRow,
  type MetricDoc,
  type MetricLevel,
  type ProgramIndicatorDoc,
  type Trend,
} from "@orientir/domain";

export const PROGRAM_YEARS = [2025, 2026, 2027, 2028, 2029, 2030];
/** The demo's "today": 2026 runs, facts are known up to September (monthly) and Q3 (budget). */
export const CURRENT_YEAR = 2026;
const LAST_MONTH_WITH_FACT = 9;

// ---- decimals (metrics are not money, but are kept exact too: scaled integers) ----------------

function scaled(s: string, d: number): number {
  const neg = s.trim().startsWith("-");
  const [i, f = ""] = s.trim().replace(/^[-+]/, "").split(".");
  const v = Number(i) * 10 ** d + Number((f + "0".repeat(d)).slice(0, d) || "0");
  return neg ? -v : v;
}
function fmt(n: number, d: number): string {
  const neg = n < 0;
  const a = Math.abs(Math.round(n));
  const s = d === 0 ? String(a) : `${Math.floor(a / 10 ** d)}.${String(a % 10 ** d).padStart(d, "0")}`;
  return neg ? `-${s}` : s;
}
const decimals = (s: string) => (s.includes(".") ? s.split(".")[1]!.length : 0);

/** Values for `years` going evenly from `base` (the year before) to `target` (the last year). */
export function linear(base: string, target: string, years: number[]): string[] {
  const d = Math.max(decimals(base), decimals(target));
  const b = scaled(base, d);
  const t = scaled(target, d);
  return years.map((_, k) => fmt(b + ((t - b) * (k + 1)) / years.length, d));
}

// ---- program indicators and metrics ------------------------------------------------------------

export interface IndicatorSpec {
  code: string;
  name: string;
  unit: string;
  okei: string;
  trend: Trend;
  base: string;
  target: string;
  goal: string;
  strategyIndicator?: string;
  fact2025?: string;
}

export function indicator(s: IndicatorSpec): ProgramIndicatorDoc {
  const plans = linear(s.base, s.target, PROGRAM_YEARS);
  return {
    code: s.code,
    name: s.name,
    unit: s.unit,
    okei: s.okei,
    trend: s.trend,
    baseYear: 2024,
    baseValue: s.base,
    goal: s.goal,
    strategyIndicator: s.strategyIndicator ?? null,
    values: PROGRAM_YEARS.map((year, k) => ({ year, plan: plans[k]!, fact: year === 2025 ? (s.fact2025 ?? plans[k]!) : null })),
  };
}

export interface MetricSpec {
  code: string;
  name: string;
  unit: string;
  okei: string;
  trend: Trend;
  base: string;
  /** Plan of 2030 (values go evenly from the base), or `plans` for each year 2025–2030. */
  target?: string;
  plans?: string[];
  level: MetricLevel;
  task: string;
  source: string;
  fact2025?: string;
  /** A count over the year: the monthly plan grows from 0 to the year's plan (else it moves from last year's plan). */
  cumulative?: boolean;
  /** Explicit monthly plan of 2026 (12 values). */
  months?: string[];
  /** Share of the monthly plan reached in fact, in percent (default 100). */
  factPercent?: number;
}

export function metric(s: MetricSpec): MetricDoc {
  const plans = s.plans ?? linear(s.base, s.target!, PROGRAM_YEARS);
  const d = Math.max(...plans.map(decimals), decimals(s.base));
  const prev = scaled(plans[0]!, d);
  const cur = scaled(plans[1]!, d);
  const monthPlans =
    s.months ?? Array.from({ length: 12 }, (_, k) => fmt(s.cumulative ? (cur * (k + 1)) / 12 : prev + ((cur - prev) * (k + 1)) / 12, d));
  const pct = s.factPercent ?? 100;
  return {
    code: s.code,
    name: s.name,
    unit: s.unit,
    okei: s.okei,
    trend: s.trend,
    baseYear: 2024,
    baseValue: s.base,
    valueSource: s.source,
    level: s.level,
    task: s.task,
    values: PROGRAM_YEARS.map((year, k) => ({ year, plan: plans[k]!, fact: year === 2025 ? (s.fact2025 ?? plans[k]!) : null })),
    months: monthPlans.map((plan, k) => {
      const month = k + 1;
      const known = month <= LAST_MONTH_WITH_FACT;
      const fact = known ? fmt((scaled(plan, d) * pct) / 100, d) : null;
      return { year: CURRENT_YEAR, month, plan, fact, forecast: known ? null : plan };
    }),
  };
}

// ---- structural elements -----------------------------------------------------------------------

export interface ActivitySpec {
  code: string;
  name: string;
  description?: string;
  /** Four checkpoint names for 2026 (otherwise the defaults of the element's kind). */
  checkpoints?: [string, string, string, string];
}
export interface ElementSpec {
  code: string;
  name: string;
  kind: "project" | "process";
  responsible: string;
  startYear?: number;
  endYear?: number;
  tasks: { code: string; name: string; activities: ActivitySpec[] }[];
  metrics: MetricSpec[];
  /** Amounts of 2025 by source (thousands of roubles) growing by `growth` percent a year… */
  funding?: Record<string, string>;
  growth?: number;
  /** …or amounts by year and source. */
  fundingByYear?: Record<number, Record<string, string>>;
}

const PROCESS_CHECKPOINTS: [string, string, string, string] = [
  "Утвержден план-график реализации мероприятия на 2026 год",
  "Представлен отчет о ходе реализации мероприятия за I полугодие",
  "Представлен отчет о ходе реализации мероприятия за 9 месяцев",
  "Представлен отчет о выполнении мероприятия за 2026 год",
];
const PROJECT_CHECKPOINTS: [string, string, string, string] = [
  "Заключен муниципальный контракт на выполнение работ",
  "Выполнено не менее 30% объема работ (акты КС-2, справки КС-3)",
  "Выполнено не менее 70% объема работ (акты КС-2, справки КС-3)",
  "Работы выполнены в полном объеме, подписаны акты приемки",
];
const DOCUMENTS = ["План-график", "Отчет", "Отчет", "Отчет"];
const PROJECT_DOCUMENTS = ["Муниципальный контракт", "Акты КС-2, справки КС-3", "Акты КС-2, справки КС-3", "Акт приемки выполненных работ"];

/** Four checkpoints of 2026, one in each quarter; those due by the end of Q3 are done. */
function checkpoints(el: ElementSpec, a: ActivitySpec, n: number): CheckpointDoc[] {
  const names = a.checkpoints ?? (el.kind === "project" ? PROJECT_CHECKPOINTS : PROCESS_CHECKPOINTS);
  const days = [10 + (n % 15), 10 + ((n * 3) % 15), 8 + ((n * 5) % 15), 1 + ((n * 2) % 15)];
  const months = [el.kind === "project" ? 2 : 1 + (n % 2), 5 + (n % 2), 8 + (n % 2), 11 + (n % 2)];
  return names.map((name, k) => {
    const plannedDate = `${CURRENT_YEAR}-${String(months[k]).padStart(2, "0")}-${String(days[k]).padStart(2, "0")}`;
    const done = months[k]! <= LAST_MONTH_WITH_FACT;
    return {
      name,
      activity: a.code,
      plannedDate,
      actualDate: done ? plannedDate : null,
      responsible: el.responsible,
      documentKind: el.kind === "project" ? PROJECT_DOCUMENTS[k]! : DOCUMENTS[k]!,
      informationSystem: el.kind === "project" && k === 0 ? "ЕИС в сфере закупок" : "ГИИС «Электронный бюджет»",
      // ILLUSTRATIVE (issue 11): the comment monitoring gives a checkpoint reached (appendices 8 and 9)
      ...(done ? { comment: "Выполнено в установленный срок" } : {}),
    };
  });
}

function fundingRows(el: ElementSpec): FundingRow[] {
  const rows: FundingRow[] = [];
  if (el.fundingByYear) {
    for (const [year, bySource] of Object.entries(el.fundingByYear)) {
      for (const [source, amount] of Object.entries(bySource))
        rows.push({ year: Number(year), source, amount: formatMoney(parseMoney(amount)) });
    }
    return rows;
  }
  const from = el.startYear ?? PROGRAM_YEARS[0]!;
  const to = el.endYear ?? PROGRAM_YEARS[PROGRAM_YEARS.length - 1]!;
  for (const year of PROGRAM_YEARS.filter((y) => y >= from && y <= to)) {
    for (const [source, amount] of Object.entries(el.funding ?? {})) {
      const k = BigInt(year - 2025);
      const g = BigInt(el.growth ?? 0);
      rows.push({ year, source, amount: formatMoney(money((parseMoney(amount) * (100n + g * k)) / 100n)) });
    }
  }
  return rows;
}

let checkpointCounter = 0;

export function element(s: ElementSpec): ElementDoc {
  return {
    code: s.code,
    name: s.name,
    kind: s.kind,
    responsible: s.responsible,
    startYear: s.startYear ?? null,
    endYear: s.endYear ?? null,
    tasks: s.tasks.map((t) => ({
      code: t.code,
      name: t.name,
      activities: t.activities.map((a) => ({ code: a.code, name: a.name, description: a.description ?? null })),
    })),
    metrics: s.metrics.map(metric),
    checkpoints: s.tasks.flatMap((t) => t.activities.map((a) => checkpoints(s, a, ++checkpointCounter))).flat(),
    funding: fundingRows(s),
  };
}

// ---- directions and their budget execution -------------------------------------------------------

/**
 * The year's budget schedule (СБР) of each source: the year's funding, in force from 1 January;
 * in 2025 it is raised by 3 % on 15 July by an amendment of the budget decision.
 */
const SCHEDULE_CHANGES: Record<number, { date: string; pct: number; reason: string }[]> = {
  2025: [
    { date: "2025-01-01", pct: 100, reason: "решение Городской Думы о бюджете на 2025 год" },
    { date: "2025-07-15", pct: 103, reason: "изменения в решение о бюджете на 2025 год" },
  ],
  2026: [{ date: "2026-01-01", pct: 100, reason: "решение Городской Думы о бюджете на 2026 год" }],
};
/** Cash execution from the start of the year, as a share of the year's schedule in force at the quarter's end, percent: 2025 Q1–Q4 and 2026 Q1–Q3. */
const CASH: Record<number, number[]> = { 2025: [21, 46, 71, 98], 2026: [19, 44, 68] };

/** The budget schedule and cumulative cash of a direction or an element whose funding totals (by year and source) are given. */
function budget(totals: Map<string, bigint>): {
  budgetSchedule: NonNullable<DirectionDoc["budgetSchedule"]>;
  budgetExecution: NonNullable<DirectionDoc["budgetExecution"]>;
} {
  const budgetSchedule: NonNullable<DirectionDoc["budgetSchedule"]> = [];
  const budgetExecution: NonNullable<DirectionDoc["budgetExecution"]> = [];
  for (const year of [2025, 2026]) {
    for (const [key, total] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
      const [y, source] = key.split("|") as [string, string];
      if (Number(y) !== year || total === 0n) continue;
      const changes = SCHEDULE_CHANGES[year]!;
      for (const c of changes)
        budgetSchedule.push({
          year,
          source,
          amount: formatMoney(money((total * BigInt(c.pct)) / 100n)),
          effectiveDate: c.date,
          reason: c.reason,
        });
      CASH[year]!.forEach((cashPct, q) => {
        const end = `${year}-${["03-31", "06-30", "09-30", "12-31"][q]}`;
        const pct = changes.filter((c) => c.date <= end).at(-1)!.pct;
        const schedule = (total * BigInt(pct)) / 100n;
        budgetExecution.push({
          year,
          quarter: q + 1,
          source,
          cash: formatMoney(money((schedule * BigInt(cashPct)) / 100n)),
          // ILLUSTRATIVE (issue 11): the reason for the year's cash below the schedule (appendix 9, «Комментарий»)
          ...(q === 3 && cashPct < 100 ? { deviationReason: "Экономия по результатам конкурсных процедур" } : {}),
          // ILLUSTRATIVE (issue 11): the reason for cash behind the quarter's share (appendix 8, «Комментарий»)
          ...(q < 3 && cashPct < (q + 1) * 25
            ? { deviationReason: "Оплата по контрактам производится по факту выполнения работ, основная часть — в IV квартале" }
            : {}),
        });
      });
    }
  }
  return { budgetSchedule, budgetExecution };
}

const fundingTotals = (docs: ElementDoc[]) => {
  const totals = new Map<string, bigint>();
  for (const e of docs) {
    for (const f of e.funding) {
      const key = `${f.year}|${f.source}`;
      totals.set(key, (totals.get(key) ?? 0n) + parseMoney(f.amount));
    }
  }
  return totals;
};

export function direction(code: string, name: string, coExecutor: string, elements: ElementSpec[]): DirectionDoc {
  // each complex (structural element) has its own schedule and cash; the direction's are their sums
  const docs = elements.map(element).map((e) => {
    const b = budget(fundingTotals([e]));
    return b.budgetSchedule.length ? { ...e, ...b } : e;
  });
  const totals = new Map<string, bigint>();
  const own = budget(fundingTotals(docs));
  const sumOf = <T extends { year: number; source: string }>(rows: T[], key: (r: T) => string, val: (r: T) => string) => {
    for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0n) + parseMoney(val(r)));
  };
  totals.clear();
  for (const e of docs)
    sumOf(
      e.budgetSchedule ?? [],
      (r) => `${r.year}|${r.source}|${r.effectiveDate}`,
      (r) => r.amount,
    );
  for (const s of own.budgetSchedule) s.amount = formatMoney(money(totals.get(`${s.year}|${s.source}|${s.effectiveDate}`) ?? 0n));
  totals.clear();
  for (const e of docs)
    sumOf(
      e.budgetExecution ?? [],
      (r) => `${r.year}|${r.source}|${r.quarter}`,
      (r) => r.cash,
    );
  for (const c of own.budgetExecution) c.cash = formatMoney(money(totals.get(`${c.year}|${c.source}|${c.quarter}`) ?? 0n));
  return { code, name, coExecutor, elements: docs, ...own };
}
