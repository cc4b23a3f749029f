/**
 * The plain layout of a program in a workbook: one sheet per table, one row per item, parents
 * named by their code (or name) in key columns. It carries the whole ProgramDocument, so that a
 * program exported this way and imported back is the same program; a city's own workbook in
 * this layout may hold only some of the sheets and any order of columns.
 */
// exceljs loads when a workbook is first written, not when the server or the CLI starts (docs/PERFORMANCE.md, "Start-up")
import type ExcelJS from "exceljs";
import {
  ELEMENT_KINDS,
  ELEMENT_KIND_LABELS,
  METRIC_LEVELS,
  TREND_LABELS,
  isIsoDate,
  reconcileSchedule,
  type CheckpointDoc,
  type DirectionDoc,
  type ElementDoc,
  type MetricDoc,
  type ProgramDocument,
  type ProgramIndicatorDoc,
} from "@orientir/domain";
import { escapeXstring, numberFormat } from "../render/xlsx.ts";
import { columnLetter, type CellRead, type ImportIssue, type SheetRead } from "./workbook.ts";

type ColType = "text" | "int" | "decimal" | "money" | "date" | "trend" | "kind" | "level";

interface Col {
  key: string;
  header: string;
  type: ColType;
  required?: boolean;
  width?: number;
}

export interface PlainSheet {
  name: string;
  /** The resource whose rows the sheet holds. */
  resource: string;
  cols: Col[];
}

const c = (key: string, header: string, type: ColType = "text", required = false, width?: number): Col => ({
  key,
  header,
  type,
  required,
  width,
});

export const PLAIN_SHEETS: PlainSheet[] = [
  {
    name: "Программа",
    resource: "program",
    cols: [
      c("code", "Код", "text", true),
      c("name", "Наименование", "text", true, 60),
      c("responsibleExecutor", "Ответственный исполнитель", "text", true, 40),
      c("startYear", "Год начала", "int", true),
      c("endYear", "Год окончания", "int", true),
      c("otherSources", "Иные источники", "text", false, 40),
    ],
  },
  { name: "Соисполнители", resource: "programCoExecutor", cols: [c("department", "Соисполнитель", "text", true, 50)] },
  {
    name: "Цели",
    resource: "programGoal",
    cols: [
      c("code", "Код"),
      c("name", "Цель", "text", true, 60),
      c("targetValue", "Целевое значение", "decimal"),
      c("unit", "Единица измерения"),
      c("targetYear", "Год достижения", "int"),
    ],
  },
  {
    name: "Этапы",
    resource: "programStage",
    cols: [
      c("name", "Наименование", "text", true, 40),
      c("startYear", "Год начала", "int", true),
      c("endYear", "Год окончания", "int", true),
    ],
  },
  {
    // the annual report's main results of each year (220-п 6.12.3)
    name: "Годовые отчеты",
    resource: "programAnnualReport",
    cols: [c("year", "Год", "int", true), c("mainResults", "Основные результаты реализации за год", "text", false, 80)],
  },
  {
    name: "Индикаторы",
    resource: "programIndicator",
    cols: [
      c("code", "Код"),
      c("name", "Наименование", "text", true, 60),
      c("unit", "Единица измерения", "text", true),
      c("okei", "Код ОКЕИ"),
      c("trend", "Желаемая тенденция", "trend", true),
      c("baseYear", "Базовый год", "int", true),
      c("baseValue", "Базовое значение", "decimal"),
      c("goal", "Цель"),
      c("strategyIndicator", "Показатель стратегии", "text", false, 30),
    ],
  },
  {
    name: "Значения индикаторов",
    resource: "programIndicatorValue",
    cols: [
      c("indicator", "Индикатор", "text", true, 30),
      c("year", "Год", "int", true),
      c("plan", "План", "decimal"),
      c("fact", "Факт", "decimal"),
      c("justification", "Обоснование отклонения", "text", false, 40),
    ],
  },
  {
    name: "Направления",
    resource: "direction",
    cols: [c("code", "Код", "text", true), c("name", "Наименование", "text", true, 60), c("coExecutor", "Соисполнитель", "text", true, 40)],
  },
  {
    name: "Исполнение бюджета",
    resource: "budgetExecution",
    cols: [
      c("direction", "Направление", "text", true),
      c("year", "Год", "int", true),
      c("quarter", "Квартал", "int", true),
      c("source", "Источник", "text", true),
      c("schedule", "Сводная бюджетная роспись", "money", false),
      c("cash", "Кассовое исполнение", "money", true),
    ],
  },
  {
    name: "Структурные элементы",
    resource: "structuralElement",
    cols: [
      c("direction", "Направление", "text", true),
      c("code", "Код", "text", true),
      c("name", "Наименование", "text", true, 60),
      c("kind", "Вид", "kind", true, 32),
      c("responsible", "Ответственный", "text", false, 40),
      c("startYear", "Год начала", "int"),
      c("endYear", "Год окончания", "int"),
    ],
  },
  {
    name: "Задачи",
    resource: "elementTask",
    cols: [c("element", "Структурный элемент", "text", true), c("code", "Код"), c("name", "Задача", "text", true, 60)],
  },
  {
    name: "Мероприятия",
    resource: "elementActivity",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("task", "Задача", "text", true),
      c("code", "Код"),
      c("name", "Наименование", "text", true, 60),
      c("description", "Характеристика", "text", false, 40),
    ],
  },
  {
    name: "Показатели",
    resource: "metric",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("code", "Код"),
      c("name", "Наименование", "text", true, 60),
      c("unit", "Единица измерения", "text", true),
      c("okei", "Код ОКЕИ"),
      c("trend", "Желаемая тенденция", "trend", true),
      c("baseYear", "Базовый год", "int"),
      c("baseValue", "Базовое значение", "decimal"),
      c("valueSource", "Источник данных", "text", false, 30),
      c("level", "Уровень", "level", true),
      c("task", "Задача"),
    ],
  },
  {
    name: "Значения показателей",
    resource: "metricValue",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("metric", "Показатель", "text", true, 30),
      c("year", "Год", "int", true),
      c("plan", "План", "decimal"),
      c("fact", "Факт", "decimal"),
      c("justification", "Обоснование отклонения", "text", false, 40),
    ],
  },
  {
    name: "Помесячный план",
    resource: "metricMonth",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("metric", "Показатель", "text", true, 30),
      c("year", "Год", "int", true),
      c("month", "Месяц", "int", true),
      c("plan", "План", "decimal"),
      c("fact", "Факт", "decimal"),
      c("forecast", "Прогноз", "decimal"),
      c("justification", "Обоснование отклонения", "text", false, 40),
    ],
  },
  {
    name: "Контрольные точки",
    resource: "checkpoint",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("activity", "Мероприятие"),
      c("name", "Наименование", "text", true, 50),
      c("plannedDate", "Плановая дата", "date", true),
      c("actualDate", "Фактическая дата", "date"),
      c("responsible", "Ответственный", "text", false, 30),
      c("documentKind", "Вид подтверждающего документа", "text", false, 30),
      c("informationSystem", "Информационная система", "text", false, 25),
      c("comment", "Комментарий (результаты/проблемы)", "text", false, 30),
    ],
  },
  {
    name: "Финансирование",
    resource: "funding",
    cols: [
      c("element", "Структурный элемент", "text", true),
      c("year", "Год", "int", true),
      c("source", "Источник", "text", true),
      c("amount", "Сумма, тыс.", "money", true),
    ],
  },
];

const key = (x: { code?: string | null; name: string }) => x.code || x.name;

// ---- out ------------------------------------------------------------------------------------------

type RowValues = Record<string, string | number | null | undefined>;

/** The rows of each sheet of the plain layout for a program. */
export function plainRows(p: ProgramDocument): Map<string, RowValues[]> {
  const m = new Map<string, RowValues[]>(PLAIN_SHEETS.map((s) => [s.name, []]));
  const push = (sheet: string, r: RowValues) => m.get(sheet)!.push(r);
  push("Программа", {
    code: p.code,
    name: p.name,
    responsibleExecutor: p.responsibleExecutor,
    startYear: p.startYear,
    endYear: p.endYear,
    otherSources: p.otherSources,
  });
  for (const d of p.coExecutors) push("Соисполнители", { department: d });
  for (const g of p.goals) push("Цели", { code: g.code, name: g.name, targetValue: g.targetValue, unit: g.unit, targetYear: g.targetYear });
  for (const s of p.stages) push("Этапы", { ...s });
  for (const r of p.annualReports ?? []) push("Годовые отчеты", { ...r });
  for (const i of p.indicators) {
    push("Индикаторы", {
      code: i.code,
      name: i.name,
      unit: i.unit,
      okei: i.okei,
      trend: TREND_LABELS[i.trend].ru,
      baseYear: i.baseYear,
      baseValue: i.baseValue,
      goal: i.goal,
      strategyIndicator: i.strategyIndicator,
    });
    for (const v of i.values)
      push("Значения индикаторов", { indicator: key(i), year: v.year, plan: v.plan, fact: v.fact, justification: v.justification });
  }
  for (const d of p.directions) {
    push("Направления", { code: d.code, name: d.name, coExecutor: d.coExecutor });
    for (const b of d.budgetExecution ?? []) push("Исполнение бюджета", { direction: d.code, ...b });
    for (const e of d.elements) {
      push("Структурные элементы", {
        direction: d.code,
        code: e.code,
        name: e.name,
        kind: ELEMENT_KIND_LABELS[e.kind].ru,
        responsible: e.responsible,
        startYear: e.startYear,
        endYear: e.endYear,
      });
      for (const t of e.tasks) {
        push("Задачи", { element: e.code, code: t.code, name: t.name });
        for (const a of t.activities)
          push("Мероприятия", { element: e.code, task: key(t), code: a.code, name: a.name, description: a.description });
      }
      for (const mt of e.metrics) {
        push("Показатели", {
          element: e.code,
          code: mt.code,
          name: mt.name,
          unit: mt.unit,
          okei: mt.okei,
          trend: TREND_LABELS[mt.trend].ru,
          baseYear: mt.baseYear,
          baseValue: mt.baseValue,
          valueSource: mt.valueSource,
          level: mt.level,
          task: mt.task,
        });
        for (const v of mt.values)
          push("Значения показателей", {
            element: e.code,
            metric: key(mt),
            year: v.year,
            plan: v.plan,
            fact: v.fact,
            justification: v.justification,
          });
        for (const mo of mt.months) push("Помесячный план", { element: e.code, metric: key(mt), ...mo });
      }
      for (const { documents: _attached, ...cp } of e.checkpoints) push("Контрольные точки", { element: e.code, ...cp });
      for (const f of e.funding) push("Финансирование", { element: e.code, ...f });
    }
  }
  return m;
}

function writeValue(cell: ExcelJS.Cell, col: Col, v: string | number | null | undefined): void {
  if (v === null || v === undefined || v === "") return;
  switch (col.type) {
    case "int":
      cell.value = Number(v);
      break;
    case "decimal":
      cell.value = Number(v);
      cell.numFmt = numberFormat(String(v).includes(".") ? String(v).split(".")[1]!.length : 0);
      break;
    case "money":
      cell.value = Number(v);
      cell.numFmt = "#,##0.00";
      break;
    case "date": {
      const [y, mo, d] = String(v).split("-").map(Number) as [number, number, number];
      cell.value = new Date(Date.UTC(y, mo - 1, d));
      cell.numFmt = "dd.mm.yyyy";
      break;
    }
    default: {
      const s = String(v);
      cell.value = escapeXstring(s);
      if (/^[=+\-@\t\r]/.test(s)) cell.numFmt = "@";
    }
  }
}

/** A program in the plain layout as an XLSX workbook. */
export async function renderPlainWorkbook(p: ProgramDocument): Promise<Buffer> {
  const { Workbook } = (await import("exceljs")).default;
  const wb = new Workbook();
  wb.creator = "Orientir";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  const rows = plainRows(p);
  for (const s of PLAIN_SHEETS) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    s.cols.forEach((col, i) => {
      ws.getColumn(i + 1).width = col.width ?? Math.max(12, col.header.length + 2);
      const h = ws.getCell(1, i + 1);
      h.value = col.header;
      h.font = { bold: true };
      h.alignment = { wrapText: true, vertical: "middle" };
    });
    rows.get(s.name)!.forEach((r, ri) => s.cols.forEach((col, ci) => writeValue(ws.getCell(ri + 2, ci + 1), col, r[col.key])));
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf);
}

// ---- in -------------------------------------------------------------------------------------------

/** Where an item of the document came from: its sheet and row, and the column of each of its fields. */
export interface Origin {
  sheet: string;
  row: number;
  columns: Record<string, string>;
}

export interface ParsedProgram {
  layout: string;
  /** The program as the file wants it. */
  document: ProgramDocument;
  /** Resources the file speaks for: only these are compared (and, with deleteMissing, rows not in the file deleted). */
  present: string[];
  /** Rows of present resources that are not in the file are deleted (the plain layout), or left as they are (the forms). */
  deleteMissing: boolean;
  origins: Map<object, Origin>;
  issues: ImportIssue[];
  /** What the person should know before confirming (how an ambiguous value was placed, what a file leaves alone). */
  notes?: string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** A decimal string from a number or a text with a decimal comma and spaces; null when not a number. */
export function decimalOf(v: CellRead): string | null {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    const s = String(v);
    return /e/i.test(s) ? v.toFixed(10).replace(/\.?0+$/, "") : s;
  }
  if (typeof v !== "string") return null;
  const s = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(s) ? s.replace(/^(-?)0+(?=\d)/, "$1") : null;
}

function moneyOf(v: CellRead): string | null {
  const d = decimalOf(v);
  if (d === null) return null;
  if (typeof v === "number") return (Math.round(v * 100) / 100).toFixed(2);
  const [i, f = ""] = d.split(".");
  if (f.length > 2) return null;
  return `${i}.${(f + "00").slice(0, 2)}`;
}

function dateOf(v: CellRead): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    if (isIsoDate(t)) return t;
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
    if (m) {
      const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
      return isIsoDate(iso) ? iso : null;
    }
    return null;
  }
  if (typeof v === "number" && v > 0 && v < 2958466) {
    // an Excel serial day number
    return new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10);
  }
  return null;
}

const TRENDS_IN: Record<string, "increase" | "decrease"> = {
  рост: "increase",
  increase: "increase",
  снижение: "decrease",
  decrease: "decrease",
  "рост значений": "increase",
  "снижение значений": "decrease",
};
const KINDS_IN: Record<string, "project" | "process"> = Object.fromEntries(
  ELEMENT_KINDS.flatMap((k) => [
    [norm(ELEMENT_KIND_LABELS[k].ru), k],
    [k, k],
    [k === "project" ? "проектный" : "процессный", k],
    [k === "project" ? "кпм проектный" : "кпм процессный", k],
  ]),
);

type Parsed = Record<string, string | number | null>;

/** Reads the rows of one sheet by its headers; each value converted to its column's type. */
function readSheet(sheet: SheetRead, spec: PlainSheet, issues: ImportIssue[]): { values: Parsed; origin: Origin }[] {
  const head = (sheet.rows[0] ?? []).map((h) => (typeof h === "string" ? norm(h) : ""));
  const at = new Map<string, number>();
  for (const col of spec.cols) {
    const i = head.indexOf(norm(col.header));
    if (i >= 0) at.set(col.key, i);
    else if (col.required) issues.push({ sheet: sheet.name, row: 1, column: "", reason: `нет столбца «${col.header}»` });
  }
  const out: { values: Parsed; origin: Origin }[] = [];
  for (let r = 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    if (row.every((v) => v === null || (typeof v === "string" && v.trim() === ""))) continue;
    const values: Parsed = {};
    const columns: Record<string, string> = {};
    for (const col of spec.cols) {
      const i = at.get(col.key);
      if (i === undefined) continue;
      const letter = columnLetter(i);
      columns[col.key] = letter;
      const raw = row[i] ?? null;
      const bad = (what: string) => issues.push({ sheet: sheet.name, row: r + 1, column: letter, reason: `«${col.header}»: ${what}` });
      const empty = raw === null || (typeof raw === "string" && raw.trim() === "");
      if (empty) {
        if (col.required) bad("не заполнено");
        values[col.key] = null;
        continue;
      }
      switch (col.type) {
        case "text":
          values[col.key] = typeof raw === "string" ? raw : String(raw);
          break;
        case "int": {
          const d = decimalOf(raw);
          if (d === null || !/^-?\d+$/.test(d)) bad(`ожидается целое число, а не «${String(raw)}»`);
          else values[col.key] = Number(d);
          break;
        }
        case "decimal": {
          const d = decimalOf(raw);
          if (d === null) bad(`ожидается число, а не «${String(raw)}»`);
          else values[col.key] = d;
          break;
        }
        case "money": {
          const d = moneyOf(raw);
          if (d === null) bad(`ожидается сумма (не более 2 знаков после запятой), а не «${String(raw)}»`);
          else values[col.key] = d;
          break;
        }
        case "date": {
          const d = dateOf(raw);
          if (d === null) bad(`ожидается дата ДД.ММ.ГГГГ, а не «${String(raw)}»`);
          else values[col.key] = d;
          break;
        }
        case "trend": {
          const t = TRENDS_IN[norm(String(raw))];
          if (!t) bad(`ожидается «рост» или «снижение», а не «${String(raw)}»`);
          else values[col.key] = t;
          break;
        }
        case "kind": {
          const k = KINDS_IN[norm(String(raw))];
          if (!k) bad(`ожидается «${ELEMENT_KIND_LABELS.project.ru}» или «${ELEMENT_KIND_LABELS.process.ru}», а не «${String(raw)}»`);
          else values[col.key] = k;
          break;
        }
        case "level": {
          const l = METRIC_LEVELS.find((x) => norm(x) === norm(String(raw)));
          if (!l) bad(`ожидается один из уровней ${METRIC_LEVELS.join(", ")}, а не «${String(raw)}»`);
          else values[col.key] = l;
          break;
        }
      }
    }
    out.push({ values, origin: { sheet: sheet.name, row: r + 1, columns } });
  }
  return out;
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
const n = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** Is this workbook in the plain layout? (It has at least one of the plain sheets.) */
export function isPlainWorkbook(sheets: SheetRead[]): boolean {
  const names = new Set(sheets.map((x) => norm(x.name)));
  return PLAIN_SHEETS.some((p) => names.has(norm(p.name)));
}

/**
 * The program a plain-layout workbook describes. Sheets that are missing leave their part of
 * `current` as it is; a present sheet replaces its part.
 */
export function parsePlainWorkbook(sheets: SheetRead[], current: ProgramDocument): ParsedProgram {
  const issues: ImportIssue[] = [];
  const origins = new Map<object, Origin>();
  const byName = new Map(sheets.map((x) => [norm(x.name), x]));
  const present: string[] = [];
  const read = (name: string) => {
    const spec = PLAIN_SHEETS.find((p) => p.name === name)!;
    const sheet = byName.get(norm(name));
    if (!sheet) return null;
    present.push(spec.resource);
    return readSheet(sheet, spec, issues);
  };
  const doc: ProgramDocument = structuredClone(current);
  const notFound = (o: Origin, col: string, what: string, k: unknown) =>
    issues.push({
      sheet: o.sheet,
      row: o.row,
      column: o.columns[col] ?? "",
      reason: `${what} «${String(k)}» не найден(а) в файле и в программе`,
    });

  const prog = read("Программа");
  if (prog) {
    if (prog.length !== 1)
      issues.push({ sheet: "Программа", row: 0, column: "", reason: `ожидается одна строка программы, а их ${prog.length}` });
    const p = prog[0];
    if (p) {
      const v = p.values;
      if (v.code !== null && v.code !== undefined && String(v.code) !== current.code) {
        issues.push({
          sheet: "Программа",
          row: p.origin.row,
          column: p.origin.columns.code ?? "",
          reason: `в файле программа «${String(v.code)}», а загружается в программу «${current.code}»`,
        });
      }
      doc.name = s(v.name) ?? doc.name;
      doc.responsibleExecutor = s(v.responsibleExecutor) ?? doc.responsibleExecutor;
      doc.startYear = n(v.startYear) ?? doc.startYear;
      doc.endYear = n(v.endYear) ?? doc.endYear;
      doc.otherSources = s(v.otherSources);
      origins.set(doc, p.origin);
    }
  }
  const co = read("Соисполнители");
  if (co) doc.coExecutors = co.map((r) => String(r.values.department ?? ""));
  const goals = read("Цели");
  if (goals) {
    doc.goals = goals.map((r) => {
      const g = {
        code: s(r.values.code),
        name: String(r.values.name ?? ""),
        targetValue: s(r.values.targetValue),
        unit: s(r.values.unit),
        targetYear: n(r.values.targetYear),
      };
      origins.set(g, r.origin);
      return g;
    });
  }
  const stages = read("Этапы");
  if (stages) {
    doc.stages = stages.map((r) => {
      const x = { name: String(r.values.name ?? ""), startYear: Number(r.values.startYear), endYear: Number(r.values.endYear) };
      origins.set(x, r.origin);
      return x;
    });
  }
  const annual = read("Годовые отчеты");
  if (annual) {
    doc.annualReports = annual.map((r) => {
      const x = { year: Number(r.values.year), mainResults: s(r.values.mainResults) };
      origins.set(x, r.origin);
      return x;
    });
  }
  const inds = read("Индикаторы");
  if (inds) {
    const old = new Map(current.indicators.map((i) => [norm(key(i)), i]));
    doc.indicators = inds.map((r) => {
      const v = r.values;
      const i: ProgramIndicatorDoc = {
        code: s(v.code),
        name: String(v.name ?? ""),
        unit: String(v.unit ?? ""),
        okei: s(v.okei),
        trend: (v.trend as "increase" | "decrease") ?? "increase",
        baseYear: n(v.baseYear) ?? current.startYear - 1,
        baseValue: s(v.baseValue),
        goal: s(v.goal),
        strategyIndicator: s(v.strategyIndicator),
        values: structuredClone(old.get(norm(String(v.code || v.name)))?.values ?? []),
      };
      origins.set(i, r.origin);
      return i;
    });
  }
  const indValues = read("Значения индикаторов");
  if (indValues) {
    for (const i of doc.indicators) i.values = [];
    const map = new Map<string, ProgramIndicatorDoc>();
    for (const i of doc.indicators) {
      map.set(norm(key(i)), i);
      map.set(norm(i.name), i);
    }
    for (const r of indValues) {
      const i = map.get(norm(String(r.values.indicator ?? "")));
      if (!i) {
        notFound(r.origin, "indicator", "Индикатор", r.values.indicator);
        continue;
      }
      const v = {
        year: Number(r.values.year),
        plan: s(r.values.plan),
        fact: s(r.values.fact),
        ...(r.values.justification ? { justification: String(r.values.justification) } : {}),
      };
      origins.set(v, r.origin);
      i.values.push(v);
    }
  }
  const dirs = read("Направления");
  if (dirs) {
    const old = new Map(current.directions.map((d) => [norm(d.code), d]));
    doc.directions = dirs.map((r) => {
      const prev = old.get(norm(String(r.values.code ?? "")));
      const d: DirectionDoc = {
        code: String(r.values.code ?? ""),
        name: String(r.values.name ?? ""),
        coExecutor: String(r.values.coExecutor ?? ""),
        elements: structuredClone(prev?.elements ?? []),
        budgetExecution: structuredClone(prev?.budgetExecution ?? []),
        ...(prev?.budgetSchedule ? { budgetSchedule: structuredClone(prev.budgetSchedule) } : {}),
      };
      origins.set(d, r.origin);
      return d;
    });
  }
  const dirOf = new Map<string, DirectionDoc>();
  const refreshDirs = () => {
    dirOf.clear();
    for (const d of doc.directions) dirOf.set(norm(d.code), d);
  };
  refreshDirs();
  const budget = read("Исполнение бюджета");
  if (budget) {
    for (const d of doc.directions) d.budgetExecution = [];
    for (const r of budget) {
      const d = dirOf.get(norm(String(r.values.direction ?? "")));
      if (!d) {
        notFound(r.origin, "direction", "Направление", r.values.direction);
        continue;
      }
      const b = {
        year: Number(r.values.year),
        quarter: Number(r.values.quarter),
        source: String(r.values.source ?? ""),
        schedule: String(r.values.schedule ?? ""),
        cash: String(r.values.cash ?? ""),
      };
      origins.set(b, r.origin);
      d.budgetExecution!.push(b);
    }
    // the sheet gives the schedule in force at each quarter's end: a changed value is a dated change of the year's schedule
    for (const d of doc.directions) {
      // (a direction of the former shape, without entries, keeps its quarterly values: they are its schedule)
      if (d.budgetSchedule) d.budgetSchedule = reconcileSchedule(d.budgetSchedule ?? [], d.budgetExecution!, "загрузка из Excel");
    }
  }
  const els = read("Структурные элементы");
  if (els) {
    const old = new Map(current.directions.flatMap((d) => d.elements).map((e) => [norm(e.code), e]));
    for (const d of doc.directions) d.elements = [];
    for (const r of els) {
      const d = dirOf.get(norm(String(r.values.direction ?? "")));
      if (!d) {
        notFound(r.origin, "direction", "Направление", r.values.direction);
        continue;
      }
      const prev = old.get(norm(String(r.values.code ?? "")));
      const e: ElementDoc = {
        code: String(r.values.code ?? ""),
        name: String(r.values.name ?? ""),
        kind: (r.values.kind as "project" | "process") ?? "process",
        responsible: s(r.values.responsible),
        startYear: n(r.values.startYear),
        endYear: n(r.values.endYear),
        tasks: structuredClone(prev?.tasks ?? []),
        metrics: structuredClone(prev?.metrics ?? []),
        checkpoints: structuredClone(prev?.checkpoints ?? []),
        funding: structuredClone(prev?.funding ?? []),
        // the complex's own budget schedule and cash are not in the workbook: kept as stored
        ...(prev?.budgetSchedule ? { budgetSchedule: structuredClone(prev.budgetSchedule) } : {}),
        ...(prev?.budgetExecution ? { budgetExecution: structuredClone(prev.budgetExecution) } : {}),
      };
      origins.set(e, r.origin);
      d.elements.push(e);
    }
  }
  const elOf = new Map<string, ElementDoc>();
  for (const d of doc.directions) for (const e of d.elements) elOf.set(norm(e.code), e);
  const element = (r: { values: Parsed; origin: Origin }) => {
    const e = elOf.get(norm(String(r.values.element ?? "")));
    if (!e) notFound(r.origin, "element", "Структурный элемент", r.values.element);
    return e;
  };
  const tasks = read("Задачи");
  if (tasks) {
    const oldActs = new Map<ElementDoc, Map<string, ElementDoc["tasks"][number]["activities"]>>();
    for (const e of elOf.values()) {
      oldActs.set(e, new Map(e.tasks.map((t) => [norm(key(t)), t.activities])));
      e.tasks = [];
    }
    for (const r of tasks) {
      const e = element(r);
      if (!e) continue;
      const t = {
        code: s(r.values.code),
        name: String(r.values.name ?? ""),
        activities: structuredClone(oldActs.get(e)?.get(norm(String(r.values.code || r.values.name))) ?? []),
      };
      origins.set(t, r.origin);
      e.tasks.push(t);
    }
  }
  const acts = read("Мероприятия");
  if (acts) {
    for (const e of elOf.values()) for (const t of e.tasks) t.activities = [];
    for (const r of acts) {
      const e = element(r);
      if (!e) continue;
      const want = norm(String(r.values.task ?? ""));
      const t = e.tasks.find((x) => norm(key(x)) === want || norm(x.name) === want);
      if (!t) {
        notFound(r.origin, "task", "Задача", r.values.task);
        continue;
      }
      const a = { code: s(r.values.code), name: String(r.values.name ?? ""), description: s(r.values.description) };
      origins.set(a, r.origin);
      t.activities.push(a);
    }
  }
  const metrics = read("Показатели");
  if (metrics) {
    const old = new Map<ElementDoc, Map<string, MetricDoc>>();
    for (const e of elOf.values()) {
      old.set(e, new Map(e.metrics.map((m) => [norm(key(m)), m])));
      e.metrics = [];
    }
    for (const r of metrics) {
      const e = element(r);
      if (!e) continue;
      const v = r.values;
      const prev = old.get(e)?.get(norm(String(v.code || v.name)));
      const m: MetricDoc = {
        code: s(v.code),
        name: String(v.name ?? ""),
        unit: String(v.unit ?? ""),
        okei: s(v.okei),
        trend: (v.trend as "increase" | "decrease") ?? "increase",
        baseYear: n(v.baseYear),
        baseValue: s(v.baseValue),
        valueSource: s(v.valueSource),
        level: (v.level as MetricDoc["level"]) ?? "МП",
        task: s(v.task),
        values: structuredClone(prev?.values ?? []),
        months: structuredClone(prev?.months ?? []),
      };
      origins.set(m, r.origin);
      e.metrics.push(m);
    }
  }
  const metricOf = (r: { values: Parsed; origin: Origin }) => {
    const e = element(r);
    if (!e) return undefined;
    const want = norm(String(r.values.metric ?? ""));
    const m = e.metrics.find((x) => norm(key(x)) === want || norm(x.name) === want);
    if (!m) notFound(r.origin, "metric", "Показатель", r.values.metric);
    return m;
  };
  const mValues = read("Значения показателей");
  if (mValues) {
    for (const e of elOf.values()) for (const m of e.metrics) m.values = [];
    for (const r of mValues) {
      const m = metricOf(r);
      if (!m) continue;
      const v = {
        year: Number(r.values.year),
        plan: s(r.values.plan),
        fact: s(r.values.fact),
        ...(r.values.justification ? { justification: String(r.values.justification) } : {}),
      };
      origins.set(v, r.origin);
      m.values.push(v);
    }
  }
  const months = read("Помесячный план");
  if (months) {
    for (const e of elOf.values()) for (const m of e.metrics) m.months = [];
    for (const r of months) {
      const m = metricOf(r);
      if (!m) continue;
      const v = {
        year: Number(r.values.year),
        month: Number(r.values.month),
        plan: s(r.values.plan),
        fact: s(r.values.fact),
        forecast: s(r.values.forecast),
        ...(r.values.justification ? { justification: String(r.values.justification) } : {}),
      };
      origins.set(v, r.origin);
      m.months.push(v);
    }
  }
  const cps = read("Контрольные точки");
  if (cps) {
    for (const e of elOf.values()) e.checkpoints = [];
    for (const r of cps) {
      const e = element(r);
      if (!e) continue;
      const v = r.values;
      const cp: CheckpointDoc = {
        name: String(v.name ?? ""),
        activity: s(v.activity),
        plannedDate: String(v.plannedDate ?? ""),
        actualDate: s(v.actualDate),
        responsible: s(v.responsible),
        documentKind: s(v.documentKind),
        informationSystem: s(v.informationSystem),
        comment: s(v.comment),
      };
      origins.set(cp, r.origin);
      e.checkpoints.push(cp);
    }
  }
  const funding = read("Финансирование");
  if (funding) {
    for (const e of elOf.values()) e.funding = [];
    for (const r of funding) {
      const e = element(r);
      if (!e) continue;
      const f = { year: Number(r.values.year), source: String(r.values.source ?? ""), amount: String(r.values.amount ?? "") };
      origins.set(f, r.origin);
      e.funding.push(f);
    }
  }
  return { layout: "plain", document: doc, present, deleteMissing: true, origins, issues };
}
