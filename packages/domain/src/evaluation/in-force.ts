/**
 * What is evaluated (issue 10, part 4): a program's year is evaluated on the version of the
 * program in force then — the content (passport, structure, plan values, checkpoints' plan) of
 * the last approved version whose decree took effect on or before the date of the content — with
 * the record of execution (facts, justifications, checkpoints' achievement, budget schedule and
 * cash) as reported. The date of the content is the date of calculation, but not later than 31
 * December of the year: the annual evaluation uses the data as of the end of the year, so an
 * amendment approved later does not rewrite a past year's score.
 *
 * Approval takes effect on the date of its decree (220-п, section 4: the program, and each
 * amendment, is approved by a decree of the city administration).
 */
import { compareDates, makeDate, type IsoDate } from "../dates.ts";
import type {
  CheckpointDoc,
  DirectionDoc,
  ElementDoc,
  MetricDoc,
  ProgramDocument,
  ProgramIndicatorDoc,
  YearPlanFact,
} from "../model/documents.ts";

/** An approved version of a program (flow "program"), as stored. */
export interface ApprovedVersion {
  number: number;
  decreeNumber: string;
  decreeDate: IsoDate;
  document: ProgramDocument;
}

/** The date whose content a year is evaluated on: the date of calculation, at most 31 December of the year. */
export function contentDateOf(year: number, asOf: IsoDate): IsoDate {
  const end = makeDate(year, 12, 31);
  return compareDates(asOf, end) < 0 ? asOf : end;
}

/** The version in force on a date: the last approved one whose decree is dated on or before it (ties: the higher number). */
export function versionInForceOn<T extends { number: number; decreeDate: IsoDate }>(versions: readonly T[], date: IsoDate): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (compareDates(v.decreeDate, date) > 0) continue;
    if (!best || compareDates(v.decreeDate, best.decreeDate) > 0 || (v.decreeDate === best.decreeDate && v.number > best.number)) best = v;
  }
  return best;
}

/**
 * The version a year is evaluated on, or null when the program was not in force in that year:
 * no version in force on the date of the content, or the year outside the period of that version.
 */
export function versionForYear<T extends ApprovedVersion>(versions: readonly T[], year: number, asOf: IsoDate): T | null {
  const v = versionInForceOn(versions, contentDateOf(year, asOf));
  if (!v) return null;
  return year >= v.document.startYear && year <= v.document.endYear ? v : null;
}

const keyOf = (x: { code?: string | null; name: string }): string => (x.code ? `c:${x.code}` : `n:${x.name}`);

function byKey<T>(items: readonly T[] | undefined, key: (x: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const x of items ?? []) if (!m.has(key(x))) m.set(key(x), x);
  return m;
}

/** Plan of the content, fact and justification as reported (the snapshot's when the live item is gone). */
function values(content: YearPlanFact[], live: YearPlanFact[] | undefined): YearPlanFact[] {
  if (!live) return content;
  const ly = new Map(live.map((v) => [v.year, v]));
  return content.map((v) => {
    const l = ly.get(v.year);
    return l ? { ...v, fact: l.fact ?? null, justification: l.justification ?? null } : v;
  });
}

function metric(content: MetricDoc, live: MetricDoc | undefined): MetricDoc {
  if (!live) return content;
  const lm = new Map(live.months.map((x) => [`${x.year}-${x.month}`, x]));
  return {
    ...content,
    values: values(content.values, live.values),
    months: content.months.map((x) => {
      const l = lm.get(`${x.year}-${x.month}`);
      return l ? { ...x, fact: l.fact ?? null, forecast: l.forecast ?? null, justification: l.justification ?? null } : x;
    }),
  };
}

function checkpoints(content: CheckpointDoc[], live: CheckpointDoc[] | undefined): CheckpointDoc[] {
  if (!live) return content;
  const exact = byKey(live, (c) => `${c.name}|${c.plannedDate}`);
  const byName = byKey(live, (c) => c.name);
  return content.map((c) => {
    const l = exact.get(`${c.name}|${c.plannedDate}`) ?? byName.get(c.name);
    return l ? { ...c, actualDate: l.actualDate ?? null, ...(l.comment ? { comment: l.comment } : {}) } : c;
  });
}

function element(content: ElementDoc, live: ElementDoc | undefined): ElementDoc {
  if (!live) return content;
  const lm = byKey(live.metrics, keyOf);
  // the budget schedule and cash are the record of execution: always the live ones
  const { budgetSchedule: _s, budgetExecution: _e, ...rest } = content;
  return {
    ...rest,
    metrics: content.metrics.map((m) => metric(m, lm.get(keyOf(m)))),
    checkpoints: checkpoints(content.checkpoints, live.checkpoints),
    ...(live.budgetSchedule ? { budgetSchedule: live.budgetSchedule } : {}),
    ...(live.budgetExecution ? { budgetExecution: live.budgetExecution } : {}),
  };
}

function direction(content: DirectionDoc, live: DirectionDoc | undefined): DirectionDoc {
  if (!live) return content;
  const le = byKey(live.elements, (e) => e.code);
  return {
    ...content,
    elements: content.elements.map((e) => element(e, le.get(e.code))),
    budgetExecution: live.budgetExecution ?? content.budgetExecution ?? [],
    budgetSchedule: live.budgetSchedule ?? (live.budgetExecution ? [] : (content.budgetSchedule ?? [])),
  };
}

function indicator(content: ProgramIndicatorDoc, live: ProgramIndicatorDoc | undefined): ProgramIndicatorDoc {
  return live ? { ...content, values: values(content.values, live.values) } : content;
}

/**
 * The content of a version in force with the record of execution as reported: plan values,
 * structure and checkpoints' plan from `content` (the approved snapshot); facts, justifications,
 * checkpoints' actual dates and the budget schedule and cash from `live` (the program's rows),
 * matched by code (or name), year and month. An item of the content that the live rows no longer
 * have keeps the facts of the snapshot.
 */
export function withRecordOfExecution(content: ProgramDocument, live: ProgramDocument): ProgramDocument {
  const li = byKey(live.indicators, keyOf);
  const ld = byKey(live.directions, (d) => d.code);
  return {
    ...content,
    indicators: content.indicators.map((i) => indicator(i, li.get(keyOf(i)))),
    directions: content.directions.map((d) => direction(d, ld.get(d.code))),
  };
}

const ofYear = <T extends { year: number }>(xs: readonly T[] | undefined, year: number): T[] | undefined =>
  xs ? xs.filter((x) => x.year === year) : xs;

/** The year's schedule entries; all of them when none is of the year (so the former quarterly shape is not taken instead). */
const scheduleOfYear = <T extends { year: number }>(xs: readonly T[] | undefined, year: number): T[] | undefined => {
  const y = ofYear(xs, year);
  return y && y.length === 0 && xs && xs.length > 0 ? [...xs] : y;
};

/**
 * A program document with only what its report of `year` reads (issue 16, part 1): the year's
 * values, monthly plans, funding, budget rows and the checkpoints planned in it; the passport and
 * the structure unchanged. `programReportFromDocument(documentOfYear(d, Y), Y, …)` is the report of
 * `d` for Y; a six-year snapshot becomes a one-year one before it is merged and sent to a worker.
 * `months: false` leaves the monthly plans out too (a whole year's report does not read them).
 */
export function documentOfYear(doc: ProgramDocument, year: number, opts: { months?: boolean } = {}): ProgramDocument {
  const months = opts.months ?? true;
  const prefix = String(year);
  const budget = <T extends { budgetSchedule?: { year: number }[]; budgetExecution?: { year: number }[] }>(h: T): T => {
    const out = { ...h };
    if (h.budgetSchedule) out.budgetSchedule = scheduleOfYear(h.budgetSchedule, year);
    if (h.budgetExecution) out.budgetExecution = ofYear(h.budgetExecution, year);
    return out;
  };
  return {
    ...doc,
    ...(doc.annualReports ? { annualReports: ofYear(doc.annualReports, year) } : {}),
    indicators: doc.indicators.map((i) => ({ ...i, values: ofYear(i.values, year)! })),
    directions: doc.directions.map((d) =>
      budget({
        ...d,
        elements: d.elements.map((e) =>
          budget({
            ...e,
            metrics: e.metrics.map((m) => ({ ...m, values: ofYear(m.values, year)!, months: months ? ofYear(m.months, year)! : [] })),
            checkpoints: e.checkpoints.filter((c) => c.plannedDate.slice(0, 4) === prefix),
            funding: ofYear(e.funding, year)!,
          }),
        ),
      }),
    ),
  };
}
