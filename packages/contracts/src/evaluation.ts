/**
 * Effectiveness evaluation: a program's evaluation with its trace, its year as a format-1
 * report, the ranking of the municipality's programs, the summaries of the strategy's and the
 * action plan's indicators, the methodologies and the settings.
 */
import { z } from "zod";
import { ELEMENT_KINDS, LEVEL_IDS, MISSING_FACT_MODES, PROGRAM_REPORT_FORMAT, TRENDS } from "@orientir/domain";
import { DecimalString, IsoDate, Uuid, YearQuery } from "./common.ts";

const Year = YearQuery;
const Decimal = DecimalString;
export const EvaluationQuery = z
  .object({
    year: Year,
    asOf: IsoDate.optional(),
    // rules 9 and 10 of the format (default: the municipality's settings, else by the date / true)
    missingFact: z.enum(MISSING_FACT_MODES).optional(),
    zeroEqualsZero: z.enum(["true", "false"]).optional(),
  })
  .strict()
  .meta({ id: "EvaluationQuery" });
export type EvaluationQuery = z.infer<typeof EvaluationQuery>;

export const DataCompleteness = z
  .object({
    indicators: z.object({ withFact: z.number().int(), total: z.number().int() }),
    metrics: z.object({ withFact: z.number().int(), total: z.number().int() }),
    withFact: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "DataCompleteness" });
export type DataCompleteness = z.infer<typeof DataCompleteness>;
export const EvaluationRules = z
  .object({ missingFact: z.enum(MISSING_FACT_MODES), zeroEqualsZero: z.boolean() })
  .meta({ id: "EvaluationRules" });
export type EvaluationRules = z.infer<typeof EvaluationRules>;
export const VersionInForce = z
  .object({ number: z.number().int(), decreeNumber: z.string(), decreeDate: z.string() })
  .meta({ id: "VersionInForce" });
export type VersionInForce = z.infer<typeof VersionInForce>;
export const SummaryQuery = z
  .object({
    year: Year.optional(),
    achievedFrom: Decimal.optional(),
    negativeBelow: Decimal.optional(),
    worseThanPrevious: z.enum(["true", "false"]).optional(),
  })
  .strict()
  .meta({ id: "SummaryQuery" });
export type SummaryQuery = z.infer<typeof SummaryQuery>;

const Level = z.number().nullable();
const RatingValue = z.enum(["high", "satisfactory", "unsatisfactory"]);

/** An indicator or metric evaluated without a fact (rule 9). */
export const EvaluationWarning = z
  .object({
    kind: z.enum(["indicator", "metric"]),
    code: z.string(),
    name: z.string(),
    /** The element a metric belongs to. */
    element: z.string().optional(),
    missingFact: z.enum(MISSING_FACT_MODES),
    message: z.string(),
  })
  .meta({ id: "EvaluationWarning" });
export type EvaluationWarning = z.infer<typeof EvaluationWarning>;

export const ElementResult = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(ELEMENT_KINDS),
    score: Level,
    metricsLevel: Level,
    checkpointsLevel: Level,
    checkpoints: z.object({ due: z.number(), achieved: z.number() }),
    metrics: z.array(z.object({ code: z.string(), level: Level })),
  })
  .meta({ id: "ElementResult" });
export type ElementResult = z.infer<typeof ElementResult>;
export const DirectionResult = z
  .object({ code: z.string(), name: z.string(), score: Level, budgetLevel: Level, elements: z.array(ElementResult) })
  .meta({ id: "DirectionResult" });
export type DirectionResult = z.infer<typeof DirectionResult>;

/** One step of the evaluation's trace: the level, its value, the formula with its figures, the rules applied, the steps below. */
export interface TraceNode {
  level: z.infer<typeof LevelIdSchema>;
  symbol: string;
  label: string;
  subject?: { code: string; name: string } | undefined;
  value: number | null;
  display: string | null;
  formula: string;
  rules: { rule: string; text: string }[];
  details?: string[] | undefined;
  children: TraceNode[];
}
const LevelIdSchema = z.enum(LEVEL_IDS);
export const TraceNode: z.ZodType<TraceNode> = z
  .object({
    level: LevelIdSchema,
    symbol: z.string(),
    label: z.string(),
    subject: z.object({ code: z.string(), name: z.string() }).optional(),
    value: z.number().nullable(),
    display: z.string().nullable(),
    formula: z.string(),
    rules: z.array(z.object({ rule: z.string(), text: z.string() })),
    details: z.array(z.string()).optional(),
    get children() {
      return z.array(TraceNode);
    },
  })
  .meta({ id: "TraceNode" });

export const ProgramEvaluation = z
  .object({
    programId: Uuid,
    program: z.string(),
    programName: z.string(),
    year: z.number().int(),
    asOf: z.string(),
    methodology: z.object({
      preset: z.string(),
      version: z.number().int(),
      name: z.string(),
      parameters: z.record(z.string(), z.string()),
      overridden: z.array(z.string()),
      rules: EvaluationRules,
    }),
    preliminary: z.boolean(),
    warnings: z.array(EvaluationWarning),
    completeness: DataCompleteness,
    noData: z.boolean(),
    inForce: VersionInForce.nullable(),
    score: z.number().nullable(),
    scoreDisplay: z.string().nullable(),
    rating: RatingValue.nullable(),
    ratingLabel: z.string(),
    indicatorsLevel: Level,
    indicators: z.array(z.object({ code: z.string(), level: Level })),
    directions: z.array(DirectionResult),
    /** The trace as a tree. */
    explanation: TraceNode.nullable(),
    trace: z.array(z.string()),
  })
  .meta({ id: "ProgramEvaluation" });
export type ProgramEvaluation = z.infer<typeof ProgramEvaluation>;

const ReportValue = z
  .object({ code: z.string(), name: z.string(), unit: z.string(), trend: z.enum(TRENDS), plan: z.number(), fact: z.number().nullable() })
  .meta({ id: "ReportValue" });
/** A program's year in format 1 (`orientir.program-report/1`): the input of the evaluation. */
export const ProgramReport = z
  .object({
    format: z.literal(PROGRAM_REPORT_FORMAT),
    program: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    asOf: z.string(),
    methodology: z.object({
      preset: z.string(),
      version: z.number().int().optional(),
      weights: z.record(z.string(), z.number()).optional(),
      missingFact: z.enum(MISSING_FACT_MODES).optional(),
      zeroEqualsZero: z.boolean().optional(),
    }),
    indicators: z.array(ReportValue),
    directions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        coExecutor: z.string().optional(),
        funding: z.object({ plan: z.string(), cash: z.string() }).nullable(),
        elements: z.array(
          z.object({
            code: z.string(),
            kind: z.enum(ELEMENT_KINDS),
            name: z.string(),
            metrics: z.array(ReportValue),
            checkpoints: z.array(z.object({ name: z.string(), planned: z.string(), actual: z.string().nullable() })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "ProgramReport" });
export type ProgramReport = z.infer<typeof ProgramReport>;

export const Ranking = z
  .object({
    year: z.number().int(),
    asOf: z.string(),
    methodology: z.string(),
    rules: EvaluationRules,
    preliminary: z.boolean(),
    notInForce: z.array(z.object({ programId: Uuid, code: z.string(), name: z.string() })),
    items: z.array(
      z.object({
        programId: Uuid,
        code: z.string(),
        name: z.string(),
        place: z.number().int().nullable(),
        score: Level,
        scoreDisplay: z.string().nullable(),
        rating: z.enum(["high", "satisfactory", "unsatisfactory"]).nullable(),
        weakestDirection: z.object({ code: z.string(), name: z.string(), score: z.number() }).nullable(),
        error: z.string().nullable(),
        noData: z.boolean(),
        completeness: DataCompleteness.nullable(),
        warnings: z.number().int(),
        preliminary: z.boolean(),
        inForce: VersionInForce,
      }),
    ),
  })
  .meta({ id: "Ranking" });
export type Ranking = z.infer<typeof Ranking>;

export const StatusCounts = z
  .object({
    achieved: z.number().int(),
    inProgress: z.number().int(),
    negative: z.number().int(),
    noData: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "StatusCounts" });
export type StatusCounts = z.infer<typeof StatusCounts>;
export const ClassificationThresholds = z
  .object({ achievedFrom: z.string(), negativeBelow: z.string(), worseThanPrevious: z.boolean() })
  .meta({ id: "ClassificationThresholds" });
export type ClassificationThresholds = z.infer<typeof ClassificationThresholds>;
const IndicatorStatus = z.enum(["achieved", "inProgress", "negative", "noData"]);
/** An indicator of the strategy or the plan in the year, classed by its level. */
export const IndicatorClass = z
  .object({
    code: z.string().nullable(),
    name: z.string(),
    goal: z.string().nullable(),
    year: z.number().int(),
    plan: z.string().nullable(),
    fact: z.string().nullable(),
    /** Percent of the target, unrounded; null without data. */
    level: z.number().nullable(),
    levelDisplay: z.string().nullable(),
    status: IndicatorStatus,
    /** Why, in Russian, with the figures. */
    reason: z.string(),
  })
  .meta({ id: "IndicatorClass" });
export type IndicatorClass = z.infer<typeof IndicatorClass>;
/** The summary of a strategy's (with `strategyId`) or an action plan's (with `planId`) indicators. */
export const IndicatorsSummary = z
  .object({
    strategyId: Uuid.optional(),
    planId: Uuid.optional(),
    name: z.string(),
    year: z.number().int(),
    rule: z.string(),
    thresholds: ClassificationThresholds,
    counts: StatusCounts,
    byGoal: z.array(z.object({ goal: z.string().nullable(), counts: StatusCounts })),
    indicators: z.array(IndicatorClass),
    /** Plan and fact by year of every indicator, for the charts. */
    series: z.array(
      z.object({
        code: z.string().nullable(),
        name: z.string(),
        unit: z.string(),
        trend: z.string(),
        values: z.array(z.object({ year: z.number().int(), plan: z.string().nullable(), fact: z.string().nullable() })),
      }),
    ),
    years: z.array(z.number().int()),
  })
  .meta({ id: "IndicatorsSummary" });
export type IndicatorsSummary = z.infer<typeof IndicatorsSummary>;

/** A level of a methodology's tree (domain `Level`): a ratio, a mean over items, a count ratio of checkpoints, a weighted sum. */
export type MethodologyLevel =
  | {
      id: LevelId;
      symbol: string;
      label: string;
      kind: "ratio";
      source: "value" | "funding";
      onZeroDivisor: "param" | "absent";
      cap: string | null;
    }
  | {
      id: LevelId;
      symbol: string;
      label: string;
      kind: "mean";
      over: "indicators" | "directions" | "elements" | "metrics";
      item: MethodologyLevel;
      whenEmpty: string | null;
    }
  | {
      id: LevelId;
      symbol: string;
      label: string;
      kind: "countRatio";
      over: "checkpoints";
      whenNoneDue: string;
      fixedForKinds: Partial<Record<(typeof ELEMENT_KINDS)[number], string>>;
    }
  | { id: LevelId; symbol: string; label: string; kind: "weightedSum"; parts: { weight: string; level: MethodologyLevel }[] };
type LevelId = (typeof LEVEL_IDS)[number];
const levelBase = { id: z.enum(LEVEL_IDS), symbol: z.string(), label: z.string() };
export const MethodologyLevel: z.ZodType<MethodologyLevel> = z
  .discriminatedUnion("kind", [
    z.object({
      ...levelBase,
      kind: z.literal("ratio"),
      source: z.enum(["value", "funding"]),
      onZeroDivisor: z.enum(["param", "absent"]),
      cap: z.string().nullable(),
    }),
    z.object({
      ...levelBase,
      kind: z.literal("mean"),
      over: z.enum(["indicators", "directions", "elements", "metrics"]),
      whenEmpty: z.string().nullable(),
      get item() {
        return MethodologyLevel;
      },
    }),
    z.object({
      ...levelBase,
      kind: z.literal("countRatio"),
      over: z.literal("checkpoints"),
      whenNoneDue: z.string(),
      fixedForKinds: z.partialRecord(z.enum(ELEMENT_KINDS), z.string()),
    }),
    z.object({
      ...levelBase,
      kind: z.literal("weightedSum"),
      get parts() {
        return z.array(z.object({ weight: z.string(), level: MethodologyLevel }));
      },
    }),
  ])
  .meta({ id: "MethodologyLevel" });

/** A methodology of evaluation (domain `Methodology`): parameters, the tree of levels, the rating bands. */
export const Methodology = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    parameters: z.record(z.string(), z.string()),
    weightNames: z.array(z.string()).readonly(),
    root: MethodologyLevel,
    rating: z.object({ bands: z.array(z.object({ from: z.string(), rating: RatingValue })), otherwise: RatingValue }),
  })
  .meta({ id: "Methodology" });
export type Methodology = z.infer<typeof Methodology>;

export const MethodologyView = z
  .object({
    preset: z.string(),
    version: z.number().int(),
    name: z.string(),
    builtin: z.boolean(),
    isDefault: z.boolean(),
    comment: z.string().nullable(),
    createdAt: z.string().nullable(),
    definition: Methodology,
  })
  .meta({ id: "MethodologyView" });
export type MethodologyView = z.infer<typeof MethodologyView>;
export const EvaluationSettings = z
  .object({
    preset: z.string(),
    presetVersion: z.number().int().nullable(),
    thresholds: ClassificationThresholds,
    missingFact: z.enum(MISSING_FACT_MODES).nullable(),
    zeroEqualsZero: z.boolean(),
    version: z.number().int().nullable(),
  })
  .meta({ id: "EvaluationSettings" });
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;

export const MethodologyList = z
  .object({ items: z.array(MethodologyView), methodology: ProgramReport.shape.methodology })
  .meta({ id: "MethodologyList" });
export type MethodologyList = z.infer<typeof MethodologyList>;

export const MethodologyCreate = z
  .object({
    basedOn: z
      .object({ preset: z.string(), version: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    preset: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "латинские строчные буквы, цифры и дефис")
      .optional(),
    name: z.string().min(1).max(500).optional(),
    parameters: z.record(z.string(), z.string().regex(/^-?\d+(\.\d+)?$/, "десятичное число строкой")).optional(),
    root: z.unknown().optional(),
    rating: z.unknown().optional(),
    weightNames: z.array(z.string()).optional(),
    comment: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .meta({ id: "MethodologyCreate" });
export type MethodologyCreate = z.infer<typeof MethodologyCreate>;

export const EvaluationSettingsBody = z
  .object({
    version: z.number().int().nullable(),
    preset: z.string().min(1),
    presetVersion: z.number().int().min(1).nullable(),
    thresholds: z
      .object({ achievedFrom: Decimal.optional(), negativeBelow: Decimal.optional(), worseThanPrevious: z.boolean().optional() })
      .strict()
      .nullable()
      .optional(),
    missingFact: z.enum(MISSING_FACT_MODES).nullable().optional(),
    zeroEqualsZero: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "EvaluationSettingsBody" });
export type EvaluationSettingsBody = z.infer<typeof EvaluationSettingsBody>;
