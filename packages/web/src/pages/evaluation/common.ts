/** What the evaluation pages share: the API's shapes, number display, rating and status names. */
import type { IndicatorStatus, Rating } from "@orientir/domain";
import type { Lang } from "../../lib/i18n.tsx";
import { formatNumber, localeFor } from "../../lib/format.ts";
import type { ResponseOf, Schema } from "../../lib/api.ts";

export type { IndicatorStatus, Rating };

/** A node of the explanation of a score (the formula, its value and the rules applied). */
export type TraceNode = Schema<"TraceNode">;

/** How many indicators and metrics of the year have a fact. */
export type Completeness = Schema<"DataCompleteness">;

/** A program's evaluation of a year (GET /api/programs/:id/evaluation). */
export type ProgramEvaluationView = Schema<"ProgramEvaluation">;

/** The ranking of the programs of a year (GET /api/evaluation/ranking). */
export type RankingView = ResponseOf<"get", "/api/evaluation/ranking">;

export type Counts = Schema<"StatusCounts">;

/** The indicators of a strategy or an action plan classified (GET /api/strategies/:id/summary, /api/action-plans/:id/summary). */
export type SummaryView = Schema<"IndicatorsSummary">;

/** Round half up to 2 decimals for display (the API's own displays are used where it gives them). */
export function fmt(value: number | null | undefined, lang: Lang, digits = 2): string {
  return formatNumber(value, { digits, locale: localeFor(lang) });
}

/** A decimal string of the API ("97.83", "1000.5") in the reader's notation. */
export function dec(s: string | null | undefined, lang: Lang): string {
  if (s === null || s === undefined || s === "") return "—";
  return formatNumber(s, { locale: localeFor(lang), maxDigits: 6 });
}

export const RATING_NAMES: Record<Rating, [string, string]> = {
  high: ["высокий", "high"],
  satisfactory: ["удовлетворительный", "satisfactory"],
  unsatisfactory: ["неудовлетворительный", "unsatisfactory"],
};

export const STATUS_NAMES: Record<IndicatorStatus, [string, string]> = {
  achieved: ["достигнут", "achieved"],
  inProgress: ["в процессе достижения", "in progress"],
  negative: ["отрицательное отклонение", "negative deviation"],
  noData: ["нет данных", "no data"],
};

export const STATUS_COLORS: Record<IndicatorStatus, string> = {
  achieved: "#1f7a3a",
  inProgress: "#c28a00",
  negative: "#b3261e",
  noData: "#8a94a3",
};

export const RATING_COLORS: Record<Rating, string> = {
  high: "#1f7a3a",
  satisfactory: "#c28a00",
  unsatisfactory: "#b3261e",
};

/** Russian plural form: plural(24, ["показатель", "показателя", "показателей"]) → "показателя". */
export function plural(n: number, forms: [string, string, string]): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

/** "24 достигнуто, 7 в процессе достижения, 4 с отрицательными отклонениями" (and "без данных" when some lack data). */
export function countsSentence(c: Counts, lang: Lang): string {
  if (lang === "en") {
    const parts = [`${c.achieved} achieved`, `${c.inProgress} in progress`, `${c.negative} with negative deviations`];
    if (c.noData) parts.push(`${c.noData} without data`);
    return parts.join(", ");
  }
  const parts = [
    `${c.achieved} ${plural(c.achieved, ["показатель достигнут", "показателя достигнуто", "показателей достигнуто"])}`,
    `${c.inProgress} в процессе достижения`,
    `${c.negative} с ${plural(c.negative, ["отрицательным отклонением", "отрицательными отклонениями", "отрицательными отклонениями"])}`,
  ];
  if (c.noData) parts.push(`${c.noData} без данных`);
  return parts.join(", ");
}

/** «данные: 12 из 15» — how many indicators and metrics have a fact. */
export function completenessText(c: Completeness | null | undefined, lang: Lang): string {
  if (!c) return "—";
  return lang === "ru" ? `данные: ${c.withFact} из ${c.total}` : `data: ${c.withFact} of ${c.total}`;
}

/** The same with its parts, for a title. */
export function completenessTitle(c: Completeness, lang: Lang): string {
  return lang === "ru"
    ? `индикаторы с фактом: ${c.indicators.withFact} из ${c.indicators.total}; показатели с фактом: ${c.metrics.withFact} из ${c.metrics.total}`
    : `indicators with a fact: ${c.indicators.withFact} of ${c.indicators.total}; metrics with a fact: ${c.metrics.withFact} of ${c.metrics.total}`;
}

/** Years from..to, inclusive. */
export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/** The year an evaluation opens on: the last finished year, kept inside the period. */
/** The rule 9 choice of a URL's `missingFact` ("" — by the date). */
export function missingFactOf(s: string | null): "zero" | "exclude" | null {
  return s === "zero" || s === "exclude" ? s : null;
}

export function defaultYear(from: number, to: number): number {
  const last = new Date().getFullYear() - 1;
  return Math.min(Math.max(last, from), to);
}
