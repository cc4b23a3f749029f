/**
 * Monitoring and reporting (decree 220-п, section 6): confirming documents of checkpoints, report
 * submissions and their steps, deadlines, period locks, deadline settings, notifications, and the
 * dashboards.
 *
 * A file is uploaded as JSON: `{"filename": "акт.pdf", "contentBase64": "JVBERi0…", "comment": "…"}`
 * (up to 5 MiB of content; PDF, DOCX, XLSX, PNG or JPEG, told by the content itself).
 */
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
import { ValidationError } from "@orientir/domain";
import { route, type FileResult } from "../route.ts";
import {
  CheckpointDocument,
  CheckpointDocumentList,
  CheckpointDocumentUpload,
  DeadlineCalendar,
  DeleteQuery,
  IdParams,
  LockListQuery,
  MetricPlanFact,
  MetricsOffPlan,
  MetricsOffPlanQuery,
  MonitoringSettings,
  MonitoringSettingsBody,
  MyTasks,
  NotificationEmail,
  NotificationEmailBody,
  NotificationList,
  NotificationQuery,
  NotificationReadBody,
  NotificationsMarked,
  OverdueCheckpoints,
  OverdueReports,
  PeriodLockList,
  ProgramBudget,
  ProgramDeadlines,
  ProgramPlanFact,
  ReportList,
  ReportListQuery,
  ReportParams,
  ReportTransitionBody,
  ReportView,
  YearOnlyQuery,
} from "@orientir/contracts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64(s: string): Buffer {
  const t = s.replace(/\s+/g, "");
  if (!BASE64.test(t) || t.length % 4 === 1)
    throw new ValidationError([
      { path: "contentBase64", message: "Содержимое файла должно быть в кодировке base64", messageEn: "contentBase64 is not base64" },
    ]);
  return Buffer.from(t, "base64");
}

export const monitoringRoutes = [
  // ---- confirming documents of checkpoints ----
  route({
    method: "GET",
    path: "/api/monitoring/checkpoints/:id/documents",
    tag: "monitoring",
    auth: "session",
    summary: "Подтверждающие документы контрольной точки",
    params: IdParams,
    response: CheckpointDocumentList,
    handler: async (ctx, { params }) => ({ items: await listDocumentsOfCheckpoint(ctx.app, ctx.caller, params.id) }),
  }),
  route({
    method: "POST",
    path: "/api/monitoring/checkpoints/:id/documents",
    tag: "monitoring",
    auth: "session",
    status: 201,
    summary:
      "Загрузить подтверждающий документ контрольной точки (JSON: filename, contentBase64, comment; PDF, DOCX, XLSX, PNG, JPEG до 5 МБ; тип — по содержимому)",
    params: IdParams,
    body: CheckpointDocumentUpload,
    response: CheckpointDocument,
    handler: async (ctx, { params, body }) =>
      uploadCheckpointDocument(ctx.app, ctx.caller, params.id, {
        filename: body.filename,
        content: decodeBase64(body.contentBase64),
        comment: body.comment ?? null,
      }),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/documents/:id/content",
    tag: "monitoring",
    auth: "session",
    summary: "Скачать подтверждающий документ",
    params: IdParams,
    response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const f = await downloadCheckpointDocument(ctx.app, ctx.caller, params.id);
      return { __file: true, buffer: f.buffer, filename: f.filename, contentType: f.contentType };
    },
  }),
  route({
    method: "DELETE",
    path: "/api/monitoring/documents/:id",
    tag: "monitoring",
    auth: "session",
    summary: "Удалить подтверждающий документ (с версией)",
    params: IdParams,
    query: DeleteQuery,
    response: null,
    handler: async (ctx, { params, query }) => removeCheckpointDocument(ctx.app, ctx.caller, params.id, query.version),
  }),

  // ---- reports ----
  route({
    method: "GET",
    path: "/api/monitoring/reports",
    tag: "monitoring",
    auth: "session",
    summary: "Отчеты (мониторинг за I квартал, полугодие, 9 месяцев, годовой отчет) и их состояние",
    query: ReportListQuery,
    response: ReportList,
    handler: async (ctx, { query }) => ({ items: await listReports(ctx.app, ctx.caller, query) }),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/programs/:id/reports/:year/:period",
    tag: "monitoring",
    auth: "session",
    summary: "Отчет программы за период: состояние, направления, история шагов, сроки, доступные действия",
    params: ReportParams,
    response: ReportView,
    handler: async (ctx, { params }) => getReport(ctx.app, ctx.caller, params.id, params.year, params.period),
  }),
  route({
    method: "POST",
    path: "/api/monitoring/programs/:id/reports/:year/:period/transitions",
    tag: "monitoring",
    auth: "session",
    summary:
      "Шаг отчета: submitDirection, acceptDirection, returnDirection (с directionId), compile, submit, return (с comment), financeReview, control (с conclusion; закрывает период, 220-п п. 6.16)",
    params: ReportParams,
    body: ReportTransitionBody,
    response: ReportView,
    handler: async (ctx, { params, body }) => reportTransition(ctx.app, ctx.caller, params.id, params.year, params.period, body),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/locks",
    tag: "monitoring",
    auth: "session",
    summary: "Закрытые периоды программ (после заключений, 220-п п. 6.16)",
    query: LockListQuery,
    response: PeriodLockList,
    handler: async (ctx, { query }) => ({ items: await listLocks(ctx.app, ctx.caller, query.programId) }),
  }),

  // ---- deadlines and settings ----
  route({
    method: "GET",
    path: "/api/monitoring/programs/:id/deadlines",
    tag: "monitoring",
    auth: "session",
    summary: "Сроки отчетов программы за год (по правилам и производственному календарю муниципального образования) и их исполнение",
    params: IdParams,
    query: YearOnlyQuery,
    response: ProgramDeadlines,
    handler: async (ctx, { params, query }) => programDeadlinesOf(ctx.app, ctx.caller, params.id, query.year, ctx.lang),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/deadlines",
    tag: "monitoring",
    auth: "session",
    summary: "Календарь сроков года по правилам муниципального образования",
    query: YearOnlyQuery,
    response: DeadlineCalendar,
    handler: async (ctx, { query }) => deadlineCalendar(ctx.app, ctx.caller, query.year, ctx.lang),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/settings",
    tag: "monitoring",
    auth: "session",
    summary: "Правила сроков, производственный календарь и напоминания муниципального образования",
    response: MonitoringSettings,
    handler: async (ctx) => getSettings(ctx.app, ctx.caller),
  }),
  route({
    method: "PUT",
    path: "/api/monitoring/settings",
    tag: "monitoring",
    auth: "session",
    summary:
      "Изменить правила сроков (null — встроенные 220-п), календарь (null — встроенный), за сколько рабочих дней напоминать (администратор)",
    body: MonitoringSettingsBody,
    response: MonitoringSettings,
    handler: async (ctx, { body }) => updateSettings(ctx.app, ctx.caller, body),
  }),

  // ---- notifications ----
  route({
    method: "GET",
    path: "/api/monitoring/notifications",
    tag: "monitoring",
    auth: "session",
    summary: "Мои уведомления (напоминания о сроках)",
    query: NotificationQuery,
    response: NotificationList,
    handler: async (ctx, { query }) =>
      myNotifications(ctx.app, ctx.caller, { unreadOnly: query.unreadOnly === "true", limit: query.limit }),
  }),
  route({
    method: "POST",
    path: "/api/monitoring/notifications/read",
    tag: "monitoring",
    auth: "session",
    summary: "Отметить уведомление прочитанным (без id — все)",
    body: NotificationReadBody,
    response: NotificationsMarked,
    handler: async (ctx, { body }) => readNotifications(ctx.app, ctx.caller, body.id ?? null),
  }),
  route({
    method: "PUT",
    path: "/api/monitoring/users/:id/email",
    tag: "monitoring",
    auth: "session",
    summary: "Адрес электронной почты для напоминаний (свой; администратор — любого участника); null — не присылать",
    params: IdParams,
    body: NotificationEmailBody,
    response: NotificationEmail,
    handler: async (ctx, { params, body }) => setNotificationEmail(ctx.app, ctx.caller, params.id, body.email),
  }),

  // ---- dashboards ----
  route({
    method: "GET",
    path: "/api/monitoring/dashboard/my-tasks",
    tag: "monitoring",
    auth: "session",
    summary: "Мои задачи и сроки: сроки, по которым действовать мне, и отчеты, ждущие моего шага",
    response: MyTasks,
    handler: async (ctx) => myTasks(ctx.app, ctx.caller),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/dashboard/overdue-reports",
    tag: "monitoring",
    auth: "session",
    summary: "Просроченные отчеты по подразделениям",
    response: OverdueReports,
    handler: async (ctx) => overdueByDepartment(ctx.app, ctx.caller),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/dashboard/metrics-off-plan",
    tag: "monitoring",
    auth: "session",
    summary: "Показатели, отклонившиеся от плана больше порога (процентов)",
    query: MetricsOffPlanQuery,
    response: MetricsOffPlan,
    handler: async (ctx, { query }) => ({
      items: await metricsOffPlan(ctx.app, ctx.caller, {
        year: query.year,
        threshold: query.threshold,
        programId: query.programId,
        unfavourableOnly: query.unfavourableOnly === "true",
      }),
    }),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/dashboard/overdue-checkpoints",
    tag: "monitoring",
    auth: "session",
    summary: "Контрольные точки с истекшей плановой датой без фактической",
    response: OverdueCheckpoints,
    handler: async (ctx) => overdueCheckpoints(ctx.app, ctx.caller),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/metrics/:id/plan-fact",
    tag: "monitoring",
    auth: "session",
    summary: "План и факт показателя по месяцам года",
    params: IdParams,
    query: YearOnlyQuery,
    response: MetricPlanFact,
    handler: async (ctx, { params, query }) => metricPlanFact(ctx.app, ctx.caller, params.id, query.year),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/programs/:id/plan-fact",
    tag: "monitoring",
    auth: "session",
    summary: "План и факт программы по кварталам года: роспись и кассовое исполнение, показатели на уровне плана",
    params: IdParams,
    query: YearOnlyQuery,
    response: ProgramPlanFact,
    handler: async (ctx, { params, query }) => programPlanFact(ctx.app, ctx.caller, params.id, query.year),
  }),
  route({
    method: "GET",
    path: "/api/monitoring/programs/:id/budget",
    tag: "monitoring",
    auth: "session",
    summary:
      "Сводная бюджетная роспись и кассовое исполнение программы за год по направлениям и структурным элементам: роспись на год с датированными изменениями, " +
      "роспись, действующая на конец каждого квартала, кассовое исполнение нарастающим итогом и процент исполнения. Записи вносятся через /api/budget-schedule и /api/budget-execution (elementId — для структурного элемента)",
    params: IdParams,
    query: YearOnlyQuery,
    response: ProgramBudget,
    handler: async (ctx, { params, query }) => programBudget(ctx.app, ctx.caller, params.id, query.year),
  }),
];
