/**
 * The whole program of a plan against its stored tree: the operations, top-most deletions first,
 * and the issues with their cells.
 */
import { resource, scheduleEntriesOf, type BudgetHolder } from "@orientir/domain";
import type { MunicipalityLookups } from "../documents.ts";
import type { TreeNode } from "../trees.ts";
import type { ImportIssueView, ImportPlan } from "./types.ts";
import { type OpRef, type Op, norm, arr, same, Differ } from "./differ.ts";
import { text } from "../row-values.ts";
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
} from "../program-fields.ts";

/**
 * The budget schedule entries and cash rows of a direction (element null) or of a structural
 * element against its stored rows (those of the direction's rows with that element). A file
 * that carries budget rows carries the schedule with them (as entries, or quarterly values that
 * the parser turned into entries).
 */
function syncBudget(
  x: Differ,
  h: BudgetHolder,
  schedRows: TreeNode[],
  cashRows: TreeNode[],
  dir: string | OpRef,
  element: { id: string | null; ref: string | OpRef | null } | null,
  what: string,
): void {
  const mine = (r: TreeNode) =>
    (r.elementId ? text(r.elementId) : null) === (element ? element.id : null) && (element === null || element.id !== null);
  const elementId = element ? element.ref : null;
  if (element && !elementId) return;
  x.sync({
    resource: "budgetSchedule",
    docs: scheduleEntriesOf(h),
    rows: schedRows.filter(mine),
    dkey: (b) => `${b.year}:${b.source}:${b.effectiveDate}`,
    rkey: (r) => `${String(r.year)}:${String(r.source)}:${String(r.effectiveDate)}`,
    parent: { field: "directionId", id: dir },
    values: (b) => budgetScheduleFields(elementId, b),
    item: (b) => `Сводная бюджетная роспись ${what} — ${b.year}, ${b.source}, с ${b.effectiveDate}`,
  });
  x.sync({
    resource: "budgetExecution",
    docs: h.budgetExecution ?? [],
    rows: cashRows.filter(mine),
    dkey: (b) => `${b.year}:${b.quarter}:${b.source}`,
    rkey: (r) => `${String(r.year)}:${String(r.quarter)}:${String(r.source)}`,
    parent: { field: "directionId", id: dir },
    values: (b) => budgetExecutionFields(elementId, b),
    item: (b) => `Кассовое исполнение ${what} — ${b.year}, ${b.quarter} кв., ${b.source}`,
  });
}

const keyOf = (x: { code?: string | null; name: string }) => norm(x.code || x.name);
const rowKey = (r: TreeNode) => norm(text(r.code || r.name || ""));

export function diffProgram(
  plan: ImportPlan,
  tree: TreeNode,
  lookups: MunicipalityLookups,
  deptNames: Map<string, string>,
): { ops: Op[]; issues: ImportIssueView[] } {
  // the schedule travels with the budget rows (a file's quarterly schedule values are its entries)
  if (plan.present.includes("budgetExecution") && !plan.present.includes("budgetSchedule"))
    plan = { ...plan, present: [...plan.present, "budgetSchedule"] };
  const doc = plan.document;
  const x = new Differ(plan, lookups, deptNames);
  const programId = tree.id;
  const programOrigin = plan.origins.get(doc);

  // the program's own fields
  if (plan.present.includes("program")) {
    const spec = resource("program");
    const dept = x.dept(doc.responsibleExecutor, programOrigin, "responsibleExecutor", true);
    const values: Record<string, unknown> = {
      name: doc.name,
      startYear: doc.startYear,
      endYear: doc.endYear,
      otherSources: doc.otherSources ?? null,
    };
    if (dept) values.responsibleDepartmentId = dept;
    const patch: Record<string, unknown> = {};
    for (const f of spec.fields) if (f.name in values && !same(f, values[f.name], tree[f.name])) patch[f.name] = values[f.name];
    if (Object.keys(patch).length) {
      x.ops.push({
        op: "update",
        resource: "program",
        id: programId,
        version: Number(tree.version),
        data: patch,
        before: tree,
        origin: programOrigin,
        fieldOf: { responsibleDepartmentId: "responsibleExecutor" },
        item: `Программа «${doc.code}»`,
      });
    }
  }
  const parent = (field: string, id: string | OpRef) => ({ field, id });

  x.sync({
    resource: "programCoExecutor",
    docs: doc.coExecutors.map((name) => ({ name })),
    rows: arr(tree, "programCoExecutors"),
    dkey: (d) => norm(d.name),
    rkey: (r) => norm(deptNames.get(String(r.departmentId)) ?? ""),
    parent: parent("programId", programId),
    values: (d) => {
      const id = x.dept(d.name, plan.origins.get(d), "department", true);
      return id ? { departmentId: id } : null;
    },
    fieldOf: { departmentId: "department" },
    item: (d) => `Соисполнитель «${d.name}»`,
  });
  const goalIds = x.sync({
    resource: "programGoal",
    docs: doc.goals,
    rows: arr(tree, "programGoals"),
    dkey: keyOf,
    rkey: rowKey,
    parent: parent("programId", programId),
    values: programGoalFields,
    item: (g) => `Цель «${g.name}»`,
  });
  const goalByKey = new Map<string, string | OpRef | null>();
  for (const [g, id] of goalIds) {
    goalByKey.set(keyOf(g), id);
    goalByKey.set(norm(g.name), id);
  }
  x.sync({
    resource: "programStage",
    docs: doc.stages,
    rows: arr(tree, "programStages"),
    dkey: (s) => norm(s.name),
    rkey: (r) => norm(String(r.name)),
    parent: parent("programId", programId),
    values: programStageFields,
    item: (s) => `Этап «${s.name}»`,
  });
  x.sync({
    resource: "programAnnualReport",
    docs: doc.annualReports ?? [],
    rows: arr(tree, "programAnnualReports"),
    dkey: (r) => String(r.year),
    rkey: (r) => String(r.year),
    parent: parent("programId", programId),
    values: annualReportFields,
    item: (r) => `Основные результаты реализации за ${r.year} год`,
  });
  x.sync({
    resource: "programIndicator",
    docs: doc.indicators,
    rows: arr(tree, "programIndicators"),
    dkey: keyOf,
    rkey: rowKey,
    parent: parent("programId", programId),
    values: (i) => {
      const origin = plan.origins.get(i);
      let goalId: string | OpRef | null = null;
      if (i.goal) {
        goalId = goalByKey.get(norm(i.goal)) ?? null;
        if (!goalId) {
          x.issue(origin, "goal", `цель «${i.goal}» не найдена`);
          return null;
        }
      }
      let strategyIndicatorId: string | null;
      try {
        strategyIndicatorId = lookups.strategyIndicators.find(i.strategyIndicator, "strategyIndicator");
      } catch {
        x.issue(origin, "strategyIndicator", `показатель стратегии «${i.strategyIndicator}» не найден`);
        return null;
      }
      return { ...programIndicatorFields(i), goalId, strategyIndicatorId };
    },
    fieldOf: { goalId: "goal", strategyIndicatorId: "strategyIndicator" },
    item: (i) => `Индикатор «${i.name}»`,
    children: (i, row, self) => {
      if (!self) return;
      x.sync({
        resource: "programIndicatorValue",
        docs: i.values,
        rows: arr(row, "programIndicatorValues"),
        dkey: (v) => String(v.year),
        rkey: (r) => String(r.year),
        parent: parent("indicatorId", self),
        values: yearValueFields,
        item: (v) => `Индикатор «${i.name}» — ${v.year}`,
      });
    },
  });
  x.sync({
    resource: "direction",
    docs: doc.directions,
    rows: arr(tree, "directions"),
    dkey: (d) => norm(d.code),
    rkey: (r) => norm(String(r.code)),
    parent: parent("programId", programId),
    values: (d) => {
      const co = x.dept(d.coExecutor, plan.origins.get(d), "coExecutor", true);
      if (!co) return null;
      return { ...directionFields(d), coExecutorDepartmentId: co };
    },
    fieldOf: { coExecutorDepartmentId: "coExecutor" },
    item: (d) => `Направление «${d.code} ${d.name}»`,
    children: (d, drow, dir) => {
      if (!dir) return;
      syncBudget(x, d, arr(drow, "budgetSchedule"), arr(drow, "budgetExecution"), dir, null, `направления «${d.code}»`);
      x.sync({
        resource: "structuralElement",
        docs: d.elements,
        rows: arr(drow, "structuralElements"),
        dkey: (e) => norm(e.code),
        rkey: (r) => norm(String(r.code)),
        parent: parent("directionId", dir),
        values: (e) => {
          const resp = x.dept(e.responsible, plan.origins.get(e), "responsible", false);
          if (resp === undefined) return null;
          return { ...elementFields(e), responsibleDepartmentId: resp };
        },
        fieldOf: { responsibleDepartmentId: "responsible" },
        item: (e) => `Структурный элемент «${e.code} ${e.name}»`,
        children: (e, erow, el) => {
          if (!el) return;
          syncBudget(
            x,
            e,
            arr(drow, "budgetSchedule"),
            arr(drow, "budgetExecution"),
            dir,
            erow ? { id: String(erow.id), ref: el } : { id: null, ref: el },
            `элемента «${e.code}»`,
          );
          const taskIds = new Map<string, string | OpRef | null>();
          const actIds = new Map<string, string | OpRef | null>();
          const tasks = x.sync({
            resource: "elementTask",
            docs: e.tasks,
            rows: arr(erow, "elementTasks"),
            dkey: keyOf,
            rkey: rowKey,
            parent: parent("elementId", el),
            values: taskFields,
            item: (t) => `Задача «${t.name}» элемента «${e.code}»`,
            children: (t, trow, task) => {
              if (!task) return;
              const acts = x.sync({
                resource: "elementActivity",
                docs: t.activities,
                rows: arr(trow, "elementActivities"),
                dkey: keyOf,
                rkey: rowKey,
                parent: parent("taskId", task),
                values: activityFields,
                item: (a) => `Мероприятие «${a.name}» элемента «${e.code}»`,
              });
              for (const [a, id] of acts) {
                actIds.set(keyOf(a), id);
                actIds.set(norm(a.name), id);
              }
            },
          });
          for (const [t, id] of tasks) {
            taskIds.set(keyOf(t), id);
            taskIds.set(norm(t.name), id);
          }
          x.sync({
            resource: "metric",
            docs: e.metrics,
            rows: arr(erow, "metrics"),
            dkey: keyOf,
            rkey: rowKey,
            parent: parent("elementId", el),
            values: (m) => {
              let taskId: string | OpRef | null = null;
              if (m.task) {
                taskId = taskIds.get(norm(m.task)) ?? null;
                if (!taskId) {
                  x.issue(plan.origins.get(m), "task", `задача «${m.task}» не найдена у элемента «${e.code}»`);
                  return null;
                }
              }
              return { ...metricFields(m), taskId };
            },
            fieldOf: { taskId: "task" },
            item: (m) => `Показатель «${m.name}»`,
            children: (m, mrow, met) => {
              if (!met) return;
              x.sync({
                resource: "metricValue",
                docs: m.values,
                rows: arr(mrow, "metricValues"),
                dkey: (v) => String(v.year),
                rkey: (r) => String(r.year),
                parent: parent("metricId", met),
                values: yearValueFields,
                item: (v) => `Показатель «${m.name}» — ${v.year}`,
              });
              x.sync({
                resource: "metricMonth",
                docs: m.months,
                rows: arr(mrow, "metricMonths"),
                dkey: (v) => `${v.year}:${v.month}`,
                rkey: (r) => `${String(r.year)}:${String(r.month)}`,
                parent: parent("metricId", met),
                values: metricMonthFields,
                item: (v) => `Показатель «${m.name}» — ${v.year}, месяц ${v.month}`,
              });
            },
          });
          x.sync({
            resource: "checkpoint",
            docs: e.checkpoints,
            rows: arr(erow, "checkpoints"),
            // the same checkpoint name recurs year after year: a checkpoint is its name and planned date
            dkey: (c) => `${norm(c.name)} (${c.plannedDate})`,
            rkey: (r) => `${norm(String(r.name))} (${String(r.plannedDate)})`,
            looser: { dkey: (c) => norm(c.name), rkey: (r) => norm(String(r.name)) },
            parent: parent("elementId", el),
            values: (c) => {
              let activityId: string | OpRef | null = null;
              if (c.activity) {
                activityId = actIds.get(norm(c.activity)) ?? null;
                if (!activityId) {
                  x.issue(plan.origins.get(c), "activity", `мероприятие «${c.activity}» не найдено у элемента «${e.code}»`);
                  return null;
                }
              }
              return { activityId, ...checkpointFields(c) };
            },
            fieldOf: { activityId: "activity" },
            item: (c) => `Контрольная точка «${c.name}» элемента «${e.code}»`,
          });
          x.sync({
            resource: "funding",
            docs: e.funding,
            rows: arr(erow, "funding"),
            dkey: (f) => `${f.year}:${f.source}`,
            rkey: (r) => `${String(r.year)}:${String(r.source)}`,
            parent: parent("elementId", el),
            values: fundingFields,
            item: (f) => `Финансирование элемента «${e.code}» — ${f.year}, ${f.source}`,
          });
        },
      });
    },
  });
  return { ops: x.finish(), issues: x.issues };
}
