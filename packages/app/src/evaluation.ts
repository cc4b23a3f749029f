/**
 * Effectiveness evaluation from the database (issue 3): a stored program's year as a format-1
 * report, its evaluation, the ranking of a municipality's programs, and the summaries of the
 * strategy's and the action plan's indicators. Read-only: nothing is written, so no audit entry.
 * Every number comes from the same domain functions `npx orientir evaluate` uses on a file.
 */
import {
  getEvaluationSetting,
  insertEvaluationMethodology,
  listEvaluationMethodologies,
  listMunicipalities,
  listRows,
  rowsInScope,
  saveEvaluationSetting,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  DEFAULT_CLASSIFICATION,
  ValidationError,
  defaultAsOf,
  BUILTIN_METHODOLOGIES,
  ConflictError,
  KALUGA_220P,
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
  type IndicatorSummary,
  type IsoDate,
  type ProgramEvaluation,
  type Methodology,
  type ProgramDocument,
  type ReportMethodology,
  type ProgramReport,
  type ResourceSpec,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { exportProgramDocument, programDocumentOfTree } from "./documents.ts";
import { getResource } from "./resources.ts";
import { childKey, strategyTree, planTree, type TreeNode } from "./trees.ts";
import { todayIn } from "./context.ts";
import { audit } from "./audit.ts";

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
}

export async function evaluationSetup(q: Queryable, municipalityId: string): Promise<EvaluationSetup> {
  const [rows, setting] = await Promise.all([listEvaluationMethodologies(q, municipalityId), getEvaluationSetting(q, municipalityId)]);
  const methodologies = rows.map((r) => r.definition as Methodology);
  // The version is always pinned (the latest when the settings name none), so that a report
  // exported here names exactly the methodology its numbers come from.
  // Without settings: the built-in preset as shipped; own versions apply once chosen.
  const preset = setting ? String(setting.preset) : KALUGA_220P.id;
  const versions = [...BUILTIN_METHODOLOGIES, ...methodologies].filter((m) => m.id === preset).map((m) => m.version);
  const version = !setting ? KALUGA_220P.version : setting.presetVersion !== null ? Number(setting.presetVersion) : Math.max(1, ...versions);
  const methodology: ReportMethodology = { preset, version };
  const thresholds = { ...DEFAULT_CLASSIFICATION, ...((setting?.thresholds as Partial<ClassificationThresholds> | null) ?? {}) };
  return { methodologies, methodology, thresholds, settingVersion: setting ? Number(setting.version) : null };
}

/**
 * A stored program's year as a format-1 report naming the municipality's methodology, checked by
 * the format's parser (so an incomplete program fails here, naming the report's path). No
 * permission check: callers check.
 */
export async function programReportOf(q: Queryable, programId: string, year: number, asOf: IsoDate, methodology: ReportMethodology): Promise<ProgramReport> {
  const doc = await exportProgramDocument(q, programId);
  if (!doc) throw new ValidationError([{ path: "programId", message: "программа не найдена" }]);
  return checkedReport(doc, year, asOf, methodology);
}

/** The format-1 report of a program document, checked by the format's parser (as a file would be). */
function checkedReport(doc: ProgramDocument, year: number, asOf: IsoDate, methodology: ReportMethodology): ProgramReport {
  return parseProgramReport(JSON.parse(JSON.stringify(programReportFromDocument(doc, year, asOf, methodology))));
}

/**
 * For the command line (the operator, no session): the program with this code — in the named
 * municipality, or the only one with the code — as a format-1 report.
 */
export async function programReportByCode(
  q: Queryable, code: string, year: number, opts: { asOf?: string; municipality?: string; today: IsoDate },
): Promise<ProgramReport> {
  checkYearAndDate(year, opts.asOf);
  const found: { id: string; municipalityId: string; municipality: string }[] = [];
  for (const m of await listMunicipalities(q)) {
    if (opts.municipality && m.name !== opts.municipality) continue;
    for (const p of await listRows(q, resource("program"), { municipalityId: m.id, where: { code } })) found.push({ id: p.id, municipalityId: m.id, municipality: String(m.name) });
  }
  if (found.length === 0) {
    throw new ValidationError([{ path: "code", message: `программа с кодом «${code}» не найдена${opts.municipality ? ` в «${opts.municipality}»` : ""}` }]);
  }
  if (found.length > 1) {
    throw new ValidationError([{ path: "municipality", message: `программа «${code}» есть в нескольких муниципальных образованиях (${found.map((f) => f.municipality).join(", ")}): укажите --municipality` }]);
  }
  const setup = await evaluationSetup(q, found[0]!.municipalityId);
  return programReportOf(q, found[0]!.id, year, opts.asOf ?? defaultAsOf(year, opts.today), setup.methodology);
}

/** The program report (format 1) of a stored program's year, as of a date (default: today, at most 31 December). */
export async function exportProgramReport(ctx: AppContext, caller: Caller, programId: string, year: number, asOf?: string): Promise<ProgramReport> {
  checkYearAndDate(year, asOf);
  const program = await getResource(ctx, caller, resource("program"), programId);
  const setup = await evaluationSetup(ctx.db, caller.actor.municipalityId);
  return programReportOf(ctx.db, program.id, year, asOf ?? defaultAsOf(year, todayIn(ctx)), setup.methodology);
}

/** The evaluation of a stored program's year, with its trace, by the municipality's methodology. */
export async function evaluateProgram(ctx: AppContext, caller: Caller, programId: string, year: number, asOf?: string): Promise<ProgramEvaluation & { programId: string }> {
  const report = await exportProgramReport(ctx, caller, programId, year, asOf);
  const setup = await evaluationSetup(ctx.db, caller.actor.municipalityId);
  return { programId, ...evaluateReport(report, { methodologies: setup.methodologies }) };
}

export interface RankingRow {
  programId: string;
  code: string;
  name: string;
  /** Place by score (1 = best); programs that could not be evaluated have none. */
  place: number | null;
  score: number | null;
  scoreDisplay: string | null;
  rating: ProgramEvaluation["rating"] | null;
  weakestDirection: { code: string; name: string; score: number } | null;
  /** Why a program could not be evaluated (first problem, with its path). */
  error: string | null;
}

/**
 * Every program of a municipality as a ProgramDocument, loaded with one query per kind of row
 * (instead of one tree per program); the same documents `exportProgramDocument` gives.
 */
export async function programDocumentsOf(q: Queryable, municipalityId: string): Promise<{ id: string; doc: ProgramDocument }[]> {
  const root = resource("program");
  const specs = RESOURCES.filter((r) => r.scope === root.scope && r.name !== root.name && r.parent);
  const children = new Map<string, ResourceSpec[]>();
  for (const spec of specs) children.set(spec.parent!.resource, [...(children.get(spec.parent!.resource) ?? []), spec]);
  const byParent = new Map<string, Map<string, Row[]>>();
  const [programs, departments, indicators] = await Promise.all([
    listRows(q, root, { municipalityId }),
    listRows(q, resource("department"), { municipalityId }),
    listRows(q, resource("strategyIndicator"), { municipalityId }),
    ...specs.map(async (spec) => {
      const m = new Map<string, Row[]>();
      for (const row of await rowsInScope(q, spec, "municipalityId", municipalityId)) {
        const pid = String(row[spec.parent!.field]);
        const list = m.get(pid);
        if (list) list.push(row);
        else m.set(pid, [row]);
      }
      byParent.set(spec.name, m);
      return [];
    }),
  ]);
  const attach = (spec: ResourceSpec, row: Row): TreeNode => {
    const node: TreeNode = { ...row };
    for (const child of children.get(spec.name) ?? []) node[childKey(child)] = (byParent.get(child.name)?.get(row.id) ?? []).map((r) => attach(child, r));
    return node;
  };
  const depts = new Map(departments.map((d) => [d.id, String(d.name)]));
  const sInd = new Map(indicators.map((i) => [i.id, String(i.code ?? i.name)]));
  return programs.map((p) => ({ id: p.id, doc: programDocumentOfTree(attach(root, p), depts, sInd) }));
}

/** Every program of the caller's municipality evaluated for a year, best first. */
export async function evaluationRanking(ctx: AppContext, caller: Caller, year: number, asOf?: string): Promise<{ year: number; asOf: IsoDate; methodology: string; items: RankingRow[] }> {
  checkYearAndDate(year, asOf);
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "program", municipalityId, resource: "program", responsibleDepartmentId: null, directionCoExecutorId: null });
  const date = asOf ?? defaultAsOf(year, todayIn(ctx));
  const setup = await evaluationSetup(ctx.db, municipalityId);
  const items: RankingRow[] = [];
  let methodology = "";
  for (const { id, doc } of await programDocumentsOf(ctx.db, municipalityId)) {
    const base = { programId: id, code: doc.code, name: doc.name };
    try {
      const report = checkedReport(doc, year, date, setup.methodology);
      const r = evaluateReport(report, { trace: false, methodologies: setup.methodologies });
      methodology = `${r.methodology.preset} v${r.methodology.version}`;
      const w = weakestDirection(r);
      items.push({
        ...base, place: null, score: r.score, scoreDisplay: r.scoreDisplay, rating: r.rating,
        weakestDirection: w ? { code: w.code, name: w.name, score: w.score! } : null, error: null,
      });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const first = e.issues[0];
      items.push({ ...base, place: null, score: null, scoreDisplay: null, rating: null, weakestDirection: null, error: first ? `${first.path}: ${first.message}` : e.message });
    }
  }
  items.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.code.localeCompare(b.code));
  let place = 0;
  for (const it of items) if (it.score !== null) it.place = ++place;
  return { year, asOf: date, methodology, items };
}

export interface IndicatorsSummaryView extends IndicatorSummary {
  /** Plan and fact by year of every indicator, for the charts (bars per indicator, lines over the years). */
  series: { code: string | null; name: string; unit: string; trend: string; values: { year: number; plan: string | null; fact: string | null }[] }[];
  years: number[];
}

function thresholdsOf(base: ClassificationThresholds, t: Partial<ClassificationThresholds> | undefined): ClassificationThresholds {
  const merged = { ...base, ...(t ?? {}) };
  const issues = thresholdIssues(merged);
  if (issues.length) throw new ValidationError(issues);
  return merged;
}

function summaryOf(items: ClassifiableIndicator[], year: number | undefined, t: ClassificationThresholds): IndicatorsSummaryView {
  const years = [...new Set(items.flatMap((i) => i.values.map((v) => v.year)))].sort((a, b) => a - b);
  const y = year ?? latestFactYear(items) ?? years.at(-1) ?? new Date().getUTCFullYear();
  return {
    ...summarizeIndicators(items, y, t),
    years,
    series: items.map((i) => ({ code: i.code, name: i.name, unit: i.unit ?? "", trend: i.trend, values: [...i.values].sort((a, b) => a.year - b.year) })),
  };
}

const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const kids = (n: TreeNode, key: string): TreeNode[] => (n[key] as TreeNode[] | undefined) ?? [];

/**
 * The strategy's indicators classed for a year (default: the latest year with a fact):
 * achieved / in progress / negative deviation, counted per goal and for the whole strategy.
 */
export async function strategySummary(
  ctx: AppContext, caller: Caller, strategyId: string, opts: { year?: number; thresholds?: Partial<ClassificationThresholds> } = {},
): Promise<IndicatorsSummaryView & { strategyId: string; name: string }> {
  if (opts.year !== undefined) checkYearAndDate(opts.year, undefined);
  const tree = await strategyTree(ctx, caller, strategyId);
  const t = thresholdsOf((await evaluationSetup(ctx.db, caller.actor.municipalityId)).thresholds, opts.thresholds);
  const goals = new Map(kids(tree, "goals").map((g) => [g.id, s(g.code) ?? String(g.name)]));
  const items: ClassifiableIndicator[] = kids(tree, "strategyIndicators").map((i) => ({
    code: s(i.code), name: String(i.name), unit: String(i.unit), trend: i.trend as "increase" | "decrease",
    goal: i.goalId ? (goals.get(String(i.goalId)) ?? null) : null, baseValue: s(i.baseValue),
    values: kids(i, "strategyIndicatorValues").map((v) => ({ year: Number(v.year), plan: s(v.target), fact: s(v.fact) })),
  }));
  return { strategyId, name: String(tree.name), ...summaryOf(items, opts.year, t) };
}

/** The action plan's indicators classed for a year, like the strategy's. */
export async function actionPlanSummary(
  ctx: AppContext, caller: Caller, planId: string, opts: { year?: number; thresholds?: Partial<ClassificationThresholds> } = {},
): Promise<IndicatorsSummaryView & { planId: string; name: string }> {
  if (opts.year !== undefined) checkYearAndDate(opts.year, undefined);
  const tree = await planTree(ctx, caller, planId);
  const t = thresholdsOf((await evaluationSetup(ctx.db, caller.actor.municipalityId)).thresholds, opts.thresholds);
  const goalRows = await listRows(ctx.db, resource("goal"), { municipalityId: String(tree.municipalityId) });
  const goals = new Map(goalRows.map((g) => [g.id, s(g.code) ?? String(g.name)]));
  const items: ClassifiableIndicator[] = kids(tree, "planIndicators").map((i) => ({
    code: s(i.code), name: String(i.name), unit: String(i.unit), trend: i.trend as "increase" | "decrease",
    goal: i.goalId ? (goals.get(String(i.goalId)) ?? null) : null, baseValue: s(i.baseValue),
    values: kids(i, "planIndicatorValues").map((v) => ({ year: Number(v.year), plan: s(v.plan), fact: s(v.fact) })),
  }));
  return { planId, name: String(tree.name), ...summaryOf(items, opts.year, t) };
}

// ---- the municipality's own methodologies and settings (economy department, administrator) ----

export interface MethodologyView {
  preset: string;
  version: number;
  name: string;
  builtin: boolean;
  /** The one the municipality's programs are evaluated by. */
  isDefault: boolean;
  comment: string | null;
  createdAt: string | null;
  definition: Methodology;
}

/** Every methodology the municipality can use (built-in and its own versions), and the chosen one. */
export async function listMethodologies(ctx: AppContext, caller: Caller): Promise<{ items: MethodologyView[]; methodology: ReportMethodology }> {
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
      ...BUILTIN_METHODOLOGIES.map((m) => ({ preset: m.id, version: m.version, name: m.name, builtin: true, isDefault: isDefault(m), comment: null, createdAt: null, definition: m })),
      ...rows.map((r) => {
        const m = r.definition as Methodology;
        return { preset: m.id, version: m.version, name: m.name, builtin: false, isDefault: isDefault(m), comment: (r.comment as string | null) ?? null, createdAt: String(r.createdAt), definition: m };
      }),
    ],
  };
}

export interface NewMethodologyInput {
  /** The preset it starts from (default: the municipality's chosen one). */
  basedOn?: { preset: string; version?: number };
  /** Its id: the same as `basedOn` for new parameters of that preset, or a new id for its own preset. */
  preset?: string;
  name?: string;
  /** Parameters to change (decimal strings), e.g. {"ratingHigh": "97"}. */
  parameters?: Record<string, string>;
  /** Its own tree of levels, rating bands, weight names (default: those of `basedOn`). */
  root?: unknown;
  rating?: unknown;
  weightNames?: string[];
  comment?: string | null;
}

/**
 * Stores a new version of a methodology for the municipality: new parameters of a preset, or a
 * tree of its own. Versions are never changed; the new one gets the next version number of its
 * id (built-in versions included) and is checked whole (shape, scopes, parameters, weights).
 */
export async function createMethodology(ctx: AppContext, caller: Caller, input: NewMethodologyInput): Promise<MethodologyView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "evaluation", municipalityId });
  return ctx.db.tx(async (q) => {
    const setup = await evaluationSetup(q, municipalityId);
    const all = [...setup.methodologies, ...BUILTIN_METHODOLOGIES];
    const from = input.basedOn ?? setup.methodology;
    const same = all.filter((m) => m.id === from.preset);
    const base = from.version === undefined ? same.reduce<Methodology | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined) : same.find((m) => m.version === from.version);
    if (!base) throw new ValidationError([{ path: "basedOn", message: `методика «${from.preset}»${from.version ? ` версии ${from.version}` : ""} не найдена` }]);
    const id = input.preset ?? base.id;
    const version = Math.max(0, ...all.filter((m) => m.id === id).map((m) => m.version)) + 1;
    const unknown = Object.keys(input.parameters ?? {}).filter((k) => !(k in base.parameters) && input.root === undefined);
    if (unknown.length) throw new ValidationError(unknown.map((k) => ({ path: `parameters.${k}`, message: `у методики «${base.id}» нет параметра «${k}»` })));
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
      if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, path: i.path.replace(/^\./, "").replace(/^weights\./, "parameters.") })));
      throw e;
    }
    const row = await insertEvaluationMethodology(q, {
      municipalityId, preset: m.id, presetVersion: m.version, name: m.name, definition: m, comment: input.comment ?? null, createdBy: caller.actor.userId,
    });
    await audit(q, caller, { action: "evaluationMethodology.create", objectType: "evaluationMethodology", objectId: row.id, after: { preset: m.id, version: m.version, definition: m } });
    return { preset: m.id, version: m.version, name: m.name, builtin: false, isDefault: false, comment: input.comment ?? null, createdAt: String(row.createdAt), definition: m };
  });
}

export interface EvaluationSettingsView {
  /** The methodology the municipality's programs are evaluated by (version null: the latest). */
  preset: string;
  presetVersion: number | null;
  thresholds: ClassificationThresholds;
  /** null until saved once. */
  version: number | null;
}

export async function getEvaluationSettings(ctx: AppContext, caller: Caller): Promise<EvaluationSettingsView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "evaluation", municipalityId });
  const [setup, setting] = await Promise.all([evaluationSetup(ctx.db, municipalityId), getEvaluationSetting(ctx.db, municipalityId)]);
  const presetVersion = setting && setting.presetVersion !== null ? Number(setting.presetVersion) : null;
  return { preset: setup.methodology.preset, presetVersion, thresholds: setup.thresholds, version: setup.settingVersion };
}

/** Chooses the municipality's methodology and the thresholds of the indicator classes. */
export async function saveEvaluationSettings(
  ctx: AppContext, caller: Caller,
  input: { version: number | null; preset: string; presetVersion: number | null; thresholds?: Partial<ClassificationThresholds> | null },
): Promise<EvaluationSettingsView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "evaluation", municipalityId });
  return ctx.db.tx(async (q) => {
    const setup = await evaluationSetup(q, municipalityId);
    const all = [...setup.methodologies, ...BUILTIN_METHODOLOGIES];
    const same = all.filter((m) => m.id === input.preset);
    if (same.length === 0) throw new ValidationError([{ path: "preset", message: `методика «${input.preset}» не найдена (есть: ${[...new Set(all.map((m) => m.id))].join(", ")})` }]);
    if (input.presetVersion !== null && !same.some((m) => m.version === input.presetVersion)) {
      throw new ValidationError([{ path: "presetVersion", message: `у методики «${input.preset}» нет версии ${input.presetVersion}` }]);
    }
    const thresholds = input.thresholds ? thresholdsOf(DEFAULT_CLASSIFICATION, input.thresholds) : null;
    const before = await getEvaluationSetting(q, municipalityId);
    const row = await saveEvaluationSetting(q, municipalityId, input.version, { preset: input.preset, presetVersion: input.presetVersion, thresholds });
    if (!row) throw new ConflictError("Настройки оценки изменены другим пользователем", before);
    await audit(q, caller, { action: "evaluationSetting.update", objectType: "evaluationSetting", objectId: municipalityId, before, after: row });
    return { preset: input.preset, presetVersion: input.presetVersion, thresholds: thresholds ?? DEFAULT_CLASSIFICATION, version: Number(row.version) };
  });
}
