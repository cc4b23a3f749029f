/**
 * The columns each part of a program document gives its row, written once for the two writers
 * of programs: the insertion of a whole document (`documents.ts`) and the import's diff against
 * the stored tree (`import/diff-program.ts`). References to other rows (goal, task, activity,
 * departments, strategy indicator) are not here: the insertion resolves them with lookups that
 * throw, the diff with issues that name the row and cell.
 *
 * A field that a document of a former shape may lack (participants, budget classification, a
 * checkpoint's comment, a deviation reason) is left out when absent rather than set to null, so
 * that importing such a document does not clear what is stored; a new row gets its column's
 * default (null).
 */
import type {
  BudgetExecutionDoc,
  BudgetScheduleDoc,
  CheckpointDoc,
  DirectionDoc,
  ElementDoc,
  FundingRow,
  MetricDoc,
  ProgramDocument,
  ProgramIndicatorDoc,
  YearPlanFact,
} from "@orientir/domain";

type Task = ElementDoc["tasks"][number];
type Activity = Task["activities"][number];
type Month = MetricDoc["months"][number];

/** `{ [key]: value ?? null }` when the document has the key, nothing when it lacks it. */
function ifPresent<T extends object, K extends keyof T & string>(doc: T, key: K, value: unknown): Record<string, unknown> {
  return key in doc ? { [key]: value ?? null } : {};
}

export const programGoalFields = (g: ProgramDocument["goals"][number]) => ({
  code: g.code ?? null,
  name: g.name,
  targetValue: g.targetValue ?? null,
  unit: g.unit ?? null,
  targetYear: g.targetYear ?? null,
});

export const programStageFields = (s: ProgramDocument["stages"][number]) => ({ name: s.name, startYear: s.startYear, endYear: s.endYear });

export const annualReportFields = (r: NonNullable<ProgramDocument["annualReports"]>[number]) => ({
  year: r.year,
  mainResults: r.mainResults ?? null,
});

/** An indicator's own columns (its goal and strategy indicator are references). */
export const programIndicatorFields = (i: ProgramIndicatorDoc) => ({
  code: i.code ?? null,
  name: i.name,
  unit: i.unit,
  okei: i.okei ?? null,
  trend: i.trend,
  baseYear: i.baseYear,
  baseValue: i.baseValue ?? null,
});

/** A year's plan and fact of an indicator or a metric. */
export const yearValueFields = (v: YearPlanFact) => ({
  year: v.year,
  plan: v.plan ?? null,
  fact: v.fact ?? null,
  justification: v.justification ?? null,
});

/** A direction's own columns (its co-executor is a reference). */
export const directionFields = (d: DirectionDoc) => ({
  code: d.code,
  name: d.name,
  ...ifPresent(d, "budgetClassification", d.budgetClassification),
});

/** A structural element's own columns (its responsible department is a reference). */
export const elementFields = (e: ElementDoc) => ({
  code: e.code,
  name: e.name,
  kind: e.kind,
  startYear: e.startYear ?? null,
  endYear: e.endYear ?? null,
  ...ifPresent(e, "participants", e.participants?.length ? e.participants.join("\n") : null),
});

export const taskFields = (t: Task) => ({ code: t.code ?? null, name: t.name });

export const activityFields = (a: Activity) => ({ code: a.code ?? null, name: a.name, description: a.description ?? null });

/** A metric's own columns (its task is a reference). */
export const metricFields = (m: MetricDoc) => ({
  code: m.code ?? null,
  name: m.name,
  unit: m.unit,
  okei: m.okei ?? null,
  trend: m.trend,
  baseYear: m.baseYear ?? null,
  baseValue: m.baseValue ?? null,
  valueSource: m.valueSource ?? null,
  level: m.level,
});

export const metricMonthFields = (v: Month) => ({
  year: v.year,
  month: v.month,
  plan: v.plan ?? null,
  fact: v.fact ?? null,
  forecast: v.forecast ?? null,
  justification: v.justification ?? null,
});

/** A checkpoint's own columns (its activity is a reference). */
export const checkpointFields = (c: CheckpointDoc) => ({
  name: c.name,
  plannedDate: c.plannedDate,
  actualDate: c.actualDate ?? null,
  responsible: c.responsible ?? null,
  documentKind: c.documentKind ?? null,
  informationSystem: c.informationSystem ?? null,
  ...ifPresent(c, "comment", c.comment),
});

export const fundingFields = (f: FundingRow) => ({ year: f.year, source: f.source, amount: f.amount });

/** A schedule entry of a direction or an element (`elementId` null for the direction's own). */
export const budgetScheduleFields = (elementId: unknown, b: BudgetScheduleDoc) => ({
  elementId,
  year: b.year,
  source: b.source,
  amount: b.amount,
  effectiveDate: b.effectiveDate,
  reason: b.reason ?? null,
});

/** A quarter's cash execution of a direction or an element. */
export const budgetExecutionFields = (elementId: unknown, b: BudgetExecutionDoc) => ({
  elementId,
  year: b.year,
  quarter: b.quarter,
  source: b.source,
  cash: b.cash,
  ...ifPresent(b, "deviationReason", b.deviationReason),
});
