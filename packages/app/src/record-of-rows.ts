/**
 * The record of execution merged into a version's content straight from its rows (issue 16,
 * part 7): what `withRecordOfExecution(content, live)` gives for the live document built from the
 * same rows, without building that document. The rows are indexed once per ranking — directions,
 * elements, metrics and indicators by their parent and the key the merge matches them by (code,
 * or name without one; the first of equal keys in the statement's order), values by year, months
 * by year and month, checkpoints and budget rows by their element or direction — and the merge
 * walks the content, looking each item's facts up. Nothing is allocated for a live item the
 * content does not have.
 */
import type { Row } from "@orientir/db";
import type {
  BudgetExecutionDoc,
  BudgetScheduleDoc,
  CheckpointDoc,
  DirectionDoc,
  ElementDoc,
  MetricDoc,
  ProgramDocument,
  ProgramIndicatorDoc,
  YearPlanFact,
} from "@orientir/domain";
import { budgetOfTree, elementBudget } from "./documents.ts";
import { text, textOrNull } from "./row-values.ts";

/** The key a live item is matched by (as `keyOf` of the merge): its code, else its name. */
function liveKey(code: unknown, name: unknown): string {
  const c = textOrNull(code);
  return c ? `c:${c}` : `n:${textOrNull(name) ?? ""}`;
}
const contentKey = (x: { code?: string | null; name: string }): string => (x.code ? `c:${x.code}` : `n:${x.name}`);

/**
 * A table of the record as read: its rows as arrays, and the position of each field; `grouped`:
 * its rows come grouped by their parent (`[parent's id, rows]`, `ScopePart.groupBy`).
 */
interface Table {
  rows: unknown[][];
  grouped: boolean;
  at: (field: string) => number;
}

function tableOf(read: { fields: string[]; rows: unknown[][]; grouped?: boolean } | undefined): Table {
  const fields = read?.fields ?? [];
  return {
    rows: read?.rows ?? [],
    grouped: read?.grouped === true,
    at: (field) => {
      const i = fields.indexOf(field);
      if (i < 0) throw new Error(`the record has no field ${field}`);
      return i;
    },
  };
}

/** A table's rows by the value of one field (the parent's id), in the statement's order. */
function groupBy(t: Table, field: string): Map<string, unknown[][]> {
  const m = new Map<string, unknown[][]>();
  if (t.rows.length === 0) return m;
  if (t.grouped) {
    for (const [parent, rows] of t.rows as [unknown, unknown[][]][]) m.set(String(parent), rows);
    return m;
  }
  const i = t.at(field);
  for (const r of t.rows) {
    const k = String(r[i]);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The first row of each key among a parent's rows (the merge keeps the first of equal keys), by its id. */
function firstBy(rows: unknown[][], key: (r: unknown[]) => string, id: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) {
    const k = key(r);
    if (!m.has(k)) m.set(k, String(r[id]));
  }
  return m;
}

/** The first row of each key among a parent's rows (the merge keeps the first of equal keys). */
function firstRowBy(rows: unknown[][], key: (r: unknown[]) => string): Map<string, unknown[]> {
  const m = new Map<string, unknown[]>();
  for (const r of rows) {
    const k = key(r);
    if (!m.has(k)) m.set(k, r);
  }
  return m;
}

/** The record of execution of a municipality's programs (or of one), indexed for `merge`. */
export interface ProgramRecords {
  /**
   * The content of a version of the program `programId` with the record of execution from the
   * rows: equal to `withRecordOfExecution(content, live)` for the live document of those rows.
   */
  merge(content: ProgramDocument, programId: string): ProgramDocument;
}

/**
 * Indexes the tables of the record's statement (`scopeArrays`; keys: programIndicator,
 * programIndicatorValue, direction, structuralElement, metric, metricValue, metricMonth,
 * checkpoint, budgetSchedule, budgetExecution) for the merge.
 */
export function recordsOfRows(read: Map<string, { fields: string[]; rows: unknown[][]; grouped?: boolean }>): ProgramRecords {
  const t = (key: string) => tableOf(read.get(key));
  const indicator = t("programIndicator");
  const indicatorValue = t("programIndicatorValue");
  const direction = t("direction");
  const element = t("structuralElement");
  const metric = t("metric");
  const metricValue = t("metricValue");
  const metricMonth = t("metricMonth");
  const checkpoint = t("checkpoint");
  const schedule = t("budgetSchedule");
  const execution = t("budgetExecution");
  // each table's rows by their parent, in the statement's order (small per-parent look-ups in the merge)
  const indicators = groupBy(indicator, "programId");
  const indicatorValues = groupBy(indicatorValue, "indicatorId");
  const directions = groupBy(direction, "programId");
  const elements = groupBy(element, "directionId");
  const metrics = groupBy(metric, "elementId");
  const metricValues = groupBy(metricValue, "metricId");
  const metricMonths = groupBy(metricMonth, "metricId");
  const checkpoints = groupBy(checkpoint, "elementId");
  const schedules = groupBy(schedule, "directionId");
  const executions = groupBy(execution, "directionId");
  const none: unknown[][] = [];
  // the positions of the fields read (looked up only for a table with rows)
  const pos = (tb: Table, fields: readonly string[]): Record<string, number> =>
    tb.rows.length === 0 ? {} : Object.fromEntries(fields.map((f) => [f, tb.at(f)]));
  const IND = pos(indicator, ["id", "code", "name"]);
  const DIR = pos(direction, ["id", "code"]);
  const EL = pos(element, ["id", "code"]);
  // a year's record (`programRecordsByProgram` with a year) has each metric's value of the year in the
  // metric's row (`valueYear` null: none) and its id only with the monthly plans
  const inline = metric.rows.length > 0 && !read.has("metricValue");
  const MT = pos(metric, ["code", "name"]);
  const MT_ID = metric.rows.length > 0 && (read.get("metric")?.fields ?? []).includes("id") ? metric.at("id") : -1;
  const MI = inline ? pos(metric, ["valueYear", "valueFact", "valueJustification"]) : {};
  const VALUE_FIELDS = ["year", "fact", "justification"] as const;
  const IV = pos(indicatorValue, VALUE_FIELDS);
  const MV = pos(metricValue, VALUE_FIELDS);
  const MM = pos(metricMonth, ["year", "month", "fact", "forecast", "justification"]);
  const CP = pos(checkpoint, ["name", "plannedDate", "actualDate", "comment"]);
  // the budget rows as `budgetOfTree` reads them (a few per direction): objects of their fields
  const asRows = (key: "budgetSchedule" | "budgetExecution", rows: unknown[][]): Row[] => {
    const fields = read.get(key)?.fields ?? [];
    return rows.map((a) => {
      const r: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) r[fields[i]!] = a[i];
      return r as Row;
    });
  };

  /** A year's plan and fact with the fact and justification reported (`values` of the merge). */
  const values = (content: YearPlanFact[], live: unknown[][] | undefined, P: Record<string, number>): YearPlanFact[] =>
    content.map((v) => {
      let l: unknown[] | undefined;
      if (live) for (const r of live) if (Number(r[P.year!]) === v.year) l = r; // unique by year
      if (!l) return v;
      const justification = l[P.justification!];
      return { ...v, fact: textOrNull(l[P.fact!]), justification: justification ? text(justification) : null };
    });

  /** A metric's value of the year from its own row (a year's record): as `values` with that one row. */
  const inlineValues = (content: YearPlanFact[], row: unknown[]): YearPlanFact[] => {
    const year = row[MI.valueYear!];
    if (year === null || year === undefined) return content;
    const justification = row[MI.valueJustification!];
    return content.map((v) =>
      Number(year) === v.year
        ? { ...v, fact: textOrNull(row[MI.valueFact!]), justification: justification ? text(justification) : null }
        : v,
    );
  };

  const metricOf = (content: MetricDoc, row: unknown[]): MetricDoc => {
    const id = MT_ID >= 0 ? String(row[MT_ID]) : null;
    const months = content.months.length && id !== null ? metricMonths.get(id) : undefined;
    // by year and month as one number (no key text built for each of the content's months)
    const byMonth = months?.length ? new Map(months.map((x) => [Number(x[MM.year!]) * 16 + Number(x[MM.month!]), x])) : undefined;
    return {
      ...content,
      values: inline ? inlineValues(content.values, row) : values(content.values, id === null ? undefined : metricValues.get(id), MV),
      // no live month: the content's months as they are (the merge gives them unchanged), in an array of its own
      months: !byMonth
        ? content.months.slice()
        : content.months.map((x) => {
            const l = byMonth.get(x.year * 16 + x.month);
            if (!l) return x;
            const justification = l[MM.justification!];
            return {
              ...x,
              fact: textOrNull(l[MM.fact!]),
              forecast: textOrNull(l[MM.forecast!]),
              justification: justification ? text(justification) : null,
            };
          }),
    };
  };

  const checkpointsOf = (content: CheckpointDoc[], live: unknown[][]): CheckpointDoc[] => {
    // the first live checkpoint of the same name and planned date, else of the same name
    // by name, then by planned date: no key text joined (and hashed again) for each checkpoint
    const byName = new Map<string, { first: unknown[]; byDate: Map<string, unknown[]> }>();
    for (const c of live) {
      const name = String(c[CP.name!]);
      const date = String(c[CP.plannedDate!]);
      const known = byName.get(name);
      if (!known) byName.set(name, { first: c, byDate: new Map([[date, c]]) });
      else if (!known.byDate.has(date)) known.byDate.set(date, c);
    }
    return content.map((c) => {
      const named = byName.get(c.name);
      const l = named && (named.byDate.get(String(c.plannedDate)) ?? named.first);
      if (!l) return c;
      const comment = textOrNull(l[CP.comment!]);
      return { ...c, actualDate: textOrNull(l[CP.actualDate!]), ...(comment ? { comment } : {}) };
    });
  };

  type Budget = { budgetSchedule: BudgetScheduleDoc[]; budgetExecution: BudgetExecutionDoc[] };
  const elementOf = (content: ElementDoc, id: string, budget: (elementId: string) => Budget): ElementDoc => {
    const live = firstRowBy(metrics.get(id) ?? none, (r) => liveKey(r[MT.code!], r[MT.name!]));
    const merged = {
      ...content,
      metrics: content.metrics.map((m) => {
        const row = live.get(contentKey(m));
        return row === undefined ? m : metricOf(m, row);
      }),
      checkpoints: checkpointsOf(content.checkpoints, checkpoints.get(id) ?? none),
    };
    // the budget schedule and cash are the record of execution: always the live ones, and only
    // when there are some (`elementBudget`). An element of a version mostly has none of its own:
    // then nothing is taken out (a copy without some keys is many times slower than a spread)
    const b = budget(id);
    if (content.budgetSchedule === undefined && content.budgetExecution === undefined) {
      if (b.budgetSchedule.length) merged.budgetSchedule = b.budgetSchedule;
      if (b.budgetExecution.length) merged.budgetExecution = b.budgetExecution;
      return merged;
    }
    const { budgetSchedule: _s, budgetExecution: _e, ...rest } = merged;
    return { ...rest, ...elementBudget(b) };
  };

  const directionOf = (content: DirectionDoc, id: string): DirectionDoc => {
    // the direction's budget rows by their element (null: the direction's own), as `budgetOfTree`
    // filters them: an element without rows of its own has no budget, and nothing is built for it
    const byElement = new Map<string | null, { budgetSchedule: Row[]; budgetExecution: Row[] }>();
    const holder = (elementId: unknown) => {
      const key = elementId ? text(elementId) : null;
      let h = byElement.get(key);
      if (!h) byElement.set(key, (h = { budgetSchedule: [], budgetExecution: [] }));
      return h;
    };
    for (const r of asRows("budgetSchedule", schedules.get(id) ?? none)) holder(r.elementId).budgetSchedule.push(r);
    for (const r of asRows("budgetExecution", executions.get(id) ?? none)) holder(r.elementId).budgetExecution.push(r);
    const budget = (elementId: string | null): Budget => {
      const h = byElement.get(elementId);
      return h ? budgetOfTree(h as never, elementId) : { budgetSchedule: [], budgetExecution: [] };
    };
    const own = budget(null);
    const live = firstBy(elements.get(id) ?? none, (r) => text(r[EL.code!]), EL.id!);
    return {
      ...content,
      elements: content.elements.map((e) => {
        const eid = live.get(e.code);
        return eid === undefined ? e : elementOf(e, eid, budget);
      }),
      budgetExecution: own.budgetExecution,
      budgetSchedule: own.budgetSchedule,
    };
  };

  const indicatorOf = (content: ProgramIndicatorDoc, id: string): ProgramIndicatorDoc => ({
    ...content,
    values: values(content.values, indicatorValues.get(id), IV),
  });

  return {
    merge(content, programId) {
      const liveIndicators = firstBy(indicators.get(programId) ?? none, (r) => liveKey(r[IND.code!], r[IND.name!]), IND.id!);
      const liveDirections = firstBy(directions.get(programId) ?? none, (r) => text(r[DIR.code!]), DIR.id!);
      return {
        ...content,
        indicators: content.indicators.map((i) => {
          const iid = liveIndicators.get(contentKey(i));
          return iid === undefined ? i : indicatorOf(i, iid);
        }),
        directions: content.directions.map((d) => {
          const did = liveDirections.get(d.code);
          return did === undefined ? d : directionOf(d, did);
        }),
      };
    },
  };
}
