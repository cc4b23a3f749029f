/** What the evaluation pages share: the API's shapes, number display, rating and status names. */
import type { IndicatorStatus, Rating } from "@orientir/domain";
import { messages, translate, type Lang } from "../../lib/i18n.tsx";
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

/** The counts of indicators by class, with the plural forms of each language (lib/i18n.tsx). */
const PM = messages({
  achieved: [
    {
      one: "{count} показатель достигнут",
      few: "{count} показателя достигнуто",
      many: "{count} показателей достигнуто",
      other: "{count} показателя достигнуто",
    },
    { one: "{count} achieved", other: "{count} achieved" },
  ],
  inProgress: ["{count} в процессе достижения", "{count} in progress"],
  negative: [
    {
      one: "{count} с отрицательным отклонением",
      few: "{count} с отрицательными отклонениями",
      many: "{count} с отрицательными отклонениями",
      other: "{count} с отрицательными отклонениями",
    },
    { one: "{count} with a negative deviation", other: "{count} with negative deviations" },
  ],
  noData: ["{count} без данных", "{count} without data"],
});

/** "24 показателя достигнуто, 7 в процессе достижения, 4 с отрицательными отклонениями" (and "без данных" when some lack data). */
export function countsSentence(c: Counts, lang: Lang): string {
  const parts = [
    translate(PM, lang, "achieved", { count: c.achieved }),
    translate(PM, lang, "inProgress", { count: c.inProgress }),
    translate(PM, lang, "negative", { count: c.negative }),
  ];
  if (c.noData) parts.push(translate(PM, lang, "noData", { count: c.noData }));
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
