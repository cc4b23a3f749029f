/**
 * Monitoring and reporting (decree 220-п, section 6): confirming documents of checkpoints, report
 * submissions and their steps, deadlines, period locks, deadline settings, notifications, and the
 * dashboards.
 *
 * A file is uploaded as JSON: `{"filename": "акт.pdf", "contentBase64": "JVBERi0…", "comment": "…"}`
 * (up to 5 MiB of content; PDF, DOCX, XLSX, PNG or JPEG, told by the content itself).
 */
import { z } from "zod";
import {
  deadlineCalendar,
  downloadCheckpointDocument,
  getReport,
  getSettings,
  listDocumentsOfCheckpoint,
  listLocks,
  listReports,
  metricPlanFact,
  metricsOffPlan,
  myNotifications,
  myTasks,
  overdueByDepartment,
  overdueCheckpoints,
  programDeadlinesOf,
  programBudget,
  programPlanFact,
  readNotifications,
  removeCheckpointDocument,
  reportTransition,
  setNotificationEmail,
  updateSettings,
  uploadCheckpointDocument,
} from "@orientir/app";
import { REPORT_PERIODS, SUBMISSION_ACTIONS, ValidationError } from "@orientir/domain";
import { route, type FileResult } from "../route.ts";
import { IdParams, Uuid, Version, VersionQuery } from "../schemas.ts";

const TAG = "monitoring";
const Obj = z.object({}).passthrough();
const Items = z.object({ items: z.array(Obj) }).passthrough();
const Year = z.coerce.number().int().min(1900).max(2200);
const ReportParams = z.object({ id: Uuid, year: Year, period: z.enum(REPORT_PERIODS) });

const DocumentRow = z.object({
  id: Uuid, checkpointId: Uuid, programId: Uuid, directionId: Uuid, filename: z.string(), contentType: z.string(), size: z.number().int(),
  sha256: z.string(), comment: z.string().nullable(), createdBy: Uuid.nullable(), createdByLogin: z.string().nullable(), createdAt: z.string(), version: z.number().int(),
});

const Deadline = z.object({
  key: z.string(), ruleId: z.string(), label: z.string(), clause: z.string(), actor: z.string(), departmentId: Uuid.nullable(),
  programId: Uuid, programCode: z.string(), directionId: Uuid.nullable(), directionCode: z.string().nullable(),
  year: z.number().int(), period: z.enum(REPORT_PERIODS), nominal: z.string(), due: z.string(),
  state: z.enum(["done", "doneLate", "upcoming", "dueToday", "overdue"]), doneOn: z.string().nullable(), workingDaysLeft: z.number().int(),
}).passthrough();

const Report = z.object({
  id: Uuid.nullable(), programId: Uuid, programCode: z.string(), year: z.number().int(), period: z.enum(REPORT_PERIODS), title: z.string(),
  state: z.string(), stateLabel: z.string(), financeConclusion: z.string().nullable(), economyConclusion: z.string().nullable(),
  version: z.number().int(), locked: z.object({ lockedAt: z.string(), lockedBy: z.string().nullable() }).nullable(),
  actions: z.array(z.enum(SUBMISSION_ACTIONS)),
  directions: z.array(z.object({ directionId: Uuid, code: z.string(), name: z.string(), state: z.string(), actions: z.array(z.enum(SUBMISSION_ACTIONS)) }).passthrough()),
  transitions: z.array(z.object({ id: z.string(), action: z.string(), fromState: z.string(), toState: z.string(), actorLogin: z.string().nullable(), comment: z.string().nullable(), at: z.string() }).passthrough()),
  deadlines: z.array(Deadline),
}).passthrough();

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(s: string): Buffer {
  const t = s.replace(/\s+/g, "");
  if (!BASE64.test(t) || t.length % 4 === 1) throw new ValidationError([{ path: "contentBase64", message: "Содержимое файла должно быть в кодировке base64", messageEn: "contentBase64 is not base64" }]);
  return Buffer.from(t, "base64");
}

export const monitoringRoutes = [
  // ---- confirming documents of checkpoints ----
  route({
    method: "GET", path: "/api/monitoring/checkpoints/:id/documents", tag: TAG, auth: "session",
    summary: "Подтверждающие документы контрольной точки",
    params: IdParams, response: z.object({ items: z.array(DocumentRow) }),
    handler: async (ctx, { params }) => ({ items: await listDocumentsOfCheckpoint(ctx.app, ctx.caller, params.id) }),
  }),
  route({
    method: "POST", path: "/api/monitoring/checkpoints/:id/documents", tag: TAG, auth: "session", status: 201,
    summary: "Загрузить подтверждающий документ контрольной точки (JSON: filename, contentBase64, comment; PDF, DOCX, XLSX, PNG, JPEG до 5 МБ; тип — по содержимому)",
    params: IdParams,
    body: z.object({
      filename: z.string().min(1).max(1000).describe("имя файла"),
      contentBase64: z.string().min(1).describe("содержимое файла в base64"),
      comment: z.string().max(2000).nullable().optional().describe("комментарий"),
    }).strict(),
    response: DocumentRow,
    handler: async (ctx, { params, body }) =>
      uploadCheckpointDocument(ctx.app, ctx.caller, params.id, { filename: body.filename, content: decodeBase64(body.contentBase64), comment: body.comment ?? null }),
  }),
  route({
    method: "GET", path: "/api/monitoring/documents/:id/content", tag: TAG, auth: "session",
    summary: "Скачать подтверждающий документ", params: IdParams, response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const f = await downloadCheckpointDocument(ctx.app, ctx.caller, params.id);
      return { __file: true, buffer: f.buffer, filename: f.filename, contentType: f.contentType };
    },
  }),
  route({
    method: "DELETE", path: "/api/monitoring/documents/:id", tag: TAG, auth: "session",
    summary: "Удалить подтверждающий документ (с версией)",
    params: IdParams, query: z.object({ version: VersionQuery }), response: null,
    handler: async (ctx, { params, query }) => removeCheckpointDocument(ctx.app, ctx.caller, params.id, query.version),
  }),

  // ---- reports ----
  route({
    method: "GET", path: "/api/monitoring/reports", tag: TAG, auth: "session",
    summary: "Отчеты (мониторинг за I квартал, полугодие, 9 месяцев, годовой отчет) и их состояние",
    query: z.object({ programId: Uuid.optional(), year: Year.optional() }).strict(), response: Items,
    handler: async (ctx, { query }) => ({ items: await listReports(ctx.app, ctx.caller, query) }),
  }),
  route({
    method: "GET", path: "/api/monitoring/programs/:id/reports/:year/:period", tag: TAG, auth: "session",
    summary: "Отчет программы за период: состояние, направления, история шагов, сроки, доступные действия",
    params: ReportParams, response: Report,
    handler: async (ctx, { params }) => getReport(ctx.app, ctx.caller, params.id, params.year, params.period),
  }),
  route({
    method: "POST", path: "/api/monitoring/programs/:id/reports/:year/:period/transitions", tag: TAG, auth: "session",
    summary:
      "Шаг отчета: submitDirection, acceptDirection, returnDirection (с directionId), compile, submit, return (с comment), financeReview, control (с conclusion; закрывает период, 220-п п. 6.16)",
    params: ReportParams,
    body: z.object({
      action: z.enum(SUBMISSION_ACTIONS),
      directionId: Uuid.nullable().optional(),
      comment: z.string().max(5000).nullable().optional(),
      conclusion: z.string().max(20000).nullable().optional(),
    }).strict(),
    response: Report,
    handler: async (ctx, { params, body }) => reportTransition(ctx.app, ctx.caller, params.id, params.year, params.period, body),
  }),
  route({
    method: "GET", path: "/api/monitoring/locks", tag: TAG, auth: "session",
    summary: "Закрытые периоды программ (после заключений, 220-п п. 6.16)",
    query: z.object({ programId: Uuid.optional() }).strict(), response: Items,
    handler: async (ctx, { query }) => ({ items: await listLocks(ctx.app, ctx.caller, query.programId) }),
  }),

  // ---- deadlines and settings ----
  route({
    method: "GET", path: "/api/monitoring/programs/:id/deadlines", tag: TAG, auth: "session",
    summary: "Сроки отчетов программы за год (по правилам и производственному календарю муниципального образования) и их исполнение",
    params: IdParams, query: z.object({ year: Year }).strict(),
    response: z.object({ today: z.string(), calendar: z.string(), items: z.array(Deadline) }),
    handler: async (ctx, { params, query }) => programDeadlinesOf(ctx.app, ctx.caller, params.id, query.year),
  }),
  route({
    method: "GET", path: "/api/monitoring/deadlines", tag: TAG, auth: "session",
    summary: "Календарь сроков года по правилам муниципального образования",
    query: z.object({ year: Year }).strict(),
    response: z.object({ items: z.array(Obj), calendar: z.object({ id: z.string(), name: z.string(), years: z.array(z.number()) }) }),
    handler: async (ctx, { query }) => deadlineCalendar(ctx.app, ctx.caller, query.year),
  }),
  route({
    method: "GET", path: "/api/monitoring/settings", tag: TAG, auth: "session",
    summary: "Правила сроков, производственный календарь и напоминания муниципального образования",
    response: Obj,
    handler: async (ctx) => getSettings(ctx.app, ctx.caller),
  }),
  route({
    method: "PUT", path: "/api/monitoring/settings", tag: TAG, auth: "session",
    summary: "Изменить правила сроков (null — встроенные 220-п), календарь (null — встроенный), за сколько рабочих дней напоминать (администратор)",
    body: z.object({
      version: Version.describe("версия, прочитанная клиентом (0 — настройки еще не сохранялись)"),
      deadlineRules: z.array(z.unknown()).nullable().optional(),
      calendar: z.record(z.string(), z.unknown()).nullable().optional(),
      reminderDaysBefore: z.number().int().optional(),
    }).strict(),
    response: Obj,
    handler: async (ctx, { body }) => updateSettings(ctx.app, ctx.caller, body),
  }),

  // ---- notifications ----
  route({
    method: "GET", path: "/api/monitoring/notifications", tag: TAG, auth: "session",
    summary: "Мои уведомления (напоминания о сроках)",
    query: z.object({ unreadOnly: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }).strict(),
    response: z.object({ items: z.array(Obj), unread: z.number().int() }),
    handler: async (ctx, { query }) => myNotifications(ctx.app, ctx.caller, { unreadOnly: query.unreadOnly === "true", limit: query.limit }),
  }),
  route({
    method: "POST", path: "/api/monitoring/notifications/read", tag: TAG, auth: "session",
    summary: "Отметить уведомление прочитанным (без id — все)",
    body: z.object({ id: Uuid.nullable().optional() }).strict(),
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
    handler: async (ctx, { body }) => readNotifications(ctx.app, ctx.caller, body.id ?? null),
  }),
  route({
    method: "PUT", path: "/api/monitoring/users/:id/email", tag: TAG, auth: "session",
    summary: "Адрес электронной почты для напоминаний (свой; администратор — любого участника); null — не присылать",
    params: IdParams, body: z.object({ email: z.string().max(254).nullable() }).strict(),
    response: z.object({ userId: Uuid, email: z.string().nullable() }),
    handler: async (ctx, { params, body }) => setNotificationEmail(ctx.app, ctx.caller, params.id, body.email),
  }),

  // ---- dashboards ----
  route({
    method: "GET", path: "/api/monitoring/dashboard/my-tasks", tag: TAG, auth: "session",
    summary: "Мои задачи и сроки: сроки, по которым действовать мне, и отчеты, ждущие моего шага",
    response: z.object({ today: z.string(), items: z.array(Deadline), reports: z.array(Obj) }),
    handler: async (ctx) => myTasks(ctx.app, ctx.caller),
  }),
  route({
    method: "GET", path: "/api/monitoring/dashboard/overdue-reports", tag: TAG, auth: "session",
    summary: "Просроченные отчеты по подразделениям",
    response: z.object({ today: z.string(), groups: z.array(Obj) }),
    handler: async (ctx) => overdueByDepartment(ctx.app, ctx.caller),
  }),
  route({
    method: "GET", path: "/api/monitoring/dashboard/metrics-off-plan", tag: TAG, auth: "session",
    summary: "Показатели, отклонившиеся от плана больше порога (процентов)",
    query: z.object({
      year: Year, threshold: z.coerce.number().min(0).max(1000).optional(), programId: Uuid.optional(), unfavourableOnly: z.enum(["true", "false"]).optional(),
    }).strict(),
    response: Items,
    handler: async (ctx, { query }) => ({
      items: await metricsOffPlan(ctx.app, ctx.caller, { year: query.year, threshold: query.threshold, programId: query.programId, unfavourableOnly: query.unfavourableOnly === "true" }),
    }),
  }),
  route({
    method: "GET", path: "/api/monitoring/dashboard/overdue-checkpoints", tag: TAG, auth: "session",
    summary: "Контрольные точки с истекшей плановой датой без фактической",
    response: z.object({ today: z.string(), items: z.array(Obj) }),
    handler: async (ctx) => overdueCheckpoints(ctx.app, ctx.caller),
  }),
  route({
    method: "GET", path: "/api/monitoring/metrics/:id/plan-fact", tag: TAG, auth: "session",
    summary: "План и факт показателя по месяцам года",
    params: IdParams, query: z.object({ year: Year }).strict(), response: Obj,
    handler: async (ctx, { params, query }) => metricPlanFact(ctx.app, ctx.caller, params.id, query.year),
  }),
  route({
    method: "GET", path: "/api/monitoring/programs/:id/plan-fact", tag: TAG, auth: "session",
    summary: "План и факт программы по кварталам года: роспись и кассовое исполнение, показатели на уровне плана",
    params: IdParams, query: z.object({ year: Year }).strict(), response: Obj,
    handler: async (ctx, { params, query }) => programPlanFact(ctx.app, ctx.caller, params.id, query.year),
  }),
  route({
    method: "GET", path: "/api/monitoring/programs/:id/budget", tag: TAG, auth: "session",
    summary:
      "Сводная бюджетная роспись и кассовое исполнение программы за год по направлениям и структурным элементам: роспись на год с датированными изменениями, " +
      "роспись, действующая на конец каждого квартала, кассовое исполнение нарастающим итогом и процент исполнения. Записи вносятся через /api/budget-schedule и /api/budget-execution (elementId — для структурного элемента)",
    params: IdParams, query: z.object({ year: Year }).strict(), response: z.object({ year: z.number().int(), quarters: z.array(Obj), directions: z.array(Obj) }).passthrough(),
    handler: async (ctx, { params, query }) => programBudget(ctx.app, ctx.caller, params.id, query.year),
  }),
];
