/**
 * Official forms (issue 5): the list of forms, and each form of a program, of an action plan and
 * the municipality's consolidated report as an XLSX, DOCX or PDF file. The use case loads the
 * data with the caller's permission; the form and the file are made by `@orientir/reports`.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  confirmProgramImport,
  exportProgramReport,
  municipalityFormData,
  planFormData,
  previewProgramImport,
  programFormData,
  type ImportParser,
} from "@orientir/app";
import { say, ValidationError, type MessageLang } from "@orientir/domain";
import {
  CONTENT_TYPES,
  FORMATS,
  FORMS,
  FORM_TEXTS,
  type FormTextKey,
  parseProgramFileIsolated,
  renderPlainWorkbook,
  type FormDef,
  type FormDocument,
} from "@orientir/reports";
import { route, type FileResult } from "../route.ts";
import { renderInPool } from "../compute/pool.ts";
import {
  FormList,
  IdParams,
  ImportBody,
  ImportConfirmBody,
  ImportPreview,
  ImportResult,
  MunicipalityFormQuery,
  PlanFormQuery,
  ProgramFormQuery,
  ReportFileQuery,
  Uuid,
} from "@orientir/contracts";

const TAG = "forms";
const idsOf = (scope: FormDef["scope"]) => FORMS.filter((f) => f.scope === scope).map((f) => f.id) as [string, ...string[]];

function formOf(id: string, scope: FormDef["scope"]): FormDef {
  const f = FORMS.find((x) => x.id === id && x.scope === scope);
  if (!f) throw new ValidationError([{ path: "params.form", message: `нет такой формы: ${id}` }]);
  return f;
}

async function file(doc: FormDocument, format: (typeof FORMATS)[number]): Promise<FileResult> {
  const r = await renderInPool(doc, format);
  return { __file: true, buffer: r.buffer, filename: r.filename, contentType: r.contentType };
}

const thisYear = (now: Date) => now.getUTCFullYear();

/** Where a form comes from, in the language: «220-п, приложение 4» → "Decree 220-p, appendix 4". */
function formSource(source: string, lang: MessageLang): string {
  const m = /^(220-п, приложение|план мероприятий, приложение|220-п, п\.) (.+)$/.exec(source);
  if (!m) return source;
  const key = m[1] === "220-п, приложение" ? "source_decree" : m[1] === "220-п, п." ? "source_clause" : "source_plan";
  return say(FORM_TEXTS, lang, key, { n: m[2]! });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
function decodeBase64(s: string): Buffer {
  const t = s.replace(/\s+/g, "");
  if (!BASE64.test(t) || t.length % 4 === 1)
    throw new ValidationError([
      { path: "contentBase64", message: "Содержимое файла должно быть в кодировке base64", messageEn: "contentBase64 is not base64" },
    ]);
  return Buffer.from(t, "base64");
}

/**
 * The parser of an uploaded file (a workbook, or a program report of format 1 in JSON), for the
 * import use cases: in a worker thread with a memory limit and a deadline, off the request path.
 */
function fileParser(content: Buffer, filename: string | undefined): ImportParser {
  const parse: ImportParser = async (current, context) => parseProgramFileIsolated(content, filename, current, context);
  // the confirmation of a preview of the same file reuses the preview's plan (app/src/import/program-import.ts)
  parse.fileKey = createHash("sha256")
    .update(filename ?? "")
    .update("\0")
    .update(content)
    .digest("hex");
  return parse;
}

export const formRoutes = [
  route({
    method: "GET",
    path: "/api/forms",
    tag: TAG,
    auth: "session",
    summary: "Официальные формы: программы (приложения 1–9 220-п), плана мероприятий (приложения 1–3), сводный годовой доклад",
    response: FormList,
    handler: (ctx) =>
      Promise.resolve({
        items: FORMS.map((f) => ({
          id: f.id,
          title: f.id in FORM_TEXTS.texts ? say(FORM_TEXTS, ctx.lang, f.id as FormTextKey) : f.title,
          scope: f.scope,
          source: formSource(f.source, ctx.lang),
          yearly: f.yearly,
          quarterly: f.quarterly ?? false,
          formats: [...FORMATS],
        })),
      }),
  }),
  route({
    method: "GET",
    path: "/api/programs/:id/forms/:form",
    tag: TAG,
    auth: "session",
    summary: "Форма программы файлом (XLSX, DOCX, PDF): year — год годовых форм, quarter — квартал мониторинга",
    params: z.object({ id: Uuid, form: z.enum(idsOf("program")) }).meta({ id: "ProgramFormParams" }),
    query: ProgramFormQuery,
    response: "binary",
    handler: async (ctx, { params, query }) => {
      const f = formOf(params.form, "program");
      if (f.scope !== "program") throw new Error("unreachable");
      const year = query.year ?? thisYear(ctx.app.now());
      // the annual report carries the year's main results (6.12.3) and evaluation with its rating (6.12.6)
      const data = await programFormData(ctx.app, ctx.caller, params.id, { year, evaluate: f.id === "annual-report" });
      return file(
        f.build({
          program: data.program,
          year,
          quarter: query.quarter,
          context: data.context,
          mainResults: data.mainResults,
          evaluation: data.evaluation,
        }),
        query.format,
      );
    },
  }),
  route({
    method: "GET",
    path: "/api/action-plans/:id/forms/:form",
    tag: TAG,
    auth: "session",
    summary: "Форма плана мероприятий файлом (XLSX, DOCX, PDF): мероприятия, показатели, приоритетные проекты",
    params: z.object({ id: Uuid, form: z.enum(idsOf("plan")) }).meta({ id: "PlanFormParams" }),
    query: PlanFormQuery,
    response: "binary",
    handler: async (ctx, { params, query }) => {
      const f = formOf(params.form, "plan");
      if (f.scope !== "plan") throw new Error("unreachable");
      const data = await planFormData(ctx.app, ctx.caller, params.id);
      return file(f.build({ plan: data.plan, goals: data.goals, programs: data.programs, context: data.context }), query.format);
    },
  }),
  route({
    method: "GET",
    path: "/api/municipality/forms/:form",
    tag: TAG,
    auth: "session",
    summary: "Сводный годовой доклад муниципального образования файлом (XLSX, DOCX, PDF) с оценкой эффективности и рейтингом программ",
    params: z.object({ form: z.enum(idsOf("municipality")) }).meta({ id: "MunicipalityFormParams" }),
    query: MunicipalityFormQuery,
    response: "binary",
    handler: async (ctx, { params, query }) => {
      const f = formOf(params.form, "municipality");
      if (f.scope !== "municipality") throw new Error("unreachable");
      const data = await municipalityFormData(ctx.app, ctx.caller, query.year ?? thisYear(ctx.app.now()) - 1);
      return file(f.build({ ...data, context: data.context }), query.format);
    },
  }),
  route({
    method: "GET",
    path: "/api/programs/:id/workbook",
    tag: TAG,
    auth: "session",
    summary: "Программа целиком в простом формате XLSX (лист на таблицу, строка на запись) — для правки и обратной загрузки",
    params: IdParams,
    response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const data = await programFormData(ctx.app, ctx.caller, params.id);
      return {
        __file: true,
        buffer: await renderPlainWorkbook(data.program),
        filename: `Программа_${data.program.code}.xlsx`,
        contentType: CONTENT_TYPES.xlsx,
      };
    },
  }),
  route({
    method: "GET",
    path: "/api/programs/:id/report.json",
    tag: TAG,
    auth: "session",
    summary:
      "Отчет программы за год в формате 1 (orientir.program-report/1) файлом JSON — для правки и обратной загрузки через import/preview",
    params: IdParams,
    query: ReportFileQuery,
    response: "binary",
    handler: async (ctx, { params, query }): Promise<FileResult> => {
      const report = await exportProgramReport(ctx.app, ctx.caller, params.id, query.year, query.asOf);
      return {
        __file: true,
        buffer: Buffer.from(`${JSON.stringify(report, null, 2)}\n`, "utf8"),
        filename: `Отчет_${report.program.code}_${report.year}.json`,
        contentType: "application/json; charset=utf-8",
      };
    },
  }),
  route({
    method: "POST",
    path: "/api/programs/:id/import/preview",
    tag: TAG,
    auth: "session",
    summary:
      "Предварительный просмотр загрузки XLSX (простой формат или формы 220-п) или JSON отчета программы формата 1 (за год; записи, которых нет в отчете, не удаляются): что будет создано, изменено, удалено; все ошибки с листом, строкой и столбцом (JSON: путь). Ничего не записывает",
    params: IdParams,
    body: ImportBody,
    response: ImportPreview,
    handler: async (ctx, { params, body }) =>
      previewProgramImport(ctx.app, ctx.caller, params.id, fileParser(decodeBase64(body.contentBase64), body.filename)),
  }),
  route({
    method: "POST",
    path: "/api/programs/:id/import/confirm",
    tag: TAG,
    auth: "session",
    summary: "Подтвердить загрузку XLSX или JSON, просмотренную с token: все изменения одной транзакцией или ни одного",
    params: IdParams,
    body: ImportConfirmBody,
    response: ImportResult,
    handler: async (ctx, { params, body }) =>
      confirmProgramImport(
        ctx.app,
        ctx.caller,
        params.id,
        fileParser(decodeBase64(body.contentBase64), body.filename),
        body.token,
        body.filename,
      ),
  }),
];
