/**
 * Files of the control (issue 15, part 1): upload (JSON with the content in base64, as the draft's
 * documents are uploaded) and download of the files of registry documents and appeals, download of
 * the files of orders' reports (uploaded with the report step, POST /api/orders/:id/steps).
 */
import {
  appealFiles,
  downloadAppealFile,
  downloadDocumentFile,
  downloadOrderFile,
  uploadAppealFile,
  uploadDocumentFile,
} from "@orientir/app";
import { ControlFileBody, ControlFileList, ControlFileParams, IdParams } from "@orientir/contracts";
import { route, type FileResult } from "../route.ts";

const TAG = "control";
const file = (f: { buffer: Buffer; filename: string; contentType: string }): FileResult => ({
  __file: true,
  buffer: f.buffer,
  filename: f.filename,
  contentType: f.contentType,
});

export const controlFileRoutes = [
  route({
    method: "POST",
    path: "/api/registry/:id/files",
    tag: TAG,
    auth: "session",
    status: 201,
    summary:
      "Приложить файл к документу реестра (JSON: filename, title, contentBase64; PDF, DOCX, XLSX, PNG, JPEG до 5 МБ; тип — по содержимому; канцелярия)",
    params: IdParams,
    body: ControlFileBody,
    response: ControlFileList,
    handler: async (ctx, { params, body }) => uploadDocumentFile(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/registry/:id/files/:fileId/content",
    tag: TAG,
    auth: "session",
    summary: "Скачать файл документа реестра",
    params: ControlFileParams,
    response: "binary",
    handler: async (ctx, { params }) => file(await downloadDocumentFile(ctx.app, ctx.caller, params.id, params.fileId)),
  }),
  route({
    method: "GET",
    path: "/api/orders/:id/files/:fileId/content",
    tag: TAG,
    auth: "session",
    summary: "Скачать файл отчета об исполнении поручения",
    params: ControlFileParams,
    response: "binary",
    handler: async (ctx, { params }) => file(await downloadOrderFile(ctx.app, ctx.caller, params.id, params.fileId)),
  }),
  route({
    method: "GET",
    path: "/api/appeals/:id/files",
    tag: TAG,
    auth: "session",
    summary: "Файлы обращения (персональные данные: назначенные сотрудники и контролеры; просмотр записывается)",
    params: IdParams,
    response: ControlFileList,
    handler: async (ctx, { params }) => appealFiles(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST",
    path: "/api/appeals/:id/files",
    tag: TAG,
    auth: "session",
    status: 201,
    summary: "Приложить файл к обращению (JSON: filename, title, contentBase64; назначенный сотрудник или контролер)",
    params: IdParams,
    body: ControlFileBody,
    response: ControlFileList,
    handler: async (ctx, { params, body }) => uploadAppealFile(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/appeals/:id/files/:fileId/content",
    tag: TAG,
    auth: "session",
    summary: "Скачать файл обращения (назначенные сотрудники и контролеры; скачивание записывается)",
    params: ControlFileParams,
    response: "binary",
    handler: async (ctx, { params }) => file(await downloadAppealFile(ctx.app, ctx.caller, params.id, params.fileId)),
  }),
];
