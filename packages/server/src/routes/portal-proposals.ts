/**
 * Issue 14, part 3 (rest): comments on proposals and their moderation, abuse reports and the staff
 * decisions on them, and the files of proposals for staff. Residents' routes check the resident's
 * own session and CSRF token in the use case's caller (`requireResident`), as in ./portal.ts.
 */
import { z } from "zod";
import {
  AbuseReportAccepted,
  AbuseReportCreate,
  AbuseReportDecisionBody,
  AbuseReportList,
  AbuseReportListQuery,
  AbuseReportView,
  CommentCreate,
  CommentList,
  CommentListQuery,
  CommentView,
  IdParams,
  ModerationBody,
  PortalIdParams,
  PortalParams,
  Uuid,
} from "@orientir/contracts";
import {
  decideAbuseReport,
  makeComment,
  moderateOneComment,
  portalOf,
  publicComments,
  reportAbuse,
  requireResident,
  resolveResident,
  staffComments,
  staffProposalFile,
  staffReports,
  type ResidentCaller,
} from "@orientir/app";
import { route, type FileResult, type RequestContext } from "../route.ts";
import { RESIDENT_COOKIE } from "./portal.ts";

async function resident(ctx: RequestContext, unsafe: boolean): Promise<ResidentCaller> {
  return requireResident(await resolveResident(ctx.app, ctx.cookie(RESIDENT_COOKIE)), ctx.header("x-csrf-token"), unsafe);
}

const TAG = "portal";
const ProposalFileParams = z.object({ id: Uuid, fileId: Uuid }).meta({ id: "ProposalFileParams" });

export const portalProposalRoutes = [
  route({
    method: "GET",
    path: "/api/portal/comments",
    summary: "Комментарии жителей к предложениям (очередь модерации: ?moderation=pending)",
    tag: TAG,
    auth: "session",
    query: CommentListQuery,
    response: CommentList,
    handler: (ctx, { query }) => staffComments(ctx.app, ctx.caller, query),
  }),
  route({
    method: "POST",
    path: "/api/portal/comments/:id/moderation",
    summary: "Модерация комментария: опубликовать или отклонить с причиной",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: ModerationBody,
    response: CommentView,
    handler: (ctx, { params, body }) => moderateOneComment(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/reports",
    summary: "Жалобы на предложения и комментарии (без сведений о том, кто пожаловался)",
    tag: TAG,
    auth: "session",
    query: AbuseReportListQuery,
    response: AbuseReportList,
    handler: (ctx, { query }) => staffReports(ctx.app, ctx.caller, query),
  }),
  route({
    method: "POST",
    path: "/api/portal/reports/:id/decision",
    summary: "Решение по жалобе: скрыть содержание или оставить, с причиной",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: AbuseReportDecisionBody,
    response: AbuseReportView,
    handler: (ctx, { params, body }) => decideAbuseReport(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/proposals/:id/files/:fileId",
    summary: "Файл, приложенный к предложению (для модерации)",
    tag: TAG,
    auth: "session",
    params: ProposalFileParams,
    response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const f = await staffProposalFile(ctx.app, ctx.caller, params.id, params.fileId);
      return { __file: true, ...f };
    },
  }),
  route({
    method: "GET",
    path: "/api/p/:municipality/proposals/:id/comments",
    summary: "Опубликованные комментарии к предложению",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    response: CommentList,
    handler: async (ctx, { params }) => ({
      items: await publicComments(ctx.app, await portalOf(ctx.app, params.municipality), [params.id], null),
    }),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/proposals/:id/comments",
    summary: "Житель: комментарий к опубликованному предложению (пред- или постмодерация по настройке портала)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    body: CommentCreate,
    response: CommentView,
    status: 201,
    handler: async (ctx, { params, body }) =>
      makeComment(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx, true), params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/reports",
    summary: "Житель: пожаловаться на предложение или комментарий (скрывает только решение модератора)",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    body: AbuseReportCreate,
    response: AbuseReportAccepted,
    status: 201,
    handler: async (ctx, { params, body }) =>
      reportAbuse(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx, true), body),
  }),
];
