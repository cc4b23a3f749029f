/**
 * Deviations of facts from plan. A metric or indicator that falls short of its plan (below it when
 * the desired trend is growth, above it when it is a decrease) needs a justification of the
 * deviation before its report is submitted (220-п 6.12.1, 6.12.2). Values are decimal strings,
 * compared exactly.
 */
import type { FieldIssue } from "../errors.ts";
import { isBlankText } from "../validation/text.ts";
import { formatDecimalRu } from "../versions/numbers.ts";
import { formatDecimalIn } from "../i18n/audit.ts";

function parts(s: string): { neg: boolean; int: string; frac: string } {
  const t = s.trim();
  const m = /^([+-])?(\d*)(?:[.,](\d*))?$/.exec(t);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`Не число: "${s}"`);
  return { neg: m[1] === "-", int: m[2] || "0", frac: m[3] ?? "" };
}

/** Compares two decimal strings exactly: −1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const big = (p: { neg: boolean; int: string; frac: string }) => {
    const v = BigInt(p.int + p.frac.padEnd(scale, "0"));
    return p.neg ? -v : v;
  };
  const dx = big(x);
  const dy = big(y);
  return dx < dy ? -1 : dx > dy ? 1 : 0;
}

/**
 * Whether the fact falls short of the plan given the desired trend: a `Trend` as stored, so any
 * text ("decrease" means lower is better; anything else, higher is better).
 */
export function fallsShort(trend: string, plan: string, fact: string): boolean {
  const c = compareDecimal(fact, plan);
  return trend === "decrease" ? c > 0 : c < 0;
}

/**
 * The deviation of the fact from the plan in percent of the plan (for dashboards; null when the
 * plan is zero). Positive means above plan.
 */
export function deviationPercent(plan: string, fact: string): number | null {
  const p = Number(plan);
  const f = Number(fact);
  if (!Number.isFinite(p) || !Number.isFinite(f) || p === 0) return null;
  return Math.round(((f - p) / Math.abs(p)) * 10000) / 100;
}

export interface PlanFactItem {
  /** Where the justification is entered, e.g. `metricMonths[<id>].justification`. */
  path: string;
  /** What it is, for the message: «Показатель "…" за март 2026». */
  what: string;
  /** A `Trend` as stored (see fallsShort). */
  trend: string;
  plan: string | null;
  fact: string | null;
  justification: string | null;
  kind: "metric" | "indicator";
}

export const JUSTIFICATION_RULES = { metric: "220-п п. 6.12.2", indicator: "220-п п. 6.12.1" } as const;

/** One issue per value that falls short of plan and has no justification. */
export function missingJustifications(items: readonly PlanFactItem[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const it of items) {
    if (it.plan === null || it.fact === null || it.plan === undefined || it.fact === undefined) continue;
    if (!fallsShort(it.trend, it.plan, it.fact)) continue;
    if (it.justification && !isBlankText(it.justification)) continue;
    issues.push({
      path: it.path,
      message: `${it.what}: факт ${formatDecimalRu(it.fact)} ${it.trend === "decrease" ? "выше" : "ниже"} плана ${formatDecimalRu(it.plan)} — укажите обоснование отклонения`,
      messageEn: `${it.what}: fact ${formatDecimalIn(it.fact, "en")} falls short of plan ${formatDecimalIn(it.plan, "en")}; a justification of the deviation is required`,
      rule: JUSTIFICATION_RULES[it.kind],
    });
  }
  return issues;
}

/** A value off plan by more than `thresholdPercent` (either way); `unfavourable` when it falls short. */
export function offPlan(
  trend: string,
  plan: string,
  fact: string,
  thresholdPercent: number,
): { deviationPercent: number | null; unfavourable: boolean } | null {
  const d = deviationPercent(plan, fact);
  if (d === null) {
    // a zero plan: any fact other than zero is off plan
    if (compareDecimal(fact, plan) === 0) return null;
    return { deviationPercent: null, unfavourable: fallsShort(trend, plan, fact) };
  }
  if (Math.abs(d) <= thresholdPercent) return null;
  return { deviationPercent: d, unfavourable: fallsShort(trend, plan, fact) };
}
