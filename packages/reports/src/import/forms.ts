/**
 * Import of a workbook in the layout of the official forms Orientir writes (and cities keep):
 * the indicators (appendix 2), the metrics (appendix 5), the monthly plan (appendix 6) and the
 * funding (appendix 4). A form changes the values it shows; it never deletes, and a row it
 * cannot match to the program (a new metric, an unknown element) is an error pointing at it.
 */
import type { ElementDoc, MetricDoc, ProgramDocument } from "@orientir/domain";
import { sourceCodeOfLabel, sourcesOf, withoutClassification, type FormContext } from "../forms/common.ts";
import { decimalOf, type Origin, type ParsedProgram } from "./plain.ts";
import { columnLetter, type CellRead, type ImportIssue, type SheetRead } from "./workbook.ts";

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const str = (v: CellRead | undefined) => (v === null || v === undefined ? "" : String(v));
const unquote = (s: string) => {
  const m = /«(.*)»/.exec(s);
  return m ? m[1]! : s;
};

const TITLES: [string, string][] = [
  ["indicators", "Индикаторы достижения целей муниципальной программы"],
  ["metrics", "Сведения о показателях направления муниципальной программы"],
  ["monthly-plan", "План достижения показателей направления"],
  ["funding", "Финансовое обеспечение направления муниципальной программы"],
];

/** Which form a sheet is, by the heading in its first rows. */
export function detectForm(sheet: SheetRead): string | null {
  for (const row of sheet.rows.slice(0, 10)) {
    for (const v of row) {
      if (typeof v !== "string") continue;
      const t = norm(v);
      for (const [id, title] of TITLES) if (t === norm(title)) return id;
    }
  }
  return null;
}

/** The row numbering the columns 1..N (0-based index), or -1. */
function numberingRow(sheet: SheetRead): number {
  return sheet.rows.findIndex((r) => r.length >= 3 && r.slice(0, 3).every((v, i) => v === i + 1 || v === String(i + 1)));
}

/** Years named in the header rows above the numbering row: column → year. */
function yearColumns(sheet: SheetRead, numbering: number, from: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let r = 0; r < numbering; r++) {
    (sheet.rows[r] ?? []).forEach((v, c) => {
      if (c < from || typeof v !== "string") return;
      const m = /\((\d{4})\)\s*$/.exec(v.trim()) ?? /^(\d{4}) год$/.exec(v.trim());
      if (m) out.set(c, Number(m[1]));
    });
  }
  return out;
}

interface Ctx {
  sheet: SheetRead;
  issues: ImportIssue[];
  origins: Map<object, Origin>;
}

const issue = (x: Ctx, r: number, c: number | null, reason: string) =>
  x.issues.push({ sheet: x.sheet.name, row: r + 1, column: c === null ? "" : columnLetter(c), reason });

function numberAt(x: Ctx, r: number, c: number): string | null | undefined {
  const v = x.sheet.rows[r]?.[c] ?? null;
  if (v === null || (typeof v === "string" && v.trim() === "")) return null;
  const d = decimalOf(v);
  if (d === null) {
    issue(x, r, c, `ожидается число, а не «${String(v)}»`);
    return undefined;
  }
  return d;
}

const sameNumber = (a: string | null | undefined, b: string | null | undefined) =>
  a == null || b == null ? a == b : Number(a) === Number(b);

function setYearValue(
  values: { year: number; plan?: string | null; fact?: string | null }[],
  year: number,
  plan: string | null,
): object | null {
  const v = values.find((x) => x.year === year);
  if (v) {
    if (!sameNumber(v.plan, plan)) v.plan = plan;
    return v;
  }
  if (plan === null) return null;
  const created = { year, plan, fact: null };
  values.push(created);
  return created;
}

function indicatorsOf(x: Ctx, doc: ProgramDocument, numbering: number): void {
  const years = yearColumns(x.sheet, numbering, 4);
  if (!years.size) issue(x, numbering, null, "не найдены столбцы годов реализации («1-й год (2025)»)");
  for (let r = numbering + 1; r < x.sheet.rows.length; r++) {
    const row = x.sheet.rows[r] ?? [];
    const name = str(row[1]).trim();
    if (!name) continue;
    let ind = doc.indicators.find((i) => norm(i.name) === norm(name));
    if (!ind) {
      ind = { code: null, name, unit: str(row[2]).trim() || "ед.", trend: "increase", baseYear: doc.startYear - 1, values: [] };
      doc.indicators.push(ind);
    }
    x.origins.set(ind, { sheet: x.sheet.name, row: r + 1, columns: { name: "B", unit: "C", baseValue: "D" } });
    const unit = str(row[2]).trim();
    if (unit && unit !== ind.unit) ind.unit = unit;
    const base = numberAt(x, r, 3);
    if (base !== undefined && !sameNumber(ind.baseValue, base)) ind.baseValue = base;
    for (const [c, y] of years) {
      const v = numberAt(x, r, c);
      if (v === undefined) continue;
      const item = setYearValue(ind.values, y, v);
      if (item) x.origins.set(item, { sheet: x.sheet.name, row: r + 1, columns: { plan: columnLetter(c), year: columnLetter(c) } });
    }
  }
}

/** Walks the body of a form whose metrics are grouped under «Направление «…»» rows. */
function metricRows(x: Ctx, doc: ProgramDocument, numbering: number, each: (m: MetricDoc, e: ElementDoc, r: number) => void): void {
  let dir: ProgramDocument["directions"][number] | undefined;
  for (let r = numbering + 1; r < x.sheet.rows.length; r++) {
    const row = x.sheet.rows[r] ?? [];
    const first = str(row[0]).trim();
    const name = str(row[1]).trim();
    if (first.startsWith("Направление") && !name) {
      const want = norm(unquote(withoutClassification(first.slice("Направление".length).trim())));
      dir = doc.directions.find((d) => norm(d.name) === want);
      if (!dir) issue(x, r, 0, `направление «${unquote(first)}» не найдено в программе`);
      continue;
    }
    if (!name) continue;
    if (!dir) {
      issue(x, r, 1, "строка показателя до строки «Направление «…»»");
      continue;
    }
    let found: [MetricDoc, ElementDoc] | undefined;
    for (const e of dir.elements) for (const m of e.metrics) if (!found && norm(m.name) === norm(name)) found = [m, e];
    if (!found) {
      issue(
        x,
        r,
        1,
        `показатель «${name}» не найден в направлении «${dir.name}»: новый показатель добавляется в простом формате (лист «Показатели»)`,
      );
      continue;
    }
    each(found[0], found[1], r);
  }
}

function metricsOf(x: Ctx, doc: ProgramDocument, numbering: number): void {
  const years = yearColumns(x.sheet, numbering, 4);
  if (!years.size) issue(x, numbering, null, "не найдены столбцы годов («2025 год»)");
  const sourceCol = years.size ? Math.max(...years.keys()) + 1 : -1;
  metricRows(x, doc, numbering, (m, _e, r) => {
    const row = x.sheet.rows[r] ?? [];
    x.origins.set(m, {
      sheet: x.sheet.name,
      row: r + 1,
      columns: { name: "B", unit: "C", baseValue: "D", valueSource: columnLetter(sourceCol) },
    });
    const unit = str(row[2]).trim();
    if (unit && unit !== m.unit) m.unit = unit;
    const base = numberAt(x, r, 3);
    if (base !== undefined && !sameNumber(m.baseValue, base)) m.baseValue = base;
    for (const [c, y] of years) {
      const v = numberAt(x, r, c);
      if (v === undefined) continue;
      const item = setYearValue(m.values, y, v);
      if (item) x.origins.set(item, { sheet: x.sheet.name, row: r + 1, columns: { plan: columnLetter(c) } });
    }
    if (sourceCol >= 0) {
      const src = str(row[sourceCol]).trim() || null;
      if ((src ?? null) !== (m.valueSource ?? null)) m.valueSource = src;
    }
  });
}

function monthlyOf(x: Ctx, doc: ProgramDocument, numbering: number): void {
  let year: number | null = null;
  for (const row of x.sheet.rows.slice(0, numbering)) {
    for (const v of row) {
      const m = typeof v === "string" ? /на (\d{4}) год|31\.12\.(\d{4})/.exec(v) : null;
      if (m) year = Number(m[1] ?? m[2]);
    }
  }
  if (year === null) {
    issue(x, 0, null, "не найден год плана («… на 2026 год»)");
    return;
  }
  const y = year;
  metricRows(x, doc, numbering, (m, _e, r) => {
    for (let k = 1; k <= 12; k++) {
      const c = 3 + k;
      const v = numberAt(x, r, c);
      if (v === undefined) continue;
      const cur = m.months.find((mo) => mo.year === y && mo.month === k);
      if (cur) {
        if (!sameNumber(cur.plan, v)) cur.plan = v;
        x.origins.set(cur, { sheet: x.sheet.name, row: r + 1, columns: { plan: columnLetter(c), month: columnLetter(c) } });
      } else if (v !== null) {
        const mo = { year: y, month: k, plan: v, fact: null, forecast: null };
        m.months.push(mo);
        x.origins.set(mo, { sheet: x.sheet.name, row: r + 1, columns: { plan: columnLetter(c), month: columnLetter(c) } });
      }
    }
  });
}

function fundingOf(x: Ctx, doc: ProgramDocument, numbering: number, context: FormContext): void {
  const years = yearColumns(x.sheet, numbering, 4);
  if (!years.size) issue(x, numbering, null, "не найдены столбцы годов реализации («1-й год (2025)»)");
  const sources = sourcesOf(context);
  let dir: ProgramDocument["directions"][number] | undefined;
  let el: ElementDoc | null | undefined; // null: the direction's own rows (sums, not imported)
  for (let r = numbering + 1; r < x.sheet.rows.length; r++) {
    const row = x.sheet.rows[r] ?? [];
    const a = str(row[0]).trim();
    const label = str(row[2]).trim();
    if (norm(label) === norm("ВСЕГО, в т.ч.")) {
      if (a.startsWith("Направление")) {
        const want = norm(unquote(withoutClassification(a.slice("Направление".length).trim())));
        dir = doc.directions.find((d) => norm(d.name) === want);
        if (!dir) issue(x, r, 0, `направление «${unquote(a)}» не найдено в программе`);
        el = null;
      } else {
        el = dir?.elements.find((e) => norm(e.name) === norm(a));
        if (!el)
          issue(
            x,
            r,
            0,
            `структурный элемент «${a}» не найден${dir ? ` в направлении «${dir.name}»` : ""}: новый элемент добавляется в простом формате`,
          );
      }
      continue;
    }
    if (!label || !el) continue;
    const code = sourceCodeOfLabel(label, sources);
    if (!code) {
      issue(x, r, 2, `источник «${label}» не известен муниципальному образованию`);
      continue;
    }
    for (const [c, y] of years) {
      const v = numberAt(x, r, c);
      if (v === undefined) continue;
      if (v !== null && !/^-?\d+(\.\d{1,2})?$/.test(v)) {
        issue(x, r, c, "не более 2 знаков после запятой");
        continue;
      }
      const amount = v === null ? null : Number(v).toFixed(2);
      const cur = el.funding.find((f) => f.year === y && f.source === code);
      const origin = { sheet: x.sheet.name, row: r + 1, columns: { amount: columnLetter(c), year: columnLetter(c), source: "C" } };
      if (cur) {
        if (amount !== null && Number(cur.amount) !== Number(amount)) cur.amount = amount;
        x.origins.set(cur, origin);
      } else if (amount !== null && Number(amount) !== 0) {
        const f = { year: y, source: code, amount };
        el.funding.push(f);
        x.origins.set(f, origin);
      }
    }
  }
}

const PRESENT: Record<string, string[]> = {
  indicators: ["programIndicator", "programIndicatorValue"],
  metrics: ["metric", "metricValue"],
  "monthly-plan": ["metricMonth"],
  funding: ["funding"],
};

/** The program as a workbook of forms wants it: the current program with the forms' values. */
export function parseFormWorkbook(sheets: SheetRead[], current: ProgramDocument, context: FormContext = {}): ParsedProgram | null {
  const doc = structuredClone(current);
  const issues: ImportIssue[] = [];
  const origins = new Map<object, Origin>();
  const present = new Set<string>();
  const layouts: string[] = [];
  for (const sheet of sheets) {
    const form = detectForm(sheet);
    if (!form) continue;
    layouts.push(form);
    const x: Ctx = { sheet, issues, origins };
    const numbering = numberingRow(sheet);
    if (numbering < 0) {
      issue(x, 0, null, "не найдена строка с номерами столбцов (1, 2, 3, …) под шапкой формы");
      continue;
    }
    for (const p of PRESENT[form]!) present.add(p);
    if (form === "indicators") indicatorsOf(x, doc, numbering);
    else if (form === "metrics") metricsOf(x, doc, numbering);
    else if (form === "monthly-plan") monthlyOf(x, doc, numbering);
    else fundingOf(x, doc, numbering, context);
  }
  if (!layouts.length) return null;
  return { layout: `form:${layouts.join("+")}`, document: doc, present: [...present], deleteMissing: false, origins, issues };
}
