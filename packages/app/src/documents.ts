/**
 * Documents in and out of the database: a MunicipalityDocument (demo data, a whole city), a
 * ProgramDocument (import, export, snapshots of versions). References by code or name are
 * resolved to ids on the way in and back to codes and names on the way out.
 */
import { getRow, insertMunicipality, insertRow, listRows, type Queryable, type Row } from "@orientir/db";
import {
  ValidationError,
  findByCodeOrName,
  quarterEndDate,
  scheduleEntriesOf,
  scheduleEntryInForce,
  type BudgetExecutionDoc,
  type BudgetHolder,
  type BudgetScheduleDoc,
  resource,
  type ActionPlanDocument,
  type MunicipalityDocument,
  type ProgramDocument,
  type StrategyDocument,
  type SwotKind,
} from "@orientir/domain";
import { loadTreeWith, type TreeNode } from "./trees.ts";
import { text, textOrNull } from "./row-values.ts";
import {
  activityFields,
  annualReportFields,
  budgetExecutionFields,
  budgetScheduleFields,
  checkpointFields,
  directionFields,
  elementFields,
  fundingFields,
  metricFields,
  metricMonthFields,
  programGoalFields,
  programIndicatorFields,
  programStageFields,
  taskFields,
  yearValueFields,
} from "./program-fields.ts";

type Ids = Record<string, unknown>;

/** Finds an id by code first, then by name (case- and space-insensitive). */
class Lookup {
  private byKey = new Map<string, string>();
  constructor(readonly what: string) {}
  add(id: string, code: string | null | undefined, name: string | null | undefined) {
    if (code) this.byKey.set(`c:${norm(code)}`, id);
    if (name) this.byKey.set(`n:${norm(name)}`, id);
  }
  find(key: string | null | undefined, path: string): string | null {
    if (!key) return null;
    const id = this.byKey.get(`c:${norm(key)}`) ?? this.byKey.get(`n:${norm(key)}`);
    if (!id)
      throw new ValidationError([{ path, message: `${this.what} «${key}» не найден(а)`, messageEn: `${this.what} ${key} not found` }]);
    return id;
  }
}
const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

function ins(q: Queryable, name: string, values: Ids): Promise<Row> {
  return insertRow(q, resource(name), values);
}

export interface MunicipalityLookups {
  municipalityId: string;
  departments: Lookup;
  sources: Set<string>;
  strategyIndicators: Lookup;
  goals: Lookup;
  tasks: Lookup;
  programs: Lookup;
}

export async function lookupsOf(q: Queryable, municipalityId: string): Promise<MunicipalityLookups> {
  const l: MunicipalityLookups = {
    municipalityId,
    departments: new Lookup("Подразделение"),
    sources: new Set(),
    strategyIndicators: new Lookup("Показатель стратегии"),
    goals: new Lookup("Цель стратегии"),
    tasks: new Lookup("Задача стратегии"),
    programs: new Lookup("Программа"),
  };
  const f = { municipalityId };
  for (const d of await listRows(q, resource("department"), f)) l.departments.add(d.id, d.shortName as string, d.name as string);
  for (const s of await listRows(q, resource("budgetSource"), f)) l.sources.add(s.code as string);
  for (const i of await listRows(q, resource("strategyIndicator"), f)) l.strategyIndicators.add(i.id, i.code as string, i.name as string);
  for (const g of await listRows(q, resource("goal"), f)) l.goals.add(g.id, g.code as string, g.name as string);
  for (const t of await listRows(q, resource("strategyTask"), f)) l.tasks.add(t.id, t.code as string, t.name as string);
  for (const p of await listRows(q, resource("program"), f)) l.programs.add(p.id, p.code as string, p.name as string);
  return l;
}

export async function insertStrategyDocument(q: Queryable, l: MunicipalityLookups, doc: StrategyDocument): Promise<Row> {
  const m = l.municipalityId;
  const s = await ins(q, "strategy", {
    municipalityId: m,
    name: doc.name,
    startYear: doc.startYear,
    endYear: doc.endYear,
    mission: doc.mission ?? null,
    vision: doc.vision ?? null,
    approvalDocument: doc.approvalDocument ?? null,
  });
  const base = { municipalityId: m, strategyId: s.id };
  for (const [i, st] of doc.stages.entries()) {
    await ins(q, "strategyStage", {
      ...base,
      name: st.name,
      startYear: st.startYear,
      endYear: st.endYear,
      description: st.description ?? null,
      ord: i + 1,
    });
  }
  for (const kind of Object.keys(doc.swot) as SwotKind[]) {
    for (const [i, text] of doc.swot[kind].entries()) await ins(q, "swotItem", { ...base, kind, text, ord: i + 1 });
  }
  let goalOrd = 0;
  const insertGoals = async (goals: StrategyDocument["goals"], priorityId: string | null) => {
    for (const g of goals) {
      const goal = await ins(q, "goal", {
        ...base,
        priorityId,
        code: g.code ?? null,
        name: g.name,
        description: g.description ?? null,
        ord: ++goalOrd,
      });
      l.goals.add(goal.id, g.code, g.name);
      for (const [ti, t] of g.tasks.entries()) {
        const task = await ins(q, "strategyTask", { ...base, goalId: goal.id, code: t.code ?? null, name: t.name, ord: ti + 1 });
        l.tasks.add(task.id, t.code, t.name);
        for (const [ai, a] of t.activities.entries()) {
          await ins(q, "strategyActivity", {
            ...base,
            taskId: task.id,
            code: a.code ?? null,
            name: a.name,
            expectedResult: a.expectedResult ?? null,
            term: a.term ?? null,
            ord: ai + 1,
          });
        }
      }
    }
  };
  const priorityIds: { id: string; code: string | null; name: string }[] = [];
  for (const [pi, p] of doc.priorities.entries()) {
    const pr = await ins(q, "priority", { ...base, code: p.code ?? null, name: p.name, description: p.description ?? null, ord: pi + 1 });
    priorityIds.push({ id: pr.id, code: p.code ?? null, name: p.name });
    await insertGoals(p.goals, pr.id);
  }
  await insertGoals(doc.goals, null);
  for (const [i, r] of doc.risks.entries()) await ins(q, "risk", { ...base, name: r.name, mitigation: r.mitigation ?? null, ord: i + 1 });
  for (const [i, pr] of (doc.problems ?? []).entries()) {
    const problem = await ins(q, "strategyProblem", {
      ...base,
      code: pr.code ?? null,
      name: pr.name,
      description: pr.description ?? null,
      ord: i + 1,
    });
    for (const [j, ref] of pr.priorities.entries()) {
      const k = findByCodeOrName(ref, priorityIds);
      if (k < 0)
        throw new ValidationError([
          { path: `problems[${i}].priorities[${j}]`, message: `Нет приоритета «${ref}»`, messageEn: `No priority "${ref}"` },
        ]);
      await ins(q, "strategyProblemPriority", { ...base, problemId: problem.id, priorityId: priorityIds[k]!.id });
    }
  }
  for (const [i, ind] of doc.indicators.entries()) {
    const row = await ins(q, "strategyIndicator", {
      ...base,
      goalId: l.goals.find(ind.goal, `indicators[${i}].goal`),
      code: ind.code ?? null,
      name: ind.name,
      unit: ind.unit,
      okei: ind.okei ?? null,
      trend: ind.trend,
      baseYear: ind.baseYear ?? null,
      baseValue: ind.baseValue ?? null,
      ord: i + 1,
    });
    l.strategyIndicators.add(row.id, ind.code, ind.name);
    for (const v of ind.values) {
      await ins(q, "strategyIndicatorValue", {
        ...base,
        indicatorId: row.id,
        year: v.year,
        target: v.target ?? null,
        fact: v.fact ?? null,
      });
    }
  }
  return s;
}

export async function insertActionPlanDocument(
  q: Queryable,
  l: MunicipalityLookups,
  strategyId: string,
  doc: ActionPlanDocument,
): Promise<Row> {
  const m = l.municipalityId;
  const plan = await ins(q, "actionPlan", {
    municipalityId: m,
    strategyId,
    name: doc.name,
    startYear: doc.startYear,
    endYear: doc.endYear,
    approvalDocument: doc.approvalDocument ?? null,
    draft: doc.draft === true,
  });
  const base = { municipalityId: m, planId: plan.id };
  for (const [i, a] of doc.activities.entries()) {
    const p = `activities[${i}]`;
    const row = await ins(q, "planActivity", {
      ...base,
      code: a.code ?? null,
      name: a.name,
      goalId: l.goals.find(a.goal, `${p}.goal`),
      taskId: l.tasks.find(a.task, `${p}.task`),
      responsibleDepartmentId: l.departments.find(a.responsible, `${p}.responsible`),
      programId: l.programs.find(a.program, `${p}.program`),
      executingBody: a.executingBody ?? null,
      expectedResult: a.expectedResult ?? null,
      term: a.term ?? null,
      ord: i + 1,
    });
    for (const f of a.funding)
      await ins(q, "planActivityFunding", { ...base, activityId: row.id, year: f.year, source: f.source, amount: f.amount });
  }
  for (const [i, ind] of doc.indicators.entries()) {
    const p = `indicators[${i}]`;
    const row = await ins(q, "planIndicator", {
      ...base,
      code: ind.code ?? null,
      name: ind.name,
      unit: ind.unit,
      trend: ind.trend,
      baseValue: ind.baseValue ?? null,
      goalId: l.goals.find(ind.goal, `${p}.goal`),
      strategyIndicatorId: l.strategyIndicators.find(ind.strategyIndicator, `${p}.strategyIndicator`),
      responsibleDepartmentId: l.departments.find(ind.responsible, `${p}.responsible`),
      ord: i + 1,
    });
    for (const v of ind.values)
      await ins(q, "planIndicatorValue", { ...base, indicatorId: row.id, year: v.year, plan: v.plan ?? null, fact: v.fact ?? null });
  }
  for (const [i, pp] of doc.priorityProjects.entries()) {
    const row = await ins(q, "priorityProject", {
      ...base,
      name: pp.name,
      object: pp.object ?? null,
      plannedWorks: pp.plannedWorks ?? null,
      term: pp.term ?? null,
      responsibleDepartmentId: l.departments.find(pp.responsible, `priorityProjects[${i}].responsible`),
      kind: pp.kind ?? null,
      ord: i + 1,
    });
    for (const f of pp.funding)
      await ins(q, "priorityProjectFunding", { ...base, projectId: row.id, year: f.year, source: f.source, amount: f.amount });
  }
  return plan;
}

export async function insertProgramDocument(q: Queryable, l: MunicipalityLookups, doc: ProgramDocument, extra: Ids = {}): Promise<Row> {
  const m = l.municipalityId;
  const program = await ins(q, "program", {
    municipalityId: m,
    code: doc.code,
    name: doc.name,
    responsibleDepartmentId: l.departments.find(doc.responsibleExecutor, "responsibleExecutor"),
    startYear: doc.startYear,
    endYear: doc.endYear,
    otherSources: doc.otherSources ?? null,
    strategyGoalId: l.goals.find(doc.strategyGoal, "strategyGoal"),
    ...extra,
  });
  l.programs.add(program.id, doc.code, doc.name);
  const base = { municipalityId: m, programId: program.id };
  for (const [i, c] of doc.coExecutors.entries()) {
    await ins(q, "programCoExecutor", { ...base, departmentId: l.departments.find(c, `coExecutors[${i}]`) });
  }
  const goals = new Lookup("Цель программы");
  for (const [i, g] of doc.goals.entries()) {
    const row = await ins(q, "programGoal", { ...base, ...programGoalFields(g), ord: i + 1 });
    goals.add(row.id, g.code, g.name);
  }
  for (const r of doc.annualReports ?? []) await ins(q, "programAnnualReport", { ...base, ...annualReportFields(r) });
  for (const [i, s] of doc.stages.entries()) await ins(q, "programStage", { ...base, ...programStageFields(s), ord: i + 1 });
  for (const [i, ind] of doc.indicators.entries()) {
    const p = `indicators[${i}]`;
    const row = await ins(q, "programIndicator", {
      ...base,
      ...programIndicatorFields(ind),
      goalId: goals.find(ind.goal, `${p}.goal`),
      strategyIndicatorId: l.strategyIndicators.find(ind.strategyIndicator, `${p}.strategyIndicator`),
      ord: i + 1,
    });
    for (const v of ind.values) await ins(q, "programIndicatorValue", { ...base, indicatorId: row.id, ...yearValueFields(v) });
  }
  for (const [di, d] of doc.directions.entries()) {
    const dp = `directions[${di}]`;
    const dir = await ins(q, "direction", {
      ...base,
      ...directionFields(d),
      coExecutorDepartmentId: l.departments.find(d.coExecutor, `${dp}.coExecutor`),
      ord: di + 1,
    });
    const dbase = { ...base, directionId: dir.id };
    await insertBudget(q, dbase, null, d);
    for (const [ei, e] of d.elements.entries()) {
      const ep = `${dp}.elements[${ei}]`;
      const el = await ins(q, "structuralElement", {
        ...dbase,
        ...elementFields(e),
        responsibleDepartmentId: l.departments.find(e.responsible, `${ep}.responsible`),
        ord: ei + 1,
      });
      const tasks = new Lookup("Задача");
      const activities = new Lookup("Мероприятие");
      for (const [ti, t] of e.tasks.entries()) {
        const task = await ins(q, "elementTask", { ...dbase, elementId: el.id, ...taskFields(t), ord: ti + 1 });
        tasks.add(task.id, t.code, t.name);
        for (const [ai, a] of t.activities.entries()) {
          const act = await ins(q, "elementActivity", { ...dbase, taskId: task.id, ...activityFields(a), ord: ai + 1 });
          activities.add(act.id, a.code, a.name);
        }
      }
      for (const [mi, mt] of e.metrics.entries()) {
        const met = await ins(q, "metric", {
          ...dbase,
          elementId: el.id,
          ...metricFields(mt),
          taskId: tasks.find(mt.task, `${ep}.metrics[${mi}].task`),
          ord: mi + 1,
        });
        for (const v of mt.values) await ins(q, "metricValue", { ...dbase, metricId: met.id, ...yearValueFields(v) });
        for (const mo of mt.months) await ins(q, "metricMonth", { ...dbase, metricId: met.id, ...metricMonthFields(mo) });
      }
      for (const [ci, c] of e.checkpoints.entries()) {
        await ins(q, "checkpoint", {
          ...dbase,
          elementId: el.id,
          activityId: activities.find(c.activity, `${ep}.checkpoints[${ci}].activity`),
          ...checkpointFields(c),
          ord: ci + 1,
        });
      }
      for (const f of e.funding) await ins(q, "funding", { ...dbase, elementId: el.id, ...fundingFields(f) });
      await insertBudget(q, dbase, el.id, e);
    }
  }
  return program;
}

/**
 * The budget schedule entries and cash rows of a direction (elementId null) or of an element. A
 * document of the former shape (quarterly schedule values, no `budgetSchedule`) gives its
 * schedule as the year's entries (`scheduleEntriesOf`).
 */
async function insertBudget(q: Queryable, dbase: Ids, elementId: string | null, h: BudgetHolder): Promise<void> {
  for (const s of scheduleEntriesOf(h)) await ins(q, "budgetSchedule", { ...dbase, ...budgetScheduleFields(elementId, s) });
  for (const b of h.budgetExecution ?? []) await ins(q, "budgetExecution", { ...dbase, ...budgetExecutionFields(elementId, b) });
}

/** An element's budget in its document only when it has one (elements mostly have none). */
export const elementBudget = (b: ReturnType<typeof budgetOfTree>) => ({
  ...(b.budgetSchedule.length ? { budgetSchedule: b.budgetSchedule } : {}),
  ...(b.budgetExecution.length ? { budgetExecution: b.budgetExecution } : {}),
});

/** The budget of a direction (elementId null) or an element from the direction's loaded rows, as in documents. */
export function budgetOfTree(
  d: TreeNode,
  elementId: string | null,
): { budgetSchedule: BudgetScheduleDoc[]; budgetExecution: BudgetExecutionDoc[] } {
  const mine = (r: TreeNode) => (r.elementId ? text(r.elementId) : null) === elementId;
  const budgetSchedule = arr(d, "budgetSchedule")
    .filter(mine)
    .map((s) => ({
      year: Number(s.year),
      source: String(s.source),
      amount: String(s.amount),
      effectiveDate: String(s.effectiveDate),
      reason: str(s.reason),
    }))
    .sort((a, b) => a.year - b.year || a.source.localeCompare(b.source) || a.effectiveDate.localeCompare(b.effectiveDate));
  const budgetExecution = arr(d, "budgetExecution")
    .filter(mine)
    .map((b) => ({
      year: Number(b.year),
      quarter: Number(b.quarter),
      source: String(b.source),
      // the year's schedule in force at the quarter's end, for readers of the quarterly figures
      schedule:
        scheduleEntryInForce(budgetSchedule, Number(b.year), String(b.source), quarterEndDate(Number(b.year), Number(b.quarter)))?.amount ??
        null,
      cash: String(b.cash),
      ...opt("deviationReason", b.deviationReason),
    }))
    .sort((a, b) => a.year - b.year || a.quarter - b.quarter || a.source.localeCompare(b.source));
  return { budgetSchedule, budgetExecution };
}

/** Inserts a whole municipality: reference data, strategy, programs, action plan. */
export async function insertMunicipalityDocument(
  q: Queryable,
  doc: MunicipalityDocument,
): Promise<{ municipalityId: string; lookups: MunicipalityLookups }> {
  const mu = await insertMunicipality(q, {
    name: doc.name,
    country: doc.country,
    currency: doc.currency,
    timezone: doc.country === "KG" ? "Asia/Bishkek" : "Europe/Moscow",
  });
  for (const [i, s] of doc.budgetSources.entries())
    await ins(q, "budgetSource", { municipalityId: mu.id, code: s.code, name: s.name, ord: i + 1, formLabel: s.formLabel ?? null });
  for (const d of doc.departments) await ins(q, "department", { municipalityId: mu.id, name: d.name, shortName: d.shortName ?? null });
  const l = await lookupsOf(q, mu.id);
  const strategy = doc.strategy ? await insertStrategyDocument(q, l, doc.strategy) : null;
  for (const p of doc.programs) await insertProgramDocument(q, l, p, strategy ? { strategyId: strategy.id } : {});
  if (doc.actionPlan) {
    if (!strategy)
      throw new ValidationError([
        { path: "actionPlan", message: "План мероприятий без стратегии", messageEn: "An action plan needs a strategy" },
      ]);
    await insertActionPlanDocument(q, l, strategy.id, doc.actionPlan);
  }
  for (const [i, plan] of (doc.nextActionPlans ?? []).entries()) {
    if (!strategy)
      throw new ValidationError([
        { path: `nextActionPlans[${i}]`, message: "План мероприятий без стратегии", messageEn: "An action plan needs a strategy" },
      ]);
    await insertActionPlanDocument(q, l, strategy.id, plan);
  }
  return { municipalityId: mu.id, lookups: l };
}

// ---- out ---------------------------------------------------------------------------------

const arr = (n: TreeNode, key: string) => (n[key] as TreeNode[] | undefined) ?? [];
const str = textOrNull;
/** An optional field of a document, present only when it has a value (so older snapshots compare equal). */
const opt = <K extends string>(key: K, v: unknown): { [k in K]?: string } => (str(v) ? { [key]: str(v) } : {}) as { [k in K]?: string };

/**
 * The stored program as a ProgramDocument (the shape of export, import and version snapshots),
 * read in one statement with the municipality's departments and strategy indicators it names;
 * `year`: only that year's rows of the tables kept by year (what a year's evaluation reads).
 */
export async function exportProgramDocument(
  q: Queryable,
  programId: string,
  opts: { year?: number } = {},
): Promise<ProgramDocument | null> {
  const { tree: t, extra } = await loadTreeWith(q, "program", programId, "programId", {
    year: opts.year,
    extra: [
      { key: "departments", resource: "department", where: "municipality" },
      { key: "strategyIndicators", resource: "strategyIndicator", where: "municipality" },
    ],
  });
  if (!t) return null;
  const depts = new Map((extra.get("departments") ?? []).map((d) => [d.id, String(d.name)]));
  const sInd = new Map((extra.get("strategyIndicators") ?? []).map((i) => [i.id, String(i.code ?? i.name)]));
  const doc = programDocumentOfTree(t, depts, sInd);
  if (t.strategyGoalId) {
    const g = await getRow(q, resource("goal"), text(t.strategyGoalId));
    if (g) doc.strategyGoal = String(g.code ?? g.name);
  }
  return doc;
}

/** A loaded program tree as a ProgramDocument; `depts`: department id → name, `sInd`: strategy indicator id → code or name. */
export function programDocumentOfTree(t: TreeNode, depts: Map<string, string>, sInd: Map<string, string>): ProgramDocument {
  const dept = (id: unknown) => (id ? (depts.get(text(id)) ?? null) : null);
  const goals = new Map(arr(t, "programGoals").map((g) => [g.id, String(g.code ?? g.name)]));
  const just = (v: TreeNode) => (v.justification ? { justification: text(v.justification) } : {});
  const yv = (rows: TreeNode[]) => rows.map((v) => ({ year: Number(v.year), plan: str(v.plan), fact: str(v.fact), ...just(v) }));
  return {
    code: String(t.code),
    name: String(t.name),
    responsibleExecutor: dept(t.responsibleDepartmentId) ?? "",
    coExecutors: arr(t, "programCoExecutors").map((c) => dept(c.departmentId) ?? ""),
    startYear: Number(t.startYear),
    endYear: Number(t.endYear),
    otherSources: str(t.otherSources),
    goals: arr(t, "programGoals").map((g) => ({
      code: str(g.code),
      name: String(g.name),
      targetValue: str(g.targetValue),
      unit: str(g.unit),
      targetYear: g.targetYear === null ? null : Number(g.targetYear),
    })),
    ...(arr(t, "programAnnualReports").length
      ? {
          annualReports: arr(t, "programAnnualReports")
            .map((r) => ({ year: Number(r.year), mainResults: str(r.mainResults) }))
            .sort((a, b) => a.year - b.year),
        }
      : {}),
    stages: arr(t, "programStages").map((s) => ({ name: String(s.name), startYear: Number(s.startYear), endYear: Number(s.endYear) })),
    indicators: arr(t, "programIndicators").map((i) => ({
      code: str(i.code),
      name: String(i.name),
      unit: String(i.unit),
      okei: str(i.okei),
      trend: i.trend as "increase" | "decrease",
      baseYear: Number(i.baseYear),
      baseValue: str(i.baseValue),
      goal: i.goalId ? (goals.get(text(i.goalId)) ?? null) : null,
      strategyIndicator: i.strategyIndicatorId ? (sInd.get(text(i.strategyIndicatorId)) ?? null) : null,
      values: yv(arr(i, "programIndicatorValues")),
    })),
    directions: arr(t, "directions").map((d) => ({
      code: String(d.code),
      name: String(d.name),
      coExecutor: dept(d.coExecutorDepartmentId) ?? "",
      ...opt("budgetClassification", d.budgetClassification),
      ...budgetOfTree(d, null),
      elements: arr(d, "structuralElements").map((e) => {
        const tasks = arr(e, "elementTasks");
        const taskKey = new Map(tasks.map((x) => [x.id, String(x.code ?? x.name)]));
        const actKey = new Map(tasks.flatMap((x) => arr(x, "elementActivities")).map((a) => [a.id, String(a.code ?? a.name)]));
        return {
          code: String(e.code),
          name: String(e.name),
          kind: e.kind as "project" | "process",
          responsible: dept(e.responsibleDepartmentId),
          startYear: e.startYear === null ? null : Number(e.startYear),
          endYear: e.endYear === null ? null : Number(e.endYear),
          ...(str(e.participants) ? { participants: participantsOf(str(e.participants)) } : {}),
          tasks: tasks.map((x) => ({
            code: str(x.code),
            name: String(x.name),
            activities: arr(x, "elementActivities").map((a) => ({
              code: str(a.code),
              name: String(a.name),
              description: str(a.description),
            })),
          })),
          metrics: arr(e, "metrics").map((mt) => ({
            code: str(mt.code),
            name: String(mt.name),
            unit: String(mt.unit),
            okei: str(mt.okei),
            trend: mt.trend as "increase" | "decrease",
            baseYear: mt.baseYear === null ? null : Number(mt.baseYear),
            baseValue: str(mt.baseValue),
            valueSource: str(mt.valueSource),
            level: mt.level as ProgramDocument["directions"][number]["elements"][number]["metrics"][number]["level"],
            task: mt.taskId ? (taskKey.get(text(mt.taskId)) ?? null) : null,
            values: yv(arr(mt, "metricValues")),
            months: arr(mt, "metricMonths").map((mo) => ({
              year: Number(mo.year),
              month: Number(mo.month),
              plan: str(mo.plan),
              fact: str(mo.fact),
              forecast: str(mo.forecast),
              ...just(mo),
            })),
          })),
          checkpoints: arr(e, "checkpoints").map((c) => ({
            name: String(c.name),
            activity: c.activityId ? (actKey.get(text(c.activityId)) ?? null) : null,
            plannedDate: String(c.plannedDate),
            actualDate: str(c.actualDate),
            responsible: str(c.responsible),
            documentKind: str(c.documentKind),
            informationSystem: str(c.informationSystem),
            ...opt("comment", c.comment),
          })),
          funding: arr(e, "funding").map((f) => ({ year: Number(f.year), source: String(f.source), amount: String(f.amount) })),
          ...elementBudget(budgetOfTree(d, String(e.id))),
        };
      }),
    })),
  };
}

/** The participants of a structural element: one per line of the stored text. */
function participantsOf(v: string | null): string[] {
  return (v ?? "")
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
}
