/**
 * Monitoring and reporting (decree 220-п, section 6): confirming documents of checkpoints, report
 * submissions and their steps, deadlines, period locks, deadline settings, notifications, the
 * dashboards and the budget schedule with cash.
 */
import { z } from "zod";
import { DIRECTION_REPORT_STATES, ELEMENT_KINDS, PROGRAM_REPORT_STATES, REPORT_PERIODS, SUBMISSION_ACTIONS } from "@orientir/domain";
import { Uuid, Version, YearQuery } from "./common.ts";

const Year = YearQuery;
export const ReportParams = z.object({ id: Uuid, year: Year, period: z.enum(REPORT_PERIODS) }).meta({ id: "ReportParams" });
export type ReportParams = z.infer<typeof ReportParams>;

export const CheckpointDocument = z
  .object({
    id: Uuid,
    checkpointId: Uuid,
    programId: Uuid,
    directionId: Uuid,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    comment: z.string().nullable(),
    createdBy: Uuid.nullable(),
    createdByLogin: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "CheckpointDocument" });
export type CheckpointDocument = z.infer<typeof CheckpointDocument>;

export const DeadlineState = z.enum(["done", "doneLate", "upcoming", "dueToday", "overdue"]).meta({ id: "DeadlineState" });
export type DeadlineState = z.infer<typeof DeadlineState>;

/** A reporting deadline of 220-п of a program, period and direction, and where it stands (domain `DeadlineItem`). */
export const Deadline = z
  .object({
    /** Stable identity of this deadline for this program, period and direction (reminders are keyed by it). */
    key: z.string(),
    ruleId: z.string(),
    label: z.string(),
    clause: z.string(),
    /** The role that must act. */
    actor: z.string(),
    departmentId: Uuid.nullable(),
    programId: Uuid,
    programCode: z.string(),
    directionId: Uuid.nullable(),
    directionCode: z.string().nullable(),
    year: z.number().int(),
    period: z.enum(REPORT_PERIODS),
    nominal: z.string(),
    due: z.string(),
    state: DeadlineState,
    doneOn: z.string().nullable(),
    workingDaysLeft: z.number().int(),
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
    id: Uuid.nullable(),
    programId: Uuid,
    programCode: z.string(),
    year: z.number().int(),
    period: z.enum(REPORT_PERIODS),
    title: z.string(),
    state: z.enum(PROGRAM_REPORT_STATES),
    stateLabel: z.string(),
    financeConclusion: z.string().nullable(),
    economyConclusion: z.string().nullable(),
    compiledAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    financeReviewedAt: z.string().nullable(),
    controlledAt: z.string().nullable(),
    version: z.number().int(),
    locked: z.object({ lockedAt: z.string(), lockedBy: z.string().nullable() }).nullable(),
    /** What the caller may do with the program's report now. */
    actions: z.array(z.enum(SUBMISSION_ACTIONS)),
    directions: z.array(
      z.object({
        directionId: Uuid,
        code: z.string(),
        name: z.string(),
        coExecutorDepartmentId: Uuid,
        state: z.enum(DIRECTION_REPORT_STATES),
        stateLabel: z.string(),
        submittedAt: z.string().nullable(),
        acceptedAt: z.string().nullable(),
        actions: z.array(z.enum(SUBMISSION_ACTIONS)),
      }),
    ),
    transitions: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        actionLabel: z.string(),
        directionId: Uuid.nullable(),
        fromState: z.string(),
        toState: z.string(),
        actorLogin: z.string().nullable(),
        /** Who took the step, by name (the login where the account is gone). */
        actorName: z.string().nullable(),
        comment: z.string().nullable(),
        at: z.string(),
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

export const ProgramDeadlines = z
  .object({ today: z.string(), calendar: z.string(), items: z.array(ProgramDeadline) })
  .meta({ id: "ProgramDeadlines" });
export type ProgramDeadlines = z.infer<typeof ProgramDeadlines>;

/** A deadline of a rule in the year: quarterly and annual rules by period, legal ones by year, event rules without a date. */
export const CalendarDeadline = z
  .object({
    ruleId: z.string(),
    kind: z.string(),
    label: z.string(),
    clause: z.string(),
    actor: z.string(),
    /** "Q1".."Q4", "annual", the year (legal rules) or "event". */
    period: z.string(),
    /** null: counted from an event, or the year is outside the calendar (see note). */
    due: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: "CalendarDeadline" });
export type CalendarDeadline = z.infer<typeof CalendarDeadline>;
export const DeadlineCalendar = z
  .object({ items: z.array(CalendarDeadline), calendar: z.object({ id: z.string(), name: z.string(), years: z.array(z.number()) }) })
  .meta({ id: "DeadlineCalendar" });
export type DeadlineCalendar = z.infer<typeof DeadlineCalendar>;

/** The municipality's deadline rules, calendar and reminders (`deadlineRules`, `calendar`: see docs/MONITORING). */
export const MonitoringSettings = z
  .object({
    /** 0: never saved (the built-in rules and calendar). */
    version: z.number().int(),
    reminderDaysBefore: z.number().int(),
    /** A draft goes to review only with the attachments 220-п 4.7, 4.7.1, 4.19 require. */
    requireDraftAttachments: z.boolean(),
    /** The rules in force (the municipality's or the built-in ones of 220-п). */
    deadlineRules: z.array(z.unknown()),
    customRules: z.boolean(),
    /** The municipality's own calendar as saved; null: the built-in one. */
    calendar: z.record(z.string(), z.unknown()).nullable(),
    customCalendar: z.boolean(),
    calendarInfo: z.object({ id: z.string(), name: z.string(), years: z.array(z.number().int()) }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "MonitoringSettings" });
export type MonitoringSettings = z.infer<typeof MonitoringSettings>;

export const MonitoringSettingsBody = z
  .object({
    version: Version.describe("версия, прочитанная клиентом (0 — настройки еще не сохранялись)"),
    deadlineRules: z.array(z.unknown()).nullable().optional(),
    calendar: z.record(z.string(), z.unknown()).nullable().optional(),
    reminderDaysBefore: z.number().int().optional(),
    requireDraftAttachments: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "MonitoringSettingsBody" });
export type MonitoringSettingsBody = z.infer<typeof MonitoringSettingsBody>;

export const NotificationQuery = z
  .object({ unreadOnly: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
  .strict()
  .meta({ id: "NotificationQuery" });
export type NotificationQuery = z.infer<typeof NotificationQuery>;

/** A notification of mine (a reminder of a deadline), with the columns of its row. */
/** A notification of the caller (a reminder of a deadline, a step of a report or a workflow), with the columns of its row. */
export const Notification = z
  .object({
    id: Uuid,
    municipalityId: Uuid,
    userId: Uuid,
    programId: Uuid.nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    /** The deadline and the moment of a reminder (it is given once per user, deadline and moment). */
    deadlineKey: z.string().nullable(),
    moment: z.string().nullable(),
    dueDate: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;
export const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() }).meta({ id: "NotificationList" });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationReadBody = z.object({ id: Uuid.nullable().optional() }).strict().meta({ id: "NotificationReadBody" });
export type NotificationReadBody = z.infer<typeof NotificationReadBody>;
export const NotificationsMarked = z.object({ marked: z.number().int(), unread: z.number().int() }).meta({ id: "NotificationsMarked" });
export type NotificationsMarked = z.infer<typeof NotificationsMarked>;

export const NotificationEmailBody = z
  .object({ email: z.string().max(254).nullable() })
  .strict()
  .meta({ id: "NotificationEmailBody" });
export type NotificationEmailBody = z.infer<typeof NotificationEmailBody>;
export const NotificationEmail = z.object({ userId: Uuid, email: z.string().nullable() }).meta({ id: "NotificationEmail" });
export type NotificationEmail = z.infer<typeof NotificationEmail>;

/** A report that waits for a step I may take. */
export const WaitingReport = z
  .object({
    id: Uuid,
    version: z.number().int(),
    programId: Uuid,
    programCode: z.string(),
    year: z.number().int(),
    period: z.enum(REPORT_PERIODS),
    title: z.string(),
    state: z.enum(PROGRAM_REPORT_STATES),
    actions: z.array(z.enum(SUBMISSION_ACTIONS)),
  })
  .meta({ id: "WaitingReport" });
export type WaitingReport = z.infer<typeof WaitingReport>;
export const MyTasks = z
  .object({ today: z.string(), items: z.array(TaskDeadline), reports: z.array(WaitingReport) })
  .meta({ id: "MyTasks" });
export type MyTasks = z.infer<typeof MyTasks>;

/** The overdue deadlines of one department (or of a role without a department). */
export const OverdueGroup = z
  .object({ departmentId: Uuid.nullable(), name: z.string(), role: z.string(), count: z.number().int(), items: z.array(Deadline) })
  .meta({ id: "OverdueGroup" });
export type OverdueGroup = z.infer<typeof OverdueGroup>;
export const OverdueReports = z.object({ today: z.string(), groups: z.array(OverdueGroup) }).meta({ id: "OverdueReports" });
export type OverdueReports = z.infer<typeof OverdueReports>;

export const MetricsOffPlanQuery = z
  .object({
    year: Year,
    threshold: z.coerce.number().min(0).max(1000).optional(),
    programId: Uuid.optional(),
    unfavourableOnly: z.enum(["true", "false"]).optional(),
  })
  .strict()
  .meta({ id: "MetricsOffPlanQuery" });
export type MetricsOffPlanQuery = z.infer<typeof MetricsOffPlanQuery>;

/** A metric's value of the year (month null) or of a month off plan by more than the threshold. */
export const MetricOffPlan = z
  .object({
    id: Uuid,
    version: z.number().int(),
    metricId: Uuid,
    metricName: z.string(),
    metricCode: z.string().nullable(),
    unit: z.string(),
    trend: z.string(),
    programId: Uuid,
    programCode: z.string(),
    directionId: Uuid,
    directionCode: z.string(),
    departmentId: Uuid.nullable(),
    year: z.number().int(),
    month: z.number().int().nullable(),
    plan: z.string(),
    fact: z.string(),
    /** null: a zero plan. */
    deviationPercent: z.number().nullable(),
    unfavourable: z.boolean(),
    justification: z.string().nullable(),
  })
  .meta({ id: "MetricOffPlan" });
export type MetricOffPlan = z.infer<typeof MetricOffPlan>;
export const MetricsOffPlan = z.object({ items: z.array(MetricOffPlan) }).meta({ id: "MetricsOffPlan" });
export type MetricsOffPlan = z.infer<typeof MetricsOffPlan>;

/** A checkpoint past its planned date without an actual date. */
export const OverdueCheckpoint = z
  .object({
    id: Uuid,
    name: z.string(),
    plannedDate: z.string(),
    programId: Uuid,
    directionId: Uuid,
    elementId: Uuid,
    version: z.number().int(),
    municipalityId: Uuid,
    programCode: z.string(),
    programName: z.string(),
    directionCode: z.string(),
    coExecutorDepartmentId: Uuid.nullable(),
    departmentName: z.string().nullable(),
    /** Working days since the planned date; null outside the calendar's years. */
    workingDaysLate: z.number().int().nullable(),
  })
  .meta({ id: "OverdueCheckpoint" });
export type OverdueCheckpoint = z.infer<typeof OverdueCheckpoint>;
export const OverdueCheckpoints = z.object({ today: z.string(), items: z.array(OverdueCheckpoint) }).meta({ id: "OverdueCheckpoints" });
export type OverdueCheckpoints = z.infer<typeof OverdueCheckpoints>;

/** A metric's plan, fact and forecast by month of a year, with the year's plan and fact. */
export const MetricPlanFact = z
  .object({
    metric: z.object({ id: Uuid, name: z.string(), code: z.string().nullable(), unit: z.string(), trend: z.string() }),
    year: z.number().int(),
    plan: z.string().nullable(),
    fact: z.string().nullable(),
    months: z.array(
      z.object({
        month: z.number().int(),
        plan: z.string().nullable(),
        fact: z.string().nullable(),
        forecast: z.string().nullable(),
        /** The fact falls short of the plan (by the trend); null without both. */
        fallsShort: z.boolean().nullable(),
      }),
    ),
  })
  .meta({ id: "MetricPlanFact" });
export type MetricPlanFact = z.infer<typeof MetricPlanFact>;

/** A program's plan and fact by quarter (cumulative): the budget schedule and cash against the year's funding, metrics at plan. */
export const ProgramPlanFact = z
  .object({
    programId: Uuid,
    programCode: z.string(),
    year: z.number().int(),
    /** The year's funding (the plan), money string. */
    funding: z.string(),
    quarters: z.array(
      z.object({
        quarter: z.number().int(),
        period: z.enum(REPORT_PERIODS),
        schedule: z.string().nullable(),
        cash: z.string().nullable(),
        metricsPlanned: z.number().int(),
        metricsWithFact: z.number().int(),
        metricsAtPlan: z.number().int(),
      }),
    ),
  })
  .meta({ id: "ProgramPlanFact" });
export type ProgramPlanFact = z.infer<typeof ProgramPlanFact>;

/** A quarter's budget: per source and in total the year's schedule in force at the quarter's end, cash to date, the rate (percent). */
export const QuarterBudget = z
  .object({
    year: z.number().int(),
    quarter: z.number().int(),
    sources: z.array(
      z.object({ source: z.string(), schedule: z.string().nullable(), cash: z.string().nullable(), rate: z.number().nullable() }),
    ),
    schedule: z.string().nullable(),
    cash: z.string().nullable(),
    rate: z.number().nullable(),
  })
  .meta({ id: "QuarterBudget" });
export type QuarterBudget = z.infer<typeof QuarterBudget>;
/** The budget of a direction or a structural element: its schedule entries, cumulative cash, the schedule in force, the quarters. */
const holderBudget = {
  /** The year's schedule entries (its changes during the year, dated), oldest first. */
  schedule: z.array(
    z.object({
      id: Uuid,
      version: z.number().int(),
      year: z.number().int(),
      source: z.string(),
      amount: z.string(),
      effectiveDate: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  /** Cumulative cash by quarter and source. */
  cash: z.array(
    z.object({
      id: Uuid,
      version: z.number().int(),
      year: z.number().int(),
      quarter: z.number().int(),
      source: z.string(),
      cash: z.string(),
    }),
  ),
  scheduleInForce: z.array(z.object({ source: z.string(), amount: z.string() })),
  quarters: z.array(QuarterBudget),
};
export const ElementBudget = z
  .object({ id: Uuid, code: z.string(), name: z.string(), kind: z.enum(ELEMENT_KINDS), ...holderBudget })
  .meta({ id: "ElementBudget" });
export type ElementBudget = z.infer<typeof ElementBudget>;
/** The budget of one holder (a direction or a structural element), without its identity. */
export type HolderBudget = Pick<ElementBudget, keyof typeof holderBudget>;
export const DirectionBudget = z
  .object({
    id: Uuid,
    code: z.string(),
    name: z.string(),
    coExecutorDepartmentId: Uuid.nullable(),
    ...holderBudget,
    elements: z.array(ElementBudget),
  })
  .meta({ id: "DirectionBudget" });
export type DirectionBudget = z.infer<typeof DirectionBudget>;
/** A program's budget schedule and cash of a year by direction and structural element (220-п, appendices 8 and 9). */
export const ProgramBudget = z
  .object({
    programId: Uuid,
    programCode: z.string(),
    year: z.number().int(),
    asOf: z.string(),
    quarters: z.array(QuarterBudget),
    directions: z.array(DirectionBudget),
  })
  .meta({ id: "ProgramBudget" });
export type ProgramBudget = z.infer<typeof ProgramBudget>;

/** A report in the list: its program, period and state. */
export const ReportListItem = z
  .object({
    id: Uuid,
    version: z.number().int(),
    programId: Uuid,
    programCode: z.string(),
    programName: z.string(),
    year: z.number().int(),
    period: z.enum(REPORT_PERIODS),
    title: z.string(),
    state: z.enum(PROGRAM_REPORT_STATES),
    stateLabel: z.string(),
    submittedAt: z.string().nullable(),
    controlledAt: z.string().nullable(),
    economyConclusion: z.string().nullable(),
  })
  .meta({ id: "ReportListItem" });
export type ReportListItem = z.infer<typeof ReportListItem>;
export const ReportList = z.object({ items: z.array(ReportListItem) }).meta({ id: "ReportList" });
export type ReportList = z.infer<typeof ReportList>;

/** A closed reporting period of a program (220-п 6.16), with the columns of its row. */
export const PeriodLock = z
  .object({
    id: Uuid,
    municipalityId: Uuid,
    programId: Uuid,
    year: z.number().int(),
    period: z.enum(REPORT_PERIODS),
    /** The report whose conclusion closed the period. */
    submissionId: Uuid.nullable(),
    lockedBy: Uuid.nullable(),
    lockedAt: z.string(),
    title: z.string(),
    rule: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "PeriodLock" });
export type PeriodLock = z.infer<typeof PeriodLock>;
export const PeriodLockList = z.object({ items: z.array(PeriodLock) }).meta({ id: "PeriodLockList" });
export type PeriodLockList = z.infer<typeof PeriodLockList>;
