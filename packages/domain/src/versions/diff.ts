/**
 * The difference between two versions of a program document (approved version → draft).
 *
 * Children are matched by code, or by name where there is no code (names compared case- and
 * space-insensitively), so reordering is not a change; a checkpoint is matched by its activity and
 * name. Values by year (and month) and funding by year and source are compared row by row; the
 * funding totals of the program per year and source are compared as well. Decimals and money are
 * compared by value ("41000" = "41 000,0") and their exact difference is given as `delta`.
 *
 * Only content is compared: facts, forecasts and the actual dates of checkpoints are the record of
 * execution (content.ts) and never a change of a version.
 *
 * An entity added or removed is one change; with `{ deep: true }` everything inside it is listed
 * too (the rules of change need that: removing a metric removes its past plan values).
 */
import { yearOf, isIsoDate } from "../dates.ts";
import { formatMoney, parseMoney, type Money } from "../money.ts";
import type {
  CheckpointDoc,
  DirectionDoc,
  ElementDoc,
  FundingRow,
  MetricDoc,
  ProgramDocument,
  ProgramIndicatorDoc,
  YearPlanFact,
} from "../model/documents.ts";
import { normalizeInteger } from "../validation/fields.ts";
import { sameName } from "../validation/issue.ts";
import { valueText } from "../validation/text.ts";
import { isExecutionField } from "./content.ts";
import { decimalDelta, decimalOf } from "./numbers.ts";

export const CHANGE_ENTITIES = [
  "program",
  "coExecutor",
  "goal",
  "stage",
  "indicator",
  "direction",
  "element",
  "task",
  "activity",
  "metric",
  "checkpoint",
  "funding",
  "fundingTotal",
] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];
export type ChangeKind = "added" | "removed" | "changed";
export type ValueKind = "text" | "decimal" | "money" | "int" | "date";

export interface Change {
  /** e.g. `directions[D-1].elements[D-1.1].metrics[M-1].values[2026].plan`. */
  path: string;
  entity: ChangeEntity;
  kind: ChangeKind;
  /** The thing in Russian, e.g. `показатель «Число посетителей»`. */
  label: string;
  /** Its name alone. */
  name: string;
  /** The field changed; absent when a whole entity is added or removed. */
  field?: string;
  valueKind?: ValueKind;
  before?: string | null;
  after?: string | null;
  /** after − before, exact, for decimals and money. */
  delta?: string;
  year?: number;
  /** 1..12; 12 stands for "на 31 декабря". */
  month?: number;
  /** Funding source code. */
  source?: string;
  /** Planned date of a checkpoint (the old one when it was removed). */
  date?: string;
}

/** Russian nouns of the entities: nominative, genitive and gender (for "добавлен/а/о"). */
export const ENTITY_WORDS: Record<ChangeEntity, { nom: string; gen: string; gender: "m" | "f" | "n" }> = {
  program: { nom: "программа", gen: "программы", gender: "f" },
  coExecutor: { nom: "соисполнитель", gen: "соисполнителя", gender: "m" },
  goal: { nom: "цель", gen: "цели", gender: "f" },
  stage: { nom: "этап", gen: "этапа", gender: "m" },
  indicator: { nom: "индикатор", gen: "индикатора", gender: "m" },
  direction: { nom: "направление", gen: "направления", gender: "n" },
  element: { nom: "структурный элемент", gen: "структурного элемента", gender: "m" },
  task: { nom: "задача", gen: "задачи", gender: "f" },
  activity: { nom: "мероприятие", gen: "мероприятия", gender: "n" },
  metric: { nom: "показатель", gen: "показателя", gender: "m" },
  checkpoint: { nom: "контрольная точка", gen: "контрольной точки", gender: "f" },
  funding: { nom: "финансовое обеспечение структурного элемента", gen: "финансового обеспечения структурного элемента", gender: "n" },
  fundingTotal: { nom: "финансовое обеспечение программы", gen: "финансового обеспечения программы", gender: "n" },
};

/** Russian names of the fields compared. */
export const FIELD_LABELS: Record<string, string> = {
  code: "код",
  name: "наименование",
  responsibleExecutor: "ответственный исполнитель",
  startYear: "год начала",
  endYear: "год окончания",
  otherSources: "иные источники финансирования",
  targetValue: "целевое значение",
  targetYear: "год достижения",
  unit: "единица измерения",
  okei: "код ОКЕИ",
  trend: "желаемая тенденция",
  baseYear: "базовый год",
  baseValue: "базовое значение",
  goal: "цель",
  strategyIndicator: "показатель стратегии",
  coExecutor: "соисполнитель",
  kind: "вид структурного элемента",
  responsible: "ответственный",
  description: "описание",
  valueSource: "источник значения",
  level: "уровень показателя",
  task: "задача",
  plannedDate: "плановая дата",
  actualDate: "фактическая дата",
  documentKind: "вид подтверждающего документа",
  informationSystem: "информационная система",
  plan: "плановое значение",
  fact: "фактическое значение",
  forecast: "прогнозное значение",
  amount: "объем финансирования",
  budgetClassification: "раздел, подраздел классификации расходов",
  participants: "участники структурного элемента",
  strategyGoal: "цель стратегии",
};

export function labelOf(entity: ChangeEntity, name: string): string {
  return `${ENTITY_WORDS[entity].nom} «${name}»`;
}

// ---- values ---------------------------------------------------------------------------------

/** The value as compared and reported: decimals and money normalized, blanks as null. */
function valueOf(kind: ValueKind, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = typeof raw === "string" ? raw.trim() : valueText(raw);
  if (s === "") return null;
  switch (kind) {
    case "decimal":
      return decimalOf(s) ?? s;
    case "money":
      try {
        return formatMoney(parseMoney(s));
      } catch {
        return s;
      }
    case "int": {
      const n = normalizeInteger(s);
      return n === null ? s : String(n);
    }
    default:
      return s;
  }
}

function deltaOf(kind: ValueKind, before: string, after: string): string | undefined {
  if (kind === "decimal") return decimalDelta(before, after) ?? undefined;
  if (kind === "money") {
    try {
      return formatMoney((parseMoney(after) - parseMoney(before)) as Money);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

type Base = Omit<Change, "kind" | "path"> & { path: string };
type FieldSpec<T> = readonly [field: string, kind: ValueKind, get: (x: T) => unknown];

interface Ctx {
  deep: boolean;
  out: Change[];
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/**
 * One field (or one value of a series): nothing when equal. For fields of an entity present on both
 * sides the kind is "changed"; for a value of a series (`series`), a value that appears is
 * "added" and one that disappears "removed".
 */
function compareField(ctx: Ctx, base: Base, field: string, kind: ValueKind, rawBefore: unknown, rawAfter: unknown, series = false): void {
  const before = valueOf(kind, rawBefore);
  const after = valueOf(kind, rawAfter);
  if (before === after) return;
  const change: Change = {
    ...base,
    path: join(base.path, field),
    kind: series && before === null ? "added" : series && after === null ? "removed" : "changed",
    field,
    valueKind: kind,
    before,
    after,
  };
  if (before !== null && after !== null) {
    const delta = deltaOf(kind, before, after);
    if (delta !== undefined) change.delta = delta;
  }
  ctx.out.push(change);
}

function compareFields<T>(ctx: Ctx, base: Base, a: T, b: T, fields: readonly FieldSpec<T>[]): void {
  for (const [field, kind, get] of fields) compareField(ctx, base, field, kind, get(a), get(b));
}

// ---- matching -------------------------------------------------------------------------------

interface Pair<T> {
  key: string;
  a?: T;
  b?: T;
}

function keyed<T>(items: readonly T[], display: (x: T) => string): Map<string, { key: string; item: T }> {
  const map = new Map<string, { key: string; item: T }>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const d = display(item).trim();
    const norm = sameName(d);
    const n = (seen.get(norm) ?? 0) + 1;
    seen.set(norm, n);
    map.set(n === 1 ? norm : `${norm}#${n}`, { key: n === 1 ? d : `${d}#${n}`, item });
  }
  return map;
}

/** Pairs items by key: those of b in b's order (matched or added), then those removed from a. */
export function matchByKey<T>(as: readonly T[], bs: readonly T[], display: (x: T) => string): Pair<T>[] {
  const ka = keyed(as, display);
  const kb = keyed(bs, display);
  const pairs: Pair<T>[] = [];
  for (const [norm, { key, item }] of kb) {
    const old = ka.get(norm);
    pairs.push(old ? { key, a: old.item, b: item } : { key, b: item });
  }
  for (const [norm, { key, item }] of ka) if (!kb.has(norm)) pairs.push({ key, a: item });
  return pairs;
}

const codeOrName = (x: { code?: string | null; name: string }): string => (x.code && x.code.trim() ? x.code : x.name);

interface EntitySpec<T> {
  entity: ChangeEntity;
  segment: string;
  key: (x: T) => string;
  name: (x: T) => string;
  fields: readonly FieldSpec<T>[];
  extra?: (x: T) => Partial<Change>;
  /** Compares what is inside; either side may be absent (deep listing of an added or removed entity). */
  inner?: (ctx: Ctx, path: string, a: T | undefined, b: T | undefined) => void;
}

function compareList<T>(ctx: Ctx, parent: string, spec: EntitySpec<T>, as: readonly T[] | undefined, bs: readonly T[] | undefined): void {
  for (const { key, a, b } of matchByKey(as ?? [], bs ?? [], spec.key)) {
    const item = (b ?? a)!;
    const path = join(parent, `${spec.segment}[${key}]`);
    const name = spec.name(item);
    const base: Base = { path, entity: spec.entity, label: labelOf(spec.entity, name), name };
    if (a && b) {
      compareFields(ctx, base, a, b, spec.fields);
      spec.inner?.(ctx, path, a, b);
    } else {
      ctx.out.push({ ...base, kind: a ? "removed" : "added", ...(spec.extra ? spec.extra(item) : {}) });
      if (ctx.deep) spec.inner?.(ctx, path, a, b);
    }
  }
}

// ---- series ---------------------------------------------------------------------------------

function yearRows(rows: readonly YearPlanFact[] | undefined): Map<number, YearPlanFact> {
  const m = new Map<number, YearPlanFact>();
  for (const r of rows ?? []) if (!m.has(r.year)) m.set(r.year, r);
  return m;
}

function sortedUnion<K extends number | string>(a: Iterable<K>, b: Iterable<K>): K[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function compareYearValues(
  ctx: Ctx,
  base: Base,
  resource: "metricValue" | "programIndicatorValue",
  a: readonly YearPlanFact[] | undefined,
  b: readonly YearPlanFact[] | undefined,
): void {
  const ma = yearRows(a);
  const mb = yearRows(b);
  for (const year of sortedUnion(ma.keys(), mb.keys())) {
    const ra = ma.get(year);
    const rb = mb.get(year);
    const rowBase: Base = { ...base, path: join(base.path, `values[${year}]`), year };
    compareField(ctx, rowBase, "plan", "decimal", ra?.plan, rb?.plan, true);
    // the fact is the record of execution, not content (content.ts): never a change of a version
    if (!isExecutionField(resource, "fact")) compareField(ctx, rowBase, "fact", "decimal", ra?.fact, rb?.fact, true);
  }
}

type MonthRow = MetricDoc["months"][number];

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

function compareMonths(ctx: Ctx, base: Base, a: readonly MonthRow[] | undefined, b: readonly MonthRow[] | undefined): void {
  const index = (rows: readonly MonthRow[] | undefined): Map<string, MonthRow> => {
    const m = new Map<string, MonthRow>();
    for (const r of rows ?? []) if (!m.has(monthKey(r.year, r.month))) m.set(monthKey(r.year, r.month), r);
    return m;
  };
  const ma = index(a);
  const mb = index(b);
  for (const key of sortedUnion(ma.keys(), mb.keys())) {
    const ra = ma.get(key);
    const rb = mb.get(key);
    const row = (rb ?? ra)!;
    const rowBase: Base = { ...base, path: join(base.path, `months[${key}]`), year: row.year, month: row.month };
    compareField(ctx, rowBase, "plan", "decimal", ra?.plan, rb?.plan, true);
    for (const f of ["fact", "forecast"] as const)
      if (!isExecutionField("metricMonth", f)) compareField(ctx, rowBase, f, "decimal", ra?.[f], rb?.[f], true);
  }
}

/** Funding by "year:source", rows with the same year and source summed exactly. */
export function fundingByYearSource(rows: Iterable<FundingRow>): Map<string, { year: number; source: string; amount: string }> {
  const groups = new Map<string, { year: number; source: string; amounts: string[] }>();
  for (const r of rows) {
    const key = `${r.year}:${r.source}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { year: r.year, source: r.source, amounts: [] }));
    g.amounts.push(r.amount);
  }
  const out = new Map<string, { year: number; source: string; amount: string }>();
  for (const [key, g] of groups) {
    let amount: string;
    try {
      amount = formatMoney(g.amounts.reduce<bigint>((s, x) => s + parseMoney(x), 0n) as Money);
    } catch {
      amount = g.amounts.join(" + ");
    }
    out.set(key, { year: g.year, source: g.source, amount });
  }
  return out;
}

function compareFunding(ctx: Ctx, base: Base, segment: string, a: Iterable<FundingRow>, b: Iterable<FundingRow>): void {
  const ma = fundingByYearSource(a);
  const mb = fundingByYearSource(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort((x, y) => {
    const [yx = "", sx = ""] = x.split(":");
    const [yy = "", sy = ""] = y.split(":");
    return Number(yx) - Number(yy) || (sx < sy ? -1 : sx > sy ? 1 : 0);
  });
  for (const key of keys) {
    const ra = ma.get(key);
    const rb = mb.get(key);
    const row = (rb ?? ra)!;
    const rowBase: Base = { ...base, path: join(base.path, `${segment}[${key}]`), year: row.year, source: row.source };
    compareField(ctx, rowBase, "amount", "money", ra?.amount, rb?.amount, true);
  }
}

// ---- the program tree -----------------------------------------------------------------------

const METRIC: EntitySpec<MetricDoc> = {
  entity: "metric",
  segment: "metrics",
  key: codeOrName,
  name: (m) => m.name,
  fields: [
    ["name", "text", (m) => m.name],
    ["unit", "text", (m) => m.unit],
    ["okei", "text", (m) => m.okei],
    ["trend", "text", (m) => m.trend],
    ["level", "text", (m) => m.level],
    ["baseYear", "int", (m) => m.baseYear],
    ["baseValue", "decimal", (m) => m.baseValue],
    ["valueSource", "text", (m) => m.valueSource],
    ["task", "text", (m) => m.task],
  ],
  inner: (ctx, path, a, b) => {
    const item = (b ?? a)!;
    const base: Base = { path, entity: "metric", label: labelOf("metric", item.name), name: item.name };
    compareYearValues(ctx, base, "metricValue", a?.values, b?.values);
    compareMonths(ctx, base, a?.months, b?.months);
  },
};

const CHECKPOINT: EntitySpec<CheckpointDoc> = {
  entity: "checkpoint",
  segment: "checkpoints",
  key: (c) => (c.activity && c.activity.trim() ? `${c.activity.trim()} / ${c.name}` : c.name),
  name: (c) => c.name,
  fields: [
    ["name", "text", (c) => c.name],
    ["plannedDate", "date", (c) => c.plannedDate],
    // the actual date is the record of execution (content.ts), not a change of the version
    ...(isExecutionField("checkpoint", "actualDate") ? [] : ([["actualDate", "date", (c: CheckpointDoc) => c.actualDate]] as const)),
    ["responsible", "text", (c) => c.responsible],
    ["documentKind", "text", (c) => c.documentKind],
    ["informationSystem", "text", (c) => c.informationSystem],
  ],
  extra: (c) => (isIsoDate(c.plannedDate) ? { date: c.plannedDate, year: yearOf(c.plannedDate) } : { date: c.plannedDate }),
};

type TaskDoc = ElementDoc["tasks"][number];
type ActivityDoc = TaskDoc["activities"][number];

const ACTIVITY: EntitySpec<ActivityDoc> = {
  entity: "activity",
  segment: "activities",
  key: codeOrName,
  name: (x) => x.name,
  fields: [
    ["name", "text", (x) => x.name],
    ["description", "text", (x) => x.description],
  ],
};

const TASK: EntitySpec<TaskDoc> = {
  entity: "task",
  segment: "tasks",
  key: codeOrName,
  name: (x) => x.name,
  fields: [["name", "text", (x) => x.name]],
  inner: (ctx, path, a, b) => compareList(ctx, path, ACTIVITY, a?.activities, b?.activities),
};

const ELEMENT: EntitySpec<ElementDoc> = {
  entity: "element",
  segment: "elements",
  key: (e) => e.code,
  name: (e) => e.name,
  fields: [
    ["name", "text", (e) => e.name],
    ["kind", "text", (e) => e.kind],
    ["responsible", "text", (e) => e.responsible],
    ["startYear", "int", (e) => e.startYear],
    ["endYear", "int", (e) => e.endYear],
    ["participants", "text", (e) => (e.participants?.length ? e.participants.join("; ") : null)],
  ],
  inner: (ctx, path, a, b) => {
    compareList(ctx, path, TASK, a?.tasks, b?.tasks);
    compareList(ctx, path, METRIC, a?.metrics, b?.metrics);
    compareList(ctx, path, CHECKPOINT, a?.checkpoints, b?.checkpoints);
    const name = (b ?? a)!.name;
    const base: Base = { path, entity: "funding", label: labelOf("funding", name), name };
    compareFunding(ctx, base, "funding", a?.funding ?? [], b?.funding ?? []);
  },
};

const DIRECTION: EntitySpec<DirectionDoc> = {
  entity: "direction",
  segment: "directions",
  key: (d) => d.code,
  name: (d) => d.name,
  fields: [
    ["name", "text", (d) => d.name],
    ["coExecutor", "text", (d) => d.coExecutor],
    ["budgetClassification", "text", (d) => d.budgetClassification],
  ],
  inner: (ctx, path, a, b) => compareList(ctx, path, ELEMENT, a?.elements, b?.elements),
};

const INDICATOR: EntitySpec<ProgramIndicatorDoc> = {
  entity: "indicator",
  segment: "indicators",
  key: codeOrName,
  name: (i) => i.name,
  fields: [
    ["name", "text", (i) => i.name],
    ["unit", "text", (i) => i.unit],
    ["okei", "text", (i) => i.okei],
    ["trend", "text", (i) => i.trend],
    ["baseYear", "int", (i) => i.baseYear],
    ["baseValue", "decimal", (i) => i.baseValue],
    ["goal", "text", (i) => i.goal],
    ["strategyIndicator", "text", (i) => i.strategyIndicator],
  ],
  inner: (ctx, path, a, b) => {
    const item = (b ?? a)!;
    compareYearValues(
      ctx,
      { path, entity: "indicator", label: labelOf("indicator", item.name), name: item.name },
      "programIndicatorValue",
      a?.values,
      b?.values,
    );
  },
};

type GoalDoc = ProgramDocument["goals"][number];
type StageDoc = ProgramDocument["stages"][number];

const GOAL: EntitySpec<GoalDoc> = {
  entity: "goal",
  segment: "goals",
  key: codeOrName,
  name: (g) => g.name,
  fields: [
    ["name", "text", (g) => g.name],
    ["targetValue", "decimal", (g) => g.targetValue],
    ["unit", "text", (g) => g.unit],
    ["targetYear", "int", (g) => g.targetYear],
  ],
};

const STAGE: EntitySpec<StageDoc> = {
  entity: "stage",
  segment: "stages",
  key: (s) => s.name,
  name: (s) => s.name,
  fields: [
    ["name", "text", (s) => s.name],
    ["startYear", "int", (s) => s.startYear],
    ["endYear", "int", (s) => s.endYear],
  ],
};

const CO_EXECUTOR: EntitySpec<string> = { entity: "coExecutor", segment: "coExecutors", key: (s) => s, name: (s) => s, fields: [] };

const PROGRAM_FIELDS: readonly FieldSpec<ProgramDocument>[] = [
  ["code", "text", (p) => p.code],
  ["name", "text", (p) => p.name],
  ["responsibleExecutor", "text", (p) => p.responsibleExecutor],
  ["startYear", "int", (p) => p.startYear],
  ["endYear", "int", (p) => p.endYear],
  ["otherSources", "text", (p) => p.otherSources],
  ["strategyGoal", "text", (p) => p.strategyGoal],
];

/** Every funding row of the program, from all its directions and elements. */
export function allFunding(p: ProgramDocument): FundingRow[] {
  return (p.directions ?? []).flatMap((d) => (d.elements ?? []).flatMap((e) => e.funding ?? []));
}

export interface DiffOptions {
  /** List everything inside added and removed entities too. */
  deep?: boolean;
}

/** What changed from version a to version b. */
export function diffPrograms(a: ProgramDocument, b: ProgramDocument, options: DiffOptions = {}): Change[] {
  const ctx: Ctx = { deep: options.deep === true, out: [] };
  const program: Base = { path: "", entity: "program", label: labelOf("program", b.name), name: b.name };
  compareFields(ctx, program, a, b, PROGRAM_FIELDS);
  compareList(ctx, "", CO_EXECUTOR, a.coExecutors, b.coExecutors);
  compareList(ctx, "", GOAL, a.goals, b.goals);
  compareList(ctx, "", STAGE, a.stages, b.stages);
  compareList(ctx, "", INDICATOR, a.indicators, b.indicators);
  compareList(ctx, "", DIRECTION, a.directions, b.directions);
  const totals: Base = { path: "", entity: "fundingTotal", label: labelOf("fundingTotal", b.name), name: b.name };
  compareFunding(ctx, totals, "fundingTotals", allFunding(a), allFunding(b));
  return ctx.out;
}

export type DiffSummary = {
  total: number;
  byEntity: Partial<Record<ChangeEntity, Record<ChangeKind, number>>>;
};

/** Counts of changes by entity and kind. */
export function diffSummary(changes: readonly Change[]): DiffSummary {
  const byEntity: DiffSummary["byEntity"] = {};
  for (const c of changes) {
    const counts = (byEntity[c.entity] ??= { added: 0, removed: 0, changed: 0 });
    counts[c.kind] += 1;
  }
  return { total: changes.length, byEntity };
}
