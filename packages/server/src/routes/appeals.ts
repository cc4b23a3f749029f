/**
 * Appeals, continued (issue 15, part 3): the answer templates kept in a page — list (with the
 * defaults), create, edit or deactivate, preview with a sample appeal. The answer's approval is a
 * step of an appeal (`POST /api/appeals/:id/steps`, control.ts); the portal's appeal form is a page
 * of the portal (portal-appeal-pages.ts).
 */
import { answerTemplates, createAnswerTemplate, previewAnswerTemplate, updateAnswerTemplateUseCase } from "@orientir/app";
import {
  AnswerTemplate,
  AnswerTemplateBody,
  AnswerTemplateCodeParams,
  AnswerTemplateList,
  AnswerTemplatePreview,
  AnswerTemplatePreviewBody,
  AnswerTemplateUpdateBody,
} from "@orientir/contracts";
import { route } from "../route.ts";

const TAG = "control";

export const appealRoutes = [
  route({
    method: "GET",
    path: "/api/appeal-templates",
    tag: TAG,
    auth: "session",
    summary: "Шаблоны ответов на обращения: свои (и отключенные) и типовые, с допустимыми подстановками",
    response: AnswerTemplateList,
    handler: async (ctx) => answerTemplates(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/appeal-templates",
    tag: TAG,
    auth: "session",
    status: 201,
    summary: "Создать шаблон ответа (канцелярия); код типового шаблона заменяет его",
    body: AnswerTemplateBody,
    response: AnswerTemplate,
    handler: async (ctx, { body }) => createAnswerTemplate(ctx.app, ctx.caller, body),
  }),
  route({
    method: "PUT",
    path: "/api/appeal-templates/:code",
    tag: TAG,
    auth: "session",
    summary: "Изменить, отключить (active: false) или включить шаблон ответа (канцелярия)",
    params: AnswerTemplateCodeParams,
    body: AnswerTemplateUpdateBody,
    response: AnswerTemplate,
    handler: async (ctx, { params, body }) => updateAnswerTemplateUseCase(ctx.app, ctx.caller, params.code, body),
  }),
  route({
    method: "POST",
    path: "/api/appeal-templates/preview",
    tag: TAG,
    auth: "session",
    summary: "Предпросмотр шаблона: подстановки заполнены примером обращения; неизвестные подстановки названы",
    body: AnswerTemplatePreviewBody,
    response: AnswerTemplatePreview,
    handler: async (ctx, { body }) => previewAnswerTemplate(ctx.app, ctx.caller, body.body),
  }),
];
