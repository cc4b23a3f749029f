/**
 * Monitoring and reporting (decree 220-п, section 6): confirming documents of checkpoints, report
 * submissions and their steps, deadlines, period locks, deadline settings, notifications, the
 * dashboards and the budget schedule with cash.
 */
import { z } from "zod";
import { DIRECTION_REPORT_STATES, PROGRAM_REPORT_STATES, REPORT_PERIODS, SUBMISSION_ACTIONS } from "@orientir/domain";
import { Uuid, Version } from "./common.ts";

const Obj = z.object({}).passthrough();
const Items = z.object({ items: z.array(Obj) }).passthrough();
const Year = z.coerce.number().int().min(1900).max(2200);
export const ReportParams = z.object({ id: Uuid, year: Year, period: z.enum(REPORT_PERIODS) }).meta({ id: "ReportParams" });
export type ReportParams = z.infer<typeof ReportParams>;

export const CheckpointDocument = z.object({
  id: Uuid, checkpointId: Uuid, programId: Uuid, directionId: Uuid, filename: z.string(), contentType: z.string(), size: z.number().int(),
  sha256: z.string(), comment: z.string().nullable(), createdBy: Uuid.nullable(), createdByLogin: z.string().nullable(), createdAt: z.string(), version: z.number().int(),
}).meta({ id: "CheckpointDocument" });
export type CheckpointDocument = z.infer<typeof CheckpointDocument>;

export const DeadlineState = z.enum(["done", "doneLate", "upcoming", "dueToday", "overdue"]).meta({ id: "DeadlineState" });
export type DeadlineState = z.infer<typeof DeadlineState>;

/** A reporting deadline of 220-п of a program, period and direction, and where it stands (domain `DeadlineItem`). */
export const Deadline = z
  .object({
    /** Stable identity of this deadline for this program, period and direction (reminders are keyed by it). */
    key: z.string(), ruleId: z.string(), label: z.string(), clause: z.string(),
    /** The role that must act. */
    actor: z.string(),
    departmentId: Uuid.nullable(),
    programId: Uuid, programCode: z.string(), directionId: Uuid.nullable(), directionCode: z.string().nullable(),
    year: z.number().int(), period: z.enum(REPORT_PERIODS), nominal: z.string(), due: z.string(),
    state: DeadlineState, doneOn: z.string().nullable(), workingDaysLeft: z.number().int(),
  })
  .meta({ id: "Deadline" });
export type Deadline = z.infer<typeof Deadline>;
/** A deadline of a program's year with the name of the department that must act. */
export const ProgramDeadline = Deadline.extend({ departmentName: z.string().nullable() }).meta({ id: "ProgramDeadline" });
export type ProgramDeadline = z.infer<typeof ProgramDeadline>;
/** A deadline among my tasks, with its title. */
export const TaskDeadline = Deadline.extend({ title: z.string() }).meta({ id: "TaskDeadline" });
export type TaskDeadline = z.infer<typeof TaskDeadline>;

/** A program's report of a period (monitoring of Q1, half-year, 9 months; the annual report), its directions' parts, steps and deadlines. */
export const ReportView = z
  .object({
    id: Uuid.nullable(), programId: Uuid, programCode: z.string(), year: z.number().int(), period: z.enum(REPORT_PERIODS), title: z.string(),
    state: z.enum(PROGRAM_REPORT_STATES), stateLabel: z.string(), financeConclusion: z.string().nullable(), economyConclusion: z.string().nullable(),
    compiledAt: z.string().nullable(), submittedAt: z.string().nullable(), financeReviewedAt: z.string().nullable(), controlledAt: z.string().nullable(),
    version: z.number().int(), locked: z.object({ lockedAt: z.string(), lockedBy: z.string().nullable() }).nullable(),
    /** What the caller may do with the program's report now. */
    actions: z.array(z.enum(SUBMISSION_ACTIONS)),
    directions: z.array(
      z.object({
        directionId: Uuid, code: z.string(), name: z.string(), coExecutorDepartmentId: Uuid, state: z.enum(DIRECTION_REPORT_STATES), stateLabel: z.string(),
        submittedAt: z.string().nullable(), acceptedAt: z.string().nullable(), actions: z.array(z.enum(SUBMISSION_ACTIONS)),
      }),
    ),
    transitions: z.array(
      z.object({
        id: z.string(), action: z.string(), actionLabel: z.string(), directionId: Uuid.nullable(), fromState: z.string(), toState: z.string(),
        actorLogin: z.string().nullable(), comment: z.string().nullable(), at: z.string(),
      }),
    ),
    deadlines: z.array(Deadline),
  })
  .meta({ id: "ReportView" });
export type ReportView = z.infer<typeof ReportView>;

export const CheckpointDocumentList = z.object({ items: z.array(CheckpointDocument) }).meta({ id: "CheckpointDocumentList" });
export type CheckpointDocumentList = z.infer<typeof CheckpointDocumentList>;

/** A file uploaded as JSON (up to 5 MiB of content; PDF, DOCX, XLSX, PNG or JPEG, told by the content itself). */
export const CheckpointDocumentUpload = z
  .object({
    filename: z.string().min(1).max(1000).describe("имя файла"),
    contentBase64: z.string().min(1).describe("содержимое файла в base64"),
    comment: z.string().max(2000).nullable().optional().describe("комментарий"),
  })
  .strict()
  .meta({ id: "CheckpointDocumentUpload" });
export type CheckpointDocumentUpload = z.infer<typeof CheckpointDocumentUpload>;

export const ReportListQuery = z.object({ programId: Uuid.optional(), year: Year.optional() }).strict().meta({ id: "ReportListQuery" });
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ReportTransitionBody = z
  .object({
    action: z.enum(SUBMISSION_ACTIONS),
    directionId: Uuid.nullable().optional(),
    comment: z.string().max(5000).nullable().optional(),
    conclusion: z.string().max(20000).nullable().optional(),
  })
  .strict()
  .meta({ id: "ReportTransitionBody" });
export type ReportTransitionBody = z.infer<typeof ReportTransitionBody>;

export const LockListQuery = z.object({ programId: Uuid.optional() }).strict().meta({ id: "LockListQuery" });
export type LockListQuery = z.infer<typeof LockListQuery>;

export const YearOnlyQuery = z.object({ year: Year }).strict().meta({ id: "YearQuery" });
export type YearOnlyQuery = z.infer<typeof YearOnlyQuery>;

export const ProgramDeadlines = z.object({ today: z.string(), calendar: z.string(), items: z.array(ProgramDeadline) }).meta({ id: "ProgramDeadlines" });
export type ProgramDeadlines = z.infer<typeof ProgramDeadlines>;

export const DeadlineCalendar = z
  .object({ items: z.array(Obj), calendar: z.object({ id: z.string(), name: z.string(), years: z.array(z.number()) }) })
  .meta({ id: "DeadlineCalendar" });
export type DeadlineCalendar = z.infer<typeof DeadlineCalendar>;

export const MonitoringSettings = Obj.meta({ id: "MonitoringSettings" });
export type MonitoringSettings = z.infer<typeof MonitoringSettings>;

export const MonitoringSettingsBody = z
  .object({
    version: Version.describe("версия, прочитанная клиентом (0 — настройки еще не сохранялись)"),
    deadlineRules: z.array(z.unknown()).nullable().optional(),
    calendar: z.record(z.string(), z.unknown()).nullable().optional(),
    reminderDaysBefore: z.number().int().optional(),
  })
  .strict()
  .meta({ id: "MonitoringSettingsBody" });
export type MonitoringSettingsBody = z.infer<typeof MonitoringSettingsBody>;

export const NotificationQuery = z
  .object({ unreadOnly: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
  .strict()
  .meta({ id: "NotificationQuery" });
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationList = z.object({ items: z.array(Obj), unread: z.number().int() }).meta({ id: "NotificationList" });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationReadBody = z.object({ id: Uuid.nullable().optional() }).strict().meta({ id: "NotificationReadBody" });
export type NotificationReadBody = z.infer<typeof NotificationReadBody>;
export const NotificationsMarked = z.object({ marked: z.number().int(), unread: z.number().int() }).meta({ id: "NotificationsMarked" });
export type NotificationsMarked = z.infer<typeof NotificationsMarked>;

export const NotificationEmailBody = z.object({ email: z.string().max(254).nullable() }).strict().meta({ id: "NotificationEmailBody" });
export type NotificationEmailBody = z.infer<typeof NotificationEmailBody>;
export const NotificationEmail = z.object({ userId: Uuid, email: z.string().nullable() }).meta({ id: "NotificationEmail" });
export type NotificationEmail = z.infer<typeof NotificationEmail>;

export const MyTasks = z.object({ today: z.string(), items: z.array(TaskDeadline), reports: z.array(Obj) }).meta({ id: "MyTasks" });
export type MyTasks = z.infer<typeof MyTasks>;

export const OverdueReports = z.object({ today: z.string(), groups: z.array(Obj) }).meta({ id: "OverdueReports" });
export type OverdueReports = z.infer<typeof OverdueReports>;

export const MetricsOffPlanQuery = z
  .object({
    year: Year, threshold: z.coerce.number().min(0).max(1000).optional(), programId: Uuid.optional(), unfavourableOnly: z.enum(["true", "false"]).optional(),
  })
  .strict()
  .meta({ id: "MetricsOffPlanQuery" });
export type MetricsOffPlanQuery = z.infer<typeof MetricsOffPlanQuery>;

export const MetricsOffPlan = Items.meta({ id: "MetricsOffPlan" });
export type MetricsOffPlan = z.infer<typeof MetricsOffPlan>;

export const OverdueCheckpoints = z.object({ today: z.string(), items: z.array(Obj) }).meta({ id: "OverdueCheckpoints" });
export type OverdueCheckpoints = z.infer<typeof OverdueCheckpoints>;

export const MetricPlanFact = Obj.meta({ id: "MetricPlanFact" });
export type MetricPlanFact = z.infer<typeof MetricPlanFact>;

export const ProgramPlanFact = Obj.meta({ id: "ProgramPlanFact" });
export type ProgramPlanFact = z.infer<typeof ProgramPlanFact>;

export const ProgramBudget = z.object({ year: z.number().int(), quarters: z.array(Obj), directions: z.array(Obj) }).passthrough().meta({ id: "ProgramBudget" });
export type ProgramBudget = z.infer<typeof ProgramBudget>;

export const ReportList = Items.meta({ id: "ReportList" });
export type ReportList = z.infer<typeof ReportList>;

export const PeriodLockList = Items.meta({ id: "PeriodLockList" });
export type PeriodLockList = z.infer<typeof PeriodLockList>;
