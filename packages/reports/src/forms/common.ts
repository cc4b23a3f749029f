/** What the forms share: the context of a municipality, budget sources and their labels, years. */
import { formatMoney, parseMoney, thousandsUnit, type FundingRow, type Money } from "@orientir/domain";

export interface BudgetSourceRef {
  code: string;
  name: string;
  /** How the municipality words the source's rows in the forms («средства бюджета городского округа города Калуги»). */
  formLabel?: string | null;
}

/** What a form needs to know about the municipality beyond the document itself. */
export interface FormContext {
  municipality?: string;
  /** ISO 4217 code of the municipality's currency; amounts are in thousands of it. */
  currency?: string;
  /** The municipality's budget sources in their order. */
  sources?: BudgetSourceRef[];
}

export const DEFAULT_SOURCES: BudgetSourceRef[] = [
  { code: "federal", name: "Федеральный бюджет" },
  { code: "regional", name: "Областной бюджет" },
  { code: "local", name: "Местный бюджет" },
  { code: "other", name: "Иные источники" },
];

/** The code of the source that stands for sources other than budget allocations. */
export const OTHER_SOURCE = "other";

/** How the forms of 220-п name a source in their rows. */
const SOURCE_PHRASES: Record<string, string> = {
  federal: "средства федерального бюджета",
  regional: "средства областного бюджета",
  local: "средства местного бюджета",
  other: "иные источники",
};

/** The municipality's own wording of the source when its settings give one, else the decree's generic phrase. */
export function sourceLabel(src: BudgetSourceRef): string {
  return src.formLabel?.trim() || SOURCE_PHRASES[src.code] || src.name;
}

/** The source code of a label written by `sourceLabel` (or the source's own name), for import. */
export function sourceCodeOfLabel(label: string, sources: BudgetSourceRef[]): string | null {
  const n = label.trim().replace(/\s+/g, " ").toLowerCase();
  for (const s of sources) {
    const names = [sourceLabel(s), SOURCE_PHRASES[s.code] ?? "", s.name, s.code].map((x) => x.trim().replace(/\s+/g, " ").toLowerCase());
    if (names.includes(n)) return s.code;
  }
  return null;
}

/** "тыс. руб." or the thousands of the municipality's currency. */
export function moneyUnit(ctx: FormContext): string {
  return thousandsUnit(ctx.currency ?? "RUB");
}

export function sourcesOf(ctx: FormContext): BudgetSourceRef[] {
  return ctx.sources && ctx.sources.length ? ctx.sources : DEFAULT_SOURCES;
}

/**
 * The sources a form lists: the budget sources of the municipality, then «иные источники» when
 * `withOther` (or when some funding uses a source that is not in the list).
 */
export function listedSources(ctx: FormContext, used: Iterable<string>, withOther: boolean): BudgetSourceRef[] {
  const all = sourcesOf(ctx);
  const out = all.filter((s) => s.code !== OTHER_SOURCE);
  const usedSet = new Set(used);
  const other = all.find((s) => s.code === OTHER_SOURCE) ?? { code: OTHER_SOURCE, name: "Иные источники" };
  if (withOther || usedSet.has(OTHER_SOURCE)) out.push(other);
  for (const code of usedSet) if (!out.some((s) => s.code === code)) out.push({ code, name: code });
  return out;
}

/** Sums funding rows by "year:source". */
export function fundingIndex(rows: Iterable<FundingRow>): Map<string, Money> {
  const m = new Map<string, Money>();
  for (const f of rows) {
    const k = `${f.year}:${f.source}`;
    m.set(k, ((m.get(k) ?? 0n) + parseMoney(f.amount)) as Money);
  }
  return m;
}

export const moneyStr = (m: Money | undefined): string => formatMoney((m ?? 0n) as Money);

export function yearsOf(startYear: number, endYear: number): number[] {
  const out: number[] = [];
  for (let y = startYear; y <= endYear; y++) out.push(y);
  return out;
}

export const quote = (s: string) => `«${s}»`;

/** The words a direction's row adds after its name: its section of the classification of expenditure (1.3.4). */
export const classificationSuffix = (bc: string) => ` (раздел, подраздел классификации расходов: ${bc})`;

/** A direction's row title without the classification suffix (for reading a form back). */
export function withoutClassification(title: string): string {
  return title.replace(/\s*\(раздел, подраздел классификации расходов: [^)]*\)\s*$/, "");
}

export const MONTHS_SHORT = ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб."];

export const ROMAN = ["I", "II", "III", "IV"];

/** A safe file name base: letters, digits, dashes. */
export function fileBase(...parts: (string | number)[]): string {
  return parts
    .map((p) =>
      String(p)
        .replace(/[^\p{L}\p{N}.-]+/gu, "_")
        .replace(/^_+|_+$/g, ""),
    )
    .filter(Boolean)
    .join("_");
}

export type EvaluationRating = "high" | "satisfactory" | "unsatisfactory";

/** The level of effectiveness as the column of the report shows it. */
export const RATING_SHORT_LABELS: Record<EvaluationRating, string> = {
  high: "высокий",
  satisfactory: "удовлетворительный",
  unsatisfactory: "неудовлетворительный",
};

export interface ProgramEvaluationInput {
  /** ОЭмп, percent, unrounded. */
  score: number;
  rating: EvaluationRating;
  /** Place in the ranking, when the ranking gives it; otherwise places are taken by score. */
  place?: number | null;
}
