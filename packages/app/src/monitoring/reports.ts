/**
 * The report of a program for a period as the caller sees it (state, directions, transitions,
 * deadlines, what they may do), the list of reports and of period locks.
 */
import { namesByLogin } from "../admin.ts";
import {
  getSubmission,
  listDirectionSubmissions,
  listPeriodLocks,
  listRows,
  listSubmissions,
  listTransitions,
  monitoringFacts,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  DIRECTION_REPORT_STATE_LABELS,
  PROGRAM_REPORT_STATE_LABELS,
  SUBMISSION_ACTIONS,
  SUBMISSION_ACTION_LABELS,
  authorize,
  periodLabel,
  planSubmission,
  programDeadlines,
  resource,
  stepOf,
  type Actor,
  type DirectionReportState,
  type ProgramReportState,
  type ReportPeriod,
  type SubmissionAction,
} from "@orientir/domain";
import type { PeriodLock, ReportListItem, ReportView } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { monitoringSetup, localDate } from "./setup.ts";
import { readMonitoring, loadProgram, checkYear, checkPeriod } from "./shared.ts";
import { programFactsOf } from "./deadlines.ts";

export const DIRECTION_ACTIONS: SubmissionAction[] = ["submitDirection", "acceptDirection", "returnDirection"];
const PROGRAM_ACTIONS: SubmissionAction[] = SUBMISSION_ACTIONS.filter((a) => !DIRECTION_ACTIONS.includes(a));

/** The actions the actor may take now: open in the state machine and allowed by the permissions. */
export function actionsFor(
  actor: Actor,
  period: ReportPeriod,
  programState: ProgramReportState,
  responsibleDepartmentId: string,
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
      area: "monitoring",
      municipalityId: actor.municipalityId,
      step: stepOf(action, period, programState),
      responsibleDepartmentId,
      directionCoExecutorId: direction?.coExecutorDepartmentId ?? null,
    }).allowed;
    if (allowed) out.push(action);
  }
  return out;
}

export async function reportView(
  q: Queryable,
  ctx: AppContext,
  actor: Actor,
  program: Row,
  year: number,
  period: ReportPeriod,
): Promise<ReportView> {
  const [sub, directions, locks, setup] = await Promise.all([
    getSubmission(q, program.id, year, period),
    listRows(q, resource("direction"), { municipalityId: actor.municipalityId, where: { programId: program.id } }),
    listPeriodLocks(q, { municipalityId: actor.municipalityId, programId: program.id }),
    monitoringSetup(q, actor.municipalityId),
  ]);
  const dirSubs = sub ? await listDirectionSubmissions(q, sub.id) : [];
  const transitions = sub ? await listTransitions(q, sub.id) : [];
  const nameOf = await namesByLogin(q, actor.municipalityId);
  const state = sub?.state ?? "open";
  const byDir = new Map(dirSubs.map((d) => [String(d.directionId), d]));
  const dirStates = directions.map((d) => byDir.get(d.id)?.state ?? "draft");
  const lock = locks.find((l) => Number(l.year) === year && l.period === period);
  const facts = await monitoringFacts(q, actor.municipalityId, [year], program.id);
  const today = localDate(ctx.now(), setup.timezone);
  const deadlines = programDeadlines(programFactsOf(facts, setup.timezone)[0]!, setup.rules, setup.calendar, year, today).items.filter(
    (i) => i.period === period,
  );
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
    locked: lock ? { lockedAt: String(lock.lockedAt), lockedBy: lock.lockedBy ?? null } : null,
    actions: actionsFor(actor, period, state, String(program.responsibleDepartmentId), null, dirStates),
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
        actions: actionsFor(
          actor,
          period,
          state,
          String(program.responsibleDepartmentId),
          { state: dState, coExecutorDepartmentId: String(d.coExecutorDepartmentId) },
          dirStates,
        ),
      };
    }),
    transitions: transitions.map((t) => ({
      id: String(t.id),
      action: String(t.action),
      actionLabel: SUBMISSION_ACTION_LABELS[t.action as SubmissionAction]?.ru ?? String(t.action),
      directionId: t.directionId ?? null,
      fromState: String(t.fromState),
      toState: String(t.toState),
      actorLogin: t.actorLogin ?? null,
      actorName: nameOf(t.actorLogin),
      comment: t.comment ?? null,
      at: String(t.at),
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

export async function listReports(ctx: AppContext, caller: Caller, f: { programId?: string; year?: number }): Promise<ReportListItem[]> {
  readMonitoring(caller.actor);
  const rows = await listSubmissions(ctx.db, caller.actor.municipalityId, f);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    programId: r.programId,
    programCode: r.programCode,
    programName: r.programName,
    year: r.year,
    period: r.period,
    title: `${r.programCode}: ${periodLabel(r.year, r.period)}`,
    state: r.state,
    stateLabel: PROGRAM_REPORT_STATE_LABELS[r.state]?.ru ?? r.state,
    submittedAt: r.submittedAt,
    controlledAt: r.controlledAt,
    economyConclusion: r.economyConclusion,
  }));
}

export async function listLocks(ctx: AppContext, caller: Caller, programId?: string): Promise<PeriodLock[]> {
  readMonitoring(caller.actor);
  if (programId) await loadProgram(ctx.db, caller.actor, programId);
  return (await listPeriodLocks(ctx.db, { municipalityId: caller.actor.municipalityId, programId })).map((l) => ({
    id: l.id,
    municipalityId: l.municipalityId,
    programId: l.programId,
    year: l.year,
    period: l.period,
    submissionId: l.submissionId,
    lockedBy: l.lockedBy,
    lockedAt: l.lockedAt,
    title: periodLabel(l.year, l.period),
    rule: "220-п п. 6.16",
    version: 1,
  }));
}
