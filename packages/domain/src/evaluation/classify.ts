/**
 * Strategy and action-plan indicators classed as achieved, in progress, or with a negative
 * deviation (source 000: "24 показателя достигнуто, 7 в процессе достижения, 4 с
 * отрицательными отклонениями"), with counts per goal and for the whole document.
 *
 * The rule, for an indicator and a year Y (thresholds are parameters, defaults in brackets):
 * 1. No target (plan) or no fact for Y → "no data" (counted apart, not in the three classes).
 * 2. Level L = fact / target × 100 for trend increase, target / fact × 100 for decrease; a zero
 *    divisor is taken as 1; a negative ratio is 0 (as in 220-п, but not capped at 100).
 * 3. L ≥ `achievedFrom` [100] → **achieved**.
 * 4. Otherwise, L < `negativeBelow` [90] → **negative deviation**; and when `worseThanPrevious`
 *    [true], a fact that moved against the trend from the reference value — the latest earlier
 *    year's fact, else the base value — (lower for increase, higher for decrease) is also a
 *    **negative deviation**.
 * 5. Otherwise → **in progress** (not reached, but within the tolerance and not getting worse).
 * All comparisons are exact (decimal strings read as rationals).
 */
import { cmp, div, mul, parseDecimal, Q0, Q1, Q100, sign, toFixed, toNumber, type Rational } from "./rational.ts";
import type { Trend } from "../model/enums.ts";
import { formatDecimalRu } from "../versions/numbers.ts";
import type { ActionPlanDocument, StrategyDocument } from "../model/documents.ts";

export type IndicatorStatus = "achieved" | "inProgress" | "negative" | "noData";
export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, string> = {
  achieved: "достигнут",
  inProgress: "в процессе достижения",
  negative: "отрицательное отклонение",
  noData: "нет данных",
};

export interface ClassificationThresholds {
  /** Level (percent of the target) from which an indicator is achieved; decimal string. */
  achievedFrom: string;
  /** Level below which a not achieved indicator is a negative deviation; decimal string. */
  negativeBelow: string;
  /** A fact worse than the previous year's fact (or the base value) is a negative deviation. */
  worseThanPrevious: boolean;
}

export const DEFAULT_CLASSIFICATION: ClassificationThresholds = { achievedFrom: "100", negativeBelow: "90", worseThanPrevious: true };

export interface ClassifiableIndicator {
  code: string | null;
  name: string;
  unit?: string;
  trend: Trend;
  goal: string | null;
  baseValue: string | null;
  values: { year: number; plan: string | null; fact: string | null }[];
}

export interface IndicatorClass {
  code: string | null;
  name: string;
  goal: string | null;
  year: number;
  plan: string | null;
  fact: string | null;
  /** Percent of the target, unrounded; null without data. */
  level: number | null;
  levelDisplay: string | null;
  status: IndicatorStatus;
  /** Why, in Russian, with the figures. */
  reason: string;
}

export interface StatusCounts {
  achieved: number;
  inProgress: number;
  negative: number;
  noData: number;
  total: number;
}

export interface IndicatorSummary {
  year: number;
  thresholds: ClassificationThresholds;
  rule: string;
  counts: StatusCounts;
  byGoal: { goal: string | null; counts: StatusCounts }[];
  indicators: IndicatorClass[];
}

const dec = (s: string): Rational => parseDecimal(s);
/** A percentage in the Russian notation of the texts: "100,72 %" (a no-break space before the sign). */
const pct = (s: string): string => `${formatDecimalRu(s)}\u00a0%`;
const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === "";

/** The rule above, as one Russian sentence with the thresholds, for the UI. */
export function classificationRule(t: ClassificationThresholds = DEFAULT_CLASSIFICATION): string {
  return (
    `Уровень = факт / план × 100 (для снижения — план / факт × 100). Достигнут: уровень не ниже ${pct(t.achievedFrom)}. ` +
    `Отрицательное отклонение: уровень ниже ${pct(t.negativeBelow)}` +
    (t.worseThanPrevious ? ", или факт хуже предыдущего значения (факта прошлого года, а без него — базового значения)" : "") +
    `. Иначе — в процессе достижения. Без плана или факта за год — нет данных.`
  );
}

export function classifyIndicator(
  ind: ClassifiableIndicator,
  year: number,
  t: ClassificationThresholds = DEFAULT_CLASSIFICATION,
): IndicatorClass {
  const row = ind.values.find((v) => v.year === year);
  const base = { code: ind.code, name: ind.name, goal: ind.goal, year, plan: row?.plan ?? null, fact: row?.fact ?? null };
  if (!row || blank(row.plan) || blank(row.fact)) {
    return {
      ...base,
      level: null,
      levelDisplay: null,
      status: "noData",
      reason: `за ${year} год нет ${!row || blank(row.plan) ? "планового" : "фактического"} значения`,
    };
  }
  const plan = dec(row.plan!);
  const fact = dec(row.fact!);
  const inc = ind.trend === "increase";
  const num = inc ? fact : plan;
  let den = inc ? plan : fact;
  if (den.n === 0n) den = Q1;
  let level = mul(div(num, den), Q100);
  if (sign(level) < 0) level = Q0;
  const shown = toFixed(level, 2);
  const out = (status: IndicatorStatus, reason: string): IndicatorClass => ({
    ...base,
    level: toNumber(level),
    levelDisplay: shown,
    status,
    reason,
  });
  if (cmp(level, dec(t.achievedFrom)) >= 0) return out("achieved", `уровень ${pct(shown)} не ниже ${pct(t.achievedFrom)}`);
  if (cmp(level, dec(t.negativeBelow)) < 0) return out("negative", `уровень ${pct(shown)} ниже ${pct(t.negativeBelow)}`);
  if (t.worseThanPrevious) {
    const earlier = ind.values.filter((v) => v.year < year && !blank(v.fact)).sort((a, b) => b.year - a.year)[0];
    const refText = earlier ? earlier.fact! : blank(ind.baseValue) ? null : ind.baseValue!;
    if (refText !== null) {
      const c = cmp(fact, dec(refText));
      if ((inc && c < 0) || (!inc && c > 0)) {
        const what = earlier
          ? `факта ${earlier.year} года (${formatDecimalRu(refText)})`
          : `базового значения (${formatDecimalRu(refText)})`;
        return out("negative", `факт ${formatDecimalRu(row.fact!)} хуже ${what} при тенденции «${inc ? "рост" : "снижение"}»`);
      }
    }
  }
  return out(
    "inProgress",
    `уровень ${shown}%: ниже ${t.achievedFrom}%, но не ниже ${t.negativeBelow}%${t.worseThanPrevious ? ", динамика не отрицательная" : ""}`,
  );
}

function zero(): StatusCounts {
  return { achieved: 0, inProgress: 0, negative: 0, noData: 0, total: 0 };
}

export function summarizeIndicators(
  items: readonly ClassifiableIndicator[],
  year: number,
  t: ClassificationThresholds = DEFAULT_CLASSIFICATION,
): IndicatorSummary {
  const indicators = items.map((i) => classifyIndicator(i, year, t));
  const counts = zero();
  const goals = new Map<string | null, StatusCounts>();
  for (const c of indicators) {
    counts[c.status]++;
    counts.total++;
    let g = goals.get(c.goal);
    if (!g) goals.set(c.goal, (g = zero()));
    g[c.status]++;
    g.total++;
  }
  return {
    year,
    thresholds: t,
    rule: classificationRule(t),
    counts,
    byGoal: [...goals].map(([goal, counts]) => ({ goal, counts })),
    indicators,
  };
}

/** The latest year with at least one fact, or null. */
export function latestFactYear(items: readonly ClassifiableIndicator[]): number | null {
  let y: number | null = null;
  for (const i of items) for (const v of i.values) if (!blank(v.fact) && (y === null || v.year > y)) y = v.year;
  return y;
}

interface IndicatorLike<V> {
  code?: string | null;
  name: string;
  unit: string;
  trend: ClassifiableIndicator["trend"];
  goal?: string | null;
  baseValue?: string | null;
  values: V[];
}

function classifiable<V extends { year: number; fact?: string | null }>(
  i: IndicatorLike<V>,
  planOf: (v: V) => string | null | undefined,
): ClassifiableIndicator {
  return {
    code: i.code ?? null,
    name: i.name,
    unit: i.unit,
    trend: i.trend,
    goal: i.goal ?? null,
    baseValue: i.baseValue ?? null,
    values: i.values.map((v) => ({ year: v.year, plan: planOf(v) ?? null, fact: v.fact ?? null })),
  };
}

/** A strategy's indicators in the classifiable shape (target → plan). */
export function strategyIndicators(doc: Pick<StrategyDocument, "indicators">): ClassifiableIndicator[] {
  return doc.indicators.map((i) => classifiable(i, (v) => v.target));
}

/** An action plan's indicators in the classifiable shape. */
export function actionPlanIndicators(doc: Pick<ActionPlanDocument, "indicators">): ClassifiableIndicator[] {
  return doc.indicators.map((i) => classifiable(i, (v) => v.plan));
}

/** Checks thresholds given as decimal strings; returns issues with paths under `base`. */
export function thresholdIssues(t: ClassificationThresholds, base = "thresholds"): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const re = /^\d+(\.\d+)?$/;
  if (!re.test(t.achievedFrom)) out.push({ path: `${base}.achievedFrom`, message: "должно быть неотрицательным числом" });
  if (!re.test(t.negativeBelow)) out.push({ path: `${base}.negativeBelow`, message: "должно быть неотрицательным числом" });
  if (out.length === 0 && cmp(dec(t.negativeBelow), dec(t.achievedFrom)) > 0) {
    out.push({ path: `${base}.negativeBelow`, message: "порог отрицательного отклонения не может быть выше порога достижения" });
  }
  return out;
}
