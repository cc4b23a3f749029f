/**
 * Import of a program report in format 1 (`orientir.program-report/1`): the report's one year
 * written back into the program, so that a report exported, edited by hand and imported changes
 * exactly what was edited, and one imported unedited changes nothing.
 *
 * The report is checked by the format's own parser (every problem with its JSON path). Then,
 * on a copy of the program:
 * - the program must be the report's (`program.code`); its name is taken from the report;
 * - indicators (by code), their name, unit, trend and the plan and fact of the year;
 * - directions (by code), their name and co-executor; elements (by code, in the same direction),
 *   their name and kind; metrics (by code, within the element), their name, unit, trend and the
 *   plan and fact of the year — or, for a report dated before 31 December, of the month the
 *   export takes (the latest month of the monthly plan that ended by `asOf`);
 * - checkpoints (by name within the element, among those planned in the year), planned and
 *   actual dates;
 * - a direction's funding: the budget schedule (`plan`) and cash execution (`cash`) of the
 *   quarter the export sums (the latest quarter with rows that ended by `asOf`; none yet: the
 *   latest quarter ended). With one row in it, the row takes the amount; with several sources
 *   the difference goes to the local budget's row (created if missing), and the preview says so;
 *   `"funding": null` leaves the rows as they are.
 * Items of the report that the program lacks are created (a code-less item of the program is
 * known by the code the export gives it: `И-N`, `ELEMENT.П-N`). Items of the program that the
 * report does not hold are kept: a report is one year's subset of a program, not all of it.
 * Errors name the sheet "JSON", row 0 and, as the column, the JSON path.
 */
import {
  quarterEndDate,
  reconcileSchedule,
  scheduleEntriesOf,
  scheduleEntryInForce,
  compareDates,
  daysInMonth,
  formatMoney,
  makeDate,
  parseMoney,
  formatDateRu,
  parseProgramReport,
  ValidationError,
  type CheckpointDoc,
  type DirectionDoc,
  type ElementDoc,
  type MetricDoc,
  type Money,
  type ProgramDocument,
  type ProgramIndicatorDoc,
  type ProgramReport,
  type ReportValue,
  type YearPlanFact,
} from "@orientir/domain";
import { sourcesOf, type FormContext } from "../forms/common.ts";
import { decimalOf, type Origin, type ParsedProgram } from "./plain.ts";
import { DEFAULT_IMPORT_LIMITS, type ImportIssue, type ImportLimits } from "./workbook.ts";

export const REPORT_JSON_LAYOUT = "report-json";
/** The "sheet" of every error and change of a JSON file; the column is the JSON path. */
export const JSON_SHEET = "JSON";
/** The budget source that takes the difference when a direction's funding has several sources. */
export const LOCAL_SOURCE = "local";

/** The resources a report speaks for (nothing else of the program is compared). */
const PRESENT = [
  "program",
  "programIndicator",
  "programIndicatorValue",
  "direction",
  "budgetExecution",
  "structuralElement",
  "metric",
  "metricValue",
  "metricMonth",
  "checkpoint",
];

const QUARTER_END = ["", "03-31", "06-30", "09-30", "12-31"];

const norm = (s: string | null | undefined) => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();
const blank = (s: string | null | undefined) => s === null || s === undefined || String(s).trim() === "";

/** Does a JSON file look like one: named .json, or its first character not a space is `{`. */
export function looksLikeJson(buf: Buffer, filename?: string | null): boolean {
  if (filename && /\.json$/i.test(filename.trim())) return true;
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  return buf[i] === 0x7b;
}

class Builder {
  readonly issues: ImportIssue[] = [];
  readonly origins = new Map<object, Origin>();
  readonly notes: string[] = [];

  issue(path: string, reason: string): void {
    this.issues.push({ sheet: JSON_SHEET, row: 0, column: path, reason });
  }

  /** The item came from `path`; each field of the document from the JSON field named beside it. */
  origin(item: object, path: string, fields: Record<string, string>): void {
    const columns: Record<string, string> = { "": path };
    for (const [docField, jsonField] of Object.entries(fields)) columns[docField] = `${path}.${jsonField}`;
    this.origins.set(item, { sheet: JSON_SHEET, row: 0, columns });
  }
}

/** Sets a number of the report into a decimal field, keeping the stored text when the number is the same. */
function setNumber<T extends object>(item: T, key: keyof T & string, value: number | null): void {
  const rec = item as Record<string, unknown>;
  const stored = rec[key] as string | null | undefined;
  if (value === null) {
    if (!blank(stored)) rec[key] = null;
    return;
  }
  if (blank(stored) || Number(stored) !== value) rec[key] = decimalOf(value);
}

/** Plan and fact of the report into a value of the program (a year's, or a month's). */
function setPlanFact(b: Builder, v: { plan?: string | null; fact?: string | null }, r: ReportValue, path: string): void {
  setNumber(v, "plan", r.plan);
  setNumber(v, "fact", r.fact);
  b.origin(v, path, { plan: "plan", fact: "fact" });
}

/** The value of the year, created when the program has none yet. */
function setYearValue(b: Builder, values: YearPlanFact[], year: number, r: ReportValue, path: string): void {
  let v = values.find((x) => x.year === year);
  if (!v) {
    v = { year, plan: null, fact: null };
    values.push(v);
  }
  setPlanFact(b, v, r, path);
}

/** Items by code: the stored code, else the code the export gives a code-less item. */
function byCode<T extends { code?: string | null }>(items: T[], fallback: (i: number) => string): Map<string, T> {
  const m = new Map<string, T>();
  items.forEach((x) => {
    if (x.code) m.set(norm(x.code), x);
  });
  items.forEach((x, i) => {
    if (!x.code && !m.has(norm(fallback(i)))) m.set(norm(fallback(i)), x);
  });
  return m;
}

/** Name, unit and trend of an indicator or a metric from the report. */
function setDescription(b: Builder, item: ProgramIndicatorDoc | MetricDoc, r: ReportValue, path: string, what: string): void {
  if (item.name !== r.name) {
    // a code-less item is matched by its name in the import: renaming it would make a new one
    if (!item.code)
      b.issue(`${path}.name`, `${what} «${item.name}» в программе без кода: по отчету его нельзя переименовать (задайте код в программе)`);
    else item.name = r.name;
  }
  if (item.unit !== r.unit) item.unit = r.unit;
  if (item.trend !== r.trend) item.trend = r.trend;
}

function applyIndicators(b: Builder, doc: ProgramDocument, report: ProgramReport): void {
  const known = byCode(doc.indicators, (i) => `И-${i + 1}`);
  report.indicators.forEach((r, k) => {
    const path = `indicators[${k}]`;
    let ind = known.get(norm(r.code));
    if (!ind) {
      ind = { code: r.code, name: r.name, unit: r.unit, trend: r.trend, baseYear: doc.startYear - 1, values: [] };
      doc.indicators.push(ind);
      known.set(norm(r.code), ind);
    } else setDescription(b, ind, r, path, "Индикатор");
    b.origin(ind, path, { code: "code", name: "name", unit: "unit", trend: "trend" });
    setYearValue(b, ind.values, report.year, r, path);
  });
}

function applyMetrics(b: Builder, el: ElementDoc, list: ReportValue[], path: string, report: ProgramReport, wholeYear: boolean): void {
  const known = byCode(el.metrics, (i) => `${el.code}.П-${i + 1}`);
  list.forEach((r, k) => {
    const p = `${path}.metrics[${k}]`;
    let m = known.get(norm(r.code));
    if (!m) {
      m = { code: r.code, name: r.name, unit: r.unit, trend: r.trend, level: "МП", values: [], months: [] };
      el.metrics.push(m);
      known.set(norm(r.code), m);
    } else setDescription(b, m, r, p, "Показатель");
    b.origin(m, p, { code: "code", name: "name", unit: "unit", trend: "trend" });
    const months = m.months.filter((x) => x.year === report.year && !blank(x.plan));
    if (!wholeYear && months.length > 0) {
      // the export takes the latest month of the monthly plan that ended by asOf
      const ended = months
        .filter((x) => compareDates(makeDate(report.year, x.month, daysInMonth(report.year, x.month)), report.asOf) <= 0)
        .sort((a, c) => c.month - a.month)[0];
      if (!ended) {
        b.issue(
          p,
          `у показателя «${m.name}» есть помесячный план на ${report.year} год, но к дате расчета ${formatDateRu(report.asOf)} ни один месяц не закончился: значение отчета не к чему отнести`,
        );
        return;
      }
      setPlanFact(b, ended, r, p);
      return;
    }
    setYearValue(b, m.values, report.year, r, p);
  });
}

function applyCheckpoints(
  b: Builder,
  el: ElementDoc,
  list: ProgramReport["directions"][number]["elements"][number]["checkpoints"],
  path: string,
  year: number,
): void {
  const inYear = (c: CheckpointDoc) => c.plannedDate.slice(0, 4) === String(year);
  const pool = new Map<string, CheckpointDoc[]>();
  for (const c of el.checkpoints.filter(inYear)) pool.set(norm(c.name), [...(pool.get(norm(c.name)) ?? []), c]);
  list.forEach((r, k) => {
    const p = `${path}.checkpoints[${k}]`;
    if (r.planned.slice(0, 4) !== String(year)) {
      b.issue(`${p}.planned`, `плановая дата ${r.planned} вне года отчета ${year}: отчет содержит контрольные точки только своего года`);
      return;
    }
    let c = pool.get(norm(r.name))?.shift();
    if (!c) {
      c = { name: r.name, plannedDate: r.planned, actualDate: r.actual };
      el.checkpoints.push(c);
    }
    if (c.plannedDate !== r.planned) c.plannedDate = r.planned;
    if ((c.actualDate ?? null) !== r.actual) c.actualDate = r.actual;
    b.origin(c, p, { name: "name", plannedDate: "planned", actualDate: "actual" });
  });
}

type BudgetRow = NonNullable<DirectionDoc["budgetExecution"]>[number];

/**
 * The report's funding of a direction onto its budget rows. The rows' `schedule` is filled with the
 * year's schedule in force at each quarter's end; a schedule the report changes becomes an entry
 * of the year's schedule effective at the quarter's end (reason: the report).
 */
function applyFunding(
  b: Builder,
  d: DirectionDoc,
  funding: { plan: string; cash: string },
  path: string,
  report: ProgramReport,
  wholeYear: boolean,
  context: FormContext,
): void {
  const entries = scheduleEntriesOf(d);
  const inForce = (x: BudgetRow) => scheduleEntryInForce(entries, x.year, x.source, quarterEndDate(x.year, x.quarter))?.amount ?? "0.00";
  for (const x of d.budgetExecution ?? []) if (x.year === report.year) x.schedule = inForce(x);
  applyFundingRows(b, d, funding, path, report, wholeYear, context);
  // a document of the former shape keeps its quarterly values (they are its schedule)
  if (!d.budgetSchedule) return;
  d.budgetSchedule = reconcileSchedule(
    entries,
    (d.budgetExecution ?? []).filter((x) => x.year === report.year),
    `отчет о реализации за ${report.year} год`,
  );
}

function applyFundingRows(
  b: Builder,
  d: DirectionDoc,
  funding: { plan: string; cash: string },
  path: string,
  report: ProgramReport,
  wholeYear: boolean,
  context: FormContext,
): void {
  const fp = `${path}.funding`;
  const ended = (q: number) => wholeYear || compareDates(`${report.year}-${QUARTER_END[q]}`, report.asOf) <= 0;
  const all = (d.budgetExecution ??= []);
  const rows = all.filter((x) => x.year === report.year && ended(x.quarter));
  // the quarter the export sums: the latest with rows that ended by asOf, else the latest ended
  const quarter = rows.length ? Math.max(...rows.map((x) => x.quarter)) : Math.max(0, ...[1, 2, 3, 4].filter(ended));
  if (quarter === 0) {
    b.issue(fp, `к дате расчета ${report.asOf} не закончился ни один квартал ${report.year} года: сумме отчета некуда лечь`);
    return;
  }
  const inQuarter = rows.filter((x) => x.quarter === quarter);
  const several = inQuarter.length > 1;
  let local = inQuarter.find((x) => x.source === LOCAL_SOURCE);
  const fields: [keyof BudgetRow & ("schedule" | "cash"), "plan" | "cash"][] = [
    ["schedule", "plan"],
    ["cash", "cash"],
  ];
  if (!inQuarter.length || (several && !local)) {
    if (!sourcesOf(context).some((s) => s.code === LOCAL_SOURCE)) {
      b.issue(fp, `в справочнике источников финансирования нет местного бюджета (код «${LOCAL_SOURCE}»): сумму отчета не к чему отнести`);
      return;
    }
  }
  if (!inQuarter.length) {
    // a row of the local budget for that quarter, so that the export gives the report's sums
    local = { year: report.year, quarter, source: LOCAL_SOURCE, schedule: funding.plan, cash: funding.cash };
    all.push(local);
    b.origin(local, fp, { schedule: "plan", cash: "cash" });
    return;
  }
  for (const [field, key] of fields) {
    const want = parseMoney(funding[key]);
    const sum = inQuarter.reduce((s, x) => s + parseMoney(x[field] ?? "0.00"), 0n);
    if (want === sum) continue;
    if (!several) {
      inQuarter[0]![field] = formatMoney(want);
      continue;
    }
    const diff = want - sum;
    if (!local) {
      if (diff < 0n) {
        b.issue(
          `${fp}.${key}`,
          `сумма ${funding[key]} меньше суммы по источникам за ${quarter} кв. (${formatMoney(sum as Money)}), а строки местного бюджета нет: уменьшите суммы источников в таблице исполнения бюджета`,
        );
        continue;
      }
      local = { year: report.year, quarter, source: LOCAL_SOURCE, schedule: "0.00", cash: "0.00" };
      all.push(local);
      inQuarter.push(local);
    }
    const next = parseMoney(local[field] ?? "0.00") + diff;
    if (next < 0n) {
      b.issue(
        `${fp}.${key}`,
        `сумма ${funding[key]} меньше суммы других источников за ${quarter} кв.: местный бюджет стал бы отрицательным (${formatMoney(next as Money)}); уменьшите суммы источников в таблице исполнения бюджета`,
      );
      continue;
    }
    local[field] = formatMoney(next as Money);
    b.notes.push(
      `${fp}.${key}: у направления «${d.code}» за ${report.year} год, ${quarter} кв., несколько источников; разница ${formatMoney(diff as Money)} тыс. отнесена на местный бюджет`,
    );
  }
  for (const x of inQuarter) b.origin(x, fp, { schedule: "plan", cash: "cash" });
}

function applyDirections(b: Builder, doc: ProgramDocument, report: ProgramReport, context: FormContext): void {
  const wholeYear = compareDates(report.asOf, makeDate(report.year, 12, 31)) >= 0;
  const directions = new Map(doc.directions.map((d) => [norm(d.code), d]));
  const elementsOf = new Map<string, { dir: DirectionDoc; el: ElementDoc }>();
  for (const dir of doc.directions) for (const el of dir.elements) elementsOf.set(norm(el.code), { dir, el });
  report.directions.forEach((r, k) => {
    const path = `directions[${k}]`;
    let d = directions.get(norm(r.code));
    if (!d) {
      if (!r.coExecutor)
        b.issue(`${path}.coExecutor`, `направления «${r.code}» нет в программе: для нового направления укажите соисполнителя (coExecutor)`);
      d = { code: r.code, name: r.name, coExecutor: r.coExecutor ?? "", elements: [], budgetExecution: [] };
      doc.directions.push(d);
      directions.set(norm(r.code), d);
    } else {
      if (d.name !== r.name) d.name = r.name;
      if (r.coExecutor !== undefined && norm(r.coExecutor) !== norm(d.coExecutor)) d.coExecutor = r.coExecutor;
    }
    b.origin(d, path, { code: "code", name: "name", coExecutor: "coExecutor" });
    if (r.funding) applyFunding(b, d, r.funding, path, report, wholeYear, context);
    r.elements.forEach((re, j) => {
      const p = `${path}.elements[${j}]`;
      const found = elementsOf.get(norm(re.code));
      let el: ElementDoc;
      if (found && found.dir !== d) {
        b.issue(
          `${p}.code`,
          `структурный элемент «${re.code}» в программе относится к направлению «${found.dir.code}», а не «${r.code}»: перенос элементов между направлениями отчетом не делается`,
        );
        return;
      }
      if (found) {
        el = found.el;
        if ((el.startYear != null && el.startYear > report.year) || (el.endYear != null && el.endYear < report.year)) {
          b.issue(
            p,
            `период структурного элемента «${el.code}» (${el.startYear ?? "…"}–${el.endYear ?? "…"}) не включает год отчета ${report.year}`,
          );
          return;
        }
        if (el.name !== re.name) el.name = re.name;
        if (el.kind !== re.kind) el.kind = re.kind;
      } else {
        el = { code: re.code, name: re.name, kind: re.kind, responsible: null, tasks: [], metrics: [], checkpoints: [], funding: [] };
        d.elements.push(el);
        elementsOf.set(norm(re.code), { dir: d, el });
      }
      b.origin(el, p, { code: "code", name: "name", kind: "kind" });
      applyMetrics(b, el, re.metrics, p, report, wholeYear);
      applyCheckpoints(b, el, re.checkpoints, p, report.year);
    });
  });
}

/**
 * The program a format-1 report describes, relative to the current one (see above). A file that
 * is not a report, or the report of another program, gives its issues and no change.
 */
export function parseProgramReportFile(
  buf: Buffer,
  current: ProgramDocument,
  context: FormContext = {},
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedProgram {
  const b = new Builder();
  const failed = (): ParsedProgram => ({
    layout: REPORT_JSON_LAYOUT,
    document: current,
    present: [],
    deleteMissing: false,
    origins: new Map(),
    issues: b.issues,
    notes: [],
  });
  if (buf.length === 0) {
    b.issue("", "Файл пуст");
    return failed();
  }
  if (buf.length > limits.maxBytes) {
    b.issue("", `Файл больше ${Math.round(limits.maxBytes / 1024 / 1024)} МБ`);
    return failed();
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf).replace(/^\uFEFF/, "");
  } catch {
    b.issue("", "Файл не является текстом в кодировке UTF-8");
    return failed();
  }
  let report: ProgramReport;
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      b.issue("", `Файл не является JSON: ${(e as Error).message}`);
      return failed();
    }
    report = parseProgramReport(value);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const i of e.issues) b.issue(i.path === "(документ)" ? "" : i.path, `отчет формата 1: ${i.message}`);
    return failed();
  }
  if (norm(report.program.code) !== norm(current.code)) {
    b.issue("program.code", `отчет программы «${report.program.code}», а загружается в программу «${current.code}»`);
    return failed();
  }
  if (report.year < current.startYear || report.year > current.endYear) {
    b.issue("year", `год отчета ${report.year} вне срока реализации программы (${current.startYear}–${current.endYear})`);
    return failed();
  }
  const doc: ProgramDocument = structuredClone(current);
  if (doc.name !== report.program.name) doc.name = report.program.name;
  b.origin(doc, "program", { code: "code", name: "name" });
  applyIndicators(b, doc, report);
  applyDirections(b, doc, report, context);
  const notes = [
    `Отчет формата 1 за ${report.year} год на ${formatDateRu(report.asOf)}: меняет значения этого года; индикаторы, направления, элементы, показатели и контрольные точки программы, которых нет в отчете, остаются как есть (не удаляются).`,
    ...b.notes,
  ];
  if (b.issues.length) return { ...failed(), notes };
  return { layout: REPORT_JSON_LAYOUT, document: doc, present: PRESENT, deleteMissing: false, origins: b.origins, issues: [], notes };
}
