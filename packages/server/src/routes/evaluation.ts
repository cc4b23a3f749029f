/**
 * Effectiveness evaluation (issue 3): a program's evaluation with its trace, its year as a
 * format-1 report, the ranking of the municipality's programs, and the summaries of the
 * strategy's and the action plan's indicators. Read-only; every participant may read them.
 */
import { z } from "zod";
import {
  actionPlanSummary,
  createMethodology,
  evaluateProgram,
  evaluationRanking,
  exportProgramReport,
  getEvaluationSettings,
  listMethodologies,
  saveEvaluationSettings,
  strategySummary,
} from "@orientir/app";
import { route } from "../route.ts";
import { DecimalString, IdParams, IsoDate, Uuid } from "../schemas.ts";

const TAG = "evaluation";
const Year = z.coerce.number().int().min(1900).max(2200);
const Decimal = DecimalString;
const EvalQuery = z
  .object({
    year: Year,
    asOf: IsoDate.optional(),
    // rules 9 and 10 of the format (default: the municipality's settings, else by the date / true)
    missingFact: z.enum(["zero", "exclude"]).optional(),
    zeroEqualsZero: z.enum(["true", "false"]).optional(),
  })
  .strict();

function evalOpts(q: z.infer<typeof EvalQuery>) {
  return { asOf: q.asOf, missingFact: q.missingFact, zeroEqualsZero: q.zeroEqualsZero === undefined ? undefined : q.zeroEqualsZero === "true" };
}

const Completeness = z.object({
  indicators: z.object({ withFact: z.number().int(), total: z.number().int() }),
  metrics: z.object({ withFact: z.number().int(), total: z.number().int() }),
  withFact: z.number().int(),
  total: z.number().int(),
});
const Rules = z.object({ missingFact: z.enum(["zero", "exclude"]), zeroEqualsZero: z.boolean() });
const InForce = z.object({ number: z.number().int(), decreeNumber: z.string(), decreeDate: z.string() });
const SummaryQuery = z
  .object({
    year: Year.optional(),
    achievedFrom: Decimal.optional(),
    negativeBelow: Decimal.optional(),
    worseThanPrevious: z.enum(["true", "false"]).optional(),
  })
  .strict();

const Level = z.number().nullable();
const Evaluation = z
  .object({
    programId: Uuid,
    program: z.string(),
    year: z.number().int(),
    asOf: z.string(),
    methodology: z.object({ preset: z.string(), version: z.number().int(), parameters: z.record(z.string(), z.string()), overridden: z.array(z.string()), rules: Rules }).passthrough(),
    preliminary: z.boolean(),
    warnings: z.array(z.object({ kind: z.enum(["indicator", "metric"]), code: z.string(), missingFact: z.enum(["zero", "exclude"]), message: z.string() }).passthrough()),
    completeness: Completeness,
    noData: z.boolean(),
    inForce: InForce.nullable(),
    score: z.number().nullable(),
    scoreDisplay: z.string().nullable(),
    rating: z.enum(["high", "satisfactory", "unsatisfactory"]).nullable(),
    indicatorsLevel: Level,
    directions: z.array(
      z.object({
        code: z.string(),
        score: Level,
        budgetLevel: Level,
        elements: z.array(z.object({ code: z.string(), score: Level, metricsLevel: Level, checkpointsLevel: Level }).passthrough()),
      }).passthrough(),
    ),
    explanation: z.object({}).passthrough(),
    trace: z.array(z.string()),
  })
  .passthrough();

const Report = z.object({ format: z.literal("orientir.program-report/1") }).passthrough();

const Ranking = z.object({
  year: z.number().int(),
  asOf: z.string(),
  methodology: z.string(),
  rules: Rules,
  preliminary: z.boolean(),
  notInForce: z.array(z.object({ programId: Uuid, code: z.string(), name: z.string() })),
  items: z.array(
    z.object({
      programId: Uuid, code: z.string(), name: z.string(), place: z.number().int().nullable(), score: Level, scoreDisplay: z.string().nullable(),
      rating: z.enum(["high", "satisfactory", "unsatisfactory"]).nullable(),
      weakestDirection: z.object({ code: z.string(), name: z.string(), score: z.number() }).nullable(),
      error: z.string().nullable(),
      noData: z.boolean(),
      completeness: Completeness.nullable(),
      warnings: z.number().int(),
      preliminary: z.boolean(),
      inForce: InForce,
    }),
  ),
});

const Counts = z.object({ achieved: z.number().int(), inProgress: z.number().int(), negative: z.number().int(), noData: z.number().int(), total: z.number().int() });
const Summary = z
  .object({
    name: z.string(),
    year: z.number().int(),
    rule: z.string(),
    thresholds: z.object({ achievedFrom: z.string(), negativeBelow: z.string(), worseThanPrevious: z.boolean() }),
    counts: Counts,
    byGoal: z.array(z.object({ goal: z.string().nullable(), counts: Counts })),
    indicators: z.array(z.object({ status: z.enum(["achieved", "inProgress", "negative", "noData"]) }).passthrough()),
    series: z.array(z.object({}).passthrough()),
    years: z.array(z.number().int()),
  })
  .passthrough();

const MethodologyView = z.object({
  preset: z.string(), version: z.number().int(), name: z.string(), builtin: z.boolean(), isDefault: z.boolean(),
  comment: z.string().nullable(), createdAt: z.string().nullable(), definition: z.object({}).passthrough(),
});
const Thresholds = z.object({ achievedFrom: z.string(), negativeBelow: z.string(), worseThanPrevious: z.boolean() });
const Settings = z.object({
  preset: z.string(), presetVersion: z.number().int().nullable(), thresholds: Thresholds,
  missingFact: z.enum(["zero", "exclude"]).nullable(), zeroEqualsZero: z.boolean(), version: z.number().int().nullable(),
});

function summaryOpts(q: z.infer<typeof SummaryQuery>) {
  const thresholds: Record<string, unknown> = {};
  if (q.achievedFrom !== undefined) thresholds.achievedFrom = q.achievedFrom;
  if (q.negativeBelow !== undefined) thresholds.negativeBelow = q.negativeBelow;
  if (q.worseThanPrevious !== undefined) thresholds.worseThanPrevious = q.worseThanPrevious === "true";
  return { year: q.year, thresholds };
}

export const evaluationRoutes = [
  route({
    method: "GET", path: "/api/evaluation/methodologies", tag: TAG, auth: "session",
    summary: "Методики оценки: встроенные и свои версии муниципального образования; выбранная",
    response: z.object({ items: z.array(MethodologyView), methodology: z.object({ preset: z.string(), version: z.number().int().optional() }) }),
    handler: async (ctx) => listMethodologies(ctx.app, ctx.caller),
  }),
  route({
    method: "POST", path: "/api/evaluation/methodologies", tag: TAG, auth: "session", status: 201,
    summary: "Новая версия методики оценки (свои параметры или свое дерево уровней) — управление экономики",
    body: z.object({
      basedOn: z.object({ preset: z.string(), version: z.number().int().min(1).optional() }).strict().optional(),
      preset: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "латинские строчные буквы, цифры и дефис").optional(),
      name: z.string().min(1).max(500).optional(),
      parameters: z.record(z.string(), z.string().regex(/^-?\d+(\.\d+)?$/, "десятичное число строкой")).optional(),
      root: z.unknown().optional(),
      rating: z.unknown().optional(),
      weightNames: z.array(z.string()).optional(),
      comment: z.string().max(2000).nullable().optional(),
    }).strict(),
    response: MethodologyView,
    handler: async (ctx, { body }) => createMethodology(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET", path: "/api/evaluation/settings", tag: TAG, auth: "session",
    summary: "Методика, по которой оцениваются программы, и пороги классов показателей стратегии и плана",
    response: Settings,
    handler: async (ctx) => getEvaluationSettings(ctx.app, ctx.caller),
  }),
  route({
    method: "PUT", path: "/api/evaluation/settings", tag: TAG, auth: "session",
    summary: "Выбрать методику оценки и пороги классов показателей — управление экономики",
    body: z.object({
      version: z.number().int().nullable(),
      preset: z.string().min(1),
      presetVersion: z.number().int().min(1).nullable(),
      thresholds: z.object({ achievedFrom: Decimal.optional(), negativeBelow: Decimal.optional(), worseThanPrevious: z.boolean().optional() }).strict().nullable().optional(),
      missingFact: z.enum(["zero", "exclude"]).nullable().optional(),
      zeroEqualsZero: z.boolean().optional(),
    }).strict(),
    response: Settings,
    handler: async (ctx, { body }) => saveEvaluationSettings(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET", path: "/api/programs/:id/evaluation", tag: TAG, auth: "session",
    summary: "Оценка эффективности программы за год на дату расчета (методика 220-п), с расшифровкой каждого шага",
    params: IdParams, query: EvalQuery, response: Evaluation,
    handler: async (ctx, { params, query }) => evaluateProgram(ctx.app, ctx.caller, params.id, query.year, evalOpts(query)),
  }),
  route({
    method: "GET", path: "/api/programs/:id/evaluation-report", tag: TAG, auth: "session",
    summary: "Отчет программы за год в формате 1 (orientir.program-report/1): исходные данные оценки",
    params: IdParams, query: EvalQuery, response: Report,
    handler: async (ctx, { params, query }) => exportProgramReport(ctx.app, ctx.caller, params.id, query.year, evalOpts(query)),
  }),
  route({
    method: "GET", path: "/api/evaluation/ranking", tag: TAG, auth: "session",
    summary: "Рейтинг программ муниципального образования: оценка, уровень эффективности, самое слабое направление",
    query: EvalQuery, response: Ranking,
    handler: async (ctx, { query }) => evaluationRanking(ctx.app, ctx.caller, query.year, evalOpts(query)),
  }),
  route({
    method: "GET", path: "/api/strategies/:id/summary", tag: TAG, auth: "session",
    summary: "Показатели стратегии: достигнуты, в процессе достижения, с отрицательными отклонениями — по целям и в целом; ряды план/факт",
    params: IdParams, query: SummaryQuery, response: Summary,
    handler: async (ctx, { params, query }) => strategySummary(ctx.app, ctx.caller, params.id, summaryOpts(query)),
  }),
  route({
    method: "GET", path: "/api/action-plans/:id/summary", tag: TAG, auth: "session",
    summary: "Показатели плана мероприятий: достигнуты, в процессе достижения, с отрицательными отклонениями — по целям и в целом",
    params: IdParams, query: SummaryQuery, response: Summary,
    handler: async (ctx, { params, query }) => actionPlanSummary(ctx.app, ctx.caller, params.id, summaryOpts(query)),
  }),
];
