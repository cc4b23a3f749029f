/**
 * Program report, format 1 (`orientir.program-report/1`, /work/shared/formats/program-report-v1.md):
 * the types and a parser that checks a JSON value completely and names each problem by its JSON
 * path (`directions[0].elements[1].metrics[2].fact`) and reason, as `ValidationError` issues.
 */
import { isIsoDate, type IsoDate } from "../dates.ts";
import { ValidationError, type FieldIssue } from "../errors.ts";
import { ELEMENT_KINDS, TRENDS, type ElementKind, type Trend } from "../model/enums.ts";

export const PROGRAM_REPORT_FORMAT = "orientir.program-report/1";

export interface ReportValue {
  code: string;
  name: string;
  unit: string;
  trend: Trend;
  plan: number;
  /** null: not yet known (left out of the means). */
  fact: number | null;
}

export interface ReportCheckpoint {
  name: string;
  planned: IsoDate;
  actual: IsoDate | null;
}

export interface ReportElement {
  code: string;
  kind: ElementKind;
  name: string;
  metrics: ReportValue[];
  checkpoints: ReportCheckpoint[];
}

export interface ReportDirection {
  code: string;
  name: string;
  coExecutor?: string;
  /** Thousands of roubles, decimal strings with at most 2 decimals; null: no funding. */
  funding: { plan: string; cash: string } | null;
  elements: ReportElement[];
}

export interface ReportMethodology {
  preset: string;
  /** A preset's version; absent: the latest the installation knows. */
  version?: number;
  weights?: Record<string, number>;
  /**
   * A metric or indicator without a fact (rule 9): "zero" (default) — its level is 0 and it is
   * listed in `warnings`; "exclude" — left out of the means, a preliminary evaluation during the year.
   */
  missingFact?: MissingFact;
  /** Fact equal to plan, zero included, is the plan met: level 100 (rule 10; default true). */
  zeroEqualsZero?: boolean;
}

export const MISSING_FACT_MODES = ["zero", "exclude"] as const;
export type MissingFact = (typeof MISSING_FACT_MODES)[number];

export interface ProgramReport {
  format: typeof PROGRAM_REPORT_FORMAT;
  program: { code: string; name: string };
  year: number;
  asOf: IsoDate;
  methodology: ReportMethodology;
  indicators: ReportValue[];
  directions: ReportDirection[];
}

export const WEIGHT_NAMES = [
  "elementMetrics",
  "elementCheckpoints",
  "directionElements",
  "directionBudget",
  "programDirections",
  "programIndicators",
] as const;

const AMOUNT_RE = /^\d{1,16}(\.\d{1,2})?$/;

type Obj = Record<string, unknown>;

class Checker {
  readonly issues: FieldIssue[] = [];

  /** The input given back itself once checked, rather than copied (`parseProgramReport`'s `reuse`). */
  constructor(readonly reuse = false) {}

  fail(path: string, message: string, messageEn: string): void {
    this.issues.push({ path, message, messageEn, severity: "error" });
  }

  object(v: unknown, path: string, allowed: readonly string[]): Obj | null {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.fail(path || "(документ)", "должно быть объектом JSON", "must be a JSON object");
      return null;
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k))
        this.fail(join(path, k), `неизвестное поле (допустимы: ${allowed.join(", ")})`, `unknown field (allowed: ${allowed.join(", ")})`);
    }
    return v as Obj;
  }

  has(o: Obj, key: string, path: string): boolean {
    if (!(key in o) || o[key] === undefined) {
      this.fail(join(path, key), "обязательное поле отсутствует", "required field is missing");
      return false;
    }
    return true;
  }

  string(o: Obj, key: string, path: string, optional = false): string | undefined {
    if (optional && (!(key in o) || o[key] === undefined || o[key] === null)) return undefined;
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    if (typeof v !== "string") {
      this.fail(join(path, key), "должно быть строкой", "must be a string");
      return undefined;
    }
    if (v.trim() === "") {
      this.fail(join(path, key), "не может быть пустым", "must not be empty");
      return undefined;
    }
    return v;
  }

  number(o: Obj, key: string, path: string, nullable: boolean): number | null | undefined {
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    if (v === null) {
      if (nullable) return null;
      this.fail(join(path, key), "не может быть null", "must not be null");
      return undefined;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.fail(
        join(path, key),
        typeof v === "string" ? "должно быть числом JSON, а не строкой" : "должно быть числом",
        typeof v === "string" ? "must be a JSON number, not a string" : "must be a number",
      );
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[], labels: string): T | undefined {
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    if (typeof v !== "string" || !values.includes(v as T)) {
      this.fail(join(path, key), `должно быть одним из: ${labels}`, `must be one of: ${values.join(", ")}`);
      return undefined;
    }
    return v as T;
  }

  date(o: Obj, key: string, path: string, nullable: boolean): IsoDate | null | undefined {
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    if (v === null && nullable) return null;
    if (!isIsoDate(v)) {
      this.fail(join(path, key), "должно быть датой ГГГГ-ММ-ДД", "must be a date YYYY-MM-DD");
      return undefined;
    }
    return v;
  }

  amount(o: Obj, key: string, path: string): string | undefined {
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    const p = join(path, key);
    if (typeof v !== "string") {
      this.fail(
        p,
        'сумма должна быть десятичной строкой (например "152340.50"), а не числом',
        'an amount must be a decimal string (e.g. "152340.50"), not a number',
      );
      return undefined;
    }
    if (!AMOUNT_RE.test(v)) {
      if (/^-/.test(v)) this.fail(p, "сумма не может быть отрицательной", "an amount must not be negative");
      else if (/^\d+\.\d{3,}$/.test(v)) this.fail(p, "не более 2 знаков после точки", "at most 2 decimals");
      else
        this.fail(
          p,
          "не является суммой: цифры и точка, не более 2 знаков после точки",
          "not an amount: digits and a point, at most 2 decimals",
        );
      return undefined;
    }
    return v;
  }

  array(o: Obj, key: string, path: string, nonEmpty: string | null): unknown[] | undefined {
    if (!this.has(o, key, path)) return undefined;
    const v = o[key];
    if (!Array.isArray(v)) {
      this.fail(join(path, key), "должно быть массивом", "must be an array");
      return undefined;
    }
    if (nonEmpty && v.length === 0) {
      this.fail(join(path, key), nonEmpty, "must not be empty");
      return undefined;
    }
    return v as unknown[];
  }

  unique(items: { code: string }[], path: (i: number) => string, what: string): void {
    const seen = new Map<string, number>();
    items.forEach((it, i) => {
      const prev = seen.get(it.code);
      if (prev !== undefined)
        this.fail(
          `${path(i)}.code`,
          `${what} с кодом «${it.code}» уже есть (${path(prev)})`,
          `duplicate code "${it.code}" (${path(prev)})`,
        );
      else seen.set(it.code, i);
    });
  }
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

const TREND_TEXT = '"increase" (рост), "decrease" (снижение)';
const KIND_TEXT = '"project" (комплекс проектных мероприятий), "process" (комплекс процессных мероприятий)';

function parseValue(c: Checker, v: unknown, path: string): ReportValue | null {
  const o = c.object(v, path, ["code", "name", "unit", "trend", "plan", "fact"]);
  if (!o) return null;
  const code = c.string(o, "code", path);
  const name = c.string(o, "name", path);
  const unit = typeof o.unit === "string" ? o.unit : c.string(o, "unit", path);
  const trend = c.oneOf(o, "trend", path, TRENDS, TREND_TEXT);
  const plan = c.number(o, "plan", path, false);
  const fact = c.number(o, "fact", path, true);
  if (code === undefined || name === undefined || unit === undefined || trend === undefined || plan == null || fact === undefined)
    return null;
  return c.reuse ? (o as unknown as ReportValue) : { code, name, unit, trend, plan, fact };
}

function parseCheckpoint(c: Checker, v: unknown, path: string): ReportCheckpoint | null {
  const o = c.object(v, path, ["name", "planned", "actual"]);
  if (!o) return null;
  const name = c.string(o, "name", path);
  const planned = c.date(o, "planned", path, false);
  const actual = c.date(o, "actual", path, true);
  if (name === undefined || planned == null || actual === undefined) return null;
  return c.reuse ? (o as unknown as ReportCheckpoint) : { name, planned, actual };
}

function parseList<T>(c: Checker, list: unknown[] | undefined, path: string, each: (v: unknown, p: string) => T | null): T[] | null {
  if (!list) return null;
  const out: T[] = [];
  let ok = true;
  list.forEach((v, i) => {
    const r = each(v, `${path}[${i}]`);
    if (r === null) ok = false;
    else if (!c.reuse) out.push(r);
  });
  return ok ? (c.reuse ? (list as T[]) : out) : null;
}

function parseElement(c: Checker, v: unknown, path: string): ReportElement | null {
  const o = c.object(v, path, ["code", "kind", "name", "metrics", "checkpoints"]);
  if (!o) return null;
  const code = c.string(o, "code", path);
  const kind = c.oneOf(o, "kind", path, ELEMENT_KINDS, KIND_TEXT);
  const name = c.string(o, "name", path);
  const metrics = parseList(c, c.array(o, "metrics", path, null), `${path}.metrics`, (x, p) => parseValue(c, x, p));
  const checkpoints = parseList(c, c.array(o, "checkpoints", path, null), `${path}.checkpoints`, (x, p) => parseCheckpoint(c, x, p));
  if (metrics) c.unique(metrics, (i) => `${path}.metrics[${i}]`, "Показатель");
  if (code === undefined || kind === undefined || name === undefined || !metrics || !checkpoints) return null;
  return c.reuse ? (o as unknown as ReportElement) : { code, kind, name, metrics, checkpoints };
}

function parseDirection(c: Checker, v: unknown, path: string): ReportDirection | null {
  const o = c.object(v, path, ["code", "name", "coExecutor", "funding", "elements"]);
  if (!o) return null;
  const code = c.string(o, "code", path);
  const name = c.string(o, "name", path);
  const coExecutor = c.string(o, "coExecutor", path, true);
  let funding: ReportDirection["funding"] | undefined = null;
  if (o.funding !== undefined && o.funding !== null) {
    const fp = `${path}.funding`;
    const f = c.object(o.funding, fp, ["plan", "cash"]);
    if (f) {
      const plan = c.amount(f, "plan", fp);
      const cash = c.amount(f, "cash", fp);
      funding = plan !== undefined && cash !== undefined ? { plan, cash } : undefined;
    } else funding = undefined;
  }
  const elements = parseList(
    c,
    c.array(o, "elements", path, "в направлении нет ни одного структурного элемента"),
    `${path}.elements`,
    (x, p) => parseElement(c, x, p),
  );
  if (code === undefined || name === undefined || funding === undefined || !elements) return null;
  if (c.reuse) return o as unknown as ReportDirection;
  const d: ReportDirection = { code, name, funding, elements };
  if (coExecutor !== undefined) d.coExecutor = coExecutor;
  return d;
}

function parseMethodology(c: Checker, v: unknown, path: string): ReportMethodology | null {
  const o = c.object(v, path, ["preset", "version", "weights", "missingFact", "zeroEqualsZero"]);
  if (!o) return null;
  const preset = c.string(o, "preset", path);
  const m: ReportMethodology = { preset: preset ?? "" };
  let ok = preset !== undefined;
  if (o.version !== undefined) {
    if (typeof o.version !== "number" || !Number.isInteger(o.version) || o.version < 1) {
      c.fail(`${path}.version`, "должно быть целым числом не меньше 1", "must be an integer of at least 1");
      ok = false;
    } else m.version = o.version;
  }
  if (o.missingFact !== undefined) {
    if (!(MISSING_FACT_MODES as readonly unknown[]).includes(o.missingFact)) {
      c.fail(
        `${path}.missingFact`,
        'должно быть "zero" (нет факта — уровень 0) или "exclude" (не учитывается, предварительная оценка)',
        'must be "zero" or "exclude"',
      );
      ok = false;
    } else m.missingFact = o.missingFact as MissingFact;
  }
  if (o.zeroEqualsZero !== undefined) {
    if (typeof o.zeroEqualsZero !== "boolean") {
      c.fail(`${path}.zeroEqualsZero`, "должно быть true или false", "must be true or false");
      ok = false;
    } else m.zeroEqualsZero = o.zeroEqualsZero;
  }
  if (o.weights !== undefined) {
    const wp = `${path}.weights`;
    const w = c.object(o.weights, wp, WEIGHT_NAMES);
    if (!w) ok = false;
    else {
      const weights: Record<string, number> = {};
      for (const [k, x] of Object.entries(w)) {
        if (!(WEIGHT_NAMES as readonly string[]).includes(k)) {
          ok = false;
          continue;
        }
        if (typeof x !== "number" || !Number.isFinite(x) || x < 0 || x > 1) {
          c.fail(`${wp}.${k}`, "вес должен быть числом от 0 до 1", "a weight must be a number from 0 to 1");
          ok = false;
        } else weights[k] = x;
      }
      m.weights = weights;
    }
  }
  return ok ? (c.reuse ? (o as unknown as ReportMethodology) : m) : null;
}

/**
 * Checks a JSON value as a format-1 program report; returns it typed, or throws a
 * `ValidationError` listing every problem with its JSON path and reason.
 * (Whether the methodology's weights add up is checked when the methodology is resolved.)
 *
 * `reuse`: the input is a report its caller has just made in the report's own shape (every field
 * of the format with its value, none undefined — `programReportFromDocument`): it is checked the
 * same, and given back itself rather than copied (a ranking checks thousands of values).
 */
export function parseProgramReport(input: unknown, opts: { reuse?: boolean } = {}): ProgramReport {
  const c = new Checker(opts.reuse === true);
  const o = c.object(input, "", ["format", "program", "year", "asOf", "methodology", "indicators", "directions"]);
  if (!o) throw new ValidationError(c.issues);
  if (o.format !== PROGRAM_REPORT_FORMAT) {
    c.fail("format", `должно быть "${PROGRAM_REPORT_FORMAT}"`, `must be "${PROGRAM_REPORT_FORMAT}"`);
  }
  let program: ProgramReport["program"] | null = null;
  if (c.has(o, "program", "")) {
    const p = c.object(o.program, "program", ["code", "name"]);
    if (p) {
      const code = c.string(p, "code", "program");
      const name = c.string(p, "name", "program");
      if (code !== undefined && name !== undefined) program = { code, name };
    }
  }
  let year: number | undefined;
  if (c.has(o, "year", "")) {
    if (typeof o.year !== "number" || !Number.isInteger(o.year) || o.year < 1900 || o.year > 2200) {
      c.fail("year", "должно быть целым числом — годом (1900–2200)", "must be an integer year (1900–2200)");
    } else year = o.year;
  }
  const asOf = c.date(o, "asOf", "", false);
  const methodology = c.has(o, "methodology", "") ? parseMethodology(c, o.methodology, "methodology") : null;
  const indicators = parseList(c, c.array(o, "indicators", "", null), "indicators", (x, p) => parseValue(c, x, p));
  if (indicators) c.unique(indicators, (i) => `indicators[${i}]`, "Индикатор");
  const directions = parseList(c, c.array(o, "directions", "", "в программе нет ни одного направления"), "directions", (x, p) =>
    parseDirection(c, x, p),
  );
  if (directions) {
    c.unique(directions, (i) => `directions[${i}]`, "Направление");
    const elements = directions.flatMap((d, di) =>
      d.elements.map((e, ei) => ({ code: e.code, path: `directions[${di}].elements[${ei}]` })),
    );
    const seen = new Map<string, string>();
    for (const e of elements) {
      const prev = seen.get(e.code);
      if (prev)
        c.fail(`${e.path}.code`, `структурный элемент с кодом «${e.code}» уже есть (${prev})`, `duplicate code "${e.code}" (${prev})`);
      else seen.set(e.code, e.path);
    }
  }
  if (c.issues.length > 0 || !program || year === undefined || asOf == null || !methodology || !indicators || !directions) {
    throw new ValidationError(
      c.issues.length > 0 ? c.issues : [{ path: "", message: "документ не разобран", messageEn: "document not parsed" }],
    );
  }
  if (c.reuse) return o as unknown as ProgramReport;
  return { format: PROGRAM_REPORT_FORMAT, program, year, asOf, methodology, indicators, directions };
}

/** Parses JSON text as a format-1 report; a syntax error is a ValidationError at path "(документ)". */
export function parseProgramReportJson(text: string): ProgramReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ValidationError([{ path: "(документ)", message: `не является JSON: ${(e as Error).message}`, messageEn: "not JSON" }]);
  }
  return parseProgramReport(value);
}
