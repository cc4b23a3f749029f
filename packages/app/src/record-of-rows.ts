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

/** The first row of each key (the merge keeps the first of equal keys), by its id. */
function firstBy(rows: Row[], key: (r: Row) => string): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) {
    const k = key(r);
    if (!m.has(k)) m.set(k, r.id);
  }
  return m;
}

function groupBy(rows: Row[] | undefined, field: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows ?? []) {
    const k = String(r[field]);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The row of a year among an owner's few rows (unique by year). */
function ofYear(rows: Row[] | undefined, year: number): Row | undefined {
  if (rows) for (const r of rows) if (Number(r.year) === year) return r;
  return undefined;
}

/** The record of execution of a municipality's programs, indexed for `merge`. */
export interface ProgramRecords {
  /** Every program of the municipality (id, code, name), in the statement's order. */
  programs: { id: string; code: string; name: string }[];
  /**
   * The content of a version of the program `programId` with the record of execution from the
   * rows: equal to `withRecordOfExecution(content, live)` for the live document of those rows.
   */
  merge(content: ProgramDocument, programId: string): ProgramDocument;
}

/**
 * Indexes the rows of the record's statement (keys: programs, programIndicator,
 * programIndicatorValue, direction, structuralElement, metric, metricValue, metricMonth,
 * checkpoint, budgetSchedule, budgetExecution) for the merge.
 */
export function recordsOfRows(rows: Map<string, Row[]>): ProgramRecords {
  // each table's rows by their parent, in the statement's order (small per-parent look-ups in the merge)
  const indicators = groupBy(rows.get("programIndicator"), "programId");
  const indicatorValues = groupBy(rows.get("programIndicatorValue"), "indicatorId");
  const directions = groupBy(rows.get("direction"), "programId");
  const elements = groupBy(rows.get("structuralElement"), "directionId");
  const metrics = groupBy(rows.get("metric"), "elementId");
  const metricValues = groupBy(rows.get("metricValue"), "metricId");
  const metricMonths = groupBy(rows.get("metricMonth"), "metricId");
  const checkpoints = groupBy(rows.get("checkpoint"), "elementId");
  const schedule = groupBy(rows.get("budgetSchedule"), "directionId");
  const execution = groupBy(rows.get("budgetExecution"), "directionId");
  const none: Row[] = [];

  /** A year's plan and fact with the fact and justification reported (`values` of the merge). */
  const values = (content: YearPlanFact[], live: Row[] | undefined): YearPlanFact[] =>
    content.map((v) => {
      const l = ofYear(live, v.year);
      return l ? { ...v, fact: textOrNull(l.fact), justification: l.justification ? text(l.justification) : null } : v;
    });

  const metric = (content: MetricDoc, id: string): MetricDoc => {
    const months = content.months.length ? metricMonths.get(id) : undefined;
    const byMonth = months ? new Map(months.map((x) => [`${String(x.year)}-${String(x.month)}`, x])) : undefined;
    return {
      ...content,
      values: values(content.values, metricValues.get(id)),
      months: content.months.map((x) => {
        const l = byMonth?.get(`${x.year}-${x.month}`);
        return l
          ? {
              ...x,
              fact: textOrNull(l.fact),
              forecast: textOrNull(l.forecast),
              justification: l.justification ? text(l.justification) : null,
            }
          : x;
      }),
    };
  };

  const checkpointsOf = (content: CheckpointDoc[], live: Row[]): CheckpointDoc[] => {
    // the first live checkpoint of the same name and planned date, else of the same name
    const exact = new Map<string, Row>();
    const byName = new Map<string, Row>();
    for (const c of live) {
      const name = String(c.name);
      const k = `${name}|${String(c.plannedDate)}`;
      if (!exact.has(k)) exact.set(k, c);
      if (!byName.has(name)) byName.set(name, c);
    }
    return content.map((c) => {
      const l = exact.get(`${c.name}|${c.plannedDate}`) ?? byName.get(c.name);
      if (!l) return c;
      const comment = textOrNull(l.comment);
      return { ...c, actualDate: textOrNull(l.actualDate), ...(comment ? { comment } : {}) };
    });
  };

  type Budget = { budgetSchedule: BudgetScheduleDoc[]; budgetExecution: BudgetExecutionDoc[] };
  const element = (content: ElementDoc, id: string, budget: (elementId: string) => Budget): ElementDoc => {
    // the budget schedule and cash are the record of execution: always the live ones
    const { budgetSchedule: _s, budgetExecution: _e, ...rest } = content;
    const metricOf = firstBy(metrics.get(id) ?? none, (r) => liveKey(r.code, r.name));
    return {
      ...rest,
      metrics: content.metrics.map((m) => {
        const mid = metricOf.get(contentKey(m));
        return mid === undefined ? m : metric(m, mid);
      }),
      checkpoints: checkpointsOf(content.checkpoints, checkpoints.get(id) ?? none),
      ...elementBudget(budget(id)),
    };
  };

  const direction = (content: DirectionDoc, id: string): DirectionDoc => {
    // the direction's budget rows by element (null: the direction's own), as `budgetOfTree` filters them
    const sched = schedule.get(id) ?? none;
    const exec = execution.get(id) ?? none;
    const budget = (elementId: string | null): Budget =>
      sched.length === 0 && exec.length === 0
        ? { budgetSchedule: [], budgetExecution: [] }
        : budgetOfTree({ budgetSchedule: sched, budgetExecution: exec } as never, elementId);
    const own = budget(null);
    const elementOf = firstBy(elements.get(id) ?? none, (r) => text(r.code));
    return {
      ...content,
      elements: content.elements.map((e) => {
        const eid = elementOf.get(e.code);
        return eid === undefined ? e : element(e, eid, budget);
      }),
      budgetExecution: own.budgetExecution,
      budgetSchedule: own.budgetSchedule,
    };
  };

  const indicator = (content: ProgramIndicatorDoc, id: string): ProgramIndicatorDoc => ({
    ...content,
    values: values(content.values, indicatorValues.get(id)),
  });

  return {
    programs: (rows.get("programs") ?? []).map((p) => ({ id: p.id, code: String(p.code), name: String(p.name) })),
    merge(content, programId) {
      const indicatorOf = firstBy(indicators.get(programId) ?? none, (r) => liveKey(r.code, r.name));
      const directionOf = firstBy(directions.get(programId) ?? none, (r) => text(r.code));
      return {
        ...content,
        indicators: content.indicators.map((i) => {
          const iid = indicatorOf.get(contentKey(i));
          return iid === undefined ? i : indicator(i, iid);
        }),
        directions: content.directions.map((d) => {
          const did = directionOf.get(d.code);
          return did === undefined ? d : direction(d, did);
        }),
      };
    },
  };
}
