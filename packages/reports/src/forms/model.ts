/**
 * The table model of an official form: what a form is, independent of the file format. A form
 * is a pure function from domain data to a FormDocument; the renderers (XLSX, DOCX, PDF) draw
 * FormDocuments and know nothing of programs or plans.
 *
 * Rows are written like HTML tables: a cell with colSpan/rowSpan covers the grid positions to
 * its right and below, and the rows below leave those positions out. `layout` resolves every
 * cell to its grid column. Formula cells (sums, ratios) refer to body cells by body row index
 * and grid column, both from 0, and carry their computed value so that every renderer can show
 * it and a spreadsheet can cache it.
 */
import { formatMoney, parseMoney, type Money } from "@orientir/domain";

export interface CellStyle {
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  align?: "left" | "center" | "right";
  /** Indentation level of a name in a hierarchy. */
  indent?: number;
}

/** A body cell address: body row index and grid column, both from 0. */
export interface Ref {
  row: number;
  col: number;
}
/** A rectangle of body cells (from and to included). */
export interface Range {
  from: Ref;
  to: Ref;
}

export type CellValue =
  | { kind: "text"; text: string }
  /** A decimal string (indicator and metric values); shown with `decimals` digits. */
  | { kind: "number"; value: string | null; decimals: number }
  /** Money: a decimal string with 2 decimals (thousands of the currency). */
  | { kind: "money"; value: string | null }
  /** A plain ISO date YYYY-MM-DD. */
  | { kind: "date"; value: string | null }
  /** The sum of ranges of money cells; `value` is the exact sum. */
  | { kind: "sum"; of: Range[]; value: string }
  /** num / den × 100, a percentage with 2 decimals; `value` null when den is zero or a side is missing. */
  | { kind: "ratio"; num: Ref; den: Ref; value: string | null }
  | { kind: "empty" };

export type Cell = CellStyle & CellValue;

/** A header cell: always text. */
export type HeaderCell = CellStyle & { text: string };

export interface TableSection {
  /** Lines above the table (a subtitle such as «Отчет о ходе реализации направления …»). */
  title?: string[];
  /** Relative widths of the grid columns (roughly characters); their count is the grid width. */
  columns: number[];
  header: HeaderCell[][];
  /** A row under the header numbering the columns 1..N (as the forms of 220-п have). */
  numbered: boolean;
  body: Cell[][];
  /** Lines under the table (footnotes). */
  notes?: string[];
  /** A chart of the table's numbers, drawn under it (DOCX: a native chart; PDF: drawn; XLSX: the table alone). */
  chart?: BarChart;
}

/**
 * A chart of horizontal bars: one group of bars per category, one bar per series (such as the
 * previous year and the year). The numbers are those of the table it illustrates.
 */
export interface BarChart {
  title: string;
  categories: string[];
  series: { name: string; values: number[]; color: string }[];
}

export interface FormDocument {
  /** Id of the form in FORMS. */
  form: string;
  /** Lines of the heading: «Приложение N», the form's name, the program's name… */
  title: string[];
  /** Lines under the heading, left-aligned: «Ответственный исполнитель: …». */
  info?: string[];
  landscape: boolean;
  /** Short name for a spreadsheet sheet (at most 31 characters). */
  sheetName: string;
  /** Base of the file name (no extension). */
  fileName: string;
  sections: TableSection[];
}

// ---- cell constructors ---------------------------------------------------------------------

export const text = (t: string | null | undefined, style: CellStyle = {}): Cell => ({ kind: "text", text: t ?? "", ...style });
export const empty = (style: CellStyle = {}): Cell => ({ kind: "empty", ...style });
export const date = (v: string | null | undefined, style: CellStyle = {}): Cell => ({ kind: "date", value: v ?? null, ...style });

/** Digits after the decimal point of a decimal string ("12.50" → 2, "7" → 0). */
export function decimalsOf(v: string | null | undefined): number {
  if (!v) return 0;
  const i = v.indexOf(".");
  return i < 0 ? 0 : v.length - i - 1;
}

export const num = (v: string | null | undefined, style: CellStyle = {}): Cell => ({
  kind: "number",
  value: v ?? null,
  decimals: decimalsOf(v),
  ...style,
});

export const money = (v: string | Money | null | undefined, style: CellStyle = {}): Cell => ({
  kind: "money",
  value: v === null || v === undefined ? null : typeof v === "bigint" ? formatMoney(v) : formatMoney(parseMoney(v)),
  ...style,
});

export const range = (r1: number, c1: number, r2 = r1, c2 = c1): Range => ({ from: { row: r1, col: c1 }, to: { row: r2, col: c2 } });

export const header = (t: string, style: CellStyle = {}): HeaderCell => ({ text: t, ...style });

// ---- layout --------------------------------------------------------------------------------

export interface Placed<C> {
  cell: C;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/**
 * Places the cells of rows written HTML-style on the grid. Throws if a row overflows the
 * width or a span overlaps — a form that does so is a bug.
 */
export function layout<C extends CellStyle>(rows: C[][], width: number, what = "table"): Placed<C>[][] {
  const taken: boolean[][] = [];
  const out: Placed<C>[][] = [];
  for (let r = 0; r < rows.length; r++) {
    taken[r] ??= [];
    const placed: Placed<C>[] = [];
    let c = 0;
    for (const cell of rows[r]!) {
      while (taken[r]![c]) c++;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      if (c + colSpan > width) throw new Error(`${what}: row ${r} is wider than ${width} columns`);
      for (let dr = 0; dr < rowSpan; dr++) {
        taken[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) {
          if (taken[r + dr]![c + dc]) throw new Error(`${what}: cells overlap at row ${r + dr}, column ${c + dc}`);
          taken[r + dr]![c + dc] = true;
        }
      }
      placed.push({ cell, row: r, col: c, rowSpan, colSpan });
      c += colSpan;
    }
    out.push(placed);
  }
  return out;
}

/** The cell at a body address (the cell that covers it), or undefined. */
export function cellAt(section: TableSection, ref: Ref): Cell | undefined {
  const placed = layout(section.body, section.columns.length);
  for (const row of placed) {
    for (const p of row) {
      if (ref.row >= p.row && ref.row < p.row + p.rowSpan && ref.col >= p.col && ref.col < p.col + p.colSpan) return p.cell;
    }
  }
  return undefined;
}

// ---- display -------------------------------------------------------------------------------

function groupDigits(int: string): string {
  const neg = int.startsWith("-");
  const digits = neg ? int.slice(1) : int;
  return (neg ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}

/** A decimal string in Russian notation: "12345.5" → "12 345,5" (no-break space). */
export function formatDecimalRu(v: string, decimals?: number): string {
  let s = v.trim();
  if (decimals !== undefined) {
    const [i, f = ""] = s.split(".");
    s = decimals > 0 ? `${i}.${(f + "0".repeat(decimals)).slice(0, decimals)}` : i!;
  }
  const [int, frac] = s.split(".");
  return frac !== undefined && frac !== "" ? `${groupDigits(int!)},${frac}` : groupDigits(int!);
}

/** "2026-03-20" → "20.03.2026". */
export function formatDateRu(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** The text a cell shows in a document (DOCX, PDF). */
export function displayText(cell: Cell | HeaderCell): string {
  if (!("kind" in cell)) return cell.text;
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "empty":
      return "";
    case "number":
      return cell.value === null ? "" : formatDecimalRu(cell.value, cell.decimals);
    case "money":
      return cell.value === null ? "" : formatDecimalRu(cell.value, 2);
    case "sum":
      return formatDecimalRu(cell.value, 2);
    case "ratio":
      return cell.value === null ? "—" : formatDecimalRu(cell.value, 2);
    case "date":
      return cell.value === null ? "" : formatDateRu(cell.value);
  }
}

// ---- formulas ---------------------------------------------------------------------------------

/** A sum cell; its value is computed by `finalize`. */
export const sum = (of: Range[], style: CellStyle = {}): Cell => ({ kind: "sum", of, value: "", ...style });
/** A percentage num / den × 100; its value is computed by `finalize`. */
export const ratio = (num: Ref, den: Ref, style: CellStyle = {}): Cell => ({ kind: "ratio", num, den, value: null, ...style });

/** a / b × 100 with 2 decimals (half away from zero), exact from hundredths; null when b is 0. */
export function percentOf(x: bigint, y: bigint): string | null {
  if (y === 0n) return null;
  const neg = x < 0n !== y < 0n;
  const ax = x < 0n ? -x : x;
  const ay = y < 0n ? -y : y;
  const scaled = (ax * 10000n * 2n + ay) / (2n * ay);
  return formatMoney((neg ? -scaled : scaled) as Money);
}

/**
 * Computes the values of the sum and ratio cells of a section (sums of sums included) and
 * checks that every reference points inside the table. Returns the same section.
 */
export function finalize(section: TableSection): TableSection {
  const width = section.columns.length;
  const placed = layout(section.body, width);
  const grid = new Map<string, Cell>();
  for (const row of placed) for (const p of row) grid.set(`${p.row}:${p.col}`, p.cell);
  const state = new Map<Cell, "busy" | "done">();
  const valueAt = (ref: Ref): bigint | null => {
    if (ref.row < 0 || ref.row >= section.body.length || ref.col < 0 || ref.col >= width)
      throw new Error(`formula refers outside the table: ${ref.row}:${ref.col}`);
    const c = grid.get(`${ref.row}:${ref.col}`);
    if (!c) return null;
    return valueOf(c);
  };
  const valueOf = (c: Cell): bigint | null => {
    if (c.kind === "money") return c.value === null ? null : parseMoney(c.value);
    if (c.kind === "sum") {
      if (state.get(c) === "busy") throw new Error("circular sum");
      if (state.get(c) !== "done") {
        state.set(c, "busy");
        let total = 0n;
        for (const g of c.of) {
          for (let r = g.from.row; r <= g.to.row; r++)
            for (let k = g.from.col; k <= g.to.col; k++) total += valueAt({ row: r, col: k }) ?? 0n;
        }
        c.value = formatMoney(total as Money);
        state.set(c, "done");
      }
      return parseMoney(c.value);
    }
    if (c.kind === "ratio") {
      const a = valueAt(c.num);
      const b = valueAt(c.den);
      c.value = a === null || b === null ? null : percentOf(a, b);
      return null;
    }
    return null;
  };
  for (const row of placed) for (const p of row) valueOf(p.cell);
  return section;
}
