/**
 * Official forms (issue 5): the data a form is made from, loaded with the caller's permission —
 * a program's document, an action plan's document with its strategy's goals, every program of
 * the municipality with its evaluation. Building the form and rendering the file is the
 * presenter's job (`@orientir/reports`), which the server and the command line call with this data.
 * Read-only: nothing is written, so no audit entry.
 */
import { getMunicipality, listMunicipalities, listProgramCheckpointDocuments, listRows, type Queryable } from "@orientir/db";
import {
  NotFoundError,
  ValidationError,
  ensure,
  resource,
  type ActionPlanDocument,
  type Actor,
  type ProgramDocument,
  type Rating,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { exportProgramDocument } from "./documents.ts";
import { getResource } from "./resources.ts";
import { loadTree, type TreeNode } from "./trees.ts";
import { evaluateProgram, evaluationRanking, programsInForce } from "./evaluation.ts";
import { text, textOrNull } from "./row-values.ts";

/** What a form needs to know of the municipality (the shape of the reports' FormContext). */
export interface FormContextData {
  municipality: string;
  currency: string;
  sources: { code: string; name: string; formLabel: string | null }[];
}

export interface ProgramFormData {
  programId: string;
  program: ProgramDocument;
  context: FormContextData;
  /** The main results of the year the executor wrote (annual report, 6.12.3), when a year is asked. */
  mainResults: string | null;
  /** The evaluation of effectiveness of the year with its rating (6.12.6), when asked and the program has a score. */
  evaluation: { score: number; rating: Rating } | null;
}

export interface PlanFormData {
  planId: string;
  plan: ActionPlanDocument;
  goals: { code: string | null; name: string }[];
  programs: { code: string; name: string }[];
  context: FormContextData;
}

export interface MunicipalityFormData {
  municipality: { name: string; currency: string };
  programs: ProgramDocument[];
  year: number;
  /** Evaluation of each program by code (programs that could not be evaluated are left out). */
  evaluations: Record<string, { score: number; rating: Rating; place: number | null }>;
  /** Programs in force without data for the year (no indicator or metric fact): «нет данных». */
  noData: string[];
  context: FormContextData;
}

async function contextOf(q: Queryable, municipalityId: string): Promise<FormContextData> {
  const [m, sources] = await Promise.all([getMunicipality(q, municipalityId), listRows(q, resource("budgetSource"), { municipalityId })]);
  if (!m) throw new NotFoundError("Муниципальное образование", municipalityId);
  return {
    municipality: String(m.name),
    currency: String(m.currency),
    sources: sources.map((s) => ({ code: String(s.code), name: String(s.name), formLabel: str(s.formLabel) })),
  };
}

/**
 * A program as its forms need it; any member of the municipality may read it. Its checkpoints name
 * the confirming documents attached to them (`documents`). With `year`, the main results of that
 * year; with `evaluate` too, the year's evaluation of effectiveness (the annual report).
 */
export async function programFormData(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  opts: { year?: number; evaluate?: boolean } = {},
): Promise<ProgramFormData> {
  const row = await getResource(ctx, caller, resource("program"), programId);
  const municipalityId = String(row.municipalityId);
  const [program, attached, results, context] = await Promise.all([
    exportProgramDocument(ctx.db, row.id),
    listProgramCheckpointDocuments(ctx.db, row.id),
    opts.year === undefined
      ? Promise.resolve([])
      : listRows(ctx.db, resource("programAnnualReport"), { municipalityId, where: { programId: row.id, year: String(opts.year) } }),
    contextOf(ctx.db, municipalityId),
  ]);
  if (!program) throw new NotFoundError("Муниципальная программа", programId);
  attachDocuments(program, attached);
  let evaluation: ProgramFormData["evaluation"] = null;
  if (opts.evaluate && opts.year !== undefined) {
    try {
      const e = await evaluateProgram(ctx, caller, row.id, opts.year);
      if (e.score !== null && e.rating !== null) evaluation = { score: e.score, rating: e.rating };
    } catch (err) {
      // a program that cannot be evaluated (its data incomplete for the year) has a report without the evaluation
      if (!(err instanceof ValidationError)) throw err;
    }
  }
  return { programId: row.id, program, context, mainResults: str(results[0]?.mainResults), evaluation };
}

/** Names the documents attached to each checkpoint of the document (its element's code, its name and planned date). */
function attachDocuments(program: ProgramDocument, attached: Awaited<ReturnType<typeof listProgramCheckpointDocuments>>): void {
  const byKey = new Map<string, string[]>();
  for (const a of attached) {
    const key = `${a.elementCode}\u0000${a.checkpointName}\u0000${a.plannedDate}`;
    byKey.set(key, [...(byKey.get(key) ?? []), a.comment?.trim() ? `${a.filename} — ${a.comment.trim()}` : a.filename]);
  }
  if (!byKey.size) return;
  for (const d of program.directions)
    for (const e of d.elements)
      for (const c of e.checkpoints) {
        const names = byKey.get(`${e.code}\u0000${c.name}\u0000${c.plannedDate}`);
        if (names) c.documents = names;
      }
}

const arr = (n: TreeNode, key: string) => (n[key] as TreeNode[] | undefined) ?? [];
const str = textOrNull;

/** The stored action plan as an ActionPlanDocument (references by code, else by name). */
export async function exportActionPlanDocument(q: Queryable, planId: string): Promise<ActionPlanDocument | null> {
  const t = await loadTree(q, "actionPlan", planId, "planId");
  if (!t) return null;
  const municipalityId = String(t.municipalityId);
  const keyed = async (name: string, key: (r: Record<string, unknown>) => unknown) =>
    new Map((await listRows(q, resource(name), { municipalityId })).map((r) => [r.id, String(key(r))]));
  const [depts, goals, tasks, programs, sInd] = await Promise.all([
    keyed("department", (r) => r.name),
    keyed("goal", (r) => r.code ?? r.name),
    keyed("strategyTask", (r) => r.code ?? r.name),
    keyed("program", (r) => r.code),
    keyed("strategyIndicator", (r) => r.code ?? r.name),
  ]);
  const ref = (m: Map<string, string>, id: unknown) => (id ? (m.get(text(id)) ?? null) : null);
  const funding = (rows: TreeNode[]) => rows.map((f) => ({ year: Number(f.year), source: String(f.source), amount: String(f.amount) }));
  return {
    name: String(t.name),
    startYear: Number(t.startYear),
    endYear: Number(t.endYear),
    approvalDocument: str(t.approvalDocument),
    activities: arr(t, "planActivities").map((a) => ({
      code: str(a.code),
      name: String(a.name),
      goal: ref(goals, a.goalId),
      task: ref(tasks, a.taskId),
      responsible: ref(depts, a.responsibleDepartmentId),
      program: ref(programs, a.programId),
      executingBody: str(a.executingBody),
      expectedResult: str(a.expectedResult),
      term: str(a.term),
      funding: funding(arr(a, "planActivityFunding")),
    })),
    indicators: arr(t, "planIndicators").map((i) => ({
      code: str(i.code),
      name: String(i.name),
      unit: String(i.unit),
      trend: i.trend as "increase" | "decrease",
      baseValue: str(i.baseValue),
      goal: ref(goals, i.goalId),
      strategyIndicator: ref(sInd, i.strategyIndicatorId),
      responsible: ref(depts, i.responsibleDepartmentId),
      values: arr(i, "planIndicatorValues").map((v) => ({ year: Number(v.year), plan: str(v.plan), fact: str(v.fact) })),
    })),
    priorityProjects: arr(t, "priorityProjects").map((p) => ({
      name: String(p.name),
      object: str(p.object),
      plannedWorks: str(p.plannedWorks),
      term: str(p.term),
      responsible: ref(depts, p.responsibleDepartmentId),
      kind: (str(p.kind) as "priority" | "strategic" | null) ?? null,
      funding: funding(arr(p, "priorityProjectFunding")),
    })),
  };
}

/** An action plan as its forms need it, with the goals of its strategy and the municipality's programs. */
export async function planFormData(ctx: AppContext, caller: Caller, planId: string): Promise<PlanFormData> {
  const row = await getResource(ctx, caller, resource("actionPlan"), planId);
  const municipalityId = String(row.municipalityId);
  const [plan, goals, programs, context] = await Promise.all([
    exportActionPlanDocument(ctx.db, row.id),
    listRows(ctx.db, resource("goal"), { municipalityId, where: { strategyId: String(row.strategyId) } }),
    listRows(ctx.db, resource("program"), { municipalityId }),
    contextOf(ctx.db, municipalityId),
  ]);
  if (!plan) throw new NotFoundError("План мероприятий", planId);
  return {
    planId: row.id,
    plan,
    goals: goals.map((g) => ({ code: str(g.code), name: String(g.name) })),
    programs: programs.map((p) => ({ code: String(p.code), name: String(p.name) })),
    context,
  };
}

/**
 * The programs of the caller's municipality in force in the year, each on the version in force
 * then, with its evaluation for the year (the consolidated report).
 */
export async function municipalityFormData(ctx: AppContext, caller: Caller, year: number): Promise<MunicipalityFormData> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError([{ path: "year", message: "год от 2000 до 2100" }]);
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", {
    area: "program",
    municipalityId,
    resource: "program",
    responsibleDepartmentId: null,
    directionCoExecutorId: null,
  });
  const ranking = await evaluationRanking(ctx, caller, year);
  const [docs, context] = await Promise.all([
    // the year's rows only (and the year's part of each version in force): the report reads nothing else
    programsInForce(ctx.db, municipalityId, year, ranking.asOf, { onlyYear: true }),
    contextOf(ctx.db, municipalityId),
  ]);
  const evaluations: MunicipalityFormData["evaluations"] = {};
  for (const r of ranking.items)
    if (r.score !== null && r.rating !== null) evaluations[r.code] = { score: r.score, rating: r.rating, place: r.place };
  return {
    municipality: { name: context.municipality, currency: context.currency },
    programs: docs.map((d) => d.doc),
    year,
    evaluations,
    noData: ranking.items.filter((r) => r.noData).map((r) => r.code),
    context,
  };
}

// ---- for the command line: the operator, no session --------------------------------------------

/**
 * The caller the command line acts as: the operator of the server reads as an administrator of
 * the named municipality (or of the only one). Only for trusted local tools.
 */
export async function operatorCaller(q: Queryable, municipality?: string): Promise<Caller> {
  const all = await listMunicipalities(q);
  const found = municipality ? all.filter((m) => m.name === municipality) : all;
  if (found.length === 0) {
    throw new ValidationError([
      {
        path: "municipality",
        message: municipality ? `муниципальное образование «${municipality}» не найдено` : "в базе нет муниципальных образований",
      },
    ]);
  }
  if (found.length > 1) {
    throw new ValidationError([
      {
        path: "municipality",
        message: `в базе несколько муниципальных образований (${found.map((m) => m.name).join(", ")}): укажите --municipality`,
      },
    ]);
  }
  const actor: Actor = {
    userId: "00000000-0000-0000-0000-000000000000",
    login: "operator",
    municipalityId: found[0]!.id,
    role: "admin",
    departmentId: null,
  };
  return { actor, requestId: null };
}

/** The id of the program with this code in the caller's municipality. */
export async function programIdByCode(ctx: AppContext, caller: Caller, code: string): Promise<string> {
  const rows = await listRows(ctx.db, resource("program"), { municipalityId: caller.actor.municipalityId, where: { code } });
  if (!rows[0]) throw new ValidationError([{ path: "program", message: `программа с кодом «${code}» не найдена` }]);
  return rows[0].id;
}

/** The action plan of the caller's municipality covering the year (the latest one when no year is given), one in force before a draft. */
export async function planIdFor(ctx: AppContext, caller: Caller, year?: number): Promise<string> {
  const plans = await listRows(ctx.db, resource("actionPlan"), { municipalityId: caller.actor.municipalityId });
  const fit = plans
    .filter((p) => year === undefined || (Number(p.startYear) <= year && year <= Number(p.endYear)))
    .sort((a, b) => Number(a.draft === true) - Number(b.draft === true) || Number(b.startYear) - Number(a.startYear));
  if (!fit[0])
    throw new ValidationError([{ path: "year", message: year ? `нет плана мероприятий на ${year} год` : "нет плана мероприятий" }]);
  return fit[0].id;
}
