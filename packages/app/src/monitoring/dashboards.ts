/**
 * The dashboards: the caller's tasks, overdue deadlines by department, metrics off plan, overdue
 * checkpoints, plan and fact.
 */
import { programBudgetByQuarter } from "../budget.ts";
import { fundingOfYear, getRow, listRows, metricPlanFactRows, overdueCheckpointRows, type Recipient, type Row } from "@orientir/db";
import {
  CalendarRangeError,
  NotFoundError,
  REPORT_PERIODS,
  ensure,
  fallsShort,
  offPlan,
  periodLabel,
  resource,
  workingDaysBetween,
  type Actor,
} from "@orientir/domain";
import type {
  MetricOffPlan,
  MetricPlanFact,
  MyTasks,
  OverdueCheckpoints,
  OverdueGroup,
  OverdueReports,
  ProgramPlanFact,
  WaitingReport,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { metricPlansInForce } from "../content.ts";
import { targetOf } from "../resources.ts";
import { text, textOrNull } from "../row-values.ts";
import { monitoringSetup, localDate } from "./setup.ts";
import { readMonitoring, loadProgram } from "./shared.ts";
import { actionsFor } from "./reports.ts";
import { municipalityDeadlineItems, recipientsOf } from "./deadlines.ts";

const WINDOW_AHEAD_DAYS = 45;

/** The deadlines of the municipality's reports of last year and this one, as of its today (for the dashboards). */
async function recentDeadlines(ctx: AppContext, actor: Actor) {
  const setup = await monitoringSetup(ctx.db, actor.municipalityId);
  const today = localDate(ctx.now(), setup.timezone);
  const year = Number(today.slice(0, 4));
  return { today, ...(await municipalityDeadlineItems(ctx.db, setup, [year - 1, year], today)) };
}

/** The deadlines on which the caller must act, not yet done: overdue ones and those due within 45 days. */
export async function myTasks(ctx: AppContext, caller: Caller): Promise<MyTasks> {
  const { actor } = caller;
  readMonitoring(actor);
  const { today, items, facts } = await recentDeadlines(ctx, actor);
  const me: Recipient = {
    userId: actor.userId,
    login: actor.login,
    fullName: "",
    email: null,
    role: actor.role,
    departmentId: actor.departmentId,
  };
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + WINDOW_AHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const mine = items
    .filter((i) => i.state !== "done" && i.state !== "doneLate" && i.due <= horizon && recipientsOf(i, [me]).length > 0)
    .map((i) => ({
      ...i,
      title: `${i.label}: ${i.programCode}, ${periodLabel(i.year, i.period)}${i.directionCode ? `, направление ${i.directionCode}` : ""}`,
    }));
  // reports that wait for a step the caller may take
  const reports: WaitingReport[] = [];
  for (const s of facts.submissions) {
    const program = facts.programs.find((p) => p.id === s.programId);
    if (!program) continue;
    const dirStates = facts.directions
      .filter((d) => d.programId === program.id)
      .map((d) => {
        const ds = facts.directionSubmissions.find((x) => x.submissionId === s.id && x.directionId === d.id);
        return { d, state: ds?.state ?? "draft" };
      });
    const states = dirStates.map((x) => x.state);
    const actions = [
      ...actionsFor(actor, s.period, s.state, program.responsibleDepartmentId, null, states),
      ...dirStates.flatMap((x) =>
        actionsFor(
          actor,
          s.period,
          s.state,
          program.responsibleDepartmentId,
          { state: x.state, coExecutorDepartmentId: x.d.coExecutorDepartmentId },
          states,
        ),
      ),
    ];
    // "return" is always open on a submitted report; list the report for the step it waits for
    const waiting = actions.filter((a) => a !== "return" && a !== "returnDirection" && a !== "submitDirection");
    if (waiting.length) {
      reports.push({
        id: s.id,
        version: s.version,
        programId: program.id,
        programCode: program.code,
        year: s.year,
        period: s.period,
        title: `${program.code}: ${periodLabel(s.year, s.period)}`,
        state: s.state,
        actions: [...new Set(waiting)],
      });
    }
  }
  return { today, items: mine, reports };
}

/** Overdue deadlines (not done) grouped by the department or role that must act. */
export async function overdueByDepartment(ctx: AppContext, caller: Caller): Promise<OverdueReports> {
  const { actor } = caller;
  readMonitoring(actor);
  const { today, items, facts } = await recentDeadlines(ctx, actor);
  const names = new Map(facts.departments.map((d) => [d.id, d.name]));
  const ROLE_NAMES: Record<string, string> = { finance: "Управление финансов", economy: "Управление экономики", admin: "Администратор" };
  const groups = new Map<string, OverdueGroup>();
  for (const i of items.filter((x) => x.state === "overdue")) {
    const key = i.departmentId ?? `role:${i.actor}`;
    const g = groups.get(key) ?? {
      departmentId: i.departmentId,
      name: i.departmentId ? (names.get(i.departmentId) ?? "—") : (ROLE_NAMES[i.actor] ?? i.actor),
      role: i.actor,
      count: 0,
      items: [],
    };
    g.count++;
    g.items.push(i);
    groups.set(key, g);
  }
  return { today, groups: [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)) };
}

/** Metric values (the year's and the months') off plan by more than `threshold` percent. */
export async function metricsOffPlan(
  ctx: AppContext,
  caller: Caller,
  f: { year: number; threshold?: number; programId?: string; unfavourableOnly?: boolean },
): Promise<MetricOffPlan[]> {
  const { actor } = caller;
  readMonitoring(actor);
  if (f.programId) await loadProgram(ctx.db, actor, f.programId);
  const threshold = f.threshold ?? 10;
  const rows = await metricPlanFactRows(ctx.db, actor.municipalityId, f.year, f.programId ? { programId: f.programId } : {});
  // while an amendment is open the rows are its working copy: the plan compared is the one in force
  const plansInForce = new Map<string, Awaited<ReturnType<typeof metricPlansInForce>>>();
  for (const programId of new Set(rows.map((r) => r.programId))) plansInForce.set(programId, await metricPlansInForce(ctx.db, programId));
  const out: MetricOffPlan[] = [];
  for (const live of rows) {
    const inForce = plansInForce.get(live.programId);
    const r = inForce
      ? { ...live, plan: inForce(live.directionCode, { code: live.metricCode, name: live.metricName }, f.year, live.month) }
      : live;
    if (r.plan === null) continue;
    const off = offPlan(r.trend, r.plan, r.fact, threshold);
    if (!off || (f.unfavourableOnly && !off.unfavourable)) continue;
    out.push({
      id: r.rowId,
      version: 1,
      metricId: r.metricId,
      metricName: r.metricName,
      metricCode: r.metricCode,
      unit: r.unit,
      trend: r.trend,
      programId: r.programId,
      programCode: r.programCode,
      directionId: r.directionId,
      directionCode: r.directionCode,
      departmentId: r.coExecutorDepartmentId,
      year: f.year,
      month: r.month,
      plan: r.plan,
      fact: r.fact,
      deviationPercent: off.deviationPercent,
      unfavourable: off.unfavourable,
      justification: r.justification,
    });
  }
  return out.sort((a, b) => Math.abs(Number(b.deviationPercent ?? 1e9)) - Math.abs(Number(a.deviationPercent ?? 1e9)));
}

/** Checkpoints past their planned date without an actual date, with how many working days late. */
export async function overdueCheckpoints(ctx: AppContext, caller: Caller): Promise<OverdueCheckpoints> {
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
      return { ...r, workingDaysLate: late };
    }),
  };
}

/** Plan, fact and forecast of a metric by month of a year, with the year's plan and fact. */
export async function metricPlanFact(ctx: AppContext, caller: Caller, metricId: string, year: number): Promise<MetricPlanFact> {
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
  // while an amendment is open the plan shown is the one in force, not the working copy's
  const inForce = await metricPlansInForce(ctx.db, String(metric.programId));
  const direction = inForce ? await getRow(ctx.db, resource("direction"), String(metric.directionId)) : null;
  const planOf = (row: Row | undefined, month: number | null): string | null =>
    inForce && direction
      ? inForce(text(direction.code), { code: textOrNull(metric.code), name: text(metric.name) }, year, month)
      : textOrNull(row?.plan);
  return {
    metric: { id: metric.id, name: text(metric.name), code: textOrNull(metric.code), unit: text(metric.unit), trend: text(metric.trend) },
    year,
    plan: planOf(yv, null),
    fact: textOrNull(yv?.fact),
    months: Array.from({ length: 12 }, (_, i) => {
      const m = byMonth.get(i + 1);
      const plan = planOf(m, i + 1);
      const fact = textOrNull(m?.fact);
      return {
        month: i + 1,
        plan,
        fact,
        forecast: textOrNull(m?.forecast),
        fallsShort: plan !== null && fact !== null ? fallsShort(text(metric.trend), plan, fact) : null,
      };
    }),
  };
}

/**
 * A program's plan and fact by quarter of a year (cumulative): the budget schedule and cash
 * execution against the year's funding, and how many metrics are at plan at the quarter's end.
 */
export async function programPlanFact(ctx: AppContext, caller: Caller, programId: string, year: number): Promise<ProgramPlanFact> {
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
  const quarters = REPORT_PERIODS.map((period, i) => {
    const quarter = i + 1;
    const b = budget.find((x) => x.quarter === quarter);
    const atEnd = months.filter((m) => Number(m.year) === year && Number(m.month) === quarter * 3 && m.plan !== null);
    const withFact = atEnd.filter((m) => m.fact !== null);
    const atPlan = withFact.filter((m) => !fallsShort(trend.get(String(m.metricId)) ?? "increase", String(m.plan), String(m.fact)));
    return {
      quarter,
      period,
      schedule: b?.schedule ?? null,
      cash: b?.cash ?? null,
      metricsPlanned: atEnd.length,
      metricsWithFact: withFact.length,
      metricsAtPlan: atPlan.length,
    };
  });
  return { programId: program.id, programCode: text(program.code), year, funding, quarters };
}
