/**
 * Effectiveness evaluation (issue 3): a program's evaluation with its trace, its year as a
 * format-1 report, the ranking of the municipality's programs, and the summaries of the
 * strategy's and the action plan's indicators. Read-only; every participant may read them.
 */
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
import {
  EvaluationQuery,
  EvaluationSettings,
  EvaluationSettingsBody,
  IdParams,
  IndicatorsSummary,
  MethodologyCreate,
  MethodologyList,
  MethodologyView,
  ProgramEvaluation,
  ProgramReport,
  Ranking,
  SummaryQuery,
} from "@orientir/contracts";

const TAG = "evaluation";

function evalOpts(q: EvaluationQuery) {
  return {
    asOf: q.asOf,
    missingFact: q.missingFact,
    zeroEqualsZero: q.zeroEqualsZero === undefined ? undefined : q.zeroEqualsZero === "true",
  };
}

function summaryOpts(q: SummaryQuery) {
  const thresholds: { achievedFrom?: string; negativeBelow?: string; worseThanPrevious?: boolean } = {};
  if (q.achievedFrom !== undefined) thresholds.achievedFrom = q.achievedFrom;
  if (q.negativeBelow !== undefined) thresholds.negativeBelow = q.negativeBelow;
  if (q.worseThanPrevious !== undefined) thresholds.worseThanPrevious = q.worseThanPrevious === "true";
  return { year: q.year, thresholds };
}

export const evaluationRoutes = [
  route({
    method: "GET",
    path: "/api/evaluation/methodologies",
    tag: TAG,
    auth: "session",
    summary: "Методики оценки: встроенные и свои версии муниципального образования; выбранная",
    response: MethodologyList,
    handler: async (ctx) => listMethodologies(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/evaluation/methodologies",
    tag: TAG,
    auth: "session",
    status: 201,
    summary: "Новая версия методики оценки (свои параметры или свое дерево уровней) — управление экономики",
    body: MethodologyCreate,
    response: MethodologyView,
    handler: async (ctx, { body }) => createMethodology(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET",
    path: "/api/evaluation/settings",
    tag: TAG,
    auth: "session",
    summary: "Методика, по которой оцениваются программы, и пороги классов показателей стратегии и плана",
    response: EvaluationSettings,
    handler: async (ctx) => getEvaluationSettings(ctx.app, ctx.caller),
  }),
  route({
    method: "PUT",
    path: "/api/evaluation/settings",
    tag: TAG,
    auth: "session",
    summary: "Выбрать методику оценки и пороги классов показателей — управление экономики",
    body: EvaluationSettingsBody,
    response: EvaluationSettings,
    handler: async (ctx, { body }) => saveEvaluationSettings(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET",
    path: "/api/programs/:id/evaluation",
    tag: TAG,
    auth: "session",
    summary: "Оценка эффективности программы за год на дату расчета (методика 220-п), с расшифровкой каждого шага",
    params: IdParams,
    query: EvaluationQuery,
    response: ProgramEvaluation,
    handler: async (ctx, { params, query }) => evaluateProgram(ctx.app, ctx.caller, params.id, query.year, evalOpts(query)),
  }),
  route({
    method: "GET",
    path: "/api/programs/:id/evaluation-report",
    tag: TAG,
    auth: "session",
    summary: "Отчет программы за год в формате 1 (orientir.program-report/1): исходные данные оценки",
    params: IdParams,
    query: EvaluationQuery,
    response: ProgramReport,
    handler: async (ctx, { params, query }) => exportProgramReport(ctx.app, ctx.caller, params.id, query.year, evalOpts(query)),
  }),
  route({
    method: "GET",
    path: "/api/evaluation/ranking",
    tag: TAG,
    auth: "session",
    summary: "Рейтинг программ муниципального образования: оценка, уровень эффективности, самое слабое направление",
    query: EvaluationQuery,
    response: Ranking,
    handler: async (ctx, { query }) => evaluationRanking(ctx.app, ctx.caller, query.year, evalOpts(query)),
  }),
  route({
    method: "GET",
    path: "/api/strategies/:id/summary",
    tag: TAG,
    auth: "session",
    summary: "Показатели стратегии: достигнуты, в процессе достижения, с отрицательными отклонениями — по целям и в целом; ряды план/факт",
    params: IdParams,
    query: SummaryQuery,
    response: IndicatorsSummary,
    handler: async (ctx, { params, query }) => strategySummary(ctx.app, ctx.caller, params.id, summaryOpts(query)),
  }),
  route({
    method: "GET",
    path: "/api/action-plans/:id/summary",
    tag: TAG,
    auth: "session",
    summary: "Показатели плана мероприятий: достигнуты, в процессе достижения, с отрицательными отклонениями — по целям и в целом",
    params: IdParams,
    query: SummaryQuery,
    response: IndicatorsSummary,
    handler: async (ctx, { params, query }) => actionPlanSummary(ctx.app, ctx.caller, params.id, summaryOpts(query)),
  }),
];
