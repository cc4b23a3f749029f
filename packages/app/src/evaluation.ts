/**
 * Effectiveness evaluation from the database (issue 3): a stored program's year as a format-1
 * report, its evaluation, the ranking of a municipality's programs, and the summaries of the
 * strategy's and the action plan's indicators. Read-only: nothing is written, so no audit entry.
 * Every number comes from the same domain functions `npx orientir evaluate` uses on a file.
 */
import {
  getEvaluationSetting,
  insertEvaluationMethodology,
  listApprovedProgramVersions,
  listEvaluationMethodologies,
  listMunicipalities,
  listRows,
  saveEvaluationSetting,
  metricWithValueOfYear,
  scopeRows,
  type Queryable,
  type Streamable,
  scopeTextByParent,
  scopeArraysOfText,
  type ScopeLayout,
  type ScopePart,
  type Row,
} from "@orientir/db";
import {
  DEFAULT_CLASSIFICATION,
  ValidationError,
  defaultAsOf,
  BUILTIN_METHODOLOGIES,
  ConflictError,
  KALUGA_220P,
  MISSING_FACT_MODES,
  compareDates,
  contentDateOf,
  documentOfYear,
  makeDate,
  versionForYear,
  withRecordOfExecution,
  type ApprovedVersion,
  type EvaluationRules,
  type MissingFact,
  RESOURCES,
  ensure,
  methodologyFromJson,
  evaluateReport,
  isIsoDate,
  latestFactYear,
  parseProgramReport,
  programReportFromDocument,
  resource,
  summarizeIndicators,
  thresholdIssues,
  weakestDirection,
  type ClassifiableIndicator,
  type ClassificationThresholds,
  type IsoDate,
  type Methodology,
  type ProgramDocument,
  type ReportMethodology,
  type ProgramReport,
} from "@orientir/domain";
import { createHash } from "node:crypto";
import type { AppContext, Caller, Offload } from "./context.ts";
import { exportProgramDocument, programDocumentOfTree } from "./documents.ts";
import { getResource } from "./resources.ts";
import { byParentOf, nest, scopeParts, strategyTree, planTree, type TreeNode } from "./trees.ts";
import { todayIn } from "./context.ts";
import { recordsOfRows, type ProgramRecords } from "./record-of-rows.ts";
import { audit } from "./audit.ts";
import { text, textOrNull } from "./row-values.ts";
import type {
  EvaluationSettings,
  EvaluationSettingsBody,
  IndicatorsSummary,
  MethodologyCreate,
  MethodologyView,
  ProgramEvaluation as ProgramEvaluationAnswer,
  Ranking,
  VersionInForce,
} from "@orientir/contracts";

type RankingItem = Ranking["items"][number];

/** The options of an evaluation a request may give (the API's query, the command line's flags). */
export interface EvaluationQuery {
  /** Date of calculation (default: today, at most 31 December of the year). */
  asOf?: string;
  /** Rule 9 (default: the municipality's setting, else by the date — "exclude" during the year, "zero" after it). */
  missingFact?: MissingFact;
  /** Rule 10 (default: the municipality's setting, else true). */
  zeroEqualsZero?: boolean;
}

function checkYearAndDate(year: number, asOf: string | undefined): void {
  const issues = [];
  if (!Number.isInteger(year) || year < 1900 || year > 2200) issues.push({ path: "year", message: "год — целое число от 1900 до 2200" });
  if (asOf !== undefined && !isIsoDate(asOf)) issues.push({ path: "asOf", message: "дата расчета — ГГГГ-ММ-ДД" });
  if (issues.length) throw new ValidationError(issues);
}

// ---- the municipality's methodology ---------------------------------------------------------

export interface EvaluationSetup {
  /** The municipality's own methodologies, every version (searched before the built-in ones). */
  methodologies: Methodology[];
  /** What the municipality's reports name: its chosen preset (and version), else kaluga-220p. */
  methodology: ReportMethodology;
  /** Thresholds of the indicator classes (the municipality's, else the defaults). */
  thresholds: ClassificationThresholds;
  /** Version of the settings row (null: none saved). */
  settingVersion: number | null;
  /** Rules 9 and 10 as chosen (missingFact null: by the date of calculation). */
  rules: { missingFact: MissingFact | null; zeroEqualsZero: boolean };
}

export async function evaluationSetup(q: Queryable, municipalityId: string): Promise<EvaluationSetup> {
  const [rows, setting] = await Promise.all([listEvaluationMethodologies(q, municipalityId), getEvaluationSetting(q, municipalityId)]);
  const methodologies = rows.map((r) => r.definition as Methodology);
  // The version is always pinned (the latest when the settings name none), so that a report
  // exported here names exactly the methodology its numbers come from.
  // Without settings: the built-in preset as shipped; own versions apply once chosen.
  const preset = setting ? String(setting.preset) : KALUGA_220P.id;
  const versions = [...BUILTIN_METHODOLOGIES, ...methodologies].filter((m) => m.id === preset).map((m) => m.version);
  const version = !setting
    ? KALUGA_220P.version
    : setting.presetVersion !== null
      ? Number(setting.presetVersion)
      : Math.max(1, ...versions);
  const methodology: ReportMethodology = { preset, version };
  const thresholds = { ...DEFAULT_CLASSIFICATION, ...((setting?.thresholds as Partial<ClassificationThresholds> | null) ?? {}) };
  const rules = {
    missingFact: setting && setting.missingFact ? (setting.missingFact as MissingFact) : null,
    zeroEqualsZero: setting ? setting.zeroEqualsZero !== false : true,
  };
  return { methodologies, methodology, thresholds, settingVersion: setting ? Number(setting.version) : null, rules };
}

/**
 * Rules 9 and 10 of an evaluation: the request's, else the municipality's; a missing fact by
 * default scores 0 once the year has ended (the annual evaluation) and is left out before
 * (a preliminary evaluation during the year).
 */
export function rulesOf(setup: EvaluationSetup, year: number, asOf: IsoDate, query: EvaluationQuery = {}): EvaluationRules {
  const yearEnded = compareDates(asOf, makeDate(year, 12, 31)) >= 0;
  return {
    missingFact: query.missingFact ?? setup.rules.missingFact ?? (yearEnded ? "zero" : "exclude"),
    zeroEqualsZero: query.zeroEqualsZero ?? setup.rules.zeroEqualsZero,
  };
}

function methodologyWith(setup: EvaluationSetup, rules: EvaluationRules): ReportMethodology {
  return { ...setup.methodology, missingFact: rules.missingFact, zeroEqualsZero: rules.zeroEqualsZero };
}

function approvedVersions(rows: { number: number; decreeNumber: string; decreeDate: string; document: unknown }[]): ApprovedVersion[] {
  return rows
    .filter((r) => r.document)
    .map((r) => ({ number: r.number, decreeNumber: r.decreeNumber, decreeDate: r.decreeDate, document: r.document as ProgramDocument }));
}

/**
 * What a program's year is evaluated on: the content of the version in force on the date of the
 * content (as of 31 December for a past year) with the record of execution as reported, and that
 * version; for a program not in force in the year, its current rows (a draft's content) and null.
 */
function yearDocument(
  live: ProgramDocument,
  versions: ApprovedVersion[],
  year: number,
  asOf: IsoDate,
): { doc: ProgramDocument; inForce: VersionInForce | null } {
  const v = versionForYear(versions, year, asOf);
  if (!v) return { doc: live, inForce: null };
  return {
    doc: withRecordOfExecution(v.document, live),
    inForce: { number: v.number, decreeNumber: v.decreeNumber, decreeDate: v.decreeDate },
  };
}

/**
 * A stored program's year as a format-1 report naming the municipality's methodology, checked by
 * the format's parser (so an incomplete program fails here, naming the report's path). No
 * permission check: callers check.
 */
export async function programReportOf(
  q: Queryable,
  programId: string,
  year: number,
  asOf: IsoDate,
  methodology: ReportMethodology,
): Promise<ProgramReport> {
  return (await programYearReport(q, programId, year, asOf, methodology)).report;
}

/** The report of a program's year on the version in force then (see `yearDocument`), and that version. */
export async function programYearReport(
  q: Queryable,
  programId: string,
  year: number,
  asOf: IsoDate,
  methodology: ReportMethodology,
): Promise<{ report: ProgramReport; inForce: VersionInForce | null }> {
  const [live, rows] = await Promise.all([
    exportProgramDocument(q, programId, { year }),
    listApprovedProgramVersions(q, { programId }, contentDateOf(year, asOf)),
  ]);
  if (!live) throw new ValidationError([{ path: "programId", message: "программа не найдена" }]);
  const versions = approvedVersions(rows).map((v) => ({ ...v, document: snapshotOfYear(v.document, year) }));
  const { doc, inForce } = yearDocument(live, versions, year, asOf);
  return { report: checkedReport(doc, year, asOf, methodology), inForce };
}

/** The format-1 report of a program document, checked by the format's parser (as a file would be). */
function checkedReport(doc: ProgramDocument, year: number, asOf: IsoDate, methodology: ReportMethodology): ProgramReport {
  return parseProgramReport(asJson(programReportFromDocument(doc, year, asOf, { ...methodology })), { reuse: true });
}

/**
 * The report as JSON would give it back — a value's plan or fact that is not a finite number
 * becomes null — without writing it out and reading it again (a report is fresh objects, numbers
 * and strings; issue 16: the round trip through text was a quarter of a ranking's time).
 */
function asJson(r: ProgramReport): ProgramReport {
  const fix = (v: { plan: number | null; fact: number | null }) => {
    if (v.plan !== null && !Number.isFinite(v.plan)) v.plan = null;
    if (v.fact !== null && !Number.isFinite(v.fact)) v.fact = null;
  };
  r.indicators.forEach(fix);
  for (const d of r.directions) for (const e of d.elements) e.metrics.forEach(fix);
  return r;
}

/**
 * For the command line (the operator, no session): the program with this code — in the named
 * municipality, or the only one with the code — as a format-1 report.
 */
export async function programReportByCode(
  q: Queryable,
  code: string,
  year: number,
  opts: { asOf?: string; municipality?: string; today: IsoDate; missingFact?: MissingFact; zeroEqualsZero?: boolean },
): Promise<ProgramReport> {
  checkYearAndDate(year, opts.asOf);
  const found: { id: string; municipalityId: string; municipality: string }[] = [];
  for (const m of await listMunicipalities(q)) {
    if (opts.municipality && m.name !== opts.municipality) continue;
    for (const p of await listRows(q, resource("program"), { municipalityId: m.id, where: { code } }))
      found.push({ id: p.id, municipalityId: m.id, municipality: String(m.name) });
  }
  if (found.length === 0) {
    throw new ValidationError([
      { path: "code", message: `программа с кодом «${code}» не найдена${opts.municipality ? ` в «${opts.municipality}»` : ""}` },
    ]);
  }
  if (found.length > 1) {
    throw new ValidationError([
      {
        path: "municipality",
        message: `программа «${code}» есть в нескольких муниципальных образованиях (${found.map((f) => f.municipality).join(", ")}): укажите --municipality`,
      },
    ]);
  }
  const setup = await evaluationSetup(q, found[0]!.municipalityId);
  const asOf = opts.asOf ?? defaultAsOf(year, opts.today);
  return programReportOf(q, found[0]!.id, year, asOf, methodologyWith(setup, rulesOf(setup, year, asOf, opts)));
}

function checkQuery(year: number, query: EvaluationQuery): void {
  checkYearAndDate(year, query.asOf);
  if (query.missingFact !== undefined && !(MISSING_FACT_MODES as readonly string[]).includes(query.missingFact)) {
    throw new ValidationError([
      { path: "missingFact", message: "missingFact — zero (нет факта — 0) или exclude (не учитывается, предварительная оценка)" },
    ]);
  }
}

async function yearReportFor(ctx: AppContext, caller: Caller, programId: string, year: number, query: EvaluationQuery) {
  checkQuery(year, query);
  const program = await getResource(ctx, caller, resource("program"), programId);
  const setup = await evaluationSetup(ctx.db, caller.actor.municipalityId);
  const asOf = query.asOf ?? defaultAsOf(year, todayIn(ctx));
  const { report, inForce } = await programYearReport(
    ctx.db,
    program.id,
    year,
    asOf,
    methodologyWith(setup, rulesOf(setup, year, asOf, query)),
  );
  return { report, inForce, setup };
}

/**
 * The program report (format 1) of a stored program's year, as of a date (default: today, at
 * most 31 December), on the version in force then, naming the methodology and its rules.
 */
export async function exportProgramReport(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  year: number,
  query: EvaluationQuery | string = {},
): Promise<ProgramReport> {
  return (await yearReportFor(ctx, caller, programId, year, typeof query === "string" ? { asOf: query } : query)).report;
}

/**
 * The evaluation of a stored program's year, with its trace, by the municipality's methodology,
 * on the version in force in the year. With no indicator or metric fact for the year it has no
 * score: «нет данных».
 */
export async function evaluateProgram(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  year: number,
  query: EvaluationQuery | string = {},
): Promise<ProgramEvaluationAnswer> {
  const { report, inForce, setup } = await yearReportFor(ctx, caller, programId, year, typeof query === "string" ? { asOf: query } : query);
  const e = evaluateReport(report, { methodologies: setup.methodologies });
  if (!e.noData) return { programId, inForce, ...e };
  return { programId, inForce, ...e, score: null, scoreDisplay: null, rating: null, ratingLabel: "нет данных" };
}

/**
 * Every program of a municipality as a ProgramDocument, read in one statement (every kind of row
 * of every program, with the departments and strategy indicators they name); the same documents
 * `exportProgramDocument` gives. `year`: only that year's rows of the tables kept by year (the
 * ranking of a year reads nothing of the other years).
 */
export async function programDocumentsOf(
  q: Queryable,
  municipalityId: string,
  opts: { year?: number; months?: "none" } = {},
): Promise<{ id: string; doc: ProgramDocument }[]> {
  const root = resource("program");
  const specs = RESOURCES.filter((r) => r.scope === root.scope && r.name !== root.name && r.parent);
  const values: unknown[] = [municipalityId];
  const parts = scopeParts(specs, "municipality_id", { year: opts.year, months: opts.months }, values);
  const rows = await scopeRows(
    q,
    [
      { key: "programs", spec: root, where: "municipality_id = $1" },
      { key: "departments", spec: resource("department"), where: "municipality_id = $1" },
      { key: "strategyIndicators", spec: resource("strategyIndicator"), where: "municipality_id = $1" },
      ...parts,
    ],
    values,
    { between: turn },
  );
  const byParent = new Map<string, Map<string, Row[]>>();
  for (const p of parts) byParent.set(p.spec.name, byParentOf(p.spec, rows.get(p.key) ?? []));
  const attach = nest(byParent);
  const depts = new Map((rows.get("departments") ?? []).map((d) => [d.id, String(d.name)]));
  const sInd = new Map((rows.get("strategyIndicators") ?? []).map((i) => [i.id, String(i.code ?? i.name)]));
  const out: { id: string; doc: ProgramDocument }[] = [];
  for (const p of rows.get("programs") ?? []) {
    out.push({ id: p.id, doc: programDocumentOfTree(attach(root, p), depts, sInd) });
    await turn(); // a program at a time: other requests are answered in between (issue 16, part 5)
  }
  return out;
}

/** Lets the event loop answer what waits (I/O, timers) before going on: long work on the request's thread in slices. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A municipality's programs as the record's statement lists them: id, code and name, by code. */
const PROGRAM_COLUMNS = ["id", "code", "name"] as const;

/**
 * The parts of the record's statement (`RECORD_COLUMNS`: only what is merged into a version in
 * force): `year`: only that year's rows of the tables kept by year; `months: "none"`: no monthly
 * plan. The tables are read in no order but the one the merge's "first of equal keys" depends on
 * (`RECORD_ORDER`).
 */
function recordParts(values: unknown[], opts: { year?: number; months?: "none" }): ScopePart[] {
  const root = resource("program");
  const specs = RESOURCES.filter((r) => r.scope === root.scope && r.name !== root.name && r.parent && r.name in RECORD_COLUMNS);
  // a program's rows by its id alone (`scopeTextByParent`, the index on the program and the year): the program is the municipality's
  const parts: ScopePart[] = scopeParts(specs, null, { year: opts.year, months: opts.months }, values).map((p) => ({
    ...p,
    columns: recordColumns(p.spec),
    instead: RECORD_INSTEAD[p.spec.name],
    ...(p.spec.name in RECORD_ORDER ? { order: RECORD_ORDER[p.spec.name] } : {}),
  }));
  if (opts.year !== undefined) {
    // one year: each metric's value of the year read with the metric (`valueYear` null: no value
    // row), so the 3,000 rows of a year's values do not come as a table of their own with their
    // metric's id; the metric's own id only for its monthly plans
    const at = parts.findIndex((p) => p.key === "metricValue");
    if (at >= 0) parts.splice(at, 1);
    const metric = parts.find((p) => p.key === "metric")!;
    Object.assign(metric, metricWithValueOfYear(values.indexOf(opts.year) + 1));
    if (opts.months === "none") metric.columns = metric.columns!.filter((c) => c !== "id");
  }
  // the year's metrics and checkpoints (thousands each) come grouped by their element: its id once per element
  for (const p of parts)
    if (opts.year !== undefined && (p.key === "metric" || p.key === "checkpoint")) {
      p.groupBy = "element_id";
      p.columns = p.columns!.filter((c) => c !== "element_id");
    }
  return parts;
}

/**
 * The record of execution of a municipality's programs a program at a time, as PostgreSQL reads
 * them (one statement, `scopeTextByParent`): every program, by code, with its record's row as
 * read (`text` null for a program not in `only`, whose rows are not read) — parsed and indexed
 * for the merge where it is used (`recordOfText`), in this thread or in a worker.
 */
async function* recordTextsByProgram(
  q: Streamable,
  municipalityId: string,
  opts: { year?: number; months?: "none"; only?: readonly string[] } = {},
): AsyncGenerator<{ program: { id: string; code: string; name: string }; record: RecordOfProgram["record"] | null }> {
  const values: unknown[] = [municipalityId];
  const parts = recordParts(values, opts).map((p) => ({ ...p, parentColumn: "program_id" }));
  const only = opts.only ? `parent.id = ANY($${values.push(opts.only)}::uuid[])` : undefined;
  // by code alone, unique in a municipality: the order of its index, so each row goes out as it is computed (no sort to wait for)
  const parent = {
    spec: resource("program"),
    where: "municipality_id = $1",
    columns: PROGRAM_COLUMNS,
    order: "code",
    ...(only ? { only } : {}),
  };
  for await (const { parent: p, text, layout } of scopeTextByParent(q, parent, parts, values)) {
    const program = { id: String(p[0]), code: String(p[1]), name: String(p[2]) };
    yield { program, record: text === null ? null : { layout, text } };
  }
}

/** A program's record of execution from its row (`recordTextsByProgram`), indexed for the merge. */
function recordOfText(record: RecordOfProgram["record"]): ProgramRecords {
  return recordsOfRows(scopeArraysOfText(record.layout, record.text));
}

/**
 * The record of execution of a municipality's programs a program at a time (`recordTextsByProgram`),
 * each indexed for the merge — or null for a program not in `only`.
 */
export async function* programRecordsByProgram(
  q: Streamable,
  municipalityId: string,
  opts: { year?: number; months?: "none"; only?: readonly string[] } = {},
): AsyncGenerator<{ program: { id: string; code: string; name: string }; records: ProgramRecords | null }> {
  for await (const { program, record } of recordTextsByProgram(q, municipalityId, opts))
    yield { program, records: record && recordOfText(record) };
}

/**
 * What a program's year takes from its own rows when a version is in force: the record of
 * execution (`withRecordOfExecution`: facts, justifications, monthly facts, checkpoints' actual
 * dates and comments, budget schedule and cash) and the codes and names it is matched by; by
 * resource, the columns besides `id` and the parent's. Everything else comes from the version.
 */
const RECORD_COLUMNS: Record<string, readonly string[]> = {
  programIndicator: ["code", "name"],
  programIndicatorValue: ["year", "fact", "justification"],
  direction: ["code", "name"],
  structuralElement: ["code", "name"],
  metric: ["code", "name"],
  metricValue: ["year", "fact", "justification"],
  metricMonth: ["year", "month", "fact", "forecast", "justification"],
  checkpoint: ["name", "planned_date", "actual_date", "comment"],
  budgetExecution: ["element_id", "year", "quarter", "source", "cash", "deviation_reason"],
  budgetSchedule: ["element_id", "year", "source", "amount", "effective_date", "reason"],
};
/**
 * The merge matches directions and elements by code, indicators and metrics by code or, without
 * one, by name (`keyOf`): the names it never reads are not read (a third of the statement's JSON).
 */
const NAME_WITHOUT_CODE = { name: `CASE WHEN coalesce("code", '') = '' THEN "name" END` };
const RECORD_INSTEAD: Record<string, Readonly<Record<string, string>> | undefined> = {
  programIndicator: NAME_WITHOUT_CODE,
  metric: NAME_WITHOUT_CODE,
  direction: { name: "NULL" },
  structuralElement: { name: "NULL" },
};
/**
 * The order each table of the record is read in (null: none). The merge keeps the first of the
 * items of equal key (code, or name without one) under one parent and looks values, months and
 * budget rows up by year, month and source, unique by the tables' constraints: so only the
 * relative order of rows of equal code matters, which ordering by `ord`, the code's presence,
 * `created_at` and `id` keeps as the lists' own order (`orderBy`) gives it — without sorting
 * thousands of codes by the database's collation. Checkpoints keep their own order (no code).
 */
const SAME_CODE_ORDER = "ord NULLS LAST, (code IS NULL), created_at, id";
const RECORD_ORDER: Record<string, string | null> = {
  programIndicator: SAME_CODE_ORDER,
  direction: SAME_CODE_ORDER,
  structuralElement: SAME_CODE_ORDER,
  metric: SAME_CODE_ORDER,
  programIndicatorValue: null,
  metricValue: null,
  metricMonth: null,
  budgetExecution: null,
  budgetSchedule: null,
};
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function recordColumns(spec: { name: string; parent?: { field: string } | null }): readonly string[] {
  // a value, month, checkpoint or budget row is found by its parent and its own fields, never by its id
  const own = RECORD_LEAVES.has(spec.name) ? [] : ["id"];
  return [...own, ...(spec.parent ? [snake(spec.parent.field)] : []), ...(RECORD_COLUMNS[spec.name] ?? [])];
}
const RECORD_LEAVES = new Set(["programIndicatorValue", "metricValue", "metricMonth", "checkpoint", "budgetExecution", "budgetSchedule"]);

/** The year's part of an approved snapshot (`documentOfYear`), made once per snapshot and year (snapshots are cached and immutable). */
const YEAR_PARTS = new WeakMap<ProgramDocument, Map<string, ProgramDocument>>();
function snapshotOfYear(doc: ProgramDocument, year: number, months = true): ProgramDocument {
  if (!Object.isFrozen(doc)) return documentOfYear(doc, year, { months });
  let byYear = YEAR_PARTS.get(doc);
  if (!byYear) YEAR_PARTS.set(doc, (byYear = new Map<string, ProgramDocument>()));
  const key = `${year}${months ? "" : "-"}`;
  let part = byYear.get(key);
  if (!part) byYear.set(key, (part = Object.freeze(documentOfYear(doc, year, { months }))));
  return part;
}

/** A program in force in a year: the document its year is evaluated on, and the version it comes from. */
export interface ProgramInForce {
  id: string;
  doc: ProgramDocument;
  inForce: VersionInForce;
}

/**
 * The programs of a municipality in force in a year — a version approved by a decree dated on or
 * before the date of the content (31 December for a past year) and the year inside that
 * version's period — each as the document its year is evaluated on, best first by code.
 */
export async function programsInForce(
  q: Streamable,
  municipalityId: string,
  year: number,
  asOf: IsoDate,
  opts: {
    onlyYear?: boolean;
    /** Filled with every program of the municipality, in force or not. */
    every?: { id: string; code: string; name: string }[];
  } = {},
): Promise<ProgramInForce[]> {
  const out: ProgramInForce[] = [];
  for await (const p of programsInForceByProgram(q, municipalityId, year, asOf, opts)) out.push(p);
  return out;
}

/**
 * A program in force as read, before the merge: the version's content of the year (its JSON text,
 * and a key naming it: the program, the version's number, the year and whether months are kept —
 * an approved version never changes) and the program's row of the record of execution.
 */
export interface RecordOfProgram {
  version: { key: string; json: string };
  record: { layout: ScopeLayout; text: string };
}

/** The JSON text of a version's content of a year (frozen, cached: `snapshotOfYear`), written once. */
const CONTENT_TEXT = new WeakMap<ProgramDocument, string>();
function contentText(doc: ProgramDocument): string {
  let text = CONTENT_TEXT.get(doc);
  if (text === undefined) {
    text = JSON.stringify(doc);
    if (Object.isFrozen(doc)) CONTENT_TEXT.set(doc, text);
  }
  return text;
}

/** The versions' contents a worker has read, by their key (`RecordOfProgram`), least recently used first. */
const CONTENTS = new Map<string, ProgramDocument>();
const CONTENTS_MAX = 200;

/** The document of a program in force from its version's content and its record's row (in a worker: `rankPrograms`). */
function mergedRecord(p: { id: string } & RecordOfProgram): ProgramDocument {
  let content = CONTENTS.get(p.version.key);
  if (content) CONTENTS.delete(p.version.key);
  else content = JSON.parse(p.version.json) as ProgramDocument;
  CONTENTS.set(p.version.key, content); // most recently used last
  if (CONTENTS.size > CONTENTS_MAX) CONTENTS.delete(CONTENTS.keys().next().value!);
  return recordOfText(p.record).merge(content, p.id);
}

/**
 * The programs in force of `programsInForce`, a program at a time as its rows arrive, not merged:
 * the versions in force are read first, then one statement gives the record of each program in
 * force (`recordTextsByProgram`), so that the caller works on the first programs while PostgreSQL
 * reads the next.
 */
export async function* inForceRecords(
  q: Streamable,
  municipalityId: string,
  year: number,
  asOf: IsoDate,
  opts: { onlyYear?: boolean; every?: { id: string; code: string; name: string }[] } = {},
): AsyncGenerator<{ id: string; inForce: VersionInForce; content: ProgramDocument; key: string; record: RecordOfProgram["record"] }> {
  // a whole year's report takes each metric's value of the year, never its monthly plan (`programReportFromDocument`)
  const months = opts.onlyYear && compareDates(asOf, makeDate(year, 12, 31)) >= 0 ? false : true;
  const rows = await listApprovedProgramVersions(q, { municipalityId }, contentDateOf(year, asOf));
  const byProgram = new Map<string, typeof rows>();
  for (const r of rows) byProgram.set(r.programId, [...(byProgram.get(r.programId) ?? []), r]);
  // the version each program is in force by: known before any row of a record is read
  const inForce = new Map<string, ApprovedVersion & VersionInForce>();
  for (const [id, own] of byProgram) {
    let versions = approvedVersions(own);
    // the year's part of each snapshot only (the rows read are the year's too): what is merged and sent to a worker stays one year
    if (opts.onlyYear) versions = versions.map((v) => ({ ...v, document: snapshotOfYear(v.document, year, months) }));
    const v = versionForYear(versions, year, asOf);
    if (v) inForce.set(id, v);
  }
  // of the program's own rows only the record of execution: the rest of a program in force comes from its version
  const recordOpts = opts.onlyYear ? { year, months: months ? undefined : ("none" as const) } : {};
  for await (const { program, record } of recordTextsByProgram(q, municipalityId, { ...recordOpts, only: [...inForce.keys()] })) {
    opts.every?.push(program);
    const v = inForce.get(program.id);
    if (!v || !record) continue;
    const key = `${program.id}\n${v.number}\n${opts.onlyYear ? `${year}${months ? "" : "-"}` : "all"}`;
    yield {
      id: program.id,
      inForce: { number: v.number, decreeNumber: v.decreeNumber, decreeDate: v.decreeDate },
      content: v.document,
      key,
      record,
    };
    // a program at a time: the event loop answers in between (rows already here would otherwise follow in one go)
    await turn();
  }
}

/** `programsInForce` a program at a time, as its rows arrive (`inForceRecords`), each merged here. */
export async function* programsInForceByProgram(
  q: Streamable,
  municipalityId: string,
  year: number,
  asOf: IsoDate,
  opts: { onlyYear?: boolean; every?: { id: string; code: string; name: string }[] } = {},
): AsyncGenerator<ProgramInForce> {
  for await (const p of inForceRecords(q, municipalityId, year, asOf, opts))
    // the version's content with the record of execution looked up in the rows (no live document built)
    yield { id: p.id, doc: recordOfText(p.record).merge(p.content, p.id), inForce: p.inForce };
}

/** Programs sent to a worker in one message (the ranking's), while the next are read. */
const OFFLOAD_BATCH = 5;

/**
 * The programs of the caller's municipality in force in the year, evaluated on the version in
 * force then, best first; a program without data for the year («нет данных») and one that
 * cannot be evaluated have no place and come after those with a score.
 *
 * Each program is evaluated as its record arrives (`programsInForceByProgram`) — in a worker, a
 * few programs at a time, when the context has a pool — while PostgreSQL reads the next.
 */
export async function evaluationRanking(
  ctx: AppContext,
  caller: Caller,
  year: number,
  query: EvaluationQuery | string = {},
): Promise<Ranking> {
  const opts = typeof query === "string" ? { asOf: query } : query;
  checkQuery(year, opts);
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", {
    area: "program",
    municipalityId,
    resource: "program",
    responsibleDepartmentId: null,
    directionCoExecutorId: null,
  });
  const date = opts.asOf ?? defaultAsOf(year, todayIn(ctx));
  const setup = await evaluationSetup(ctx.db, municipalityId);
  const rules = rulesOf(setup, year, date, opts);
  const reportMethodology = methodologyWith(setup, rules);
  // the methodology by its title, not its preset code ("kaluga-220p v1")
  const titleOf = (preset: string, version: number | undefined): string => {
    const m = [...setup.methodologies, ...BUILTIN_METHODOLOGIES]
      .filter((x) => x.id === preset && (version === undefined || x.version === version))
      .sort((a, b) => b.version - a.version)[0];
    return m ? `«${m.name}», версия ${m.version}` : preset;
  };
  const fallback = titleOf(setup.methodology.preset, setup.methodology.version);
  const input = (programs: RankInput["programs"]): RankInput => ({
    programs,
    year,
    asOf: date,
    reportMethodology,
    methodologies: setup.methodologies,
    methodology: fallback,
  });
  // the year's rows only: the ranking of a year reads nothing of the others
  const every: { id: string; code: string; name: string }[] = [];
  const ranked: Promise<ReturnType<typeof rankPrograms>>[] = [];
  // to a worker, a few programs at a time, each as the version's content (JSON text, written once
  // per version and year) and its record's row as read: the worker parses and merges them, so
  // this thread only passes text on (a message of strings is copied at once)
  let batch: RankInput["programs"] = [];
  const send = (offload: Offload) => {
    const r = offload.rank(input(batch));
    r.catch(() => {}); // awaited below, after the last program
    ranked.push(r);
    batch = [];
  };
  const read = { onlyYear: true, every };
  if (!ctx.offload)
    for await (const p of programsInForceByProgram(ctx.db, municipalityId, year, date, read))
      // each program evaluated as it comes, while PostgreSQL reads the next
      ranked.push(Promise.resolve(rankPrograms(input([p]))));
  else {
    for await (const p of inForceRecords(ctx.db, municipalityId, year, date, read)) {
      batch.push({ id: p.id, inForce: p.inForce, version: { key: p.key, json: contentText(p.content) }, record: p.record });
      if (batch.length === OFFLOAD_BATCH) send(ctx.offload);
    }
    if (batch.length) send(ctx.offload);
  }
  const parts = await Promise.all(ranked);
  const evaluated = new Set(parts.flatMap((r) => r.items.map((i) => i.programId)));
  const notInForce = every
    .filter((p) => !evaluated.has(p.id))
    .map((p) => ({ programId: p.id, code: p.code, name: p.name }))
    .sort((a, b) => a.code.localeCompare(b.code, "ru", { numeric: true }));
  const items = placed(parts.flatMap((r) => r.items));
  // the methodology's name as the last program evaluated gave it (the default when none was)
  const methodology = parts.reduce((m, r) => (r.methodology !== fallback ? r.methodology : m), fallback);
  return { year, asOf: date, methodology, rules, preliminary: rules.missingFact === "exclude", items, notInForce };
}

/** Items of the ranking by the digest of their document and rules (`rankPrograms`), least recently used first. */
const EVALUATED = new Map<string, { item: RankingItem; methodology: string | null }>();
const EVALUATED_MAX = 5000;

/** Forgets the items `rankPrograms` keeps (the benchmark's rankings with nothing remembered; tests). */
export function forgetRankedItems(): void {
  EVALUATED.clear();
}

/** What the ranking computes on: the programs in force with their documents of the year, and the methodology. */
export interface RankInput {
  /**
   * Each program's document of the year: as an object, or (to a worker) as the version's content
   * (JSON text) and the record of execution's row as read (`RecordOfProgram`), merged where it is
   * evaluated.
   */
  programs: ({ id: string; inForce: VersionInForce } & ({ doc: ProgramDocument } | RecordOfProgram))[];
  year: number;
  asOf: IsoDate;
  reportMethodology: ReportMethodology;
  methodologies: Methodology[];
  /** The methodology's name when no program could be evaluated. */
  methodology: string;
}

/**
 * The ranking's computation, without I/O (the server runs it in a worker thread): each program's
 * report checked and evaluated without a trace, best first; places for those with a score.
 */
export function rankPrograms(input: RankInput): { items: RankingItem[]; methodology: string } {
  const { year, asOf: date, reportMethodology } = input;
  const items: RankingItem[] = [];
  let methodology = input.methodology;
  // what the evaluation of a document depends on besides the document itself
  const rules = `${year}\n${date}\n${JSON.stringify(reportMethodology)}\n${JSON.stringify(input.methodologies)}\n`;
  for (const p of input.programs) {
    const { id, inForce: version } = p;
    // an unchanged document of the year, evaluated by the same rules, gives the same item: a worker
    // keeps it by a digest of what it is sent anyway — the version's key (an approved version never
    // changes) and the record's row — and of the rules. A document given as objects is evaluated
    // again: writing it out for a key costs what it saves.
    const key =
      "record" in p ? createHash("sha256").update(rules).update(p.version.key).update("\n").update(p.record.text).digest("base64") : null;
    const known = key === null ? undefined : EVALUATED.get(key);
    if (key !== null && known) {
      EVALUATED.delete(key);
      EVALUATED.set(key, known); // most recently used last
      items.push({
        ...known.item,
        programId: id,
        inForce: version,
        weakestDirection: known.item.weakestDirection && { ...known.item.weakestDirection },
      });
      if (known.methodology) methodology = known.methodology;
      continue;
    }
    const doc: ProgramDocument = "doc" in p ? p.doc : mergedRecord(p);
    const base = { programId: id, code: doc.code, name: doc.name, inForce: version };
    const before = items.length;
    const remember = (m: string | null) => {
      const item = items[before];
      if (!item || key === null) return;
      EVALUATED.set(key, { item: { ...item, weakestDirection: item.weakestDirection && { ...item.weakestDirection } }, methodology: m });
      if (EVALUATED.size > EVALUATED_MAX) EVALUATED.delete(EVALUATED.keys().next().value!);
    };
    try {
      const report = checkedReport(doc, year, date, reportMethodology);
      // the program's and the directions' figures only: the ranking shows no level below them
      const r = evaluateReport(report, { trace: false, levels: false, methodologies: input.methodologies });
      methodology = `«${r.methodology.name}», версия ${r.methodology.version}`;
      const w = weakestDirection(r);
      const scored = !r.noData;
      items.push({
        ...base,
        place: null,
        score: scored ? r.score : null,
        scoreDisplay: scored ? r.scoreDisplay : null,
        rating: scored ? r.rating : null,
        weakestDirection: scored && w ? { code: w.code, name: w.name, score: w.score! } : null,
        error: null,
        noData: r.noData,
        completeness: r.completeness,
        warnings: r.warnings.length,
        preliminary: r.preliminary,
      });
      remember(methodology);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const first = e.issues[0];
      items.push({
        ...base,
        place: null,
        score: null,
        scoreDisplay: null,
        rating: null,
        weakestDirection: null,
        error: first ? `${first.path}: ${first.message}` : e.message,
        noData: false,
        completeness: null,
        warnings: 0,
        preliminary: reportMethodology.missingFact === "exclude",
      });
      remember(null);
    }
  }
  return { items: placed(items), methodology };
}

/**
 * The items of a ranking in order — those with a score best first, then those without data, then
 * those that could not be evaluated, each by code — and the places of those with a score. The
 * same for the items of several chunks put together as for all of them ranked at once.
 */
function placed(items: RankingItem[]): RankingItem[] {
  const rank = (r: RankingItem) => (r.score !== null ? 0 : r.noData ? 1 : 2);
  items.sort((a, b) => rank(a) - rank(b) || (b.score ?? 0) - (a.score ?? 0) || a.code.localeCompare(b.code, "ru", { numeric: true }));
  let place = 0;
  for (const it of items) it.place = it.score !== null ? ++place : null;
  return items;
}

function thresholdsOf(base: ClassificationThresholds, t: Partial<ClassificationThresholds> | undefined): ClassificationThresholds {
  const merged = { ...base, ...(t ?? {}) };
  const issues = thresholdIssues(merged);
  if (issues.length) throw new ValidationError(issues);
  return merged;
}

/** The classes, counts and series of indicators; the caller adds whose they are (`strategyId` or `planId`, `name`). */
function summaryOf(
  items: ClassifiableIndicator[],
  year: number | undefined,
  t: ClassificationThresholds,
): Omit<IndicatorsSummary, "strategyId" | "planId" | "name"> {
  const years = [...new Set(items.flatMap((i) => i.values.map((v) => v.year)))].sort((a, b) => a - b);
  const y = year ?? latestFactYear(items) ?? years.at(-1) ?? new Date().getUTCFullYear();
  return {
    ...summarizeIndicators(items, y, t),
    years,
    series: items.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit ?? "",
      trend: i.trend,
      values: [...i.values].sort((a, b) => a.year - b.year),
    })),
  };
}

const s = textOrNull;
const kids = (n: TreeNode, key: string): TreeNode[] => (n[key] as TreeNode[] | undefined) ?? [];

/**
 * The strategy's indicators classed for a year (default: the latest year with a fact):
 * achieved / in progress / negative deviation, counted per goal and for the whole strategy.
 */
export async function strategySummary(
  ctx: AppContext,
  caller: Caller,
  strategyId: string,
  opts: { year?: number; thresholds?: Partial<ClassificationThresholds> } = {},
): Promise<IndicatorsSummary & { strategyId: string; name: string }> {
  if (opts.year !== undefined) checkYearAndDate(opts.year, undefined);
  const tree = await strategyTree(ctx, caller, strategyId);
  const t = thresholdsOf((await evaluationSetup(ctx.db, caller.actor.municipalityId)).thresholds, opts.thresholds);
  const goals = new Map(kids(tree, "goals").map((g) => [g.id, s(g.code) ?? String(g.name)]));
  const items: ClassifiableIndicator[] = kids(tree, "strategyIndicators").map((i) => ({
    code: s(i.code),
    name: String(i.name),
    unit: String(i.unit),
    trend: i.trend as "increase" | "decrease",
    goal: i.goalId ? (goals.get(text(i.goalId)) ?? null) : null,
    baseValue: s(i.baseValue),
    values: kids(i, "strategyIndicatorValues").map((v) => ({ year: Number(v.year), plan: s(v.target), fact: s(v.fact) })),
  }));
  return { strategyId, name: String(tree.name), ...summaryOf(items, opts.year, t) };
}

/** The action plan's indicators classed for a year, like the strategy's. */
export async function actionPlanSummary(
  ctx: AppContext,
  caller: Caller,
  planId: string,
  opts: { year?: number; thresholds?: Partial<ClassificationThresholds> } = {},
): Promise<IndicatorsSummary & { planId: string; name: string }> {
  if (opts.year !== undefined) checkYearAndDate(opts.year, undefined);
  const tree = await planTree(ctx, caller, planId);
  const t = thresholdsOf((await evaluationSetup(ctx.db, caller.actor.municipalityId)).thresholds, opts.thresholds);
  const goalRows = await listRows(ctx.db, resource("goal"), { municipalityId: String(tree.municipalityId) });
  const goals = new Map(goalRows.map((g) => [g.id, s(g.code) ?? String(g.name)]));
  const items: ClassifiableIndicator[] = kids(tree, "planIndicators").map((i) => ({
    code: s(i.code),
    name: String(i.name),
    unit: String(i.unit),
    trend: i.trend as "increase" | "decrease",
    goal: i.goalId ? (goals.get(text(i.goalId)) ?? null) : null,
    baseValue: s(i.baseValue),
    values: kids(i, "planIndicatorValues").map((v) => ({ year: Number(v.year), plan: s(v.plan), fact: s(v.fact) })),
  }));
  return { planId, name: String(tree.name), ...summaryOf(items, opts.year, t) };
}

// ---- the municipality's own methodologies and settings (economy department, administrator) ----

/** Every methodology the municipality can use (built-in and its own versions), and the chosen one. */
export async function listMethodologies(
  ctx: AppContext,
  caller: Caller,
): Promise<{ items: MethodologyView[]; methodology: ReportMethodology }> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "evaluation", municipalityId });
  const [rows, setup] = await Promise.all([listEvaluationMethodologies(ctx.db, municipalityId), evaluationSetup(ctx.db, municipalityId)]);
  const all = [...BUILTIN_METHODOLOGIES, ...setup.methodologies];
  const chosen = setup.methodology;
  const latest = Math.max(...all.filter((m) => m.id === chosen.preset).map((m) => m.version));
  const isDefault = (m: Methodology) => m.id === chosen.preset && m.version === (chosen.version ?? latest);
  return {
    methodology: chosen,
    items: [
      ...BUILTIN_METHODOLOGIES.map((m) => ({
        preset: m.id,
        version: m.version,
        name: m.name,
        builtin: true,
        isDefault: isDefault(m),
        comment: null,
        createdAt: null,
        definition: m,
      })),
      ...rows.map((r) => {
        const m = r.definition as Methodology;
        return {
          preset: m.id,
          version: m.version,
          name: m.name,
          builtin: false,
          isDefault: isDefault(m),
          comment: r.comment ?? null,
          createdAt: String(r.createdAt),
          definition: m,
        };
      }),
    ],
  };
}

/**
 * Stores a new version of a methodology for the municipality: new parameters of a preset, or a
 * tree of its own. Versions are never changed; the new one gets the next version number of its
 * id (built-in versions included) and is checked whole (shape, scopes, parameters, weights).
 */
export async function createMethodology(ctx: AppContext, caller: Caller, input: MethodologyCreate): Promise<MethodologyView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "evaluation", municipalityId });
  return ctx.db.tx(async (q) => {
    const setup = await evaluationSetup(q, municipalityId);
    const all = [...setup.methodologies, ...BUILTIN_METHODOLOGIES];
    const from = input.basedOn ?? setup.methodology;
    const same = all.filter((m) => m.id === from.preset);
    const base =
      from.version === undefined
        ? same.reduce<Methodology | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined)
        : same.find((m) => m.version === from.version);
    if (!base)
      throw new ValidationError([
        { path: "basedOn", message: `методика «${from.preset}»${from.version ? ` версии ${from.version}` : ""} не найдена` },
      ]);
    const id = input.preset ?? base.id;
    const version = Math.max(0, ...all.filter((m) => m.id === id).map((m) => m.version)) + 1;
    const unknown = Object.keys(input.parameters ?? {}).filter((k) => !(k in base.parameters) && input.root === undefined);
    if (unknown.length)
      throw new ValidationError(unknown.map((k) => ({ path: `parameters.${k}`, message: `у методики «${base.id}» нет параметра «${k}»` })));
    const candidate = {
      id,
      version,
      name: input.name ?? base.name,
      parameters: { ...base.parameters, ...(input.parameters ?? {}) },
      weightNames: input.weightNames ?? base.weightNames,
      root: input.root ?? base.root,
      rating: input.rating ?? base.rating,
    };
    let m: Methodology;
    try {
      m = methodologyFromJson(candidate, "");
    } catch (e) {
      if (e instanceof ValidationError)
        throw new ValidationError(e.issues.map((i) => ({ ...i, path: i.path.replace(/^\./, "").replace(/^weights\./, "parameters.") })));
      throw e;
    }
    const row = await insertEvaluationMethodology(q, {
      municipalityId,
      preset: m.id,
      presetVersion: m.version,
      name: m.name,
      definition: m,
      comment: input.comment ?? null,
      createdBy: caller.actor.userId,
    });
    await audit(q, caller, {
      action: "evaluationMethodology.create",
      objectType: "evaluationMethodology",
      objectId: row.id,
      after: { preset: m.id, version: m.version, definition: m },
    });
    return {
      preset: m.id,
      version: m.version,
      name: m.name,
      builtin: false,
      isDefault: false,
      comment: input.comment ?? null,
      createdAt: String(row.createdAt),
      definition: m,
    };
  });
}

export async function getEvaluationSettings(ctx: AppContext, caller: Caller): Promise<EvaluationSettings> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "evaluation", municipalityId });
  const [setup, setting] = await Promise.all([evaluationSetup(ctx.db, municipalityId), getEvaluationSetting(ctx.db, municipalityId)]);
  const presetVersion = setting && setting.presetVersion !== null ? Number(setting.presetVersion) : null;
  return { preset: setup.methodology.preset, presetVersion, thresholds: setup.thresholds, ...setup.rules, version: setup.settingVersion };
}

/** Chooses the municipality's methodology and the thresholds of the indicator classes. */
export async function saveEvaluationSettings(ctx: AppContext, caller: Caller, input: EvaluationSettingsBody): Promise<EvaluationSettings> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "evaluation", municipalityId });
  return ctx.db.tx(async (q) => {
    const setup = await evaluationSetup(q, municipalityId);
    const all = [...setup.methodologies, ...BUILTIN_METHODOLOGIES];
    const same = all.filter((m) => m.id === input.preset);
    if (same.length === 0)
      throw new ValidationError([
        { path: "preset", message: `методика «${input.preset}» не найдена (есть: ${[...new Set(all.map((m) => m.id))].join(", ")})` },
      ]);
    if (input.presetVersion !== null && !same.some((m) => m.version === input.presetVersion)) {
      throw new ValidationError([{ path: "presetVersion", message: `у методики «${input.preset}» нет версии ${input.presetVersion}` }]);
    }
    const thresholds = input.thresholds ? thresholdsOf(DEFAULT_CLASSIFICATION, input.thresholds) : null;
    const before = await getEvaluationSetting(q, municipalityId);
    const rules = { missingFact: input.missingFact ?? null, zeroEqualsZero: input.zeroEqualsZero ?? true };
    const row = await saveEvaluationSetting(q, municipalityId, input.version, {
      preset: input.preset,
      presetVersion: input.presetVersion,
      thresholds,
      ...rules,
    });
    if (!row) throw new ConflictError("Настройки оценки изменены другим пользователем", before);
    await audit(q, caller, {
      action: "evaluationSetting.update",
      objectType: "evaluationSetting",
      objectId: municipalityId,
      before,
      after: row,
    });
    return {
      preset: input.preset,
      presetVersion: input.presetVersion,
      thresholds: thresholds ?? DEFAULT_CLASSIFICATION,
      ...rules,
      version: Number(row.version),
    };
  });
}
