/**
 * The home page of a role, the global search and the units of measure of ОКЕИ (issue 13, parts 5, 7).
 */
import { listOkeiUnits, listRows, searchEntries, searchPeople, fundingOfYear, type SearchEntryHit } from "@orientir/db";
import type { HomeProgram, HomeTask, HomeView, OkeiUnitList, SearchHit, SearchKind, SearchResults } from "@orientir/contracts";
import {
  ROLE_LABELS,
  ensure,
  formatMoney,
  moneyRatio,
  parseMoney,
  resource,
  sumMoney,
  type Actor,
  type Money,
  type ProgramStatus,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { todayIn } from "./context.ts";
import { evaluationRanking } from "./evaluation.ts";
import { programBudgetByQuarter } from "./budget.ts";
import { workflowQueue } from "./workflow/index.ts";
import { myTasks, overdueCheckpoints } from "./monitoring/index.ts";
import { text } from "./row-values.ts";

function overview(actor: Actor, part: "home" | "search" | "people"): void {
  ensure(actor, "read", { area: "overview", municipalityId: actor.municipalityId, part });
}

/** Is the program the caller's: they are its responsible executor, or a co-executor of it or of one of its directions? */
function mineOf(actor: Actor, responsible: string, coExecutors: Set<string>): boolean {
  if (actor.departmentId === null) return false;
  if (actor.role !== "executor" && actor.role !== "coexecutor") return false;
  return actor.departmentId === responsible || coExecutors.has(actor.departmentId);
}

/**
 * The caller's home page: the programs with their status, last evaluation and funding of this
 * year; tiles (in force, in approval, execution of funding, overdue, awaiting me); what awaits
 * the caller — workflow steps, reports, deadlines due within the window or overdue.
 */
export async function homeView(ctx: AppContext, caller: Caller): Promise<HomeView> {
  const { actor } = caller;
  overview(actor, "home");
  const municipalityId = actor.municipalityId;
  const today = todayIn(ctx);
  const year = Number(today.slice(0, 4));
  const [programs, departments, directions, coExecutors] = await Promise.all([
    listRows(ctx.db, resource("program"), { municipalityId }),
    listRows(ctx.db, resource("department"), { municipalityId }),
    listRows(ctx.db, resource("direction"), { municipalityId }),
    listRows(ctx.db, resource("programCoExecutor"), { municipalityId }),
  ]);
  const [lastYear, thisYear, queue, tasks, checkpoints] = await Promise.all([
    evaluationRanking(ctx, caller, year - 1),
    evaluationRanking(ctx, caller, year),
    workflowQueue(ctx, caller),
    myTasks(ctx, caller),
    overdueCheckpoints(ctx, caller),
  ]);
  const depName = new Map(departments.map((d) => [d.id, text(d.name)]));
  const inForceIds = new Set([...thisYear.items.map((i) => i.programId)]);
  const items: HomeProgram[] = [];
  for (const p of programs) {
    const co = new Set<string>([
      ...directions.filter((d) => d.programId === p.id && d.coExecutorDepartmentId).map((d) => String(d.coExecutorDepartmentId)),
      ...coExecutors.filter((c) => c.programId === p.id).map((c) => String(c.departmentId)),
    ]);
    const last = lastYear.items.find((i) => i.programId === p.id && i.score !== null);
    const now = thisYear.items.find((i) => i.programId === p.id && i.score !== null);
    const ev = last ? { e: last, y: lastYear } : now ? { e: now, y: thisYear } : null;
    const [plan, quarters] = await Promise.all([
      fundingOfYear(ctx.db, p.id, year),
      programBudgetByQuarter(ctx.db, municipalityId, p.id, year),
    ]);
    const cash = quarters.filter((x) => x.cash !== null).at(-1)?.cash ?? null;
    const responsible = text(p.responsibleDepartmentId);
    items.push({
      id: p.id,
      code: text(p.code),
      name: text(p.name),
      status: (p.status as ProgramStatus | undefined) ?? "draft",
      startYear: Number(p.startYear),
      endYear: Number(p.endYear),
      departmentId: responsible,
      departmentName: depName.get(responsible) ?? "",
      mine: mineOf(actor, responsible, co),
      inForce: inForceIds.has(p.id),
      evaluation:
        ev && ev.e.score !== null && ev.e.rating && ev.e.scoreDisplay !== null
          ? {
              year: ev.y.year,
              score: ev.e.score,
              scoreDisplay: ev.e.scoreDisplay,
              rating: ev.e.rating,
              preliminary: ev.e.preliminary,
            }
          : null,
      fundingPlan: plan,
      cash: cash === null ? null : formatMoney(parseMoney(cash)),
    });
  }
  items.sort((a, b) => a.code.localeCompare(b.code, "ru", { numeric: true }));
  const planTotal: Money = sumMoney(items.filter((p) => p.inForce).map((p) => parseMoney(p.fundingPlan)));
  const cashTotal: Money = sumMoney(items.filter((p) => p.inForce && p.cash !== null).map((p) => parseMoney(p.cash!)));
  const awaiting: HomeTask[] = [
    ...queue.items.map((i) => ({
      kind: "workflow" as const,
      title: `${i.programCode}: ${i.stateLabel}${i.directionCode ? `, направление ${i.directionCode}` : ""}`,
      link: `/programs/${i.programId}/versions#wf-${i.workflowId}`,
      dueDate: i.dueDate,
      overdue: i.overdue,
    })),
    ...tasks.reports.map((r) => ({
      kind: "report" as const,
      title: r.title,
      link: `/monitoring?program=${encodeURIComponent(r.programId)}&year=${r.year}&period=${r.period}`,
      dueDate: null,
      overdue: false,
    })),
    ...tasks.items.map((i) => ({
      kind: "deadline" as const,
      title: i.title,
      link: `/monitoring?program=${encodeURIComponent(i.programId)}&year=${i.year}&period=${i.period}`,
      dueDate: i.due,
      overdue: i.state === "overdue",
    })),
  ];
  awaiting.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  const rated = items.filter((p) => p.inForce);
  return {
    today,
    year,
    role: actor.role,
    programs: items,
    tiles: {
      inForce: rated.length,
      inApproval: items.filter((p) => p.status === "review" || p.status === "discussion").length,
      fundingPlan: formatMoney(planTotal),
      cash: formatMoney(cashTotal),
      executionPercent: planTotal === 0n ? null : (moneyRatio(cashTotal, planTotal) * 100).toFixed(2),
      overdue: awaiting.filter((t) => t.overdue).length,
      awaitingMe: awaiting.length,
    },
    ratings: {
      high: rated.filter((p) => p.evaluation?.rating === "high").length,
      satisfactory: rated.filter((p) => p.evaluation?.rating === "satisfactory").length,
      unsatisfactory: rated.filter((p) => p.evaluation?.rating === "unsatisfactory").length,
      none: rated.filter((p) => !p.evaluation).length,
    },
    tasks: awaiting,
    overdueCheckpoints: checkpoints.items.length,
  };
}

const STRATEGY_SOURCES = new Set(["goal", "strategy_activity", "strategy_indicator"]);
const PLAN_SOURCES = new Set(["plan_activity", "plan_indicator"]);

function hitOf(h: SearchEntryHit): SearchHit {
  const inProgram = h.programId !== null && !PLAN_SOURCES.has(h.source);
  const context = STRATEGY_SOURCES.has(h.source)
    ? "Стратегия"
    : PLAN_SOURCES.has(h.source)
      ? "План мероприятий"
      : h.kind === "program"
        ? "Муниципальная программа"
        : `Программа «${h.programName ?? ""}»`;
  const link = STRATEGY_SOURCES.has(h.source)
    ? "/strategy"
    : PLAN_SOURCES.has(h.source)
      ? "/plan"
      : inProgram
        ? `/programs/${h.programId}`
        : null;
  return { id: h.id, kind: h.kind, title: h.title, code: h.code, context, link, score: Math.round(h.score * 1000) / 1000 };
}

/**
 * The global search of the caller's municipality: programs, goals, activities, indicators,
 * metrics, documents (PostgreSQL full-text search, Russian configuration, and trigram similarity
 * of each word for typos) and people by name; best first.
 */
export async function globalSearch(
  ctx: AppContext,
  caller: Caller,
  query: { q: string; kind?: SearchKind; limit?: number },
): Promise<SearchResults> {
  const { actor } = caller;
  overview(actor, "search");
  const limit = query.limit ?? 30;
  const withPeople = query.kind === undefined || query.kind === "person";
  const withRows = query.kind !== "person";
  const [rows, people] = await ctx.db.tx(async (q) => [
    withRows
      ? await searchEntries(q, actor.municipalityId, query.q, {
          limit,
          ...(query.kind && query.kind !== "person" ? { kind: query.kind } : {}),
        })
      : [],
    withPeople ? (overview(actor, "people"), await searchPeople(q, actor.municipalityId, query.q, limit)) : [],
  ]);
  const items: SearchHit[] = [
    ...rows.map(hitOf),
    ...people.map((p) => ({
      id: p.userId,
      kind: "person" as const,
      title: p.fullName,
      code: null,
      context: [ROLE_LABELS[p.role as keyof typeof ROLE_LABELS]?.ru ?? p.role, p.departmentName].filter(Boolean).join(", "),
      link: null,
      score: Math.round(p.score * 1000) / 1000,
    })),
  ];
  items.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, "ru"));
  return { q: query.q, items: items.slice(0, limit) };
}

/** The units of measure of ОКЕИ, all or those matching the text (code, name, symbol; typos allowed). */
export async function okeiUnits(ctx: AppContext, caller: Caller, query: { q?: string; limit?: number }): Promise<OkeiUnitList> {
  ensure(caller.actor, "read", { area: "reference", municipalityId: caller.actor.municipalityId, resource: "okeiUnit" });
  return { items: await listOkeiUnits(ctx.db, query.q?.trim() || null, query.limit ?? 300) };
}
