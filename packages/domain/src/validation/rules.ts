/**
 * Rules of decree 220-п over plain data: the program's period, what must lie inside it, metrics,
 * and goals and indicators that may not repeat those of another program.
 */
import { isIsoDate, yearOf } from "../dates.ts";
import { resource } from "../model/resources.ts";
import { checkField } from "./fields.ts";
import { error, item, plural, sameName, type Issue } from "./issue.ts";

export const MIN_PROGRAM_YEARS = 6;

export interface Period {
  startYear: number;
  endYear: number;
}

const isYear = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** A usable period: two integer years in order. */
export function periodOf(row: { startYear?: unknown; endYear?: unknown }): Period | null {
  const { startYear, endYear } = row;
  return isYear(startYear) && isYear(endYear) && endYear >= startYear ? { startYear, endYear } : null;
}

/** The end year may not precede the start year: a period of at least one year. */
export function periodOrderIssues(row: { startYear?: unknown; endYear?: unknown }, rule?: string): Issue[] {
  const { startYear, endYear } = row;
  if (!isYear(startYear) || !isYear(endYear) || endYear >= startYear) return [];
  return [
    error(
      "endYear",
      `«Год окончания» (${endYear}) не может быть раньше «Года начала» (${startYear})`,
      `End year (${endYear}) cannot precede start year (${startYear})`,
      rule,
    ),
  ];
}

/** 220-п 1.5: a program lasts at least 6 years (endYear − startYear + 1 ≥ 6). */
export function programPeriodIssues(p: { startYear?: unknown; endYear?: unknown }): Issue[] {
  const order = periodOrderIssues(p, "220-п 1.5");
  if (order.length) return order;
  const period = periodOf(p);
  if (!period) return [];
  const years = period.endYear - period.startYear + 1;
  if (years >= MIN_PROGRAM_YEARS) return [];
  return [
    error(
      "endYear",
      `Срок реализации муниципальной программы — не менее ${MIN_PROGRAM_YEARS} лет; сейчас ${period.startYear}–${period.endYear} (${years} ${plural(years, "год", "года", "лет")})`,
      `A municipal program lasts at least ${MIN_PROGRAM_YEARS} years; now ${period.startYear}–${period.endYear} (${years})`,
      "220-п 1.5",
    ),
  ];
}

function periodText(p: Period): string {
  return `${p.startYear}–${p.endYear}`;
}

/** A year of a plan lies within the period. */
export function yearInPeriodIssues(year: unknown, period: Period, path: string, label: { ru: string; en: string }, rule?: string): Issue[] {
  if (!isYear(year) || (year >= period.startYear && year <= period.endYear)) return [];
  return [
    error(
      path,
      `«${label.ru}» (${year}) вне срока реализации ${periodText(period)}`,
      `${label.en} (${year}) is outside the period ${periodText(period)}`,
      rule,
    ),
  ];
}

/** A planned date lies within the period's years. */
export function dateInPeriodIssues(date: unknown, period: Period, path: string, label: { ru: string; en: string }, rule?: string): Issue[] {
  if (!isIsoDate(date)) return [];
  const y = yearOf(date);
  if (y >= period.startYear && y <= period.endYear) return [];
  return [
    error(
      path,
      `«${label.ru}» (${date}) вне срока реализации ${periodText(period)}`,
      `${label.en} (${date}) is outside the period ${periodText(period)}`,
      rule,
    ),
  ];
}

/** The base year precedes (or equals) the first year of the period. */
export function baseYearIssues(baseYear: unknown, period: Period, path = "baseYear", rule?: string): Issue[] {
  if (!isYear(baseYear) || baseYear <= period.startYear) return [];
  return [
    error(
      path,
      `«Базовый год» (${baseYear}) должен предшествовать началу реализации (${period.startYear}) или совпадать с ним`,
      `Base year (${baseYear}) must precede or equal the start year (${period.startYear})`,
      rule,
    ),
  ];
}

/** A part with its own years (a stage, a structural element): in order and inside the period. */
export function subPeriodIssues(row: { startYear?: unknown; endYear?: unknown }, period: Period, rule?: string): Issue[] {
  const order = periodOrderIssues(row, rule);
  if (order.length) return order;
  return [
    ...yearInPeriodIssues(row.startYear, period, "startYear", { ru: "Год начала", en: "Start year" }, rule),
    ...yearInPeriodIssues(row.endYear, period, "endYear", { ru: "Год окончания", en: "End year" }, rule),
  ];
}

const YEAR = { ru: "Год", en: "Year" };

/**
 * The period rules of one row of a resource, given the period of the document it belongs to
 * (the program, strategy or action plan; null for the root row itself or when unknown). Paths are
 * field names. The API checks a single edited row with this; the document validators call it for
 * each row of a tree.
 */
export function rowPeriodIssues(resourceName: string, row: Record<string, unknown>, period: Period | null): Issue[] {
  switch (resourceName) {
    case "program":
      return programPeriodIssues(row);
    case "strategy":
    case "actionPlan":
      return periodOrderIssues(row);
  }
  if (!period) return [];
  switch (resourceName) {
    case "programStage":
      return subPeriodIssues(row, period, "220-п 2.1.1 б");
    case "structuralElement":
      return subPeriodIssues(row, period, "220-п прил. 3");
    case "strategyStage":
      return subPeriodIssues(row, period);
    case "programGoal":
      return yearInPeriodIssues(row.targetYear, period, "targetYear", { ru: "Год достижения", en: "Target year" }, "220-п 2.1.1 б");
    case "programIndicator":
      return baseYearIssues(row.baseYear, period, "baseYear", "220-п прил. 2");
    case "metric":
      return baseYearIssues(row.baseYear, period, "baseYear", "220-п прил. 5");
    case "strategyIndicator":
      return baseYearIssues(row.baseYear, period);
    case "programIndicatorValue":
      return yearInPeriodIssues(row.year, period, "year", YEAR, "220-п 2.1.2");
    case "metricValue":
      return yearInPeriodIssues(row.year, period, "year", YEAR, "220-п прил. 5");
    case "metricMonth":
      return yearInPeriodIssues(row.year, period, "year", YEAR, "220-п прил. 6");
    case "funding":
      return yearInPeriodIssues(row.year, period, "year", YEAR, "220-п прил. 4");
    case "checkpoint":
      return dateInPeriodIssues(row.plannedDate, period, "plannedDate", { ru: "Плановая дата", en: "Planned date" }, "220-п прил. 7");
    case "strategyIndicatorValue":
    case "planIndicatorValue":
    case "planActivityFunding":
    case "priorityProjectFunding":
      return yearInPeriodIssues(row.year, period, "year", YEAR);
    default:
      return [];
  }
}

/** A metric has a unit and one of the levels of appendix 6. */
export function metricIssues(m: { unit?: unknown; level?: unknown }): Issue[] {
  const spec = resource("metric");
  const issues: Issue[] = [];
  for (const name of ["unit", "level"] as const) {
    const field = spec.fields.find((f) => f.name === name)!;
    issues.push(...checkField(spec, field, m[name]).issues);
  }
  return issues;
}

export interface OtherProgram {
  code: string;
  goals: string[];
  indicators: string[];
}

/**
 * 220-п 2.1.1 б: a goal of the program, or an indicator of its achievement, may not repeat one of
 * another program of the municipality (names compared case- and whitespace-insensitively).
 * Paths: `goals[i].name`, `indicators[i].name`. Programs with the same code are the program itself.
 */
export function crossProgramDuplicateIssues(program: OtherProgram, others: readonly OtherProgram[]): Issue[] {
  const issues: Issue[] = [];
  const rivals = others.filter((o) => o.code.trim() !== program.code.trim());
  const check = (names: string[], key: "goals" | "indicators", ru: string, en: string) => {
    names.forEach((name, i) => {
      if (typeof name !== "string" || !name.trim()) return;
      const n = sameName(name);
      const other = rivals.find((o) => o[key].some((x) => typeof x === "string" && sameName(x) === n));
      if (other) {
        issues.push(
          error(
            `${item(key, i)}.name`,
            `${ru} «${name.trim()}» уже есть в муниципальной программе «${other.code}»: дублирование не допускается`,
            `${en} "${name.trim()}" already exists in municipal program "${other.code}": duplicates are not allowed`,
            "220-п 2.1.1 б",
          ),
        );
      }
    });
  };
  check(program.goals, "goals", "Цель", "Goal");
  check(program.indicators, "indicators", "Индикатор", "Indicator");
  return issues;
}
