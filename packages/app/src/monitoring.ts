/**
 * The monitoring and reporting cycle of decree 220-п (section 6): confirming documents of
 * checkpoints, quarterly monitoring and annual reports as submissions, the period lock once the
 * conclusions are in (6.16), the deadlines of a program computed with the municipality's rules
 * and working-day calendar, notifications, and the dashboards.
 */
import { createHash } from "node:crypto";
import { programBudgetByQuarter } from "./budget.ts";
import {
  countUnreadNotifications,
  deleteCheckpointDocument as deleteDocumentRow,
  ensureDirectionSubmission,
  ensureSubmission,
  fundingOfYear,
  getCheckpointDocument,
  getMonitoringSettings,
  getMunicipality,
  getRow,
  getStoredFileContent,
  getSubmission,
  getUserEmail,
  getUser,
  municipalityIdsOfUser,
  indicatorPlanFactRows,
  insertCheckpointDocument,
  insertNotification,
  insertPeriodLock,
  insertStoredFile,
  insertTransition,
  listCheckpointDocuments,
  listDirectionSubmissions,
  listNotifications,
  listPeriodLocks,
  listRows,
  listSubmissions,
  listTransitions,
  markNotificationsRead,
  membersOfMunicipality,
  metricPlanFactRows,
  monitoringFacts,
  overdueCheckpointRows,
  periodLocksOfProgram,
  saveMonitoringSettings,
  setUserEmail,
  updateDirectionSubmission,
  updateSubmission,
  type ProgramMonitoringFacts,
  type Queryable,
  type Recipient,
  type Row,
} from "@orientir/db";
import {
  CalendarRangeError,
  ConflictError,
  DIRECTION_REPORT_STATE_LABELS,
  KALUGA_220P_DEADLINES,
  NotFoundError,
  PROGRAM_REPORT_STATE_LABELS,
  REPORT_PERIODS,
  RU_CALENDAR,
  RuleError,
  SUBMISSION_ACTIONS,
  SUBMISSION_ACTION_LABELS,
  ValidationError,
  authorize,
  builtinCalendar,
  calendarFromData,
  checkUpload,
  cleanFilename,
  dueDate,
  offsetText,
  ensure,
  ensureNotLocked,
  fallsShort,
  missingJustifications,
  offPlan,
  parseDeadlineRules,
  periodLabel,
  periodLastMonth,
  planSubmission,
  programDeadlines,
  resource,
  ruleQuarters,
  stepOf,
  workingDaysBetween,
  type AccountScope,
  type Actor,
  type DeadlineItem,
  type DeadlineRule,
  type DirectionReportState,
  type FieldIssue,
  type IsoDate,
  type PeriodLockRef,
  type PlanFactItem,
  type ProgramFacts,
  type ProgramReportState,
  type ReportPeriod,
  type SubmissionAction,
  type WorkingCalendar,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { checkDocumentFreeze, metricPlansInForce } from "./content.ts";
import { targetOf } from "./resources.ts";
import { accountScope } from "./admin.ts";

// ---- the municipality's rules and calendar ----------------------------------------------------------

export interface MonitoringSetup {
  municipalityId: string;
  timezone: string;
  rules: readonly DeadlineRule[];
  calendar: WorkingCalendar;
  reminderDaysBefore: number;
  customRules: boolean;
  customCalendar: boolean;
}

/** The deadline rules and working-day calendar the municipality uses: its own, or the built-in ones. */
export async function monitoringSetup(q: Queryable, municipalityId: string): Promise<MonitoringSetup> {
  const [m, s] = await Promise.all([getMunicipality(q, municipalityId), getMonitoringSettings(q, municipalityId)]);
  if (!m) throw new NotFoundError("муниципальное образование");
  let calendar: WorkingCalendar;
  if (s.calendar) calendar = calendarFromData(s.calendar);
  else {
    try {
      calendar = builtinCalendar(String(m.country));
    } catch {
      calendar = RU_CALENDAR;
    }
  }
  return {
    municipalityId,
    timezone: String(m.timezone ?? "Europe/Moscow"),
    rules: s.deadlineRules ? parseDeadlineRules(s.deadlineRules) : KALUGA_220P_DEADLINES,
    calendar,
    reminderDaysBefore: s.reminderDaysBefore,
    customRules: s.deadlineRules !== null,
    customCalendar: s.calendar !== null,
  };
}

/** The local date of a moment in a time zone. */
export function localDate(at: Date | string, timeZone: string): IsoDate {
  const d = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

const nowIso = (ctx: AppContext) => ctx.now().toISOString();

function readMonitoring(actor: Actor) {
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId });
}

async function loadProgram(q: Queryable, actor: Actor, programId: string): Promise<Row> {
  const p = await getRow(q, resource("program"), programId);
  if (!p || p.municipalityId !== actor.municipalityId) throw new NotFoundError("муниципальная программа", programId);
  return p;
}

function checkYear(program: Row, year: number) {
  if (!Number.isInteger(year) || year < Number(program.startYear) || year > Number(program.endYear)) {
    throw new ValidationError([{ path: "year", message: `Год ${year} вне срока программы ${program.startYear}–${program.endYear}`, messageEn: "Year outside the program's period" }]);
  }
}

function checkPeriod(period: string): ReportPeriod {
  if (!(REPORT_PERIODS as readonly string[]).includes(period)) {
    throw new ValidationError([{ path: "period", message: `Отчетный период: ${REPORT_PERIODS.join(", ")}`, messageEn: `period is one of ${REPORT_PERIODS.join(", ")}` }]);
  }
  return period as ReportPeriod;
}

// ---- confirming documents of checkpoints -----------------------------------------------------------

const DOC_FIELDS = ["id", "checkpointId", "programId", "directionId", "filename", "contentType", "size", "sha256", "comment", "createdBy", "createdByLogin", "createdAt", "version"] as const;
function presentDocument(r: Row) {
  const out: Record<string, unknown> = {};
  for (const k of DOC_FIELDS) out[k] = r[k] ?? null;
  return out as Row;
}

async function loadCheckpoint(q: Queryable, actor: Actor, checkpointId: string): Promise<Row> {
  const c = await getRow(q, resource("checkpoint"), checkpointId);
  if (!c || c.municipalityId !== actor.municipalityId) throw new NotFoundError("контрольная точка", checkpointId);
  return c;
}

/** Attaches a confirming document (PDF, DOCX, XLSX, PNG or JPEG, by its content) to a checkpoint. */
export async function uploadCheckpointDocument(
  ctx: AppContext,
  caller: Caller,
  checkpointId: string,
  input: { filename: string; content: Buffer; comment?: string | null },
): Promise<Row> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const cp = await loadCheckpoint(q, actor, checkpointId);
    ensure(actor, "update", await targetOf(q, resource("checkpoint"), cp));
    const checked = checkUpload(input.content);
    if ("issues" in checked) throw new ValidationError(checked.issues);
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 2000) throw new ValidationError([{ path: "comment", message: "Комментарий не длиннее 2000 знаков" }]);
    ensureNotLocked("checkpointDocument", "Подтверждающий документ", null, cp, await locksOf(q, String(cp.programId)));
    await checkDocumentFreeze(q, actor, cp);
    const file = await insertStoredFile(q, {
      municipalityId: actor.municipalityId,
      filename: cleanFilename(input.filename, checked.type),
      contentType: checked.type.contentType,
      sha256: createHash("sha256").update(input.content).digest("hex"),
      content: input.content,
      uploadedBy: actor.userId,
    });
    const doc = await insertCheckpointDocument(q, {
      municipalityId: actor.municipalityId, programId: String(cp.programId), directionId: String(cp.directionId), checkpointId: cp.id,
      fileId: file.id, comment, createdBy: actor.userId,
    });
    const shown = presentDocument(doc);
    await audit(q, caller, { action: "checkpointDocument.create", objectType: "checkpointDocument", objectId: doc.id, after: shown });
    return shown;
  });
}

export async function listDocumentsOfCheckpoint(ctx: AppContext, caller: Caller, checkpointId: string): Promise<Row[]> {
  const cp = await loadCheckpoint(ctx.db, caller.actor, checkpointId);
  ensure(caller.actor, "read", await targetOf(ctx.db, resource("checkpoint"), cp));
  return (await listCheckpointDocuments(ctx.db, cp.id)).map(presentDocument);
}

async function loadDocument(q: Queryable, actor: Actor, id: string): Promise<{ doc: Row; checkpoint: Row }> {
  const doc = await getCheckpointDocument(q, id);
  if (!doc || doc.municipalityId !== actor.municipalityId) throw new NotFoundError("подтверждающий документ", id);
  const checkpoint = (await getRow(q, resource("checkpoint"), String(doc.checkpointId)))!;
  return { doc, checkpoint };
}

export async function downloadCheckpointDocument(ctx: AppContext, caller: Caller, id: string): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  const { doc, checkpoint } = await loadDocument(ctx.db, caller.actor, id);
  ensure(caller.actor, "read", await targetOf(ctx.db, resource("checkpoint"), checkpoint));
  const f = await getStoredFileContent(ctx.db, String(doc.fileId));
  if (!f) throw new NotFoundError("файл", String(doc.fileId));
  return { buffer: f.content, filename: f.filename, contentType: f.contentType };
}

export async function removeCheckpointDocument(ctx: AppContext, caller: Caller, id: string, version: number): Promise<void> {
  const { actor } = caller;
  await ctx.db.tx(async (q) => {
    const { doc, checkpoint } = await loadDocument(q, actor, id);
    ensure(actor, "update", await targetOf(q, resource("checkpoint"), checkpoint));
    ensureNotLocked("checkpointDocument", "Подтверждающий документ", checkpoint, null, await locksOf(q, String(checkpoint.programId)));
    await checkDocumentFreeze(q, actor, checkpoint);
    if (!(await deleteDocumentRow(q, id, version))) {
      throw new ConflictError(`Документ изменен другим пользователем (версия ${doc.version}, у вас ${version}). Обновите данные.`, presentDocument(doc));
    }
    await audit(q, caller, { action: "checkpointDocument.delete", objectType: "checkpointDocument", objectId: id, before: presentDocument(doc) });
  });
}

async function locksOf(q: Queryable, programId: string): Promise<PeriodLockRef[]> {
  return (await periodLocksOfProgram(q, programId)) as PeriodLockRef[];
}

// ---- report submissions ---------------------------------------------------------------------------

export interface ReportView {
  id: string | null;
  programId: string;
  programCode: string;
  year: number;
  period: ReportPeriod;
  title: string;
  state: ProgramReportState;
  stateLabel: string;
  financeConclusion: string | null;
  economyConclusion: string | null;
  compiledAt: string | null;
  submittedAt: string | null;
  financeReviewedAt: string | null;
  controlledAt: string | null;
  version: number;
  locked: { lockedAt: string; lockedBy: string | null } | null;
  /** What the caller may do with the program's report now. */
  actions: SubmissionAction[];
  directions: {
    directionId: string;
    code: string;
    name: string;
    coExecutorDepartmentId: string;
    state: DirectionReportState;
    stateLabel: string;
    submittedAt: string | null;
    acceptedAt: string | null;
    actions: SubmissionAction[];
  }[];
  transitions: { id: string; action: string; actionLabel: string; directionId: string | null; fromState: string; toState: string; actorLogin: string | null; comment: string | null; at: string }[];
  deadlines: DeadlineItem[];
}

const DIRECTION_ACTIONS: SubmissionAction[] = ["submitDirection", "acceptDirection", "returnDirection"];
const PROGRAM_ACTIONS: SubmissionAction[] = SUBMISSION_ACTIONS.filter((a) => !DIRECTION_ACTIONS.includes(a));

/** The actions the actor may take now: open in the state machine and allowed by the permissions. */
function actionsFor(
  actor: Actor,
  period: ReportPeriod,
  programState: ProgramReportState,
  program: Row,
  direction: { state: DirectionReportState; coExecutorDepartmentId: string } | null,
  directionStates: DirectionReportState[],
): SubmissionAction[] {
  const out: SubmissionAction[] = [];
  for (const action of direction ? DIRECTION_ACTIONS : PROGRAM_ACTIONS) {
    try {
      planSubmission({ action, period, programState, directionState: direction?.state, directionStates, comment: "-", conclusion: "-" });
    } catch {
      continue;
    }
    const allowed = authorize(actor, "update", {
      area: "monitoring", municipalityId: actor.municipalityId, step: stepOf(action, period, programState),
      responsibleDepartmentId: String(program.responsibleDepartmentId), directionCoExecutorId: direction?.coExecutorDepartmentId ?? null,
    }).allowed;
    if (allowed) out.push(action);
  }
  return out;
}

async function reportView(q: Queryable, ctx: AppContext, actor: Actor, program: Row, year: number, period: ReportPeriod): Promise<ReportView> {
  const [sub, directions, locks, setup] = await Promise.all([
    getSubmission(q, program.id, year, period),
    listRows(q, resource("direction"), { municipalityId: actor.municipalityId, where: { programId: program.id } }),
    listPeriodLocks(q, { municipalityId: actor.municipalityId, programId: program.id }),
    monitoringSetup(q, actor.municipalityId),
  ]);
  const dirSubs = sub ? await listDirectionSubmissions(q, sub.id) : [];
  const transitions = sub ? await listTransitions(q, sub.id) : [];
  const state = (sub?.state as ProgramReportState | undefined) ?? "open";
  const byDir = new Map(dirSubs.map((d) => [String(d.directionId), d]));
  const dirStates = directions.map((d) => ((byDir.get(d.id)?.state as DirectionReportState | undefined) ?? "draft"));
  const lock = locks.find((l) => Number(l.year) === year && l.period === period);
  const facts = await monitoringFacts(q, actor.municipalityId, [year], program.id);
  const today = localDate(ctx.now(), setup.timezone);
  const deadlines = programDeadlines(programFactsOf(facts, setup.timezone)[0]!, setup.rules, setup.calendar, year, today).items.filter((i) => i.period === period);
  return {
    id: sub?.id ?? null,
    programId: program.id,
    programCode: String(program.code),
    year,
    period,
    title: `${String(program.code)}: ${periodLabel(year, period)}`,
    state,
    stateLabel: PROGRAM_REPORT_STATE_LABELS[state].ru,
    financeConclusion: (sub?.financeConclusion as string | null) ?? null,
    economyConclusion: (sub?.economyConclusion as string | null) ?? null,
    compiledAt: (sub?.compiledAt as string | null) ?? null,
    submittedAt: (sub?.submittedAt as string | null) ?? null,
    financeReviewedAt: (sub?.financeReviewedAt as string | null) ?? null,
    controlledAt: (sub?.controlledAt as string | null) ?? null,
    version: sub?.version ?? 0,
    locked: lock ? { lockedAt: String(lock.lockedAt), lockedBy: (lock.lockedBy as string | null) ?? null } : null,
    actions: actionsFor(actor, period, state, program, null, dirStates),
    directions: directions.map((d, i) => {
      const ds = byDir.get(d.id);
      const dState = dirStates[i]!;
      return {
        directionId: d.id,
        code: String(d.code),
        name: String(d.name),
        coExecutorDepartmentId: String(d.coExecutorDepartmentId),
        state: dState,
        stateLabel: DIRECTION_REPORT_STATE_LABELS[dState].ru,
        submittedAt: (ds?.submittedAt as string | null) ?? null,
        acceptedAt: (ds?.acceptedAt as string | null) ?? null,
        actions: actionsFor(actor, period, state, program, { state: dState, coExecutorDepartmentId: String(d.coExecutorDepartmentId) }, dirStates),
      };
    }),
    transitions: transitions.map((t) => ({
      id: String(t.id), action: String(t.action), actionLabel: SUBMISSION_ACTION_LABELS[t.action as SubmissionAction]?.ru ?? String(t.action),
      directionId: (t.directionId as string | null) ?? null, fromState: String(t.fromState), toState: String(t.toState),
      actorLogin: (t.actorLogin as string | null) ?? null, comment: (t.comment as string | null) ?? null, at: String(t.at),
    })),
    deadlines,
  };
}

export async function getReport(ctx: AppContext, caller: Caller, programId: string, year: number, period: string): Promise<ReportView> {
  readMonitoring(caller.actor);
  const p = checkPeriod(period);
  const program = await loadProgram(ctx.db, caller.actor, programId);
  checkYear(program, year);
  return reportView(ctx.db, ctx, caller.actor, program, year, p);
}

export async function listReports(ctx: AppContext, caller: Caller, f: { programId?: string; year?: number }): Promise<Row[]> {
  readMonitoring(caller.actor);
  const rows = await listSubmissions(ctx.db, caller.actor.municipalityId, f);
  return rows.map((r) => ({
    id: r.id, version: r.version, programId: r.programId, programCode: r.programCode, programName: r.programName, year: r.year, period: r.period,
    title: `${String(r.programCode)}: ${periodLabel(Number(r.year), r.period as ReportPeriod)}`,
    state: r.state, stateLabel: PROGRAM_REPORT_STATE_LABELS[r.state as ProgramReportState]?.ru ?? r.state,
    submittedAt: r.submittedAt ?? null, controlledAt: r.controlledAt ?? null, economyConclusion: r.economyConclusion ?? null,
  })) as Row[];
}

/** The values the report covers that fall short of plan without a justification (220-п 6.12.1, 6.12.2). */
async function justificationIssues(q: Queryable, actor: Actor, programId: string, year: number, period: ReportPeriod, directionId: string | null): Promise<FieldIssue[]> {
  const last = periodLastMonth(period);
  const first = period === "annual" ? 10 : last - 2; // each month is checked in the first report that covers it; Q4 in the annual report
  const rows = await metricPlanFactRows(q, actor.municipalityId, year, directionId ? { programId, directionId } : { programId });
  // while an amendment is open, the plan in force is its snapshot's, not the working copy's
  const inForce = await metricPlansInForce(q, programId);
  const items: PlanFactItem[] = [];
  for (const r of rows) {
    const isMonth = r.month !== null;
    if (isMonth ? r.month! < first || r.month! > last : period !== "annual") continue;
    const plan = inForce ? inForce(r.directionCode, { code: r.metricCode, name: r.metricName }, year, r.month) : r.plan;
    if (plan === null) continue;
    items.push({
      path: isMonth ? `metricMonth.${r.rowId}.justification` : `metricValue.${r.rowId}.justification`,
      what: `Показатель «${r.metricName}» (направление ${r.directionCode}) ${isMonth ? `на конец месяца ${r.month} ${year} г.` : `за ${year} год`}`,
      trend: r.trend, plan, fact: r.fact, justification: r.justification, kind: "metric",
    });
  }
  if (period === "annual" && directionId === null) {
    for (const r of await indicatorPlanFactRows(q, programId, year)) {
      items.push({
        path: `programIndicatorValue.${r.rowId}.justification`, what: `Индикатор «${r.name}» за ${year} год`,
        trend: r.trend, plan: r.plan, fact: r.fact, justification: r.justification, kind: "indicator",
      });
    }
  }
  return missingJustifications(items);
}

export interface TransitionInput {
  action: string;
  directionId?: string | null;
  comment?: string | null;
  conclusion?: string | null;
}

/**
 * Takes a step of the report's cycle: checks who may, that the state allows it, and the rules of
 * the decree; records the transition; on the economy department's conclusion locks the period.
 */
export async function reportTransition(ctx: AppContext, caller: Caller, programId: string, year: number, periodIn: string, input: TransitionInput): Promise<ReportView> {
  const { actor } = caller;
  const period = checkPeriod(periodIn);
  const action = input.action as SubmissionAction;
  if (!(SUBMISSION_ACTIONS as readonly string[]).includes(action)) {
    throw new ValidationError([{ path: "action", message: `Действие: одно из ${SUBMISSION_ACTIONS.join(", ")}`, messageEn: "Unknown action" }]);
  }
  const isDirection = DIRECTION_ACTIONS.includes(action);
  return ctx.db.tx(async (q) => {
    const program = await loadProgram(q, actor, programId);
    checkYear(program, year);
    const sub = await ensureSubmission(q, { municipalityId: actor.municipalityId, programId: program.id, year, period });
    const programState = sub.state as ProgramReportState;
    let direction: Row | null = null;
    let dirSub: Row | null = null;
    if (isDirection) {
      if (!input.directionId) throw new ValidationError([{ path: "directionId", message: "Укажите направление", messageEn: "directionId is required" }]);
      direction = await getRow(q, resource("direction"), input.directionId);
      if (!direction || direction.programId !== program.id) {
        throw new ValidationError([{ path: "directionId", message: "Направление этой программы не найдено", messageEn: "No such direction in the program" }]);
      }
    }
    // who may take the step is decided before whether the state allows it
    ensure(actor, "update", {
      area: "monitoring", municipalityId: actor.municipalityId, step: stepOf(action, period, programState),
      responsibleDepartmentId: String(program.responsibleDepartmentId), directionCoExecutorId: direction ? String(direction.coExecutorDepartmentId) : null,
    });
    const directions = await listRows(q, resource("direction"), { municipalityId: actor.municipalityId, where: { programId: program.id } });
    const dirSubs = new Map((await listDirectionSubmissions(q, sub.id)).map((d) => [String(d.directionId), d]));
    if (direction) dirSub = await ensureDirectionSubmission(q, { municipalityId: actor.municipalityId, programId: program.id, directionId: direction.id, submissionId: sub.id });
    const outcome = planSubmission({
      action, period, programState,
      directionState: dirSub ? (dirSub.state as DirectionReportState) : undefined,
      directionStates: directions.map((d) => ((dirSubs.get(d.id)?.state as DirectionReportState | undefined) ?? "draft")),
      comment: input.comment, conclusion: input.conclusion,
    });
    // 220-п 6.12: a value short of plan is submitted only with the justification of the deviation
    if (action === "submitDirection" || action === "submit") {
      const issues = await justificationIssues(q, actor, program.id, year, period, direction ? direction.id : null);
      if (issues.length) {
        throw new RuleError(
          `Не указано обоснование отклонения от плана (${issues.length}): ${issues[0]!.message}${issues.length > 1 ? " и др." : ""}`,
          "220-п п. 6.12",
          issues,
        );
      }
    }
    const now = nowIso(ctx);
    const comment = input.comment?.trim() || null;
    if (dirSub && outcome.directionState) {
      await updateDirectionSubmission(q, dirSub.id, {
        state: outcome.directionState,
        ...(outcome.directionState === "submitted" ? { submittedAt: now } : {}),
        ...(outcome.directionState === "accepted" ? { acceptedAt: now } : {}),
        ...(outcome.directionState === "returned" ? { acceptedAt: null } : {}),
      });
    }
    const patch: Record<string, unknown> = {};
    if (outcome.programState !== programState) patch.state = outcome.programState;
    if (action === "compile") patch.compiledAt = now;
    if (action === "submit") patch.submittedAt = now;
    if (action === "financeReview") Object.assign(patch, { financeReviewedAt: now, financeConclusion: input.conclusion!.trim() });
    if (action === "control") Object.assign(patch, { controlledAt: now, economyConclusion: input.conclusion!.trim() });
    const updated = Object.keys(patch).length ? await updateSubmission(q, sub.id, patch) : sub;
    await insertTransition(q, {
      municipalityId: actor.municipalityId, programId: program.id, submissionId: sub.id, directionId: direction?.id ?? null, action,
      fromState: isDirection ? String(dirSub!.state) : programState, toState: isDirection ? outcome.directionState! : outcome.programState,
      actorId: actor.userId, actorLogin: actor.login, comment: comment ?? (input.conclusion?.trim() || null), at: now,
    });
    let lock: object | null = null;
    if (outcome.locks) {
      lock = await insertPeriodLock(q, { municipalityId: actor.municipalityId, programId: program.id, year, period, submissionId: sub.id, lockedBy: actor.userId, at: now });
    }
    await notifyStep(q, actor, program, direction, year, period, action, comment ?? (input.conclusion?.trim() || null), now);
    await audit(q, caller, {
      action: `report.${action}`, objectType: "reportSubmission", objectId: sub.id,
      before: { state: programState, directionId: direction?.id ?? null, directionState: dirSub?.state ?? null },
      after: { state: updated.state, directionState: outcome.directionState ?? null, comment, conclusion: input.conclusion ?? null, locked: Boolean(lock), year, period },
    });
    return reportView(q, ctx, actor, program, year, period);
  });
}

/** Tells whoever acts next about a step (in-app): the executor of a submitted part, the co-executor of a returned one, the reviewers of a submitted report, the executor of a returned or concluded one. */
async function notifyStep(
  q: Queryable,
  actor: Actor,
  program: Row,
  direction: Row | null,
  year: number,
  period: ReportPeriod,
  action: SubmissionAction,
  text: string | null,
  now: string,
): Promise<void> {
  const executorOf = (m: Recipient) => m.role === "executor" && m.departmentId === program.responsibleDepartmentId;
  const coExecutorOf = (m: Recipient) => (m.role === "coexecutor" || m.role === "executor") && direction !== null && m.departmentId === direction.coExecutorDepartmentId;
  const who: Record<SubmissionAction, (m: Recipient) => boolean> = {
    submitDirection: executorOf,
    acceptDirection: coExecutorOf,
    returnDirection: coExecutorOf,
    compile: () => false,
    submit: (m) => m.role === (period === "annual" ? "finance" : "economy"),
    return: executorOf,
    financeReview: (m) => m.role === "economy" || executorOf(m),
    control: executorOf,
  };
  const members = (await membersOfMunicipality(q, actor.municipalityId)).filter((m) => m.userId !== actor.userId && who[action](m));
  if (!members.length) return;
  const where = `${String(program.code)}, ${periodLabel(year, period)}${direction ? `, направление ${String(direction.code)}` : ""}`;
  for (const m of members) {
    await insertNotification(q, {
      municipalityId: actor.municipalityId, userId: m.userId, programId: program.id, kind: `report.${action}`,
      title: `${SUBMISSION_ACTION_LABELS[action].ru}: ${where}`,
      body: `${actor.login}: ${SUBMISSION_ACTION_LABELS[action].ru.toLowerCase()} (${where}).${text ? ` ${text}` : ""}`,
      link: `/programs/${program.id}/monitoring/${year}/${period}`, deadlineKey: null, moment: null, dueDate: null, at: now,
    });
  }
}

export async function listLocks(ctx: AppContext, caller: Caller, programId?: string): Promise<Row[]> {
  readMonitoring(caller.actor);
  if (programId) await loadProgram(ctx.db, caller.actor, programId);
  return (await listPeriodLocks(ctx.db, { municipalityId: caller.actor.municipalityId, programId })).map((l) => ({
    ...l, title: periodLabel(Number(l.year), l.period as ReportPeriod), rule: "220-п п. 6.16", version: 1,
  })) as Row[];
}

// ---- deadlines --------------------------------------------------------------------------------------

/** The monitoring facts as the domain's ProgramFacts (dates in the municipality's time zone). */
export function programFactsOf(f: ProgramMonitoringFacts, timeZone: string): ProgramFacts[] {
  const d = (v: unknown) => (v ? localDate(String(v), timeZone) : null);
  return f.programs.map((p) => {
    const reports: ProgramFacts["reports"] = {};
    for (const s of f.submissions.filter((x) => x.programId === p.id)) {
      const directions: ProgramFacts["reports"][string]["directions"] = {};
      for (const ds of f.directionSubmissions.filter((x) => x.submissionId === s.id)) {
        directions[String(ds.directionId)] = { state: ds.state as DirectionReportState, submittedOn: d(ds.submittedAt) };
      }
      const reachedOn: Partial<Record<ProgramReportState, IsoDate>> = {};
      for (const [state, field] of [["compiled", "compiledAt"], ["submitted", "submittedAt"], ["financeReviewed", "financeReviewedAt"], ["controlled", "controlledAt"]] as const) {
        const v = d(s[field]);
        if (v) reachedOn[state] = v;
      }
      reports[`${s.year}:${s.period}`] = { state: s.state as ProgramReportState, reachedOn, directions };
    }
    const financeData: Record<string, IsoDate> = {};
    for (const x of f.financeData) {
      if (f.directions.some((dd) => dd.id === x.directionId && dd.programId === p.id)) financeData[`${x.directionId}:${x.year}:${x.quarter}`] = d(x.lastChange)!;
    }
    return {
      id: p.id, code: p.code, responsibleDepartmentId: p.responsibleDepartmentId, startYear: p.startYear, endYear: p.endYear, inForceFrom: p.inForceFrom,
      directions: f.directions.filter((x) => x.programId === p.id).map((x) => ({ id: x.id, code: x.code, coExecutorDepartmentId: x.coExecutorDepartmentId })),
      reports, financeData,
    };
  });
}

/** The tracked deadlines of every program of the municipality for the reports of the given years. */
export async function municipalityDeadlineItems(q: Queryable, setup: MonitoringSetup, years: number[], today: IsoDate, programId?: string): Promise<{ items: DeadlineItem[]; facts: ProgramMonitoringFacts }> {
  const facts = await monitoringFacts(q, setup.municipalityId, years, programId);
  const items: DeadlineItem[] = [];
  for (const p of programFactsOf(facts, setup.timezone)) {
    for (const y of years) items.push(...programDeadlines(p, setup.rules, setup.calendar, y, today).items);
  }
  // by date, then as a person reads them: program, rule, direction (codes compared as numbers where they are)
  const byCode = (a: string | null, b: string | null) => (a ?? "").localeCompare(b ?? "", "ru", { numeric: true });
  items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : byCode(a.programCode, b.programCode) || byCode(a.ruleId, b.ruleId) || byCode(a.directionCode, b.directionCode) || byCode(a.key, b.key)));
  return { items, facts };
}

/** Who must act on a deadline: members of the role, of the department the item names. */
export function recipientsOf(item: Pick<DeadlineItem, "actor" | "departmentId">, members: Recipient[]): Recipient[] {
  return members.filter((m) => {
    if (item.actor === "coexecutor") return (m.role === "coexecutor" || m.role === "executor") && item.departmentId !== null && m.departmentId === item.departmentId;
    if (item.actor === "executor") return m.role === "executor" && (item.departmentId === null || m.departmentId === item.departmentId);
    return m.role === item.actor;
  });
}

export async function programDeadlinesOf(ctx: AppContext, caller: Caller, programId: string, year: number): Promise<{ items: (DeadlineItem & { departmentName: string | null })[]; today: IsoDate; calendar: string }> {
  readMonitoring(caller.actor);
  const program = await loadProgram(ctx.db, caller.actor, programId);
  checkYear(program, year);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  const today = localDate(ctx.now(), setup.timezone);
  const { items, facts } = await municipalityDeadlineItems(ctx.db, setup, [year], today, program.id);
  const names = new Map(facts.departments.map((d) => [d.id, d.name]));
  return { items: items.map((i) => ({ ...i, departmentName: i.departmentId ? (names.get(i.departmentId) ?? null) : null })), today, calendar: setup.calendar.id };
}

/** The due dates of every rule of the municipality for a year's reports (a calendar of the year). */
export async function deadlineCalendar(ctx: AppContext, caller: Caller, year: number): Promise<{ items: Record<string, unknown>[]; calendar: { id: string; name: string; years: number[] } }> {
  readMonitoring(caller.actor);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new ValidationError([{ path: "year", message: "Укажите год" }]);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  const items: Record<string, unknown>[] = [];
  for (const rule of setup.rules) {
    const periods: { period: string; dp: { year: number; quarter?: number } | null }[] =
      rule.kind === "quarterly" ? ruleQuarters(rule).map((q) => ({ period: `Q${q}`, dp: { year, quarter: q } }))
      : rule.kind === "annual" ? [{ period: "annual", dp: { year } }]
      : rule.kind === "legal" ? [{ period: String(year), dp: { year } }]
      : [{ period: "event", dp: null }];
    for (const { period, dp } of periods) {
      let due: string | null = null;
      let note: string | null = null;
      if (dp) {
        try {
          due = dueDate(rule, dp, setup.calendar);
        } catch (e) {
          if (!(e instanceof CalendarRangeError)) throw e;
          note = e.message;
        }
      } else {
        const o = offsetText(rule.offset);
        note = o ? `${o} от события` : null;
      }
      items.push({ ruleId: rule.id, kind: rule.kind, label: rule.label.ru, clause: rule.clause, actor: rule.actor, period, due, note });
    }
  }
  items.sort((a, b) => String(a.due ?? "9999") .localeCompare(String(b.due ?? "9999")));
  return { items, calendar: { id: setup.calendar.id, name: setup.calendar.name, years: [...setup.calendar.years] } };
}

// ---- settings --------------------------------------------------------------------------------------

export async function getSettings(ctx: AppContext, caller: Caller): Promise<Record<string, unknown>> {
  ensure(caller.actor, "read", { area: "monitoring", municipalityId: caller.actor.municipalityId, step: "settings" });
  const s = await getMonitoringSettings(ctx.db, caller.actor.municipalityId);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  return {
    version: s.version,
    reminderDaysBefore: s.reminderDaysBefore,
    deadlineRules: setup.rules,
    customRules: setup.customRules,
    calendar: s.calendar,
    customCalendar: setup.customCalendar,
    calendarInfo: { id: setup.calendar.id, name: setup.calendar.name, years: [...setup.calendar.years] },
    updatedAt: s.updatedAt,
  };
}

/**
 * Saves the municipality's deadline rules and calendar (null: back to the built-in ones) and how
 * many working days ahead reminders go out. Each is validated as a whole; an error names its path
 * (`deadlineRules[2].anchor.day`, `calendar.holidays[3]`).
 */
export async function updateSettings(
  ctx: AppContext,
  caller: Caller,
  input: { version: number; deadlineRules?: unknown[] | null; calendar?: Record<string, unknown> | null; reminderDaysBefore?: number },
): Promise<Record<string, unknown>> {
  const { actor } = caller;
  ensure(actor, "update", { area: "monitoring", municipalityId: actor.municipalityId, step: "settings" });
  const current = await getMonitoringSettings(ctx.db, actor.municipalityId);
  const next = {
    deadlineRules: input.deadlineRules !== undefined ? input.deadlineRules : current.deadlineRules,
    calendar: input.calendar !== undefined ? input.calendar : current.calendar,
    reminderDaysBefore: input.reminderDaysBefore ?? current.reminderDaysBefore,
  };
  const issues: FieldIssue[] = [];
  const prefix = (p: string, e: unknown) => {
    if (e instanceof ValidationError) issues.push(...e.issues.map((i) => ({ ...i, path: i.path ? (i.path.startsWith("[") ? `${p}${i.path}` : `${p}.${i.path}`) : p })));
    else throw e;
  };
  if (next.deadlineRules !== null) {
    try {
      next.deadlineRules = parseDeadlineRules(next.deadlineRules);
    } catch (e) {
      prefix("deadlineRules", e);
    }
  }
  if (next.calendar !== null) {
    try {
      calendarFromData(next.calendar);
    } catch (e) {
      prefix("calendar", e);
    }
  }
  if (!Number.isInteger(next.reminderDaysBefore) || next.reminderDaysBefore < 0 || next.reminderDaysBefore > 30) {
    issues.push({ path: "reminderDaysBefore", message: "За сколько рабочих дней напоминать: от 0 до 30" });
  }
  if (issues.length) throw new ValidationError(issues);
  await ctx.db.tx(async (q) => {
    const saved = await saveMonitoringSettings(q, actor.municipalityId, input.version, next);
    if (!saved) throw new ConflictError("Настройки сроков изменены другим пользователем. Обновите данные.");
    await audit(q, caller, { action: "monitoringSettings.update", objectType: "monitoringSettings", objectId: actor.municipalityId, before: current, after: saved });
  });
  return getSettings(ctx, caller);
}

// ---- notifications and e-mail -----------------------------------------------------------------------

export async function myNotifications(ctx: AppContext, caller: Caller, f: { unreadOnly?: boolean; limit?: number }): Promise<{ items: Row[]; unread: number }> {
  const { actor } = caller;
  readMonitoring(actor);
  const [items, unread] = await Promise.all([
    listNotifications(ctx.db, actor.userId, actor.municipalityId, f),
    countUnreadNotifications(ctx.db, actor.userId, actor.municipalityId),
  ]);
  return { items, unread };
}

/** Marks one of the caller's notifications read (or all, without an id); answers how many changed. */
export async function readNotifications(ctx: AppContext, caller: Caller, id: string | null): Promise<{ marked: number; unread: number }> {
  const { actor } = caller;
  readMonitoring(actor);
  const marked = await markNotificationsRead(ctx.db, actor.userId, actor.municipalityId, id, nowIso(ctx));
  if (id && marked === 0) throw new NotFoundError("уведомление", id);
  return { marked, unread: await countUnreadNotifications(ctx.db, actor.userId, actor.municipalityId) };
}

/** An address: no spaces and no invisible characters (a zero-width space is not a mailbox). */
const EMAIL = /^[^@\s\p{Default_Ignorable_Code_Point}]+@[^@\s\p{Default_Ignorable_Code_Point}]+\.[^@\s\p{Default_Ignorable_Code_Point}]+$/u;

/** Sets where a user's reminders go by e-mail (their own, or any member's for the administrator); null stops them. */
export async function setNotificationEmail(ctx: AppContext, caller: Caller, userId: string, email: string | null): Promise<{ userId: string; email: string | null }> {
  const { actor } = caller;
  // another user's address is part of their account: an administrator sets it only for an account of this municipality alone
  let subjectAccount: AccountScope | undefined;
  if (userId !== actor.userId && (actor.role === "admin" || actor.deploymentAdmin === true)) {
    const subject = await getUser(ctx.db, userId);
    if (!subject || !(await municipalityIdsOfUser(ctx.db, userId)).includes(actor.municipalityId)) throw new NotFoundError("пользователь", userId);
    subjectAccount = await accountScope(ctx.db, actor.municipalityId, subject);
  }
  ensure(actor, "update", { area: "monitoring", municipalityId: actor.municipalityId, step: "email", subjectUserId: userId, ...(subjectAccount ? { subjectAccount } : {}) });
  const value = email?.trim() || null;
  if (value !== null && (value.length > 254 || !EMAIL.test(value))) throw new ValidationError([{ path: "email", message: "Неверный адрес электронной почты" }]);
  return ctx.db.tx(async (q) => {
    const members = await membersOfMunicipality(q, actor.municipalityId);
    if (!members.some((m) => m.userId === userId)) throw new NotFoundError("пользователь", userId);
    const before = await getUserEmail(q, userId);
    await setUserEmail(q, userId, value);
    await audit(q, caller, { action: "user.email", objectType: "user", objectId: userId, before: { email: before }, after: { email: value } });
    return { userId, email: value };
  });
}

// ---- dashboards -------------------------------------------------------------------------------------

const WINDOW_AHEAD_DAYS = 45;

/** The deadlines of the municipality's reports of last year and this one, as of its today (for the dashboards). */
async function recentDeadlines(ctx: AppContext, actor: Actor) {
  const setup = await monitoringSetup(ctx.db, actor.municipalityId);
  const today = localDate(ctx.now(), setup.timezone);
  const year = Number(today.slice(0, 4));
  return { today, ...(await municipalityDeadlineItems(ctx.db, setup, [year - 1, year], today)) };
}

/** The deadlines on which the caller must act, not yet done: overdue ones and those due within 45 days. */
export async function myTasks(ctx: AppContext, caller: Caller): Promise<{ today: IsoDate; items: (DeadlineItem & { title: string })[]; reports: Row[] }> {
  const { actor } = caller;
  readMonitoring(actor);
  const { today, items, facts } = await recentDeadlines(ctx, actor);
  const me: Recipient = { userId: actor.userId, login: actor.login, fullName: "", email: null, role: actor.role, departmentId: actor.departmentId };
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + WINDOW_AHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const mine = items
    .filter((i) => i.state !== "done" && i.state !== "doneLate" && i.due <= horizon && recipientsOf(i, [me]).length > 0)
    .map((i) => ({ ...i, title: `${i.label}: ${i.programCode}, ${periodLabel(i.year, i.period)}${i.directionCode ? `, направление ${i.directionCode}` : ""}` }));
  // reports that wait for a step the caller may take
  const reports: Row[] = [];
  for (const s of facts.submissions) {
    const program = facts.programs.find((p) => p.id === s.programId);
    if (!program) continue;
    const prow = { responsibleDepartmentId: program.responsibleDepartmentId } as unknown as Row;
    const dirStates = facts.directions.filter((d) => d.programId === program.id).map((d) => {
      const ds = facts.directionSubmissions.find((x) => x.submissionId === s.id && x.directionId === d.id);
      return { d, state: ((ds?.state as DirectionReportState | undefined) ?? "draft") };
    });
    const states = dirStates.map((x) => x.state);
    const actions = [
      ...actionsFor(actor, s.period as ReportPeriod, s.state as ProgramReportState, prow, null, states),
      ...dirStates.flatMap((x) => actionsFor(actor, s.period as ReportPeriod, s.state as ProgramReportState, prow, { state: x.state, coExecutorDepartmentId: x.d.coExecutorDepartmentId }, states)),
    ];
    // "return" is always open on a submitted report; list the report for the step it waits for
    const waiting = actions.filter((a) => a !== "return" && a !== "returnDirection" && a !== "submitDirection");
    if (waiting.length) {
      reports.push({
        id: s.id, version: s.version, programId: program.id, programCode: program.code, year: s.year, period: s.period,
        title: `${program.code}: ${periodLabel(Number(s.year), s.period as ReportPeriod)}`, state: s.state, actions: [...new Set(waiting)],
      } as Row);
    }
  }
  return { today, items: mine, reports };
}

/** Overdue deadlines (not done) grouped by the department or role that must act. */
export async function overdueByDepartment(ctx: AppContext, caller: Caller): Promise<{ today: IsoDate; groups: Record<string, unknown>[] }> {
  const { actor } = caller;
  readMonitoring(actor);
  const { today, items, facts } = await recentDeadlines(ctx, actor);
  const names = new Map(facts.departments.map((d) => [d.id, d.name]));
  const ROLE_NAMES: Record<string, string> = { finance: "Управление финансов", economy: "Управление экономики", admin: "Администратор" };
  const groups = new Map<string, { departmentId: string | null; name: string; role: string; count: number; items: DeadlineItem[] }>();
  for (const i of items.filter((x) => x.state === "overdue")) {
    const key = i.departmentId ?? `role:${i.actor}`;
    const g = groups.get(key) ?? { departmentId: i.departmentId, name: i.departmentId ? (names.get(i.departmentId) ?? "—") : (ROLE_NAMES[i.actor] ?? i.actor), role: i.actor, count: 0, items: [] };
    g.count++;
    g.items.push(i);
    groups.set(key, g);
  }
  return { today, groups: [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)) };
}

/** Metric values (the year's and the months') off plan by more than `threshold` percent. */
export async function metricsOffPlan(ctx: AppContext, caller: Caller, f: { year: number; threshold?: number; programId?: string; unfavourableOnly?: boolean }): Promise<Row[]> {
  const { actor } = caller;
  readMonitoring(actor);
  if (f.programId) await loadProgram(ctx.db, actor, f.programId);
  const threshold = f.threshold ?? 10;
  const rows = await metricPlanFactRows(ctx.db, actor.municipalityId, f.year, f.programId ? { programId: f.programId } : {});
  const out: Row[] = [];
  for (const r of rows) {
    const off = offPlan(r.trend, r.plan, r.fact, threshold);
    if (!off || (f.unfavourableOnly && !off.unfavourable)) continue;
    out.push({
      id: r.rowId, version: 1, metricId: r.metricId, metricName: r.metricName, metricCode: r.metricCode, unit: r.unit, trend: r.trend,
      programId: r.programId, programCode: r.programCode, directionId: r.directionId, directionCode: r.directionCode,
      departmentId: r.coExecutorDepartmentId, year: f.year, month: r.month, plan: r.plan, fact: r.fact,
      deviationPercent: off.deviationPercent, unfavourable: off.unfavourable, justification: r.justification,
    } as Row);
  }
  return out.sort((a, b) => Math.abs(Number(b.deviationPercent ?? 1e9)) - Math.abs(Number(a.deviationPercent ?? 1e9)));
}

/** Checkpoints past their planned date without an actual date, with how many working days late. */
export async function overdueCheckpoints(ctx: AppContext, caller: Caller): Promise<{ today: IsoDate; items: Row[] }> {
  const { actor } = caller;
  readMonitoring(actor);
  const setup = await monitoringSetup(ctx.db, actor.municipalityId);
  const today = localDate(ctx.now(), setup.timezone);
  const rows = await overdueCheckpointRows(ctx.db, actor.municipalityId, today);
  return {
    today,
    items: rows.map((r) => {
      let late: number | null = null;
      try {
        late = -workingDaysBetween(setup.calendar, today, String(r.plannedDate));
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
      }
      return { ...r, workingDaysLate: late } as Row;
    }),
  };
}

/** Plan, fact and forecast of a metric by month of a year, with the year's plan and fact. */
export async function metricPlanFact(ctx: AppContext, caller: Caller, metricId: string, year: number): Promise<Record<string, unknown>> {
  const { actor } = caller;
  readMonitoring(actor);
  const metric = await getRow(ctx.db, resource("metric"), metricId);
  if (!metric || metric.municipalityId !== actor.municipalityId) throw new NotFoundError("показатель", metricId);
  ensure(actor, "read", await targetOf(ctx.db, resource("metric"), metric));
  const [months, values] = await Promise.all([
    listRows(ctx.db, resource("metricMonth"), { municipalityId: actor.municipalityId, where: { metricId } }),
    listRows(ctx.db, resource("metricValue"), { municipalityId: actor.municipalityId, where: { metricId } }),
  ]);
  const yv = values.find((v) => Number(v.year) === year);
  const byMonth = new Map(months.filter((m) => Number(m.year) === year).map((m) => [Number(m.month), m]));
  return {
    metric: { id: metric.id, name: metric.name, code: metric.code ?? null, unit: metric.unit, trend: metric.trend },
    year,
    plan: (yv?.plan as string | null) ?? null,
    fact: (yv?.fact as string | null) ?? null,
    months: Array.from({ length: 12 }, (_, i) => {
      const m = byMonth.get(i + 1);
      const plan = (m?.plan as string | null) ?? null;
      const fact = (m?.fact as string | null) ?? null;
      return {
        month: i + 1, plan, fact, forecast: (m?.forecast as string | null) ?? null,
        fallsShort: plan !== null && fact !== null ? fallsShort(String(metric.trend), plan, fact) : null,
      };
    }),
  };
}

/**
 * A program's plan and fact by quarter of a year (cumulative): the budget schedule and cash
 * execution against the year's funding, and how many metrics are at plan at the quarter's end.
 */
export async function programPlanFact(ctx: AppContext, caller: Caller, programId: string, year: number): Promise<Record<string, unknown>> {
  const { actor } = caller;
  readMonitoring(actor);
  const program = await loadProgram(ctx.db, actor, programId);
  const [budget, funding, months, metrics] = await Promise.all([
    programBudgetByQuarter(ctx.db, actor.municipalityId, program.id, year),
    fundingOfYear(ctx.db, program.id, year),
    listRows(ctx.db, resource("metricMonth"), { municipalityId: actor.municipalityId, where: { programId: program.id } }),
    listRows(ctx.db, resource("metric"), { municipalityId: actor.municipalityId, where: { programId: program.id } }),
  ]);
  const trend = new Map(metrics.map((m) => [m.id, String(m.trend)]));
  const quarters = [1, 2, 3, 4].map((quarter) => {
    const b = budget.find((x) => x.quarter === quarter);
    const atEnd = months.filter((m) => Number(m.year) === year && Number(m.month) === quarter * 3 && m.plan !== null);
    const withFact = atEnd.filter((m) => m.fact !== null);
    const atPlan = withFact.filter((m) => !fallsShort(trend.get(String(m.metricId)) ?? "increase", String(m.plan), String(m.fact)));
    return {
      quarter, period: quarter <= 3 ? `Q${quarter}` : "annual",
      schedule: b?.schedule ?? null, cash: b?.cash ?? null,
      metricsPlanned: atEnd.length, metricsWithFact: withFact.length, metricsAtPlan: atPlan.length,
    };
  });
  return { programId: program.id, programCode: program.code, year, funding, quarters };
}
