/**
 * A step of a report's cycle (220-п 6.12, 6.16): the decree's checks, the transition, the period
 * lock, the notifications and the audit entry.
 */
import {
  ensureDirectionSubmission,
  ensureSubmission,
  getRow,
  getUser,
  indicatorPlanFactRows,
  insertNotification,
  insertPeriodLock,
  insertTransition,
  listDirectionSubmissions,
  listRows,
  membersOfMunicipality,
  metricPlanFactRows,
  updateDirectionSubmission,
  updateSubmission,
  type Queryable,
  type Recipient,
  type Row,
} from "@orientir/db";
import {
  RuleError,
  SUBMISSION_ACTIONS,
  SUBMISSION_ACTION_LABELS,
  ValidationError,
  ensure,
  missingJustifications,
  periodLabel,
  periodLastMonth,
  planSubmission,
  resource,
  stepOf,
  type Actor,
  type DirectionReportState,
  type FieldIssue,
  type PlanFactItem,
  type ReportPeriod,
  type SubmissionAction,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { metricPlansInForce } from "../content.ts";
import { nowIso, loadProgram, checkYear, checkPeriod } from "./shared.ts";
import type { ReportView } from "@orientir/contracts";
import { DIRECTION_ACTIONS, reportView } from "./reports.ts";

/** The values the report covers that fall short of plan without a justification (220-п 6.12.1, 6.12.2). */
async function justificationIssues(
  q: Queryable,
  actor: Actor,
  programId: string,
  year: number,
  period: ReportPeriod,
  directionId: string | null,
): Promise<FieldIssue[]> {
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
      trend: r.trend,
      plan,
      fact: r.fact,
      justification: r.justification,
      kind: "metric",
    });
  }
  if (period === "annual" && directionId === null) {
    for (const r of await indicatorPlanFactRows(q, programId, year)) {
      items.push({
        path: `programIndicatorValue.${r.rowId}.justification`,
        what: `Индикатор «${r.name}» за ${year} год`,
        trend: r.trend,
        plan: r.plan,
        fact: r.fact,
        justification: r.justification,
        kind: "indicator",
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
export async function reportTransition(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  year: number,
  periodIn: string,
  input: TransitionInput,
): Promise<ReportView> {
  const { actor } = caller;
  const period = checkPeriod(periodIn);
  const action = input.action as SubmissionAction;
  if (!(SUBMISSION_ACTIONS as readonly string[]).includes(action)) {
    throw new ValidationError([
      { path: "action", message: `Действие: одно из ${SUBMISSION_ACTIONS.join(", ")}`, messageEn: "Unknown action" },
    ]);
  }
  const isDirection = DIRECTION_ACTIONS.includes(action);
  return ctx.db.tx(async (q) => {
    const program = await loadProgram(q, actor, programId);
    checkYear(program, year);
    const sub = await ensureSubmission(q, { municipalityId: actor.municipalityId, programId: program.id, year, period });
    const programState = sub.state;
    let direction: Row | null = null;
    let dirSub: Row | null = null;
    if (isDirection) {
      if (!input.directionId)
        throw new ValidationError([{ path: "directionId", message: "Укажите направление", messageEn: "directionId is required" }]);
      direction = await getRow(q, resource("direction"), input.directionId);
      if (!direction || direction.programId !== program.id) {
        throw new ValidationError([
          { path: "directionId", message: "Направление этой программы не найдено", messageEn: "No such direction in the program" },
        ]);
      }
    }
    // who may take the step is decided before whether the state allows it
    ensure(actor, "update", {
      area: "monitoring",
      municipalityId: actor.municipalityId,
      step: stepOf(action, period, programState),
      responsibleDepartmentId: String(program.responsibleDepartmentId),
      directionCoExecutorId: direction ? String(direction.coExecutorDepartmentId) : null,
    });
    const directions = await listRows(q, resource("direction"), { municipalityId: actor.municipalityId, where: { programId: program.id } });
    const dirSubs = new Map((await listDirectionSubmissions(q, sub.id)).map((d) => [String(d.directionId), d]));
    if (direction)
      dirSub = await ensureDirectionSubmission(q, {
        municipalityId: actor.municipalityId,
        programId: program.id,
        directionId: direction.id,
        submissionId: sub.id,
      });
    const outcome = planSubmission({
      action,
      period,
      programState,
      directionState: dirSub ? (dirSub.state as DirectionReportState) : undefined,
      directionStates: directions.map((d) => dirSubs.get(d.id)?.state ?? "draft"),
      comment: input.comment,
      conclusion: input.conclusion,
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
      municipalityId: actor.municipalityId,
      programId: program.id,
      submissionId: sub.id,
      directionId: direction?.id ?? null,
      action,
      fromState: isDirection ? String(dirSub!.state) : programState,
      toState: isDirection ? outcome.directionState! : outcome.programState,
      actorId: actor.userId,
      actorLogin: actor.login,
      comment: comment ?? (input.conclusion?.trim() || null),
      at: now,
    });
    // null when the period was already locked: the audit entry says whether this step locked it
    let locked = false;
    if (outcome.locks) {
      locked = !!(await insertPeriodLock(q, {
        municipalityId: actor.municipalityId,
        programId: program.id,
        year,
        period,
        submissionId: sub.id,
        lockedBy: actor.userId,
        at: now,
      }));
    }
    await notifyStep(q, actor, program, direction, year, period, action, comment ?? (input.conclusion?.trim() || null), now);
    await audit(q, caller, {
      action: `report.${action}`,
      objectType: "reportSubmission",
      objectId: sub.id,
      before: { state: programState, directionId: direction?.id ?? null, directionState: dirSub?.state ?? null },
      after: {
        state: updated.state,
        directionState: outcome.directionState ?? null,
        comment,
        conclusion: input.conclusion ?? null,
        locked,
        year,
        period,
      },
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
  const coExecutorOf = (m: Recipient) =>
    (m.role === "coexecutor" || m.role === "executor") && direction !== null && m.departmentId === direction.coExecutorDepartmentId;
  const who: Record<SubmissionAction, (m: Recipient) => boolean> = {
    submitDirection: executorOf,
    acceptDirection: coExecutorOf,
    returnDirection: coExecutorOf,
    compile: () => false,
    submit: (m) => m.role === (period === "annual" ? "finance" : "economy"),
    return: executorOf,
    financeReview: (m) => m.role === "economy" || executorOf(m),
    control: executorOf,
    // 220-п 6.14: the annual report reaches the economy department
    sendToEconomy: (m) => m.role === "economy",
  };
  const members = (await membersOfMunicipality(q, actor.municipalityId)).filter((m) => m.userId !== actor.userId && who[action](m));
  if (!members.length) return;
  const where = `${String(program.code)}, ${periodLabel(year, period)}${direction ? `, направление ${String(direction.code)}` : ""}`;
  // the actor by name, not login
  const actorName = (await getUser(q, actor.userId))?.fullName ?? actor.login;
  for (const m of members) {
    await insertNotification(q, {
      municipalityId: actor.municipalityId,
      userId: m.userId,
      programId: program.id,
      kind: `report.${action}`,
      title: `${SUBMISSION_ACTION_LABELS[action].ru}: ${where}`,
      body: `${actorName}: ${SUBMISSION_ACTION_LABELS[action].ru.toLowerCase()} (${where}).${text ? ` ${text}` : ""}`,
      link: `/programs/${program.id}/monitoring/${year}/${period}`,
      deadlineKey: null,
      moment: null,
      dueDate: null,
      at: now,
    });
  }
}
