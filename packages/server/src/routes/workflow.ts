/**
 * The approval workflow of decree 220-п and the versions of programs (issue 6): drafts of
 * programs, amendments and directions' orders, their steps with conclusions, the reviewers'
 * queues, versions and their diffs, the explanatory note.
 */
import {
  diffProgramVersions,
  exportVersionNote,
  getProgramVersion,
  getWorkflow,
  programContent,
  programVersions,
  programWorkflows,
  registerVersionInForce,
  saveVersionNote,
  startDirectionOrder,
  startProgramDraft,
  takeWorkflowStep,
  versionNote,
  workflowQueue,
} from "@orientir/app";
import { route, type FileResult } from "../route.ts";
import {
  DiffQuery,
  EmptyBody,
  IdParams,
  ProgramContent,
  ProgramVersion,
  ProgramVersionList,
  ProgramVersionWithDocument,
  StartDraftBody,
  VersionDiff,
  VersionInForceBody,
  VersionNote,
  VersionNotePatch,
  WorkflowList,
  WorkflowQueue,
  WorkflowStepBody,
  WorkflowView,
} from "@orientir/contracts";

export const workflowRoutes = [
  route({
    method: "GET", path: "/api/programs/:id/content", tag: "workflow", auth: "session",
    summary: "Можно ли сейчас менять содержание программы (проект у разработчика, на экспертизе, действующая редакция) и почему; какие поля — данные исполнения",
    params: IdParams,
    response: ProgramContent,
    handler: async (ctx, { params }) => programContent(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/programs/:id/versions", tag: "workflow", auth: "session",
    summary: "Редакции программы и распоряжений по ее направлениям: проекты, утвержденные, отозванные",
    params: IdParams,
    response: ProgramVersionList,
    handler: async (ctx, { params }) => programVersions(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST", path: "/api/programs/:id/versions", tag: "workflow", auth: "session", status: 201,
    summary: "Начать проект: новой программы или изменений от последней утвержденной редакции (ответственный исполнитель)",
    params: IdParams,
    body: StartDraftBody,
    response: WorkflowView,
    handler: async (ctx, { params, body }) => startProgramDraft(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "POST", path: "/api/programs/:id/versions/in-force", tag: "workflow", auth: "session", status: 201,
    summary: "Зарегистрировать действующую редакцию программы, утвержденную ранее (номер и дата постановления)",
    params: IdParams,
    body: VersionInForceBody,
    response: ProgramVersion,
    handler: async (ctx, { params, body }) => registerVersionInForce(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/programs/:id/workflows", tag: "workflow", auth: "session",
    summary: "Процессы согласования программы и распоряжений по ее направлениям, с историей и заключениями",
    params: IdParams,
    response: WorkflowList,
    handler: async (ctx, { params }) => ({ items: await programWorkflows(ctx.app, ctx.caller, params.id) }),
  }),
  route({
    method: "GET", path: "/api/programs/:id/diff", tag: "workflow", auth: "session",
    summary: "Сравнение двух редакций: структура, индикаторы, показатели, контрольные точки, финансирование (по умолчанию действующая редакция и текущие данные)",
    params: IdParams,
    query: DiffQuery,
    response: VersionDiff,
    handler: async (ctx, { params, query }) => diffProgramVersions(ctx.app, ctx.caller, params.id, query),
  }),
  route({
    method: "POST", path: "/api/directions/:id/orders", tag: "workflow", auth: "session", status: 201,
    summary: "Начать проект распоряжения об утверждении направления или изменений в него (соисполнитель)",
    params: IdParams, body: EmptyBody, response: WorkflowView,
    handler: async (ctx, { params }) => startDirectionOrder(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/versions/:id", tag: "workflow", auth: "session",
    summary: "Редакция с ее текстом (утвержденная — неизменный снимок, проект — текущие данные)",
    params: IdParams,
    response: ProgramVersionWithDocument,
    handler: async (ctx, { params }) => getProgramVersion(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/versions/:id/note", tag: "workflow", auth: "session",
    summary: "Пояснительная записка: составленная по изменениям с причинами и отредактированный текст",
    params: IdParams, response: VersionNote,
    handler: async (ctx, { params }) => versionNote(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "PATCH", path: "/api/versions/:id/note", tag: "workflow", auth: "session",
    summary: "Причины изменений и текст пояснительной записки проекта (с версией, прочитанной клиентом)",
    params: IdParams,
    body: VersionNotePatch,
    response: VersionNote,
    handler: async (ctx, { params, body }) => saveVersionNote(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/versions/:id/note.txt", tag: "workflow", auth: "session",
    summary: "Пояснительная записка текстом (файл)",
    params: IdParams, response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const { filename, text } = await exportVersionNote(ctx.app, ctx.caller, params.id);
      return { __file: true, buffer: Buffer.from(text, "utf8"), filename, contentType: "text/plain; charset=utf-8" };
    },
  }),
  route({
    method: "GET", path: "/api/workflows/:id", tag: "workflow", auth: "session",
    summary: "Процесс согласования: этап, срок, история шагов, заключения с замечаниями, доступные действия",
    params: IdParams, response: WorkflowView,
    handler: async (ctx, { params }) => getWorkflow(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST", path: "/api/workflows/:id/steps", tag: "workflow", auth: "session",
    summary: "Шаг согласования (с версией процесса): направить, заключение, повторная экспертиза, утверждение, размещение, отзыв",
    params: IdParams,
    body: WorkflowStepBody,
    response: WorkflowView,
    handler: async (ctx, { params, body }) => takeWorkflowStep(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/workflow/queue", tag: "workflow", auth: "session",
    summary: "Мои задачи согласования со сроками по производственному календарю и сроки 220-п на текущий год",
    response: WorkflowQueue,
    handler: async (ctx) => workflowQueue(ctx.app, ctx.caller),
  }),
];
