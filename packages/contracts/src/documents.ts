/**
 * A program as one document (domain `ProgramDocument`, `model/documents.ts`): references by code
 * or name instead of ids; numbers of indicators and metrics are decimal strings, amounts money
 * strings. The snapshot of an approved version and the import/export format.
 */
import { z } from "zod";
import { ELEMENT_KINDS, METRIC_LEVELS, TRENDS } from "@orientir/domain";

const opt = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const YearPlanFact = z
  .object({ year: z.number().int(), plan: opt(z.string()), fact: opt(z.string()), justification: opt(z.string()) })
  .meta({ id: "YearPlanFact" });
export const FundingRow = z.object({ year: z.number().int(), source: z.string(), amount: z.string() }).meta({ id: "FundingRow" });
export const BudgetScheduleDoc = z
  .object({ year: z.number().int(), source: z.string(), amount: z.string(), effectiveDate: z.string(), reason: opt(z.string()) })
  .meta({ id: "BudgetScheduleDoc" });
export const BudgetExecutionDoc = z
  .object({ year: z.number().int(), quarter: z.number().int(), source: z.string(), schedule: opt(z.string()), cash: z.string() })
  .meta({ id: "BudgetExecutionDoc" });

export const MetricDoc = z
  .object({
    code: opt(z.string()),
    name: z.string(),
    unit: z.string(),
    okei: opt(z.string()),
    trend: z.enum(TRENDS),
    baseYear: opt(z.number().int()),
    baseValue: opt(z.string()),
    valueSource: opt(z.string()),
    level: z.enum(METRIC_LEVELS),
    task: opt(z.string()),
    values: z.array(YearPlanFact),
    months: z.array(
      z.object({
        year: z.number().int(),
        month: z.number().int(),
        plan: opt(z.string()),
        fact: opt(z.string()),
        forecast: opt(z.string()),
        justification: opt(z.string()),
      }),
    ),
  })
  .meta({ id: "MetricDoc" });
export const CheckpointDoc = z
  .object({
    name: z.string(),
    activity: opt(z.string()),
    plannedDate: z.string(),
    actualDate: opt(z.string()),
    responsible: opt(z.string()),
    documentKind: opt(z.string()),
    informationSystem: opt(z.string()),
  })
  .meta({ id: "CheckpointDoc" });
export const ElementDoc = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(ELEMENT_KINDS),
    responsible: opt(z.string()),
    startYear: opt(z.number().int()),
    endYear: opt(z.number().int()),
    tasks: z.array(
      z.object({
        code: opt(z.string()),
        name: z.string(),
        activities: z.array(z.object({ code: opt(z.string()), name: z.string(), description: opt(z.string()) })),
      }),
    ),
    metrics: z.array(MetricDoc),
    checkpoints: z.array(CheckpointDoc),
    funding: z.array(FundingRow),
    budgetSchedule: z.array(BudgetScheduleDoc).optional(),
    budgetExecution: z.array(BudgetExecutionDoc).optional(),
  })
  .meta({ id: "ElementDoc" });
export const DirectionDoc = z
  .object({
    code: z.string(),
    name: z.string(),
    coExecutor: z.string(),
    elements: z.array(ElementDoc),
    budgetSchedule: z.array(BudgetScheduleDoc).optional(),
    budgetExecution: z.array(BudgetExecutionDoc).optional(),
  })
  .meta({ id: "DirectionDoc" });
export const ProgramIndicatorDoc = z
  .object({
    code: opt(z.string()),
    name: z.string(),
    unit: z.string(),
    okei: opt(z.string()),
    trend: z.enum(TRENDS),
    baseYear: z.number().int(),
    baseValue: opt(z.string()),
    goal: opt(z.string()),
    strategyIndicator: opt(z.string()),
    values: z.array(YearPlanFact),
  })
  .meta({ id: "ProgramIndicatorDoc" });

export const ProgramDocument = z
  .object({
    code: z.string(),
    name: z.string(),
    responsibleExecutor: z.string(),
    coExecutors: z.array(z.string()),
    startYear: z.number().int(),
    endYear: z.number().int(),
    otherSources: opt(z.string()),
    goals: z.array(
      z.object({
        code: opt(z.string()),
        name: z.string(),
        targetValue: opt(z.string()),
        unit: opt(z.string()),
        targetYear: opt(z.number().int()),
      }),
    ),
    stages: z.array(z.object({ name: z.string(), startYear: z.number().int(), endYear: z.number().int() })),
    indicators: z.array(ProgramIndicatorDoc),
    directions: z.array(DirectionDoc),
  })
  .meta({ id: "ProgramDocument" });
export type ProgramDocument = z.infer<typeof ProgramDocument>;
