/**
 * The approval workflow of decree 220-п and the versions of programs: start a draft (a new
 * program, an amendment from the last approved version, a direction's order), take its steps
 * with conclusions, the reviewers' queues with their deadlines, approval with an immutable
 * snapshot, diffs between any two versions, the explanatory note (generated, edited, exported),
 * and the rules of change of an approved program on every write of its rows.
 *
 * A draft's content is the program's live rows: editing the program edits its draft (and only a
 * draft with its preparer, content.ts). The version in force is the snapshot of the last approved
 * version; a draft is compared with it, and withdrawing an amendment restores the rows from it.
 */
import {
  approveVersion,
  cancelVersion,
  getInstance,
  getMonitoringSettings,
  getMunicipality,
  getRow,
  getVersion,
  hasApprovedVersion,
  insertVersion,
  insertInstance,
  insertWorkflowConclusion,
  insertWorkflowTransition,
  instanceOfVersion,
  lastApprovedVersion,
  listInstances,
  listVersions,
  listWorkflowConclusions,
  listWorkflowTransitions,
  setProgramStatus,
  updateDraftNote,
  updateInstance,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  CalendarRangeError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATE_LABELS,
  addDays,
  addWorkingDays,
  amendmentError,
  applicableLegalDeadlines,
  applyTransition,
  authorize,
  availableActions,
  contextOf,
  builtinCalendar,
  calendarFromData,
  dayOfWeek,
  diffPrograms,
  diffSummary,
  ensure,
  explanatoryNote,
  isOverdue,
  isWithPreparer,
  newProgramNote,
  thousandsUnit,
  type NoteMeta,
  noteToText,
  resource,
  statusOfState,
  type Actor,
  type ApplicableDeadline,
  type Change,
  type ConclusionRecord,
  type DiffSummary,
  type ExplanatoryNote,
  type Flow,
  type IsoDate,
  type ProgramDocument,
  type Requirement,
  type ReviewStage,
  type Target,
  type TransitionInput,
  type WorkflowAction,
  type WorkflowInstance,
  type WorkflowKind,
  type WorkflowState,
  type WorkingCalendar,
  isBlankText,
  trimText,
  withRecordOf,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { lockedYearsOf, restoring, todayOf } from "./change-rules.ts";
import { exportProgramDocument } from "./documents.ts";
import { restoreProgramContent } from "./import.ts";

// ---- shared -------------------------------------------------------------------------------

/** Thousands of the municipality's currency, the unit of amounts in an explanatory note. */
async function moneyUnitOf(q: Queryable, municipalityId: string): Promise<string> {
  const m = await getMunicipality(q, municipalityId);
  return thousandsUnit(String(m?.currency ?? "RUB"));
}

async function noteMeta(q: Queryable, program: Row, base: Row, v: Row): Promise<NoteMeta> {
  return { programName: String(program.name), versionFrom: String(base.number), versionTo: String(v.number), moneyUnit: await moneyUnitOf(q, String(program.municipalityId)) };
}

async function ownProgram(q: Queryable, actor: Actor, programId: string): Promise<Row> {
  const p = await getRow(q, resource("program"), programId);
  if (!p || p.municipalityId !== actor.municipalityId) throw new NotFoundError("Муниципальная программа", programId);
  return p;
}


/** The municipality's working-day calendar: its own (monitoring settings) or its country's. */
async function calendarOf(q: Queryable, municipalityId: string): Promise<WorkingCalendar | null> {
  const settings = await getMonitoringSettings(q, municipalityId);
  if (settings.calendar) {
    try {
      return calendarFromData(settings.calendar);
    } catch {
      /* an invalid stored calendar: the country's */
    }
  }
  const m = await getMunicipality(q, municipalityId);
  try {
    return builtinCalendar(String(m?.country ?? "RU"));
  } catch {
    return null;
  }
}

/**
 * Working days by the calendar; outside the years it covers (or with none), Monday to Friday, so
 * that a term is still shown rather than the draft stuck.
 */
function workingDaysAdder(cal: WorkingCalendar | null): (date: IsoDate, n: number) => IsoDate {
  return (date, n) => {
    if (cal) {
      try {
        return addWorkingDays(cal, date, n);
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
      }
    }
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      const w = dayOfWeek(d);
      if (w !== 0 && w !== 6) left--;
    }
    return d;
  };
}

function workflowTarget(program: Row, flow: Flow, directionCoExecutorId: string | null, step?: Extract<Target, { area: "workflow" }>["step"]): Target {
  return {
    area: "workflow",
    municipalityId: String(program.municipalityId),
    flow,
    responsibleDepartmentId: (program.responsibleDepartmentId as string | null) ?? null,
    directionCoExecutorId,
    ...(step ? { step } : {}),
  };
}

async function directionCoExecutorOf(q: Queryable, instance: Row): Promise<string | null> {
  if (instance.flow !== "directionOrder" || !instance.directionId) return null;
  const d = await getRow(q, resource("direction"), String(instance.directionId));
  return (d?.coExecutorDepartmentId as string | undefined) ?? null;
}


/** The live rows as a document: the whole program, or for an order the program with that direction only. */
async function liveDocument(q: Queryable, programId: string, flow: Flow, directionCode: string | null): Promise<ProgramDocument> {
  const doc = await exportProgramDocument(q, programId);
  if (!doc) throw new NotFoundError("Муниципальная программа", programId);
  return flow === "directionOrder" ? { ...doc, directions: doc.directions.filter((d) => d.code === directionCode) } : doc;
}

// ---- views --------------------------------------------------------------------------------

export interface VersionView {
  id: string;
  programId: string;
  flow: Flow;
  directionCode: string | null;
  directionName: string | null;
  number: number;
  kind: WorkflowKind;
  status: "draft" | "approved" | "cancelled";
  basedOnId: string | null;
  decreeNumber: string | null;
  decreeDate: string | null;
  approvedAt: string | null;
  approvedByLogin: string | null;
  createdByLogin: string | null;
  createdAt: string;
  version: number;
  /** Its workflow: state and due date (none for a version registered as in force). */
  workflowId: string | null;
  state: WorkflowState | null;
}

function versionView(v: Row, instance: Row | null): VersionView {
  return {
    id: v.id,
    programId: String(v.programId),
    flow: v.flow as Flow,
    directionCode: (v.directionCode as string | null) ?? null,
    directionName: (v.directionName as string | null) ?? null,
    number: Number(v.number),
    kind: v.kind as WorkflowKind,
    status: v.status as VersionView["status"],
    basedOnId: (v.basedOnId as string | null) ?? null,
    decreeNumber: (v.decreeNumber as string | null) ?? null,
    decreeDate: (v.decreeDate as string | null) ?? null,
    approvedAt: (v.approvedAt as string | null) ?? null,
    approvedByLogin: (v.approvedByLogin as string | null) ?? null,
    createdByLogin: (v.createdByLogin as string | null) ?? null,
    createdAt: String(v.createdAt),
    version: v.version,
    workflowId: instance?.id ?? null,
    state: (instance?.state as WorkflowState | undefined) ?? null,
  };
}

/** Where a workflow stands: its state, since when, the term of the stage and whether it has passed. */
export interface WorkflowStage {
  state: WorkflowState;
  stateLabel: string;
  since: string;
  dueDate: string | null;
  dueClause: string | null;
  overdue: boolean;
}

export interface WorkflowView extends WorkflowStage {
  id: string;
  programId: string;
  programCode: string;
  programName: string;
  flow: Flow;
  kind: WorkflowKind;
  directionId: string | null;
  directionCode: string | null;
  directionName: string | null;
  discussionRequired: boolean;
  discussion: { period: { from: string; to: string }; protocol?: { date: string; number?: string | null; document?: string | null } } | null;
  /** The row version: send it back with the next step. */
  version: number;
  programVersion: VersionView;
  history: {
    seq: number;
    at: string;
    onDate: string;
    actorLogin: string | null;
    role: string;
    action: WorkflowAction;
    actionLabel: string;
    from: WorkflowState;
    to: WorkflowState;
    dueDate: string | null;
    payload: Record<string, unknown>;
  }[];
  conclusions: { id: string; stage: ReviewStage; result: "positive" | "negative"; document: string; date: string; remarks: string[]; authorLogin: string | null }[];
  /** What the caller may do now, and what each step needs. */
  actions: { action: WorkflowAction; label: string; requires: Requirement[] }[];
  legalDeadlines: ApplicableDeadline[];
}

/** The domain's instance from the stored rows (the history is not needed to take a step). */
function domainInstance(i: Row, conclusions: Record<string, unknown>[], v: Row): WorkflowInstance {
  const latest: Partial<Record<ReviewStage, ConclusionRecord>> = {};
  for (const c of conclusions) {
    latest[c.stage as ReviewStage] = {
      stage: c.stage as ReviewStage,
      result: c.result as "positive" | "negative",
      remarks: (c.remarks as string[]) ?? [],
      document: String(c.document),
      date: String(c.conclusionDate),
      userId: String(c.authorId ?? ""),
    };
  }
  return {
    id: i.id,
    flow: i.flow as Flow,
    kind: i.kind as WorkflowKind,
    discussionRequired: Boolean(i.discussionRequired),
    state: i.state as WorkflowState,
    since: String(i.since),
    dueDate: (i.dueDate as string | null) ?? null,
    dueClause: (i.dueClause as string | null) ?? null,
    ...(i.discussion ? { discussion: i.discussion as WorkflowInstance["discussion"] } : {}),
    conclusions: latest,
    ...(v.decreeNumber ? { decree: { number: String(v.decreeNumber), date: String(v.decreeDate) } } : {}),
    history: [],
  };
}

/** What the actor may do on the instance now: the table's actions, narrowed by the permissions. */
function actionsFor(actor: Actor, program: Row, i: Row, coExecutorId: string | null): WorkflowView["actions"] {
  const ctx = contextOf({ flow: i.flow as Flow, state: i.state as WorkflowState, dueClause: (i.dueClause as string | null) ?? null, discussionRequired: Boolean(i.discussionRequired) });
  return availableActions(i.flow as Flow, i.state as WorkflowState, actor.role, ctx)
    .filter((t) => authorize(actor, "update", workflowTarget(program, i.flow as Flow, coExecutorId, t.action)).allowed)
    .map((t) => ({ action: t.action, label: WORKFLOW_ACTION_LABELS[t.action].ru, requires: [...(t.requires ?? [])] }));
}

/** The stage of a workflow instance row as of today. */
function stageOf(instance: Row, today: IsoDate): WorkflowStage {
  const dueDate = (instance.dueDate as string | null) ?? null;
  return {
    state: instance.state as WorkflowState,
    stateLabel: WORKFLOW_STATE_LABELS[instance.state as WorkflowState].ru,
    since: String(instance.since),
    dueDate,
    dueClause: (instance.dueClause as string | null) ?? null,
    overdue: isOverdue({ dueDate }, today),
  };
}

async function buildView(q: Queryable, actor: Actor, instance: Row, today: IsoDate): Promise<WorkflowView> {
  const program = await ownProgram(q, actor, String(instance.programId));
  const v = await getVersion(q, String(instance.programVersionId));
  if (!v) throw new NotFoundError("Редакция программы", String(instance.programVersionId));
  const coExecutorId = await directionCoExecutorOf(q, instance);
  const transitions = await listWorkflowTransitions(q, instance.id);
  const conclusions = await listWorkflowConclusions(q, instance.id);
  return {
    id: instance.id,
    programId: program.id,
    programCode: String(program.code),
    programName: String(program.name),
    flow: instance.flow as Flow,
    kind: instance.kind as WorkflowKind,
    directionId: (instance.directionId as string | null) ?? null,
    directionCode: (v.directionCode as string | null) ?? null,
    directionName: (v.directionName as string | null) ?? null,
    discussionRequired: Boolean(instance.discussionRequired),
    ...stageOf(instance, today),
    discussion: (instance.discussion as WorkflowView["discussion"]) ?? null,
    version: instance.version,
    programVersion: versionView(v, instance),
    history: transitions.map((t) => ({
      seq: Number(t.seq),
      at: String(t.at),
      onDate: String(t.onDate),
      actorLogin: (t.actorLogin as string | null) ?? null,
      role: String(t.role),
      action: t.action as WorkflowAction,
      actionLabel: WORKFLOW_ACTION_LABELS[t.action as WorkflowAction]?.ru ?? String(t.action),
      from: t.fromState as WorkflowState,
      to: t.toState as WorkflowState,
      dueDate: (t.dueDate as string | null) ?? null,
      payload: (t.payload as Record<string, unknown>) ?? {},
    })),
    conclusions: conclusions.map((c) => ({
      id: c.id,
      stage: c.stage as ReviewStage,
      result: c.result as "positive" | "negative",
      document: String(c.document),
      date: String(c.conclusionDate),
      remarks: (c.remarks as string[]) ?? [],
      authorLogin: (c.authorLogin as string | null) ?? null,
    })),
    actions: actionsFor(actor, program, instance, coExecutorId),
    legalDeadlines: applicableLegalDeadlines(instance.flow as Flow, instance.kind as WorkflowKind, today),
  };
}

async function loadInstance(q: Queryable, actor: Actor, id: string, lock = false): Promise<Row> {
  const i = await getInstance(q, id, lock);
  if (!i || i.municipalityId !== actor.municipalityId) throw new NotFoundError("Процесс согласования", id);
  return i;
}

// ---- versions of a program ---------------------------------------------------------------------

export interface ProgramVersions {
  programId: string;
  /** The number of the version in force (the last approved one), if any. */
  inForce: number | null;
  versions: VersionView[];
}

export async function programVersions(ctx: AppContext, caller: Caller, programId: string): Promise<ProgramVersions> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const versions: VersionView[] = [];
  for (const v of await listVersions(q, programId)) versions.push(versionView(v, await instanceOfVersion(q, v.id)));
  const inForce = versions.find((v) => v.flow === "program" && v.status === "approved");
  return { programId, inForce: inForce?.number ?? null, versions };
}

export async function getProgramVersion(ctx: AppContext, caller: Caller, versionId: string): Promise<VersionView & { document: ProgramDocument | null; live: boolean }> {
  const q = ctx.db;
  const v = await getVersion(q, versionId);
  if (!v || v.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("Редакция программы", versionId);
  const program = await ownProgram(q, caller.actor, String(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow as Flow, null));
  const live = v.status === "draft";
  const document = live ? await liveDocument(q, program.id, v.flow as Flow, (v.directionCode as string | null) ?? null) : ((v.document as ProgramDocument | null) ?? null);
  return { ...versionView(v, await instanceOfVersion(q, v.id)), document, live };
}

async function start(
  q: Queryable,
  ctx: AppContext,
  caller: Caller,
  program: Row,
  flow: Flow,
  direction: Row | null,
  discussionRequired: boolean,
): Promise<WorkflowView> {
  const { actor } = caller;
  const today = await todayOf(q, ctx, actor.municipalityId);
  const directionCode = direction ? String(direction.code) : null;
  const base = await lastApprovedVersion(q, program.id, flow, directionCode);
  const kind: WorkflowKind = base ? "amendment" : "program";
  const drafts = (await listVersions(q, program.id, { flow, directionCode })).filter((v) => v.status === "draft");
  if (drafts.length > 0) {
    throw new ConflictError(`Уже есть проект (редакция ${drafts[0]!.number}): доведите его до утверждения или отзовите`, versionView(drafts[0]!, await instanceOfVersion(q, drafts[0]!.id)));
  }
  const v = await insertVersion(q, {
    municipalityId: actor.municipalityId,
    programId: program.id,
    flow,
    directionCode,
    directionName: direction ? String(direction.name) : null,
    kind,
    basedOnId: base?.id ?? null,
    createdBy: actor.userId,
    createdByLogin: actor.login,
  });
  const instance = await insertInstance(q, {
    municipalityId: actor.municipalityId,
    programId: program.id,
    programVersionId: v.id,
    flow,
    kind,
    directionId: direction?.id ?? null,
    // 4.5: a new program always; an amendment only when it sets the list of territories to improve
    discussionRequired: flow === "program" && (kind === "program" || discussionRequired),
    state: "draft",
    since: today,
    createdBy: actor.userId,
  });
  if (flow === "program") await setProgramStatus(q, program.id, "draft");
  await audit(q, caller, {
    action: "workflow.start",
    objectType: "workflowInstance",
    objectId: instance.id,
    after: { programId: program.id, programVersionId: v.id, number: v.number, flow, kind, directionCode, state: "draft", basedOn: base?.number ?? null },
  });
  return buildView(q, actor, instance, today);
}

/** Starts the draft of a new program, or of an amendment from the last approved version. */
export async function startProgramDraft(ctx: AppContext, caller: Caller, programId: string, input: { discussionRequired?: boolean } = {}): Promise<WorkflowView> {
  return ctx.db.tx(async (q) => {
    const program = await ownProgram(q, caller.actor, programId);
    ensure(caller.actor, "create", workflowTarget(program, "program", null));
    return start(q, ctx, caller, program, "program", null, input.discussionRequired === true);
  });
}

/** Starts the co-executor's order approving a direction (or changes to it). */
export async function startDirectionOrder(ctx: AppContext, caller: Caller, directionId: string): Promise<WorkflowView> {
  return ctx.db.tx(async (q) => {
    const direction = await getRow(q, resource("direction"), directionId);
    if (!direction || direction.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("Направление", directionId);
    const program = await ownProgram(q, caller.actor, String(direction.programId));
    ensure(caller.actor, "create", workflowTarget(program, "directionOrder", (direction.coExecutorDepartmentId as string | null) ?? null));
    return start(q, ctx, caller, program, "directionOrder", direction, false);
  });
}

/**
 * Records the version already in force of a program approved before it was kept here: a
 * snapshot of its rows as approved by the given decree. Only for a program with no versions.
 */
export async function registerVersionInForce(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  input: { decreeNumber: string; decreeDate: string },
): Promise<VersionView> {
  return ctx.db.tx(async (q) => {
    const { actor } = caller;
    const program = await ownProgram(q, actor, programId);
    ensure(actor, "create", workflowTarget(program, "program", null, "register"));
    const today = await todayOf(q, ctx, actor.municipalityId);
    const issues = [];
    if (isBlankText(input.decreeNumber)) issues.push({ path: "decreeNumber", message: "Укажите номер постановления" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.decreeDate) || input.decreeDate > today) {
      issues.push({ path: "decreeDate", message: "Дата постановления — ГГГГ-ММ-ДД, не позднее сегодняшнего дня" });
    }
    if (issues.length) throw new ValidationError(issues);
    if ((await listVersions(q, programId, { flow: "program" })).length > 0) {
      throw new ConflictError("У программы уже есть редакции: действующая редакция меняется только утверждением изменений");
    }
    const document = await liveDocument(q, programId, "program", null);
    const v = await insertVersion(q, {
      municipalityId: actor.municipalityId,
      programId,
      flow: "program",
      directionCode: null,
      directionName: null,
      kind: "program",
      basedOnId: null,
      createdBy: actor.userId,
      createdByLogin: actor.login,
      approved: {
        document,
        decreeNumber: trimText(input.decreeNumber),
        decreeDate: input.decreeDate,
        approvedAt: ctx.now().toISOString(),
        approvedBy: actor.userId,
        approvedByLogin: actor.login,
      },
    });
    await setProgramStatus(q, programId, "approved");
    await audit(q, caller, {
      action: "programVersion.register",
      objectType: "programVersion",
      objectId: v.id,
      after: { programId, number: v.number, decreeNumber: v.decreeNumber, decreeDate: v.decreeDate },
    });
    return versionView(v, null);
  });
}

// ---- steps ------------------------------------------------------------------------------------

export interface StepInput {
  /** The instance's version the client read. */
  version: number;
  action: WorkflowAction;
  input?: TransitionInput;
}

/**
 * Before an amendment goes to review (and again when it is approved): the rules of change on the
 * whole draft against the version in force (3.1.4, 3.1.6, 4.16, 6.16); before review also the
 * note: every change needs its reason (4.7.1).
 */
async function checkAmendmentDraft(q: Queryable, program: Row, v: Row, today: IsoDate, withReasons: boolean): Promise<void> {
  if (v.kind !== "amendment" || !v.basedOnId) return;
  const base = await getVersion(q, String(v.basedOnId));
  if (!base?.document) return;
  const flow = v.flow as Flow;
  const draft = await liveDocument(q, program.id, flow, (v.directionCode as string | null) ?? null);
  const approved = base.document as ProgramDocument;
  const ruleError = amendmentError(approved, draft, today, await lockedYearsOf(q, program.id));
  if (ruleError) throw ruleError;
  if (!withReasons) return;
  const changes = diffPrograms(approved, draft);
  if (changes.length === 0) {
    throw new ValidationError([{ path: "changes", message: "В проекте изменений нет ни одного изменения по сравнению с действующей редакцией" }]);
  }
  const reasons = (v.reasons as Record<string, string>) ?? {};
  const note = explanatoryNote(changes, reasons, await noteMeta(q, program, base, v));
  if (note.missingReasons.length > 0) {
    throw new ValidationError(
      note.missingReasons.map((path) => ({
        path: `reasons.${path}`,
        message: `Не указана причина изменения (пояснительная записка, 220-п п. 4.7.1): ${changes.find((c) => c.path === path)?.label ?? path}`,
        messageEn: `No reason given for the change ${path} (220-п 4.7.1)`,
      })),
      `Пояснительная записка: не указаны причины ${note.missingReasons.length} изменений (220-п, п. 4.7.1)`,
    );
  }
}

/** Takes a step of the workflow: checks who, when and what it needs, records it, audits it. */
export async function takeWorkflowStep(ctx: AppContext, caller: Caller, instanceId: string, step: StepInput): Promise<WorkflowView> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const i = await loadInstance(q, actor, instanceId, true);
    const program = await ownProgram(q, actor, String(i.programId));
    const coExecutorId = await directionCoExecutorOf(q, i);
    ensure(actor, "update", workflowTarget(program, i.flow as Flow, coExecutorId, step.action));
    const today = await todayOf(q, ctx, actor.municipalityId);
    if (i.version !== step.version) {
      throw new ConflictError(
        `Процесс согласования изменен другим пользователем (версия ${i.version}, у вас ${step.version}): сейчас «${WORKFLOW_STATE_LABELS[i.state as WorkflowState].ru}». Обновите данные.`,
        await buildView(q, actor, i, today),
      );
    }
    const v = (await getVersion(q, String(i.programVersionId), true))!;
    const conclusions = await listWorkflowConclusions(q, i.id);
    const input: TransitionInput = step.input ?? {};
    const r = applyTransition(domainInstance(i, conclusions, v), step.action, { role: actor.role, userId: actor.userId }, input, today, workingDaysAdder(await calendarOf(q, actor.municipalityId)));
    if (!r.ok) {
      if (r.error.code === "forbidden") throw new ForbiddenError(r.error.message);
      if (r.error.code === "missingInput") throw new ValidationError([{ path: "input", message: r.error.message, messageEn: r.error.messageEn }], r.error.message);
      throw new ConflictError(r.error.message, await buildView(q, actor, i, today));
    }
    const next = r.instance;
    const entry = next.history[next.history.length - 1]!;
    if (step.action === "submit" || step.action === "resubmit") await checkAmendmentDraft(q, program, v, today, true);
    if (step.action === "approve") await checkAmendmentDraft(q, program, v, today, false);
    // an amendment is a working copy: withdrawn, its changes go and the version in force is the
    // program's content again (the facts entered meanwhile stay) — done while the draft is still
    // with its preparer, so the rows may change
    if (step.action === "cancel" && v.flow === "program" && v.kind === "amendment" && v.basedOnId) {
      const base = await getVersion(q, String(v.basedOnId));
      if (base?.document) {
        const live = await liveDocument(q, program.id, "program", null);
        const restored = await restoreProgramContent(q, ctx, restoring(caller), program.id, withRecordOf(base.document as ProgramDocument, live));
        if (restored > 0) {
          await audit(q, caller, { action: "programVersion.restore", objectType: "programVersion", objectId: v.id, after: { restoredFrom: base.number, rows: restored } });
        }
      }
    }

    const payload: Record<string, unknown> = {};
    if (entry.period) payload.period = entry.period;
    if (entry.protocol) payload.protocol = entry.protocol;
    if (entry.decree) payload.decree = entry.decree;
    if (entry.remarks) payload.remarks = entry.remarks;
    if (entry.conclusion) {
      payload.conclusion = { stage: entry.conclusion.stage, result: entry.conclusion.result, document: entry.conclusion.document, date: entry.conclusion.date };
      if (entry.conclusion.remarks.length > 0) payload.remarks = entry.conclusion.remarks;
    }
    const updated = await updateInstance(q, i.id, i.version, {
      state: next.state,
      since: next.since,
      dueDate: next.dueDate,
      dueClause: next.dueClause,
      discussion: next.discussion ?? null,
    });
    if (!updated) throw new ConflictError("Процесс согласования изменен другим пользователем. Обновите данные.");
    const t = await insertWorkflowTransition(q, {
      municipalityId: actor.municipalityId,
      instanceId: i.id,
      onDate: today,
      at: ctx.now().toISOString(),
      actorId: actor.userId,
      actorLogin: actor.login,
      role: actor.role,
      action: step.action,
      fromState: String(i.state),
      toState: next.state,
      dueDate: next.dueDate,
      payload,
      requestId: caller.requestId,
    });
    if (entry.conclusion) {
      await insertWorkflowConclusion(q, {
        municipalityId: actor.municipalityId,
        instanceId: i.id,
        transitionId: t.id,
        stage: entry.conclusion.stage,
        result: entry.conclusion.result,
        document: entry.conclusion.document,
        conclusionDate: entry.conclusion.date,
        remarks: entry.conclusion.remarks,
        authorId: actor.userId,
        authorLogin: actor.login,
      });
    }
    const flow = i.flow as Flow;
    const directionCode = (v.directionCode as string | null) ?? null;
    if (step.action === "approve") {
      const document = await liveDocument(q, program.id, flow, directionCode);
      const approved = await approveVersion(q, v.id, {
        document,
        decreeNumber: next.decree!.number,
        decreeDate: next.decree!.date,
        approvedAt: ctx.now().toISOString(),
        approvedBy: actor.userId,
        approvedByLogin: actor.login,
      });
      await audit(q, caller, {
        action: "programVersion.approve",
        objectType: "programVersion",
        objectId: v.id,
        before: { status: v.status },
        after: { status: approved.status, number: approved.number, flow, directionCode, decreeNumber: approved.decreeNumber, decreeDate: approved.decreeDate },
      });
    }
    if (step.action === "cancel") await cancelVersion(q, v.id);
    if (flow === "program") {
      const status =
        next.state === "cancelled" ? ((await hasApprovedVersion(q, program.id)) ? "approved" : "draft") : statusOfState(next.state);
      await setProgramStatus(q, program.id, status);
    }
    await audit(q, caller, {
      action: `workflow.${step.action}`,
      objectType: "workflowInstance",
      objectId: i.id,
      before: { state: i.state, version: i.version },
      after: { state: next.state, version: updated.version, programId: program.id, programVersionId: v.id, dueDate: next.dueDate, ...payload },
    });
    return buildView(q, actor, updated, today);
  });
}

export async function getWorkflow(ctx: AppContext, caller: Caller, instanceId: string): Promise<WorkflowView> {
  const q = ctx.db;
  const i = await loadInstance(q, caller.actor, instanceId);
  const program = await ownProgram(q, caller.actor, String(i.programId));
  ensure(caller.actor, "read", workflowTarget(program, i.flow as Flow, await directionCoExecutorOf(q, i)));
  return buildView(q, caller.actor, i, await todayOf(q, ctx, caller.actor.municipalityId));
}

// ---- queues -------------------------------------------------------------------------------------

export interface QueueEntry extends WorkflowStage {
  workflowId: string;
  programId: string;
  programCode: string;
  programName: string;
  flow: Flow;
  kind: WorkflowKind;
  directionCode: string | null;
  versionNumber: number;
  actions: WorkflowAction[];
  version: number;
}

/**
 * What waits for the caller: every open draft where they may take a step now (a reviewer's
 * reviews, an executor's drafts and reworks, the head's approvals), soonest due first; with the
 * legal dates of the year that apply.
 */
export async function workflowQueue(ctx: AppContext, caller: Caller): Promise<{ today: string; items: QueueEntry[]; legalDeadlines: ApplicableDeadline[] }> {
  const { actor } = caller;
  const q = ctx.db;
  ensure(actor, "read", { area: "workflow", municipalityId: actor.municipalityId, flow: "program", responsibleDepartmentId: null, directionCoExecutorId: null });
  const today = await todayOf(q, ctx, actor.municipalityId);
  const items: QueueEntry[] = [];
  for (const i of await listInstances(q, { municipalityId: actor.municipalityId, openOnly: true })) {
    const program = { municipalityId: i.municipalityId, responsibleDepartmentId: i.responsibleDepartmentId } as unknown as Row;
    const actions = actionsFor(actor, program, i, (i.coExecutorDepartmentId as string | null) ?? null).map((a) => a.action);
    if (actions.length === 0) continue;
    items.push({
      workflowId: i.id,
      programId: String(i.programId),
      programCode: String(i.programCode),
      programName: String(i.programName),
      flow: i.flow as Flow,
      kind: i.kind as WorkflowKind,
      directionCode: (i.directionCode as string | null) ?? null,
      versionNumber: Number(i.versionNumber),
      ...stageOf(i, today),
      actions,
      version: i.version,
    });
  }
  items.sort((a, b) => (a.dueDate ?? "9999") .localeCompare(b.dueDate ?? "9999") || a.programCode.localeCompare(b.programCode));
  const legal = [...applicableLegalDeadlines("program", "program", today), ...applicableLegalDeadlines("program", "amendment", today)];
  const seen = new Set<string>();
  return { today, items, legalDeadlines: legal.filter((d) => (seen.has(d.key) ? false : (seen.add(d.key), true))) };
}

/** The workflows of one program (open and past), newest first. */
export async function programWorkflows(ctx: AppContext, caller: Caller, programId: string): Promise<WorkflowView[]> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const today = await todayOf(q, ctx, caller.actor.municipalityId);
  const rows = await listInstances(q, { municipalityId: caller.actor.municipalityId, programId });
  const views: WorkflowView[] = [];
  for (const r of rows.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))) views.push(await buildView(q, caller.actor, r, today));
  return views;
}

// ---- diff and note ------------------------------------------------------------------------------

export interface VersionRef {
  versionId: string | null;
  number: number | null;
  /** e.g. "редакция 2 (постановление № 123-п от 26.03.2026)", "текущий проект". */
  label: string;
}

export interface VersionDiff {
  from: VersionRef;
  to: VersionRef;
  changes: Change[];
  summary: DiffSummary;
}

function refLabel(v: Row | null): string {
  if (!v) return "текущие данные программы";
  if (v.status === "approved") return `редакция ${v.number} (постановление № ${v.decreeNumber} от ${String(v.decreeDate).split("-").reverse().join(".")})`;
  if (v.status === "draft") return `проект редакции ${v.number}`;
  return `отозванный проект редакции ${v.number}`;
}

/** A version's document: the snapshot of an approved or withdrawn one, the live rows of a draft. */
async function documentOf(q: Queryable, programId: string, v: Row | null): Promise<ProgramDocument> {
  if (!v) return liveDocument(q, programId, "program", null);
  if (v.status === "draft") return liveDocument(q, programId, v.flow as Flow, (v.directionCode as string | null) ?? null);
  if (!v.document) throw new ConflictError(`У редакции ${v.number} нет сохраненного текста`);
  return v.document as ProgramDocument;
}

async function versionOf(q: Queryable, actor: Actor, programId: string, id: string): Promise<Row> {
  const v = await getVersion(q, id);
  if (!v || v.municipalityId !== actor.municipalityId || v.programId !== programId) throw new NotFoundError("Редакция программы", id);
  return v;
}

/**
 * The difference between two versions of a program: `from` defaults to the version in force,
 * `to` to the current data (the live rows, i.e. the draft). "current" names the live rows.
 */
export async function diffProgramVersions(ctx: AppContext, caller: Caller, programId: string, opts: { from?: string; to?: string } = {}): Promise<VersionDiff> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const pick = async (id: string | undefined, dflt: "inForce" | "current"): Promise<Row | null> => {
    if (id === "current" || (id === undefined && dflt === "current")) return null;
    if (id === undefined) {
      const v = await lastApprovedVersion(q, programId);
      if (!v) throw new ValidationError([{ path: "from", message: "У программы нет утвержденной редакции: укажите, с какой редакцией сравнивать" }]);
      return v;
    }
    return versionOf(q, caller.actor, programId, id);
  };
  const a = await pick(opts.from, "inForce");
  const b = await pick(opts.to, "current");
  const changes = diffPrograms(await documentOf(q, programId, a), await documentOf(q, programId, b));
  const ref = (v: Row | null): VersionRef => ({ versionId: v?.id ?? null, number: v ? Number(v.number) : null, label: refLabel(v) });
  return { from: ref(a), to: ref(b), changes, summary: diffSummary(changes) };
}

export interface NoteView {
  versionId: string;
  number: number;
  status: string;
  /** The version of the row: send it back when saving. */
  version: number;
  kind: WorkflowKind;
  /** The note made from the diff and the reasons. */
  generated: ExplanatoryNote;
  /** The text as edited by its author, or the generated one. */
  text: string;
  edited: boolean;
  reasons: Record<string, string>;
  changes: Change[];
  /** May the caller edit it now (a draft with its preparer)? */
  editable: boolean;
}

async function noteView(q: Queryable, actor: Actor, v: Row): Promise<NoteView> {
  const program = await ownProgram(q, actor, String(v.programId));
  const reasons = (v.reasons as Record<string, string>) ?? {};
  const draft = await documentOf(q, program.id, v);
  const base = v.basedOnId ? await getVersion(q, String(v.basedOnId)) : null;
  let changes: Change[] = [];
  let generated: ExplanatoryNote;
  if (base?.document) {
    changes = diffPrograms(base.document as ProgramDocument, draft);
    generated = explanatoryNote(changes, reasons, await noteMeta(q, program, base, v));
  } else {
    generated = newProgramNote(draft, { moneyUnit: await moneyUnitOf(q, String(program.municipalityId)) });
  }
  const instance = await instanceOfVersion(q, v.id);
  const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
  const editable =
    v.status === "draft" &&
    (!instance || isWithPreparer(instance.state as WorkflowState) || instance.state === "discussion") &&
    authorize(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note")).allowed;
  return {
    versionId: v.id,
    number: Number(v.number),
    status: String(v.status),
    version: v.version,
    kind: v.kind as WorkflowKind,
    generated,
    text: (v.noteText as string | null) ?? noteToText(generated),
    edited: v.noteText !== null && v.noteText !== undefined,
    reasons,
    changes,
    editable,
  };
}

async function loadVersion(q: Queryable, actor: Actor, versionId: string, lock = false): Promise<Row> {
  const v = await getVersion(q, versionId, lock);
  if (!v || v.municipalityId !== actor.municipalityId) throw new NotFoundError("Редакция программы", versionId);
  return v;
}

export async function versionNote(ctx: AppContext, caller: Caller, versionId: string): Promise<NoteView> {
  const v = await loadVersion(ctx.db, caller.actor, versionId);
  const program = await ownProgram(ctx.db, caller.actor, String(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow as Flow, null));
  return noteView(ctx.db, caller.actor, v);
}

/** Saves the reasons of the changes and (or) the edited text of the note of a draft. */
export async function saveVersionNote(
  ctx: AppContext,
  caller: Caller,
  versionId: string,
  input: { version: number; reasons?: Record<string, string>; text?: string | null },
): Promise<NoteView> {
  const { actor } = caller;
  const issues = [];
  for (const [path, reason] of Object.entries(input.reasons ?? {})) {
    if (path.length > 1000) issues.push({ path: `reasons`, message: "Слишком длинный путь изменения" });
    if (reason.length > 4000) issues.push({ path: `reasons.${path}`, message: "Причина — не длиннее 4000 знаков" });
  }
  if (input.text !== undefined && input.text !== null && input.text.length > 200_000) issues.push({ path: "text", message: "Текст записки — не длиннее 200 000 знаков" });
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    const v = await loadVersion(q, actor, versionId, true);
    const program = await ownProgram(q, actor, String(v.programId));
    const instance = await instanceOfVersion(q, v.id);
    const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
    ensure(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note"));
    if (v.status !== "draft") {
      throw new RuleError("Утвержденная (или отозванная) редакция не изменяется, в том числе ее пояснительная записка (220-п, пп. 4.4, 4.14)", "220-п 4.14");
    }
    if (v.version !== input.version) {
      throw new ConflictError(`Пояснительная записка изменена другим пользователем (версия ${v.version}, у вас ${input.version}). Обновите данные.`, await noteView(q, actor, v));
    }
    if (instance && !(isWithPreparer(instance.state as WorkflowState) || instance.state === "discussion")) {
      throw new ConflictError(`Проект на этапе «${WORKFLOW_STATE_LABELS[instance.state as WorkflowState].ru}»: записку можно менять, пока проект у разработчика`);
    }
    const reasons = input.reasons === undefined ? undefined : Object.fromEntries(Object.entries(input.reasons).filter(([, r]) => r.trim() !== "").map(([p, r]) => [p, r.trim()]));
    const text = input.text === undefined ? undefined : input.text === null || input.text.trim() === "" ? null : input.text;
    const updated = await updateDraftNote(q, v.id, v.version, { ...(reasons !== undefined ? { reasons } : {}), ...(text !== undefined ? { noteText: text } : {}) });
    if (!updated) throw new ConflictError("Пояснительная записка изменена другим пользователем. Обновите данные.", await noteView(q, actor, v));
    await audit(q, caller, {
      action: "programVersion.note",
      objectType: "programVersion",
      objectId: v.id,
      before: { reasons: v.reasons, noteText: v.noteText ?? null },
      after: { reasons: updated.reasons, noteText: updated.noteText ?? null },
    });
    return noteView(q, actor, updated);
  });
}

/** The note as a plain text file. */
export async function exportVersionNote(ctx: AppContext, caller: Caller, versionId: string): Promise<{ filename: string; text: string }> {
  const note = await versionNote(ctx, caller, versionId);
  const v = await getVersion(ctx.db, versionId);
  const program = await getRow(ctx.db, resource("program"), String(v!.programId));
  const code = String(program?.code ?? "program").replace(/[^\p{L}\p{N}_-]+/gu, "_");
  return { filename: `Пояснительная записка ${code} ред. ${note.number}.txt`, text: note.text };
}
