/**
 * Reading a workbook back in the tests, with exceljs: the first sheet's cells as SheetJS showed
 * them (type, value, formula, number format; a date as its serial number; no cell for an empty or
 * merged-over position), its merged ranges, and its rows as a grid from A1.
 */
import ExcelJS from "exceljs";

export interface SheetCell {
  /** s: text, n: number (a date too), b: boolean, e: error. */
  t: "s" | "n" | "b" | "e";
  v: string | number | boolean;
  /** The formula, without "=". */
  f?: string;
  /** The number format. */
  z?: string;
}

/** A merged range, 0-based: s the top-left corner, e the bottom-right. */
export interface Merge {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export type GridValue = string | number | boolean | null;

export interface SheetRead {
  name: string;
  cell(a1: string): SheetCell | undefined;
  merges: Merge[];
  /** rows[r][c] from A1 (0-based) to the last row and column that hold a value; null where empty. */
  rows: GridValue[][];
}

/** "B3" → { r: 2, c: 1 }. */
export function decodeCell(a1: string): { r: number; c: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1);
  if (!m) throw new Error(`not a cell address: ${a1}`);
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** { r: 2, c: 1 } → "B3". */
export function encodeCell(p: { r: number; c: number }): string {
  let s = "";
  for (let x = p.c + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return `${s}${p.r + 1}`;
}

const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

function scalar(v: unknown): Pick<SheetCell, "t" | "v"> | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return { t: "s", v };
  if (typeof v === "number") return { t: "n", v };
  if (typeof v === "boolean") return { t: "b", v };
  if (v instanceof Date) return { t: "n", v: serial(v) };
  if (typeof v === "object" && "richText" in v) return { t: "s", v: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("") };
  if (typeof v === "object" && "error" in v) return { t: "e", v: String((v as ExcelJS.CellErrorValue).error) };
  if (typeof v === "object" && "text" in v) return { t: "s", v: String(v.text) };
  return undefined;
}

function cellOf(cell: ExcelJS.Cell): SheetCell | undefined {
  if (cell.isMerged && cell.master !== cell) return undefined;
  const raw = cell.value as unknown;
  const z = cell.numFmt || undefined;
  if (raw && typeof raw === "object" && ("formula" in raw || "sharedFormula" in raw)) {
    const fv = raw as { formula?: string; sharedFormula?: string; result?: unknown };
    const r = scalar(fv.result);
    return { t: r?.t ?? "n", v: r?.v ?? 0, f: fv.formula ?? cell.formula, ...(z ? { z } : {}) };
  }
  const s = scalar(raw);
  return s ? { ...s, ...(z ? { z } : {}) } : undefined;
}

/** The first sheet of a workbook. */
export async function readXlsx(buf: Buffer): Promise<SheetRead> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const cells = new Map<string, SheetCell>();
  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const x = cellOf(cell);
      if (!x) return;
      cells.set(encodeCell({ r: r - 1, c: c - 1 }), x);
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c);
    });
  });
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map((range) => {
    const [a, b = a] = range.split(":") as [string, string?];
    return { s: decodeCell(a), e: decodeCell(b) };
  });
  const rows: GridValue[][] = Array.from({ length: lastRow }, (_, r) =>
    Array.from({ length: lastCol }, (_, c) => cells.get(encodeCell({ r, c }))?.v ?? null),
  );
  return { name: ws.name, cell: (a1) => cells.get(a1), merges, rows };
}
