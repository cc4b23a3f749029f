/**
 * The evaluator: interprets a methodology tree (`methodology.ts`) over a format-1 program report
 * and returns the format-1 result document with a trace.
 *
 * Arithmetic is exact (rationals of bigints, `rational.ts`): every level is an exact fraction;
 * the JSON numbers of the result are the doubles nearest to those fractions; the rating compares
 * the exact score with the bands (rule 10: rounding only for display, the rating on the
 * unrounded value). Displayed figures in the trace are exact when they have at most 2 decimals,
 * otherwise rounded half up to 2 decimals and marked "≈".
 *
 * The trace is a tree (`explanation`) with one node per level and subject: the numbers that went
 * in, the formula with figures, and the rules applied (zero divisor taken as 1, cap at 100,
 * level below zero taken as 0, a direction without funding, a left-out null fact, a project
 * complex, an element without metrics or without checkpoints due, a part of a sum left out).
 * `trace` is the same tree as indented lines of text.
 */
import { compareDates, formatDateRu, type IsoDate } from "../dates.ts";
import { ELEMENT_KIND_LABELS } from "../model/enums.ts";
import { parseMoney } from "../money.ts";
import { RATING_LABELS, type Level, type LevelId, type Methodology, type Rating } from "./methodology.ts";
import {
  add,
  cmp,
  div,
  fromNumber,
  mul,
  parseDecimal,
  Q0,
  q,
  Q100,
  reduce,
  show,
  sign,
  toFixed,
  toNumber,
  type Rational,
} from "./rational.ts";
import {
  parseProgramReport,
  type MissingFact,
  type ProgramReport,
  type ReportDirection,
  type ReportElement,
  type ReportValue,
} from "./report.ts";
import { resolveMethodology } from "./resolve.ts";

export type TraceRule =
  | "zero-divisor"
  | "cap"
  | "below-zero"
  | "null-fact"
  | "missing-fact"
  | "plan-met"
  | "no-funding"
  | "project-complex"
  | "none-known"
  | "no-checkpoints-due"
  | "part-absent"
  | "empty"
  | "rating";

export interface TraceNode {
  level: LevelId;
  symbol: string;
  label: string;
  /** The indicator, metric, element, direction or program the level belongs to. */
  subject?: { code: string; name: string };
  /** Unrounded (nearest double to the exact value); null: the level is absent. */
  value: number | null;
  /** Rounded half up to 2 decimals, for display; null when absent. */
  display: string | null;
  /** The calculation with its figures, e.g. "КТф / КТп × 100 = 1 / 2 × 100 = 50". */
  formula: string;
  /** Rules applied at this level, each with its code and a sentence. */
  rules: { rule: TraceRule; text: string }[];
  /** Further facts a person needs to redo the step (the checkpoints and how each counted). */
  details?: string[];
  children: TraceNode[];
}

export interface ElementResult {
  code: string;
  name: string;
  kind: ReportElement["kind"];
  score: number | null;
  metricsLevel: number | null;
  checkpointsLevel: number | null;
  checkpoints: { due: number; achieved: number };
  metrics: { code: string; level: number | null }[];
}
export interface DirectionResult {
  code: string;
  name: string;
  score: number | null;
  budgetLevel: number | null;
  elements: ElementResult[];
}
/** The options of rules 9 and 10 of the format an evaluation was made with. */
export interface EvaluationRules {
  missingFact: MissingFact;
  zeroEqualsZero: boolean;
}

export const DEFAULT_EVALUATION_RULES: EvaluationRules = { missingFact: "zero", zeroEqualsZero: true };

/** An indicator or metric evaluated without a fact (rule 9). */
export interface EvaluationWarning {
  kind: "indicator" | "metric";
  code: string;
  name: string;
  /** The element a metric belongs to. */
  element?: string;
  /** "zero": its level was taken as 0; "exclude": it was left out of the means. */
  missingFact: MissingFact;
  message: string;
}

/** How many indicators and metrics of the year have a fact. */
export interface DataCompleteness {
  indicators: { withFact: number; total: number };
  metrics: { withFact: number; total: number };
  withFact: number;
  total: number;
}

export interface ProgramEvaluation {
  program: string;
  programName: string;
  year: number;
  asOf: IsoDate;
  methodology: {
    preset: string;
    version: number;
    name: string;
    parameters: Record<string, string>;
    overridden: string[];
    rules: EvaluationRules;
  };
  /** true only under `"missingFact": "exclude"`: a preliminary evaluation during the year. */
  preliminary: boolean;
  /** Every indicator and metric evaluated without a fact. */
  warnings: EvaluationWarning[];
  /** How many indicators and metrics have a fact ("данные: 12 из 15"). */
  completeness: DataCompleteness;
  /** No indicator or metric of the year has a fact: the score means nothing («нет данных»). */
  noData: boolean;
  score: number;
  /** The score rounded for display (2 decimals, half up). */
  scoreDisplay: string;
  rating: Rating;
  ratingLabel: string;
  indicatorsLevel: number | null;
  indicators: { code: string; level: number | null }[];
  directions: DirectionResult[];
  /** The trace as a tree; null when evaluated with `trace: false`. */
  explanation: TraceNode | null;
  trace: string[];
}

interface Ctx {
  report: ProgramReport;
  m: Methodology;
  p: (name: string) => Rational;
  direction?: ReportDirection;
  element?: ReportElement;
  item?: ReportValue;
  /** Exact values by the object they belong to (report, direction, element, indicator or metric) and level id. */
  values: Map<object, Partial<Record<LevelId, Rational | null>>>;
  checkpointCounts: Map<string, { due: number; achieved: number }>;
  /** false: scores only, no trace formatted (bulk rankings, benchmarks). */
  trace: boolean;
  /** false: no level kept below the directions' (`EvaluateOptions.levels`). */
  levels: boolean;
  rules: EvaluationRules;
  warnings: EvaluationWarning[];
}

interface Out {
  value: Rational | null;
  node: TraceNode;
}

/** The object of the report a level's value belongs to. */
function ownerOf(level: LevelId, ctx: Ctx): object {
  switch (level) {
    case "program":
    case "indicators":
    case "directions":
      return ctx.report;
    case "direction":
    case "budget":
    case "elements":
      return ctx.direction!;
    case "element":
    case "metrics":
    case "checkpoints":
      return ctx.element!;
    case "indicator":
    case "metric":
      return ctx.item!;
  }
}

const NO_NODES: TraceNode[] = [];
/** The node of every level when only scores are wanted: nothing is built or formatted. */
const BARE: TraceNode = { level: "program", symbol: "", label: "", value: null, display: null, formula: "", rules: [], children: NO_NODES };

function nodes(ctx: Ctx, children: Out[]): TraceNode[] {
  return ctx.trace ? children.map((c) => c.node) : NO_NODES;
}

/** A formula formatted only when the trace is wanted (an argument, so it gets no runtime name). */
function lazy(f: () => string): () => string {
  return f;
}

type LazyRules = { rule: TraceRule; text: () => string }[];

function node(
  ctx: Ctx,
  level: Level,
  value: Rational | null,
  formula: () => string,
  rules: LazyRules,
  children: TraceNode[],
  subject?: { code: string; name: string },
): TraceNode {
  if (!ctx.trace) return BARE;
  const n: TraceNode = {
    level: level.id,
    symbol: level.symbol,
    label: level.label,
    value: value === null ? null : toNumber(value),
    display: value === null ? null : toFixed(value, 2),
    formula: formula(),
    rules: rules.map((r) => ({ rule: r.rule, text: r.text() })),
    children,
  };
  if (subject) n.subject = subject;
  return n;
}

function subjectOf(level: Level, ctx: Ctx): { code: string; name: string } | undefined {
  switch (level.id) {
    case "program":
    case "indicators":
    case "directions":
      return { code: ctx.report.program.code, name: ctx.report.program.name };
    case "direction":
    case "budget":
    case "elements":
      return ctx.direction ? { code: ctx.direction.code, name: ctx.direction.name } : undefined;
    case "element":
    case "metrics":
    case "checkpoints":
      return ctx.element ? { code: ctx.element.code, name: ctx.element.name } : undefined;
    case "indicator":
    case "metric":
      return ctx.item ? { code: ctx.item.code, name: ctx.item.name } : undefined;
  }
}

/** Amounts (thousands of roubles) always with 2 decimals, decimal comma. */
function money(x: Rational): string {
  return toFixed(x, 2).replace(".", ",");
}

function clamp(level: Level & { kind: "ratio" }, ctx: Ctx, x: Rational, rules: LazyRules): Rational {
  if (sign(x) < 0) {
    rules.push({ rule: "below-zero", text: () => "отношение меньше нуля (план и факт разных знаков) — уровень принят равным 0" });
    return Q0;
  }
  if (level.cap !== null) {
    const cap = ctx.p(level.cap);
    if (cmp(x, cap) > 0) {
      rules.push({ rule: "cap", text: () => `уровень ${show(x)} выше ${show(cap)} — принят равным ${show(cap)}` });
      return cap;
    }
  }
  return x;
}

function evalRatio(level: Level & { kind: "ratio" }, ctx: Ctx): Out {
  const rules: LazyRules = [];
  const subject = ctx.trace ? subjectOf(level, ctx) : undefined;
  if (level.source === "funding") {
    const d = ctx.direction!;
    const plan = d.funding ? q(parseMoney(d.funding.plan), 100n) : Q0;
    const cash = d.funding ? q(parseMoney(d.funding.cash), 100n) : Q0;
    if (plan.n === 0n) {
      const text = d.funding
        ? "план финансирования (сводная бюджетная роспись) равен 0 — направление без финансирования, А не рассчитывается"
        : "финансирование направления не указано — направление без финансирования, А не рассчитывается";
      if (level.onZeroDivisor === "absent") {
        rules.push({ rule: "no-funding", text: () => text });
        return { value: null, node: node(ctx, level, null, () => `${level.symbol} не рассчитывается`, rules, [], subject) };
      }
    }
    let divisor = plan;
    if (plan.n === 0n) {
      divisor = ctx.p("zeroDivisor");
      rules.push({ rule: "zero-divisor", text: () => `план финансирования равен 0 — делитель принят равным ${show(divisor)}` });
    }
    const raw = mul(div(cash, divisor), Q100);
    const v = reduce(clamp(level, ctx, raw, rules));
    const formula = lazy(
      () =>
        `${level.symbol} = кассовое исполнение / план × 100 = ${money(cash)} / ${plan.n === 0n ? show(divisor) : money(divisor)} × 100 = ${show(v)}`,
    );
    return { value: v, node: node(ctx, level, v, formula, rules, [], subject) };
  }
  const it = ctx.item!;
  const trendText = it.trend === "increase" ? "рост" : "снижение";
  if (it.fact === null) {
    const kind = level.id === "indicator" ? "indicator" : "metric";
    const w: EvaluationWarning = {
      kind,
      code: it.code,
      name: it.name,
      missingFact: ctx.rules.missingFact,
      message: "нет фактического значения",
    };
    if (kind === "metric" && ctx.element) w.element = ctx.element.code;
    ctx.warnings.push(w);
    if (ctx.rules.missingFact === "zero") {
      rules.push({
        rule: "missing-fact",
        text: () => "нет фактического значения — уровень принят равным 0 (отсутствие данных не повышает оценку)",
      });
      return {
        value: Q0,
        node: node(
          ctx,
          level,
          Q0,
          () => `${level.symbol}(${it.code}): план ${show(fromNumber(it.plan))}, факта нет → 0 (тенденция: ${trendText})`,
          rules,
          [],
          subject,
        ),
      };
    }
    rules.push({ rule: "null-fact", text: () => "фактическое значение не известно — не учитывается в среднем (предварительная оценка)" });
    return {
      value: null,
      node: node(
        ctx,
        level,
        null,
        () => `${level.symbol}(${it.code}): план ${show(fromNumber(it.plan))}, факт не известен (тенденция: ${trendText})`,
        rules,
        [],
        subject,
      ),
    };
  }
  const plan = fromNumber(it.plan);
  const fact = fromNumber(it.fact);
  const increase = it.trend === "increase";
  if (ctx.rules.zeroEqualsZero && cmp(plan, fact) === 0) {
    const v = level.cap !== null && cmp(ctx.p(level.cap), Q100) < 0 ? ctx.p(level.cap) : Q100;
    rules.push({
      rule: "plan-met",
      text: () => `факт равен плану${plan.n === 0n ? " (оба равны 0)" : ""} — план выполнен, уровень ${show(v)}`,
    });
    return {
      value: v,
      node: node(
        ctx,
        level,
        v,
        () => `${level.symbol}(${it.code}): факт = план = ${show(plan)} → ${show(v)} (тенденция: ${trendText}, ед.: ${it.unit || "—"})`,
        rules,
        [],
        subject,
      ),
    };
  }
  const num = increase ? fact : plan;
  let den = increase ? plan : fact;
  const words = increase ? "факт / план" : "план / факт";
  if (den.n === 0n) {
    if (level.onZeroDivisor === "absent") {
      rules.push({ rule: "zero-divisor", text: () => `${increase ? "план" : "факт"} равен 0 — уровень не рассчитывается` });
      return { value: null, node: node(ctx, level, null, () => `${level.symbol}(${it.code}) не рассчитывается`, rules, [], subject) };
    }
    den = ctx.p("zeroDivisor");
    rules.push({ rule: "zero-divisor", text: () => `делитель (${increase ? "план" : "факт"}) равен 0 — принят равным ${show(den)}` });
  }
  const raw = mul(div(num, den), Q100);
  const v = reduce(clamp(level, ctx, raw, rules));
  const formula = lazy(
    () =>
      `${level.symbol}(${it.code}) = ${words} × 100 = ${show(num)} / ${show(den)} × 100 = ${show(raw)}${cmp(raw, v) !== 0 ? ` → ${show(v)}` : ""} (тенденция: ${trendText}, ед.: ${it.unit || "—"})`,
  );
  return { value: v, node: node(ctx, level, v, formula, rules, [], subject) };
}

/** Evaluates `fn` with one field of the context set (and restores it): no copy per item. */
function within<K extends "item" | "direction" | "element">(ctx: Ctx, k: K, v: Ctx[K], fn: () => Out): Out {
  const saved = ctx[k];
  ctx[k] = v;
  try {
    return fn();
  } finally {
    ctx[k] = saved;
  }
}

function evalMean(level: Level & { kind: "mean" }, ctx: Ctx): Out {
  const children: Out[] = [];
  switch (level.over) {
    case "indicators":
      for (const it of ctx.report.indicators) children.push(within(ctx, "item", it, () => evalLevel(level.item, ctx)));
      break;
    case "metrics":
      for (const it of ctx.element!.metrics) children.push(within(ctx, "item", it, () => evalLevel(level.item, ctx)));
      break;
    case "directions":
      for (const d of ctx.report.directions) children.push(within(ctx, "direction", d, () => evalLevel(level.item, ctx)));
      break;
    case "elements":
      for (const e of ctx.direction!.elements) children.push(within(ctx, "element", e, () => evalLevel(level.item, ctx)));
      break;
  }
  const rules: LazyRules = [];
  const present = children.filter((c) => c.value !== null) as { value: Rational; node: TraceNode }[];
  const subject = ctx.trace ? subjectOf(level, ctx) : undefined;
  if (present.length < children.length) {
    const omitted = () => children.filter((c) => c.value === null).map((c) => c.node.subject?.code ?? "?");
    rules.push({ rule: "null-fact", text: () => `не учитываются (уровень не рассчитан): ${omitted().join(", ")}` });
  }
  if (present.length === 0) {
    const what = {
      indicators: "индикаторов с известным фактом",
      metrics: "показателей с известным фактом",
      directions: "направлений с оценкой",
      elements: "структурных элементов с оценкой",
    }[level.over];
    if (level.whenEmpty !== null) {
      const v = ctx.p(level.whenEmpty);
      rules.push({ rule: "none-known", text: () => `нет ${what} — ${level.symbol} принят равным ${show(v)}` });
      return { value: v, node: node(ctx, level, v, () => `${level.symbol} = ${show(v)}`, rules, nodes(ctx, children), subject) };
    }
    rules.push({ rule: "empty", text: () => `нет ${what} — ${level.symbol} не рассчитывается` });
    return { value: null, node: node(ctx, level, null, () => `${level.symbol} не рассчитывается`, rules, nodes(ctx, children), subject) };
  }
  let total = Q0;
  for (const c of present) total = add(total, c.value);
  const v = div(total, q(present.length));
  const formula = lazy(() => `${level.symbol} = (${present.map((c) => show(c.value)).join(" + ")}) / ${present.length} = ${show(v)}`);
  return { value: v, node: node(ctx, level, v, formula, rules, nodes(ctx, children), subject) };
}

function evalCount(level: Level & { kind: "countRatio" }, ctx: Ctx): Out {
  const e = ctx.element!;
  const asOf = ctx.report.asOf;
  const rules: LazyRules = [];
  const subject = ctx.trace ? subjectOf(level, ctx) : undefined;
  let due = 0;
  let achieved = 0;
  const details: string[] = [];
  for (const c of e.checkpoints) {
    const isDue = compareDates(c.planned, asOf) <= 0;
    const done = c.actual !== null && compareDates(c.actual, asOf) <= 0;
    if (isDue) due++;
    if (isDue && done) achieved++;
    if (ctx.trace) {
      const state = !isDue
        ? "срок после даты расчета — не учитывается"
        : done
          ? compareDates(c.actual!, c.planned) < 0
            ? "достигнута досрочно — учитывается в КТф"
            : compareDates(c.actual!, c.planned) === 0
              ? "достигнута в срок — учитывается в КТф"
              : "достигнута с опозданием — учитывается в КТф"
          : "не достигнута на дату расчета";
      details.push(`«${c.name}»: план ${c.planned}, факт ${c.actual ?? "—"} — ${state}`);
    }
  }
  ctx.checkpointCounts.set(e.code, { due, achieved });
  const fixed = level.fixedForKinds[e.kind];
  let v: Rational;
  let formula: () => string;
  if (fixed !== undefined) {
    v = ctx.p(fixed);
    rules.push({
      rule: "project-complex",
      text: () => `${ELEMENT_KIND_LABELS[e.kind].ru.toLowerCase()} — ${level.symbol} принят равным ${show(v)}`,
    });
    formula = lazy(() => `${level.symbol} = ${show(v)}`);
  } else if (due === 0) {
    v = ctx.p(level.whenNoneDue);
    rules.push({
      rule: "no-checkpoints-due",
      text: () => `нет контрольных точек со сроком не позднее ${asOf} — ${level.symbol} принят равным ${show(v)}`,
    });
    formula = lazy(() => `${level.symbol} = ${show(v)}`);
  } else {
    v = reduce(mul(q(achieved, due), Q100));
    formula = lazy(() => `${level.symbol} = КТф / КТп × 100 = ${achieved} / ${due} × 100 = ${show(v)} (на ${formatDateRu(asOf)})`);
  }
  const n = node(ctx, level, v, formula, rules, [], subject);
  if (details.length > 0) n.details = details;
  return { value: v, node: n };
}

function evalSum(level: Level & { kind: "weightedSum" }, ctx: Ctx): Out {
  const parts = level.parts.map((p) => ({ w: ctx.p(p.weight), name: p.weight, out: evalLevel(p.level, ctx), symbol: p.level.symbol }));
  const rules: LazyRules = [];
  const subject = ctx.trace ? subjectOf(level, ctx) : undefined;
  const present = parts.filter((p) => p.out.value !== null);
  const absent = parts.filter((p) => p.out.value === null);
  const children = ctx.trace ? parts.map((p) => p.out.node) : NO_NODES;
  if (present.length === 0) {
    rules.push({ rule: "empty", text: () => `ни одна часть не рассчитана — ${level.symbol} не рассчитывается` });
    return { value: null, node: node(ctx, level, null, () => `${level.symbol} не рассчитывается`, rules, children, subject) };
  }
  let numer = Q0;
  let weights = Q0;
  for (const p of present) {
    numer = add(numer, mul(p.w, p.out.value!));
    weights = add(weights, p.w);
  }
  let formula: () => string;
  let v: Rational;
  if (absent.length > 0) {
    rules.push({
      rule: "part-absent",
      text: () =>
        `${absent.map((p) => p.symbol).join(", ")} не рассчитан(ы) — ${level.symbol} считается по остальным частям с их весами, деленными на ${show(weights)}`,
    });
    if (weights.n === 0n) {
      rules.push({ rule: "empty", text: () => "вес оставшихся частей равен 0 — уровень не рассчитывается" });
      return { value: null, node: node(ctx, level, null, () => `${level.symbol} не рассчитывается`, rules, children, subject) };
    }
    v = div(numer, weights);
    formula = lazy(
      () => `${level.symbol} = (${present.map((p) => `${show(p.w)} × ${show(p.out.value!)}`).join(" + ")}) / ${show(weights)} = ${show(v)}`,
    );
  } else {
    v = div(numer, weights);
    formula = lazy(
      () =>
        `${level.symbol} = ${parts.map((p) => `${show(p.w)} × ${p.symbol}`).join(" + ")} = ${present.map((p) => `${show(p.w)} × ${show(p.out.value!)}`).join(" + ")} = ${show(v)}`,
    );
  }
  return { value: v, node: node(ctx, level, v, formula, rules, children, subject) };
}

function evalLevel(level: Level, ctx: Ctx): Out {
  let out: Out;
  switch (level.kind) {
    case "ratio":
      out = evalRatio(level, ctx);
      break;
    case "mean":
      out = evalMean(level, ctx);
      break;
    case "countRatio":
      out = evalCount(level, ctx);
      break;
    case "weightedSum":
      out = evalSum(level, ctx);
      break;
  }
  if (!ctx.levels && !TOP_LEVELS.has(level.id)) return out;
  const owner = ownerOf(level.id, ctx);
  let slot = ctx.values.get(owner);
  if (!slot) ctx.values.set(owner, (slot = {}));
  slot[level.id] = out.value;
  return out;
}

/** The levels of the program and of its directions: the ones kept when the others are not (`levels: false`). */
const TOP_LEVELS: ReadonlySet<LevelId> = new Set<LevelId>(["program", "indicators", "directions", "direction", "budget", "elements"]);

/** The rating of an exact score by the methodology's bands. */
export function rateScore(m: Methodology, score: Rational): Rating {
  for (const b of m.rating.bands) if (cmp(score, parseDecimal(m.parameters[b.from]!)) >= 0) return b.rating;
  return m.rating.otherwise;
}

function lines(n: TraceNode, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  const who = n.subject ? ` ${n.subject.code} «${n.subject.name}»` : "";
  out.push(`${pad}${n.label.charAt(0).toUpperCase()}${n.label.slice(1)}${who}: ${n.formula}`);
  for (const r of n.rules) out.push(`${pad}  • ${r.text}`);
  for (const d of n.details ?? []) out.push(`${pad}  – ${d}`);
  for (const c of n.children) lines(c, depth + 1, out);
}

export interface EvaluateOptions {
  /** A municipality's own methodologies (presets), searched before the built-in ones. */
  methodologies?: readonly Methodology[];
  /**
   * false: compute the scores only — `explanation` is null and `trace` empty. The numbers are
   * identical; used where many programs are ranked at once. Default true.
   */
  trace?: boolean;
  /**
   * false: the program's and the directions' figures only — `indicators` empty and each
   * direction's `elements` empty (no level below a direction is kept or converted). The score,
   * rating, directions' scores, warnings and completeness are the same. For many programs ranked
   * at once. Default true.
   */
  levels?: boolean;
  /** Overrides the report's `methodology.missingFact` (rule 9). */
  missingFact?: MissingFact;
  /** Overrides the report's `methodology.zeroEqualsZero` (rule 10). */
  zeroEqualsZero?: boolean;
}

/**
 * Evaluates a checked format-1 report. Throws ValidationError for an unknown preset or bad
 * weights (path `methodology.…`), or when the methodology leaves the program without a score.
 */
export function evaluateReport(report: ProgramReport, options: EvaluateOptions = {}): ProgramEvaluation {
  const { methodology: m, overridden } = resolveMethodology(report.methodology, options.methodologies);
  const params: Record<string, Rational> = {};
  for (const [k, v] of Object.entries(m.parameters)) params[k] = parseDecimal(v);
  const p = (name: string): Rational => params[name]!;
  const rules: EvaluationRules = {
    missingFact: options.missingFact ?? report.methodology.missingFact ?? DEFAULT_EVALUATION_RULES.missingFact,
    zeroEqualsZero: options.zeroEqualsZero ?? report.methodology.zeroEqualsZero ?? DEFAULT_EVALUATION_RULES.zeroEqualsZero,
  };
  const ctx: Ctx = {
    report,
    m,
    p,
    values: new Map(),
    checkpointCounts: new Map(),
    trace: options.trace !== false,
    levels: options.levels !== false,
    rules,
    warnings: [],
  };
  const root = evalLevel(m.root, ctx);
  if (root.value === null) {
    throw new RangeError(`методика ${m.id} не дала оценки программе ${report.program.code}`);
  }
  const score = root.value;
  const rating = rateScore(m, score);
  const short: Record<Rating, string> = { high: "высокий", satisfactory: "удовлетворительный", unsatisfactory: "неудовлетворительный" };
  const bandText = m.rating.bands
    .map((b) => `не ниже ${show(p(b.from))} — ${short[b.rating]}`)
    .concat([`ниже — ${short[m.rating.otherwise]}`])
    .join("; ");
  if (ctx.trace)
    root.node.rules.push({
      rule: "rating",
      text: `Уровень эффективности: ${short[rating]} (${bandText}; сравнивается неокругленное значение ${m.root.symbol})`,
    });

  const num = (owner: object, id: LevelId): number | null => {
    const v = ctx.values.get(owner)?.[id];
    return v === undefined || v === null ? null : toNumber(v);
  };
  const directions: DirectionResult[] = report.directions.map((d) => ({
    code: d.code,
    name: d.name,
    score: num(d, "direction"),
    budgetLevel: num(d, "budget"),
    elements: !ctx.levels
      ? []
      : d.elements.map((e) => ({
          code: e.code,
          name: e.name,
          kind: e.kind,
          score: num(e, "element"),
          metricsLevel: num(e, "metrics"),
          checkpointsLevel: num(e, "checkpoints"),
          checkpoints: ctx.checkpointCounts.get(e.code) ?? { due: 0, achieved: 0 },
          metrics: e.metrics.map((x) => ({ code: x.code, level: num(x, "metric") })),
        })),
  }));
  const trace: string[] = [
    `Методика «${m.id}», версия ${m.version}: ${m.name}. Параметры: ${Object.entries(m.parameters)
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ")}${overridden.length ? ` (из отчета: ${overridden.join(", ")})` : ""}. ${rulesText(rules)}.`,
    `Программа ${report.program.code} «${report.program.name}», ${report.year} год, расчет на ${formatDateRu(report.asOf)}. Вычисления точные; числа с «≈» округлены до 2 знаков только для показа.`,
  ];
  const completeness = completenessOf(report);
  const noData = completeness.withFact === 0;
  if (rules.missingFact === "exclude")
    trace.push("Предварительная оценка (в течение года): индикаторы и показатели без факта не учитываются в средних.");
  trace.push(
    `Данные: ${completeness.withFact} из ${completeness.total} (индикаторы ${completeness.indicators.withFact} из ${completeness.indicators.total}, показатели ${completeness.metrics.withFact} из ${completeness.metrics.total}).${noData ? " Нет данных за год: оценка не показывается." : ""}`,
  );
  if (ctx.trace) lines(root.node, 0, trace);
  else trace.length = 0;
  return {
    program: report.program.code,
    programName: report.program.name,
    year: report.year,
    asOf: report.asOf,
    methodology: { preset: m.id, version: m.version, name: m.name, parameters: m.parameters, overridden, rules },
    preliminary: rules.missingFact === "exclude",
    warnings: ctx.warnings,
    completeness,
    noData,
    score: toNumber(score),
    scoreDisplay: toFixed(score, 2),
    rating,
    ratingLabel: RATING_LABELS[rating],
    indicatorsLevel: num(report, "indicators"),
    indicators: ctx.levels ? report.indicators.map((x) => ({ code: x.code, level: num(x, "indicator") })) : [],
    directions,
    explanation: ctx.trace ? root.node : null,
    trace,
  };
}

/** The options of rules 9 and 10 in words, for the trace and the pages. */
export function rulesText(r: EvaluationRules): string {
  return `Нет факта: ${r.missingFact === "zero" ? "уровень 0 (missingFact = zero)" : "не учитывается, предварительная оценка (missingFact = exclude)"}; факт равен плану, в том числе 0 и 0: ${r.zeroEqualsZero ? "уровень 100 (zeroEqualsZero = true)" : "по формуле, делитель 0 принят равным 1 (zeroEqualsZero = false)"}`;
}

/** How many indicators and metrics of a report have a fact. */
export function completenessOf(report: ProgramReport): DataCompleteness {
  const ind = { withFact: report.indicators.filter((x) => x.fact !== null).length, total: report.indicators.length };
  const metrics = { withFact: 0, total: 0 };
  for (const d of report.directions)
    for (const e of d.elements)
      for (const x of e.metrics) {
        metrics.total++;
        if (x.fact !== null) metrics.withFact++;
      }
  return { indicators: ind, metrics, withFact: ind.withFact + metrics.withFact, total: ind.total + metrics.total };
}

/** Parses a JSON value as a format-1 report and evaluates it (ValidationError on bad input). */
export function evaluateProgramReport(input: unknown, options: EvaluateOptions = {}): ProgramEvaluation {
  return evaluateReport(parseProgramReport(input), options);
}

/** The direction with the lowest score (ties: the first in the report), or null. */
export function weakestDirection(result: ProgramEvaluation): DirectionResult | null {
  let worst: DirectionResult | null = null;
  for (const d of result.directions) {
    if (d.score === null) continue;
    if (!worst || d.score < worst.score!) worst = d;
  }
  return worst;
}
