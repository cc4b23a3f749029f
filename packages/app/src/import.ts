/**
 * Import of a program from a workbook (issue 5): the file, parsed by the presenter into the
 * program it describes, is compared with the stored program; the difference is a list of
 * operations (create, update, delete) that a preview shows and a confirmation applies — all of
 * them in one transaction or none. Each operation goes through the same use case as a single
 * change (permissions, validation, the decree's rules, audit). Importing the same file again
 * finds no difference and writes nothing.
 */
import { createHash } from "node:crypto";
import { appendAuditMany, cachedReads, listRows, withSavepoint, type AuditEntry, type Queryable, type Row } from "@orientir/db";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
  authorize,
  parseMoney,
  resource,
  scheduleEntriesOf,
  validateFields,
  type BudgetHolder,
  type FieldSpec,
  type ProgramDocument,
  type ResourceSpec,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { lookupsOf, type MunicipalityLookups } from "./documents.ts";
import { programFormData, type FormContextData } from "./forms.ts";
import { createIn, deleteIn, getResource, targetOf, updateIn, type AuditSink } from "./resources.ts";
import { loadTree, type TreeNode } from "./trees.ts";

/** Where a value came from in the file. */
export interface ImportOrigin {
  sheet: string;
  row: number;
  /**
   * Column letter of each field of the document item (a JSON file: the JSON path of each field,
   * and under "" the path of the item itself).
   */
  columns: Record<string, string>;
}

export interface ImportIssueView {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** What the presenter made of the file. */
export interface ImportPlan {
  layout: string;
  document: ProgramDocument;
  /** Resources the file speaks for. */
  present: string[];
  /** Rows of the present resources missing from the file are deleted. */
  deleteMissing: boolean;
  origins: Map<object, ImportOrigin>;
  issues: ImportIssueView[];
  /** What the person should know before confirming (how an ambiguous value was placed, what the file leaves alone). */
  notes?: string[];
}

export type ImportParser = (current: ProgramDocument, context: FormContextData) => Promise<ImportPlan>;

export interface ImportChange {
  action: "create" | "update" | "delete";
  resource: string;
  /** «Показатель», «Значение показателя», … */
  what: string;
  /** The item in words: «Показатель «Число мест» — 2026». */
  item: string;
  /** For an update: each changed field with its value before and after. */
  fields?: { field: string; label: string; before: unknown; after: unknown }[];
  sheet?: string;
  row?: number;
  /** A JSON file: the path of the item (`directions[0].elements[1].metrics[2]`). */
  path?: string;
}

export interface ImportPreview {
  layout: string;
  valid: boolean;
  summary: { create: number; update: number; delete: number };
  changes: ImportChange[];
  issues: ImportIssueView[];
  /** What the person should know before confirming. */
  notes: string[];
  /** Names this exact set of changes; the confirmation must present it. */
  token: string;
}

export interface ImportResult {
  layout: string;
  summary: { create: number; update: number; delete: number };
}

// ---- operations -----------------------------------------------------------------------------------

interface OpRef {
  $op: number;
}
const isRef = (v: unknown): v is OpRef => typeof v === "object" && v !== null && "$op" in v;

interface Op {
  op: "create" | "update" | "delete";
  resource: string;
  id?: string;
  version?: number;
  data: Record<string, unknown>;
  before?: Row;
  origin?: ImportOrigin;
  /** The document field a resource field came from, for the column of an error. */
  fieldOf?: Record<string, string>;
  item: string;
}

const norm = (s: string | null | undefined) => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();
const arr = (n: TreeNode | null | undefined, key: string) => ((n?.[key] as TreeNode[] | undefined) ?? []);

function normDecimal(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  let s = String(v).trim();
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  return s;
}

function same(f: FieldSpec, a: unknown, b: unknown): boolean {
  const blank = (x: unknown) => x === null || x === undefined || x === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  switch (f.type.kind) {
    case "decimal":
      return normDecimal(a) === normDecimal(b);
    case "money":
      try {
        return parseMoney(String(a)) === parseMoney(String(b));
      } catch {
        return false;
      }
    case "int":
    case "year":
      return Number(a) === Number(b);
    default:
      return String(a) === String(b);
  }
}

/** Pairs desired items with stored rows by key; duplicates of a key pair in order. */
/**
 * Pairs the file's items with the stored rows by key; items with equal keys are paired in order.
 * With a looser second key (a checkpoint's name without its date), the items and rows left
 * unpaired by the first key are paired by the second, so that a changed date is an update of
 * the same checkpoint, not a deletion and a creation.
 */
function pair<D>(
  docs: D[],
  rows: TreeNode[],
  keys: { dkey: (d: D) => string; rkey: (r: TreeNode) => string }[],
): { pairs: [D, TreeNode | null][]; unmatched: TreeNode[] } {
  const found = new Map<D, TreeNode>();
  let left = rows;
  for (const { dkey, rkey } of keys) {
    const pool = new Map<string, TreeNode[]>();
    for (const r of left) pool.set(rkey(r), [...(pool.get(rkey(r)) ?? []), r]);
    for (const d of docs) {
      if (found.has(d)) continue;
      const r = pool.get(dkey(d))?.shift();
      if (r) found.set(d, r);
    }
    left = [...pool.values()].flat();
  }
  return { pairs: docs.map((d) => [d, found.get(d) ?? null]), unmatched: left };
}

class Differ {
  ops: Op[] = [];
  issues: ImportIssueView[] = [];
  private deletions: Op[] = [];

  constructor(
    readonly plan: ImportPlan,
    readonly lookups: MunicipalityLookups,
    readonly deptNames: Map<string, string>,
  ) {}

  private present(resourceName: string) {
    return this.plan.present.includes(resourceName);
  }

  issue(origin: ImportOrigin | undefined, field: string | null, reason: string) {
    this.issues.push({ sheet: origin?.sheet ?? "", row: origin?.row ?? 0, column: (field && origin?.columns[field]) || origin?.columns[""] || "", reason });
  }

  /** A department id by name, or an issue at the cell. */
  dept(name: string | null | undefined, origin: ImportOrigin | undefined, field: string, required: boolean): string | null | undefined {
    if (!name) {
      if (required) this.issue(origin, field, "подразделение не указано");
      return required ? undefined : null;
    }
    try {
      return this.lookups.departments.find(name, field);
    } catch {
      this.issue(origin, field, `подразделение «${name}» не найдено в справочнике`);
      return undefined;
    }
  }

  /**
   * Compares the desired items of one resource with its stored rows under one parent: creates,
   * updates, deletes; then calls `children` for each pair (to go down the tree). Returns the id
   * (or the reference to the create operation) of each desired item.
   */
  sync<D extends object>(o: {
    resource: string;
    docs: D[];
    rows: TreeNode[];
    dkey: (d: D) => string;
    rkey: (r: TreeNode) => string;
    /** A second, looser key for the items left unpaired by the first. */
    looser?: { dkey: (d: D) => string; rkey: (r: TreeNode) => string };
    parent: { field: string; id: string | OpRef } | null;
    values: (d: D) => Record<string, unknown> | null;
    fieldOf?: Record<string, string>;
    item: (d: D) => string;
    children?: (d: D, row: TreeNode | null, self: string | OpRef | null) => void;
  }): Map<D, string | OpRef | null> {
    const spec = resource(o.resource);
    const active = this.present(o.resource);
    const { pairs, unmatched } = pair(o.docs, o.rows, [{ dkey: o.dkey, rkey: o.rkey }, ...(o.looser ? [o.looser] : [])]);
    const ids = new Map<D, string | OpRef | null>();
    if (active && this.plan.deleteMissing) {
      for (const r of unmatched) {
        this.deletions.push({ op: "delete", resource: o.resource, id: r.id, version: Number(r.version), data: {}, before: r, item: `${spec.label.ru} ${this.describeRow(r)}` });
      }
    }
    const seen = new Set<string>();
    for (const [d, row] of pairs) {
      const origin = this.plan.origins.get(d);
      const k = o.dkey(d);
      if (active && seen.has(k)) this.issue(origin, null, `${spec.label.ru} «${k}» встречается в файле дважды`);
      seen.add(k);
      let self: string | OpRef | null = row ? row.id : null;
      if (active) {
        const values = o.values(d);
        if (values) {
          if (!row) {
            if (o.parent) values[o.parent.field] = o.parent.id;
            if (spec.fields.some((f) => f.name === "ord")) values.ord = o.docs.indexOf(d) + 1;
            this.ops.push({ op: "create", resource: o.resource, data: values, origin, fieldOf: o.fieldOf, item: o.item(d) });
            self = { $op: this.ops.length - 1 };
          } else {
            const patch: Record<string, unknown> = {};
            for (const f of spec.fields) {
              if (!(f.name in values) || f.name === "ord") continue;
              if (!same(f, values[f.name], row[f.name])) patch[f.name] = values[f.name];
            }
            if (Object.keys(patch).length) {
              this.ops.push({ op: "update", resource: o.resource, id: row.id, version: Number(row.version), data: patch, before: row, origin, fieldOf: o.fieldOf, item: o.item(d) });
            }
          }
        }
      }
      ids.set(d, self);
      o.children?.(d, row, self);
    }
    return ids;
  }

  private describeRow(r: TreeNode): string {
    const parts = [r.code, r.name, r.year, r.month ? `месяц ${String(r.month)}` : null, r.quarter ? `${String(r.quarter)} кв.` : null, r.source, r.plannedDate]
      .filter((x) => x !== null && x !== undefined && x !== "")
      .map(String);
    return parts.length ? `«${parts.join(" — ")}»` : "";
  }

  /** Deletions first (only the top-most: the rows below go with them), then creates and updates in tree order. */
  finish(): Op[] {
    const deleted = new Set(this.deletions.map((d) => d.id));
    const parentIdOf = (op: Op): string | null => {
      const spec = resource(op.resource);
      return spec.parent ? (String(op.before?.[spec.parent.field] ?? "") || null) : null;
    };
    const topMost = this.deletions.filter((d) => {
      const p = parentIdOf(d);
      return !p || !deleted.has(p);
    });
    // references to the creates shift by the number of deletions put before them
    const shift = topMost.length;
    const rebase = (v: unknown): unknown => (isRef(v) ? { $op: v.$op + shift } : v);
    const rest = this.ops.map((op) => ({ ...op, data: Object.fromEntries(Object.entries(op.data).map(([k, v]) => [k, rebase(v)])) }));
    return [...topMost, ...rest];
  }
}

/**
 * The budget schedule entries and cash rows of a direction (element null) or of a structural
 * element against its stored rows (those of the direction's rows with that element). A file
 * that carries budget rows carries the schedule with them (as entries, or quarterly values that
 * the parser turned into entries).
 */
function syncBudget(
  x: Differ, h: BudgetHolder, schedRows: TreeNode[], cashRows: TreeNode[], dir: string | OpRef, element: { id: string | null; ref: string | OpRef | null } | null, what: string,
): void {
  const mine = (r: TreeNode) => (r.elementId ? String(r.elementId) : null) === (element ? element.id : null) && (element === null || element.id !== null);
  const elementId = element ? element.ref : null;
  if (element && !elementId) return;
  x.sync({
    resource: "budgetSchedule", docs: scheduleEntriesOf(h), rows: schedRows.filter(mine),
    dkey: (b) => `${b.year}:${b.source}:${b.effectiveDate}`, rkey: (r) => `${String(r.year)}:${String(r.source)}:${String(r.effectiveDate)}`,
    parent: { field: "directionId", id: dir },
    values: (b) => ({ elementId, year: b.year, source: b.source, amount: b.amount, effectiveDate: b.effectiveDate, reason: b.reason ?? null }),
    item: (b) => `Сводная бюджетная роспись ${what} — ${b.year}, ${b.source}, с ${b.effectiveDate}`,
  });
  x.sync({
    resource: "budgetExecution", docs: h.budgetExecution ?? [], rows: cashRows.filter(mine),
    dkey: (b) => `${b.year}:${b.quarter}:${b.source}`, rkey: (r) => `${String(r.year)}:${String(r.quarter)}:${String(r.source)}`,
    parent: { field: "directionId", id: dir }, values: (b) => ({ elementId, year: b.year, quarter: b.quarter, source: b.source, cash: b.cash }),
    item: (b) => `Кассовое исполнение ${what} — ${b.year}, ${b.quarter} кв., ${b.source}`,
  });
}

const keyOf = (x: { code?: string | null; name: string }) => norm(x.code || x.name);
const rowKey = (r: TreeNode) => norm(String(r.code || r.name || ""));

function diffProgram(plan: ImportPlan, tree: TreeNode, lookups: MunicipalityLookups, deptNames: Map<string, string>): { ops: Op[]; issues: ImportIssueView[] } {
  // the schedule travels with the budget rows (a file's quarterly schedule values are its entries)
  if (plan.present.includes("budgetExecution") && !plan.present.includes("budgetSchedule")) plan = { ...plan, present: [...plan.present, "budgetSchedule"] };
  const doc = plan.document;
  const x = new Differ(plan, lookups, deptNames);
  const programId = tree.id;
  const programOrigin = plan.origins.get(doc);

  // the program's own fields
  if (plan.present.includes("program")) {
    const spec = resource("program");
    const dept = x.dept(doc.responsibleExecutor, programOrigin, "responsibleExecutor", true);
    const values: Record<string, unknown> = { name: doc.name, startYear: doc.startYear, endYear: doc.endYear, otherSources: doc.otherSources ?? null };
    if (dept) values.responsibleDepartmentId = dept;
    const patch: Record<string, unknown> = {};
    for (const f of spec.fields) if (f.name in values && !same(f, values[f.name], tree[f.name])) patch[f.name] = values[f.name];
    if (Object.keys(patch).length) {
      x.ops.push({
        op: "update", resource: "program", id: programId, version: Number(tree.version), data: patch, before: tree, origin: programOrigin,
        fieldOf: { responsibleDepartmentId: "responsibleExecutor" }, item: `Программа «${doc.code}»`,
      });
    }
  }
  const parent = (field: string, id: string | OpRef) => ({ field, id });

  x.sync({
    resource: "programCoExecutor", docs: doc.coExecutors.map((name) => ({ name })), rows: arr(tree, "programCoExecutors"),
    dkey: (d) => norm(d.name), rkey: (r) => norm(deptNames.get(String(r.departmentId)) ?? ""), parent: parent("programId", programId),
    values: (d) => {
      const id = x.dept(d.name, plan.origins.get(d), "department", true);
      return id ? { departmentId: id } : null;
    },
    fieldOf: { departmentId: "department" }, item: (d) => `Соисполнитель «${d.name}»`,
  });
  const goalIds = x.sync({
    resource: "programGoal", docs: doc.goals, rows: arr(tree, "programGoals"), dkey: keyOf, rkey: rowKey, parent: parent("programId", programId),
    values: (g) => ({ code: g.code ?? null, name: g.name, targetValue: g.targetValue ?? null, unit: g.unit ?? null, targetYear: g.targetYear ?? null }),
    item: (g) => `Цель «${g.name}»`,
  });
  const goalByKey = new Map<string, string | OpRef | null>();
  for (const [g, id] of goalIds) {
    goalByKey.set(keyOf(g), id);
    goalByKey.set(norm(g.name), id);
  }
  x.sync({
    resource: "programStage", docs: doc.stages, rows: arr(tree, "programStages"), dkey: (s) => norm(s.name), rkey: (r) => norm(String(r.name)),
    parent: parent("programId", programId), values: (s) => ({ name: s.name, startYear: s.startYear, endYear: s.endYear }), item: (s) => `Этап «${s.name}»`,
  });
  x.sync({
    resource: "programIndicator", docs: doc.indicators, rows: arr(tree, "programIndicators"), dkey: keyOf, rkey: rowKey, parent: parent("programId", programId),
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
      let strategyIndicatorId: string | null = null;
      try {
        strategyIndicatorId = lookups.strategyIndicators.find(i.strategyIndicator, "strategyIndicator");
      } catch {
        x.issue(origin, "strategyIndicator", `показатель стратегии «${i.strategyIndicator}» не найден`);
        return null;
      }
      return {
        code: i.code ?? null, name: i.name, unit: i.unit, okei: i.okei ?? null, trend: i.trend, baseYear: i.baseYear, baseValue: i.baseValue ?? null,
        goalId, strategyIndicatorId,
      };
    },
    fieldOf: { goalId: "goal", strategyIndicatorId: "strategyIndicator" }, item: (i) => `Индикатор «${i.name}»`,
    children: (i, row, self) => {
      if (!self) return;
      x.sync({
        resource: "programIndicatorValue", docs: i.values, rows: arr(row, "programIndicatorValues"), dkey: (v) => String(v.year), rkey: (r) => String(r.year),
        parent: parent("indicatorId", self), values: (v) => ({ year: v.year, plan: v.plan ?? null, fact: v.fact ?? null, justification: v.justification ?? null }),
        item: (v) => `Индикатор «${i.name}» — ${v.year}`,
      });
    },
  });
  x.sync({
    resource: "direction", docs: doc.directions, rows: arr(tree, "directions"), dkey: (d) => norm(d.code), rkey: (r) => norm(String(r.code)),
    parent: parent("programId", programId),
    values: (d) => {
      const co = x.dept(d.coExecutor, plan.origins.get(d), "coExecutor", true);
      return co ? { code: d.code, name: d.name, coExecutorDepartmentId: co } : null;
    },
    fieldOf: { coExecutorDepartmentId: "coExecutor" }, item: (d) => `Направление «${d.code} ${d.name}»`,
    children: (d, drow, dir) => {
      if (!dir) return;
      syncBudget(x, d, arr(drow, "budgetSchedule"), arr(drow, "budgetExecution"), dir, null, `направления «${d.code}»`);
      x.sync({
        resource: "structuralElement", docs: d.elements, rows: arr(drow, "structuralElements"), dkey: (e) => norm(e.code), rkey: (r) => norm(String(r.code)),
        parent: parent("directionId", dir),
        values: (e) => {
          const resp = x.dept(e.responsible, plan.origins.get(e), "responsible", false);
          if (resp === undefined) return null;
          return { code: e.code, name: e.name, kind: e.kind, responsibleDepartmentId: resp, startYear: e.startYear ?? null, endYear: e.endYear ?? null };
        },
        fieldOf: { responsibleDepartmentId: "responsible" }, item: (e) => `Структурный элемент «${e.code} ${e.name}»`,
        children: (e, erow, el) => {
          if (!el) return;
          syncBudget(x, e, arr(drow, "budgetSchedule"), arr(drow, "budgetExecution"), dir, erow ? { id: String(erow.id), ref: el } : { id: null, ref: el }, `элемента «${e.code}»`);
          const taskIds = new Map<string, string | OpRef | null>();
          const actIds = new Map<string, string | OpRef | null>();
          const tasks = x.sync({
            resource: "elementTask", docs: e.tasks, rows: arr(erow, "elementTasks"), dkey: keyOf, rkey: rowKey, parent: parent("elementId", el),
            values: (t) => ({ code: t.code ?? null, name: t.name }), item: (t) => `Задача «${t.name}» элемента «${e.code}»`,
            children: (t, trow, task) => {
              if (!task) return;
              const acts = x.sync({
                resource: "elementActivity", docs: t.activities, rows: arr(trow, "elementActivities"), dkey: keyOf, rkey: rowKey, parent: parent("taskId", task),
                values: (a) => ({ code: a.code ?? null, name: a.name, description: a.description ?? null }), item: (a) => `Мероприятие «${a.name}» элемента «${e.code}»`,
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
            resource: "metric", docs: e.metrics, rows: arr(erow, "metrics"), dkey: keyOf, rkey: rowKey, parent: parent("elementId", el),
            values: (m) => {
              let taskId: string | OpRef | null = null;
              if (m.task) {
                taskId = taskIds.get(norm(m.task)) ?? null;
                if (!taskId) {
                  x.issue(plan.origins.get(m), "task", `задача «${m.task}» не найдена у элемента «${e.code}»`);
                  return null;
                }
              }
              return {
                code: m.code ?? null, name: m.name, unit: m.unit, okei: m.okei ?? null, trend: m.trend, baseYear: m.baseYear ?? null, baseValue: m.baseValue ?? null,
                valueSource: m.valueSource ?? null, level: m.level, taskId,
              };
            },
            fieldOf: { taskId: "task" }, item: (m) => `Показатель «${m.name}»`,
            children: (m, mrow, met) => {
              if (!met) return;
              x.sync({
                resource: "metricValue", docs: m.values, rows: arr(mrow, "metricValues"), dkey: (v) => String(v.year), rkey: (r) => String(r.year),
                parent: parent("metricId", met), values: (v) => ({ year: v.year, plan: v.plan ?? null, fact: v.fact ?? null, justification: v.justification ?? null }),
                item: (v) => `Показатель «${m.name}» — ${v.year}`,
              });
              x.sync({
                resource: "metricMonth", docs: m.months, rows: arr(mrow, "metricMonths"), dkey: (v) => `${v.year}:${v.month}`, rkey: (r) => `${String(r.year)}:${String(r.month)}`,
                parent: parent("metricId", met),
                values: (v) => ({ year: v.year, month: v.month, plan: v.plan ?? null, fact: v.fact ?? null, forecast: v.forecast ?? null, justification: v.justification ?? null }),
                item: (v) => `Показатель «${m.name}» — ${v.year}, месяц ${v.month}`,
              });
            },
          });
          x.sync({
            resource: "checkpoint", docs: e.checkpoints, rows: arr(erow, "checkpoints"),
            // the same checkpoint name recurs year after year: a checkpoint is its name and planned date
            dkey: (c) => `${norm(c.name)} (${c.plannedDate})`, rkey: (r) => `${norm(String(r.name))} (${String(r.plannedDate)})`,
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
              return {
                activityId, name: c.name, plannedDate: c.plannedDate, actualDate: c.actualDate ?? null, responsible: c.responsible ?? null,
                documentKind: c.documentKind ?? null, informationSystem: c.informationSystem ?? null,
              };
            },
            fieldOf: { activityId: "activity" }, item: (c) => `Контрольная точка «${c.name}» элемента «${e.code}»`,
          });
          x.sync({
            resource: "funding", docs: e.funding, rows: arr(erow, "funding"), dkey: (f) => `${f.year}:${f.source}`, rkey: (r) => `${String(r.year)}:${String(r.source)}`,
            parent: parent("elementId", el), values: (f) => ({ year: f.year, source: f.source, amount: f.amount }),
            item: (f) => `Финансирование элемента «${e.code}» — ${f.year}, ${f.source}`,
          });
        },
      });
    },
  });
  return { ops: x.finish(), issues: x.issues };
}

// ---- checks and application -------------------------------------------------------------------------

function columnOf(op: Op, path: string): string {
  const field = path.split(".").pop() ?? path;
  const docField = op.fieldOf?.[field] ?? field;
  return op.origin?.columns[docField] ?? op.origin?.columns[""] ?? "";
}

function issuesOfError(op: Op, e: unknown): ImportIssueView[] {
  const at = (path: string, reason: string): ImportIssueView => ({ sheet: op.origin?.sheet ?? "", row: op.origin?.row ?? 0, column: columnOf(op, path), reason: `${op.item}: ${reason}` });
  if (e instanceof ValidationError || e instanceof RuleError) {
    return e.issues.length ? e.issues.map((i) => at(i.path, i.message)) : [at("", e.message)];
  }
  if (e instanceof ForbiddenError || e instanceof ConflictError || e instanceof NotFoundError) return [at("", e.message)];
  throw e;
}

/** The field checks of the domain on every operation, before the database sees any. */
function checkFields(ops: Op[]): ImportIssueView[] {
  const out: ImportIssueView[] = [];
  for (const op of ops) {
    if (op.op === "delete") continue;
    const spec = resource(op.resource);
    const data = Object.fromEntries(Object.entries(op.data).filter(([k, v]) => !isRef(v) && k !== spec.parent?.field));
    const { issues } = validateFields(spec, data, op.op);
    const errors = issues.filter((i) => i.severity !== "warning");
    if (errors.length) out.push(...issuesOfError(op, new ValidationError(errors)));
  }
  return out;
}

/**
 * Applies the operations in the transaction. With `collect`, each runs in a savepoint and its
 * error is collected (the operations that depend on a failed create are skipped); without, the
 * first error is thrown.
 */
async function applyOps(tx: Queryable, ctx: AppContext, caller: Caller, ops: Op[], collect: ImportIssueView[] | null, sink: AuditSink): Promise<void> {
  // thousands of rows ask for the same program, direction, locks and versions: asked once each
  const q = cachedReads(tx);
  const ids: (string | null)[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    let blocked = false;
    const data = Object.fromEntries(
      Object.entries(op.data).map(([k, v]) => {
        if (!isRef(v)) return [k, v];
        const id = ids[v.$op] ?? null;
        if (!id) blocked = true;
        return [k, id];
      }),
    );
    if (blocked) {
      ids[i] = null;
      continue;
    }
    const spec: ResourceSpec = resource(op.resource);
    const run = async () => {
      if (op.op === "create") return (await createIn(q, ctx, caller, spec, data, sink)).id;
      if (op.op === "update") return (await updateIn(q, ctx, caller, spec, op.id!, op.version!, data, sink)).id;
      await deleteIn(q, ctx, caller, spec, op.id!, op.version!, sink);
      return null;
    };
    if (!collect) {
      try {
        ids[i] = await run();
      } catch (e) {
        const issues = issuesOfError(op, e);
        throw new ValidationError(
          issues.map((x) => ({ path: pathOf(x), message: x.reason, messageEn: x.reason })),
          issues[0] ? `${where(issues[0])}${issues[0].reason}` : undefined,
        );
      }
      continue;
    }
    try {
      ids[i] = await withSavepoint(q, run);
    } catch (e) {
      collect.push(...issuesOfError(op, e));
      ids[i] = null;
    }
  }
}

/** A JSON file has no sheets: its "column" is the JSON path. */
const isJson = (i: ImportIssueView) => i.sheet === "JSON" && !i.row;
const where = (i: ImportIssueView) =>
  isJson(i) ? (i.column ? `${i.column}: ` : "") : i.sheet ? `лист «${i.sheet}»${i.row ? `, строка ${i.row}` : ""}${i.column ? `, столбец ${i.column}` : ""}: ` : "";
const pathOf = (i: ImportIssueView) => (isJson(i) ? i.column : `${i.sheet}!${i.column}${i.row}`);

function tokenOf(ops: Op[]): string {
  const h = createHash("sha256");
  for (const op of ops) h.update(JSON.stringify([op.op, op.resource, op.id ?? null, op.version ?? null, op.data]));
  return h.digest("hex").slice(0, 32);
}

function summaryOf(ops: Op[]) {
  return { create: ops.filter((o) => o.op === "create").length, update: ops.filter((o) => o.op === "update").length, delete: ops.filter((o) => o.op === "delete").length };
}

function changesOf(ops: Op[]): ImportChange[] {
  return ops.map((op) => {
    const spec = resource(op.resource);
    const c: ImportChange = { action: op.op, resource: op.resource, what: spec.label.ru, item: op.item };
    if (op.origin) {
      c.sheet = op.origin.sheet;
      c.row = op.origin.row;
      if (op.origin.columns[""]) c.path = op.origin.columns[""];
    }
    if (op.op === "update") {
      c.fields = Object.entries(op.data).map(([k, v]) => ({
        field: k, label: spec.fields.find((f) => f.name === k)?.label.ru ?? k, before: op.before?.[k] ?? null, after: isRef(v) ? "(новая запись)" : v,
      }));
    }
    return c;
  });
}

/** May the caller change anything at all in this program (the rows go through their own checks)? */
async function ensureMayImport(q: Queryable, caller: Caller, program: Row, directions: TreeNode[]): Promise<void> {
  const probes = ["program", "programIndicatorValue", "funding", "budgetExecution", "metricValue"];
  const programSpec = resource("program");
  const base = await targetOf(q, programSpec, program);
  if (base.area !== "program") throw new Error("unreachable");
  for (const r of probes) {
    if (authorize(caller.actor, "update", { ...base, resource: r }).allowed) return;
    for (const d of directions) {
      if (authorize(caller.actor, "update", { ...base, resource: r, directionCoExecutorId: (d.coExecutorDepartmentId as string | null) ?? null }).allowed) return;
    }
  }
  throw new ForbiddenError("нет права изменять эту программу");
}

interface Prepared {
  plan: ImportPlan;
  ops: Op[];
  issues: ImportIssueView[];
  programId: string;
}

async function prepare(ctx: AppContext, caller: Caller, programId: string, parse: ImportParser): Promise<Prepared> {
  const data = await programFormData(ctx, caller, programId);
  const program = await getResource(ctx, caller, resource("program"), programId);
  const tree = (await loadTree(ctx.db, "program", program.id, "programId"))!;
  await ensureMayImport(ctx.db, caller, program, arr(tree, "directions"));
  const plan = await parse(data.program, data.context);
  const lookups = await lookupsOf(ctx.db, caller.actor.municipalityId);
  const deptNames = new Map<string, string>();
  // the names of the departments, for matching the co-executors by name
  for (const d of await listRows(ctx.db, resource("department"), { municipalityId: caller.actor.municipalityId })) deptNames.set(d.id, String(d.name));
  if (plan.issues.length) return { plan, ops: [], issues: plan.issues, programId: program.id };
  const { ops, issues } = diffProgram(plan, tree, lookups, deptNames);
  return { plan, ops, issues: [...issues, ...checkFields(ops)], programId: program.id };
}

class Rollback extends Error {}

/** What importing the file would create, change and delete, and every error with its cell. Writes nothing. */
export async function previewProgramImport(ctx: AppContext, caller: Caller, programId: string, parse: ImportParser): Promise<ImportPreview> {
  const p = await prepare(ctx, caller, programId, parse);
  const issues = [...p.issues];
  if (!issues.length && p.ops.length) {
    // a dry run: every operation in the real transaction, then all undone (the audit entries are
    // not even formed). A clean run is done; at the first error the run is repeated with each
    // operation in a savepoint, so that every error is found, not only the first.
    const dryRun = (collect: ImportIssueView[] | null) =>
      ctx.db
        .tx(async (q) => {
          await applyOps(q, ctx, caller, p.ops, collect, () => {});
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
    try {
      await dryRun(null);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      await dryRun(issues);
    }
  }
  return {
    layout: p.plan.layout, valid: issues.length === 0, summary: summaryOf(p.ops), changes: changesOf(p.ops), issues, notes: p.plan.notes ?? [], token: tokenOf(p.ops),
  };
}

/**
 * Applies the import previewed under `token`: all operations in one transaction, or none. If the
 * file or the program changed since the preview, the token no longer matches and nothing is done.
 */
export async function confirmProgramImport(ctx: AppContext, caller: Caller, programId: string, parse: ImportParser, token: string, filename?: string): Promise<ImportResult> {
  const p = await prepare(ctx, caller, programId, parse);
  if (p.issues.length) {
    throw new ValidationError(
      p.issues.map((i) => ({ path: pathOf(i), message: `${where(i)}${i.reason}`, messageEn: i.reason })),
      `Файл содержит ошибки (${p.issues.length}); ничего не записано`,
    );
  }
  if (tokenOf(p.ops) !== token) {
    throw new ConflictError("Файл или программа изменились после предварительного просмотра: просмотрите импорт снова");
  }
  const summary = summaryOf(p.ops);
  if (!p.ops.length) return { layout: p.plan.layout, summary };
  await ctx.db.tx(async (q) => {
    // every row's audit entry, as a single change would write it, appended together at the end
    const entries: AuditEntry[] = [];
    const sink: AuditSink = (e) =>
      entries.push({
        municipalityId: caller.actor.municipalityId, actorId: caller.actor.userId, actorLogin: caller.actor.login, requestId: caller.requestId,
        action: e.action, objectType: e.objectType, objectId: e.objectId, before: e.before ?? null, after: e.after ?? null,
      });
    await applyOps(q, ctx, caller, p.ops, null, sink);
    await appendAuditMany(q, entries);
    await audit(q, caller, { action: "program.import", objectType: "program", objectId: p.programId, after: { layout: p.plan.layout, filename: filename ?? null, ...summary } });
  });
  return { layout: p.plan.layout, summary };
}

/** What a withdrawn amendment gives back: every resource of the program's content (the budget figures are the record of execution). */
const RESTORED_RESOURCES = [
  "program", "programCoExecutor", "programGoal", "programStage", "programIndicator", "programIndicatorValue", "direction", "structuralElement",
  "elementTask", "elementActivity", "metric", "metricValue", "metricMonth", "checkpoint", "funding",
];

/**
 * Makes the program's rows say `document` (the version in force, with the live record of
 * execution, `withRecordOf`): the working copy of a withdrawn amendment is dropped. Each row
 * through the same use case as a single change, in the caller's transaction; answers the number of
 * rows written.
 */
export async function restoreProgramContent(q: Queryable, ctx: AppContext, caller: Caller, programId: string, document: ProgramDocument): Promise<number> {
  const tree = await loadTree(q, "program", programId, "programId");
  if (!tree) return 0;
  const lookups = await lookupsOf(q, caller.actor.municipalityId);
  const deptNames = new Map<string, string>();
  for (const d of await listRows(q, resource("department"), { municipalityId: caller.actor.municipalityId })) deptNames.set(d.id, String(d.name));
  const plan: ImportPlan = { layout: "version", document, present: RESTORED_RESOURCES, deleteMissing: true, origins: new Map(), issues: [] };
  const { ops, issues } = diffProgram(plan, tree, lookups, deptNames);
  if (issues.length) throw new ValidationError(issues.map((i) => ({ path: i.column || "document", message: i.reason, messageEn: i.reason })), `Действующую редакцию не удалось восстановить: ${issues[0]!.reason}`);
  const entries: AuditEntry[] = [];
  const sink: AuditSink = (e) =>
    entries.push({
      municipalityId: caller.actor.municipalityId, actorId: caller.actor.userId, actorLogin: caller.actor.login, requestId: caller.requestId,
      action: e.action, objectType: e.objectType, objectId: e.objectId, before: e.before ?? null, after: e.after ?? null,
    });
  await applyOps(q, ctx, caller, ops, null, sink);
  await appendAuditMany(q, entries);
  return ops.length;
}
