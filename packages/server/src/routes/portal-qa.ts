/**
 * Live Q&A sessions and surveys of residents (issue 14, part 5). Staff routes
 * (`/api/portal/qa…`, `/api/portal/surveys…`, a staff session): schedule a session, moderate and
 * answer its questions; build a survey and read its results. Residents' routes
 * (`/api/p/:municipality/…`): ask a question, respond to a survey (the resident's own session and
 * CSRF token, checked by `requireResident`); read a closed survey's results (public).
 */
import {
  IdParams,
  PortalIdParams,
  QaAnswerBody,
  QaModerationBody,
  QaQuestionCreate,
  QaQuestionView,
  QaSessionCreate,
  QaSessionList,
  QaSessionView,
  SurveyCreate,
  SurveyList,
  SurveyResponseAccepted,
  SurveyResponseBody,
  SurveyResultsView,
  SurveyView,
} from "@orientir/contracts";
import {
  answerQuestion,
  askQuestion,
  createSurvey,
  moderateQuestion,
  portalOf,
  publicSurveyResults,
  requireResident,
  resolveResident,
  respondToSurvey,
  scheduleQaSession,
  staffQaSessions,
  staffSurveyResults,
  staffSurveys,
  type ResidentCaller,
} from "@orientir/app";
import { route, type RequestContext } from "../route.ts";
import { RESIDENT_COOKIE } from "./portal.ts";

async function resident(ctx: RequestContext): Promise<ResidentCaller> {
  return requireResident(await resolveResident(ctx.app, ctx.cookie(RESIDENT_COOKIE)), ctx.header("x-csrf-token"), true);
}

const TAG = "portal";

export const portalQaRoutes = [
  route({
    method: "GET",
    path: "/api/portal/qa",
    summary: "Сессии вопросов и ответов с разработчиками: все вопросы со статусами модерации и ответами",
    tag: TAG,
    auth: "session",
    response: QaSessionList,
    handler: (ctx) => staffQaSessions(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/portal/qa",
    summary: "Назначить сессию вопросов и ответов: время, публикация, разработчики",
    tag: TAG,
    auth: "session",
    body: QaSessionCreate,
    response: QaSessionView,
    status: 201,
    handler: (ctx, { body }) => scheduleQaSession(ctx.app, ctx.caller, body),
  }),
  route({
    method: "POST",
    path: "/api/portal/qa/questions/:id/moderation",
    summary: "Модерация вопроса: опубликовать или отклонить с причиной",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: QaModerationBody,
    response: QaQuestionView,
    handler: (ctx, { params, body }) => moderateQuestion(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/portal/qa/questions/:id/answer",
    summary: "Ответ разработчика на вопрос (с начала сессии; отвечает названный разработчик)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: QaAnswerBody,
    response: QaQuestionView,
    handler: (ctx, { params, body }) => answerQuestion(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/surveys",
    summary: "Опросы жителей",
    tag: TAG,
    auth: "session",
    response: SurveyList,
    handler: (ctx) => staffSurveys(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/portal/surveys",
    summary: "Создать опрос: вопросы (один или несколько вариантов, шкала, свободный ответ), срок",
    tag: TAG,
    auth: "session",
    body: SurveyCreate,
    response: SurveyView,
    status: 201,
    handler: (ctx, { body }) => createSurvey(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/surveys/:id/results",
    summary: "Результаты опроса со свободными ответами (персоналу — в любой момент)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    response: SurveyResultsView,
    handler: (ctx, { params }) => staffSurveyResults(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/qa/:id/questions",
    summary: "Житель: вопрос разработчикам — заранее или во время сессии (до ее окончания)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    body: QaQuestionCreate,
    response: QaQuestionView,
    status: 201,
    handler: async (ctx, { params, body }) =>
      askQuestion(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx), params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/surveys/:id/responses",
    summary: "Житель: ответить на опрос (один раз, пока опрос открыт)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    body: SurveyResponseBody,
    response: SurveyResponseAccepted,
    status: 201,
    handler: async (ctx, { params, body }) =>
      respondToSurvey(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx), params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/p/:municipality/surveys/:id/results",
    summary: "Результаты опроса (после его окончания; без свободных ответов)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    response: SurveyResultsView.omit({ texts: true }),
    handler: async (ctx, { params }) => publicSurveyResults(ctx.app, await portalOf(ctx.app, params.municipality), params.id),
  }),
];
