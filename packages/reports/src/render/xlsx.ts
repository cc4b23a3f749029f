/**
 * A FormDocument as an XLSX workbook (exceljs): one sheet; the title lines, then each table with
 * its multi-row header (merged cells), the row numbering the columns, and the body. Numbers are
 * stored as numbers with a number format, totals as SUM formulas with their cached results, and
 * every text is written as a text cell — never as a formula, whatever it begins with.
 */
// exceljs loads when a workbook is first written, not when the server or the CLI starts (docs/PERFORMANCE.md, "Start-up")
import type ExcelJS from "exceljs";
import { layout, type Cell, type FormDocument, type HeaderCell, type Ref } from "../forms/model.ts";

export const MONEY_FORMAT = "#,##0.00";
export const DATE_FORMAT = "dd.mm.yyyy";

export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function colName(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Where each part of the document lands on the sheet (1-based rows). */
export interface SheetPlan {
  width: number;
  titleRows: number[];
  sections: { titleRows: number[]; headerRow: number; numberingRow: number | null; bodyRow: number; noteRows: number[] }[];
}

export function sheetPlan(doc: FormDocument): SheetPlan {
  const width = Math.max(1, ...doc.sections.map((s) => s.columns.length));
  let row = 1;
  const titleRows: number[] = [];
  for (let i = 0; i < doc.title.length + (doc.info?.length ?? 0); i++) titleRows.push(row++);
  row++; // a blank line
  const sections = doc.sections.map((s) => {
    const t: number[] = [];
    for (let i = 0; i < (s.title?.length ?? 0); i++) t.push(row++);
    const headerRow = row;
    row += s.header.length;
    const numberingRow = s.numbered ? row++ : null;
    const bodyRow = row;
    row += s.body.length;
    const noteRows: number[] = [];
    for (let i = 0; i < (s.notes?.length ?? 0); i++) noteRows.push(row++);
    row++;
    return { titleRows: t, headerRow, numberingRow, bodyRow, noteRows };
  });
  return { width, titleRows, sections };
}

/** Excel serial-free date: exceljs takes a JS Date at UTC midnight. */
function utcDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function sheetName(name: string): string {
  const clean = name
    .replace(/[\][:*?/\\]/g, " ")
    .trim()
    .slice(0, 31);
  return clean || "Форма";
}

function a1(ref: Ref, bodyRow: number): string {
  return `${colName(ref.col + 1)}${bodyRow + ref.row}`;
}

/**
 * OOXML strings (ST_Xstring) write characters XML cannot carry as _xHHHH_: a carriage return
 * would otherwise be read back as a line feed, and a literal "_x0041_" in a text as "A".
 */
export function escapeXstring(s: string): string {
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1").replace(/\r/g, "_x000D_");
}

/** Writes a text as a text cell: a plain string value is never parsed as a formula by exceljs. */
function setText(cell: ExcelJS.Cell, s: string): void {
  cell.value = escapeXstring(s);
  // marked as text (format "@") when it could be taken for a formula by a program that re-types it
  if (/^[=+\-@\t\r]/.test(s)) cell.numFmt = "@";
}

function writeBodyCell(cell: ExcelJS.Cell, c: Cell, bodyRow: number): void {
  switch (c.kind) {
    case "text":
      setText(cell, c.text);
      break;
    case "empty":
      break;
    case "number":
      if (c.value !== null) {
        cell.value = Number(c.value);
        cell.numFmt = numberFormat(c.decimals);
      }
      break;
    case "money":
      if (c.value !== null) {
        cell.value = Number(c.value);
        cell.numFmt = MONEY_FORMAT;
      }
      break;
    case "date":
      if (c.value !== null) {
        cell.value = utcDate(c.value);
        cell.numFmt = DATE_FORMAT;
      }
      break;
    case "sum": {
      const parts = c.of.map((g) =>
        g.from.row === g.to.row && g.from.col === g.to.col ? a1(g.from, bodyRow) : `${a1(g.from, bodyRow)}:${a1(g.to, bodyRow)}`,
      );
      cell.value = { formula: parts.length ? `SUM(${parts.join(",")})` : "0", result: Number(c.value) };
      cell.numFmt = MONEY_FORMAT;
      break;
    }
    case "ratio": {
      const n = a1(c.num, bodyRow);
      const d = a1(c.den, bodyRow);
      cell.value = { formula: `IF(N(${d})=0,"—",N(${n})/N(${d})*100)`, result: c.value === null ? "—" : Number(c.value) };
      cell.numFmt = MONEY_FORMAT;
      break;
    }
  }
}

function alignmentOf(c: Cell | HeaderCell, isHeader: boolean): Partial<ExcelJS.Alignment> {
  const numeric = "kind" in c && (c.kind === "number" || c.kind === "money" || c.kind === "sum" || c.kind === "ratio");
  return {
    wrapText: true,
    vertical: isHeader ? "middle" : "top",
    horizontal: c.align ?? (isHeader ? "center" : numeric ? "right" : "left"),
    indent: c.indent ?? 0,
  };
}

export async function renderXlsx(doc: FormDocument): Promise<Buffer> {
  const { Workbook } = (await import("exceljs")).default;
  const wb = new Workbook();
  wb.creator = "Orientir";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  const ws = wb.addWorksheet(sheetName(doc.sheetName));
  const plan = sheetPlan(doc);
  const W = plan.width;
  // column widths: the widest of the sections at each column
  for (let c = 0; c < W; c++) {
    const w = Math.max(6, ...doc.sections.map((s) => s.columns[c] ?? 0));
    ws.getColumn(c + 1).width = Math.min(60, w);
  }
  const lines = [...doc.title.map((t) => ({ t, info: false })), ...(doc.info ?? []).map((t) => ({ t, info: true }))];
  lines.forEach((l, i) => {
    const r = plan.titleRows[i]!;
    ws.mergeCells(r, 1, r, W);
    const cell = ws.getCell(r, 1);
    setText(cell, l.t);
    cell.font = { bold: !l.info && i > 0, size: i === 0 ? 9 : 11 };
    cell.alignment = { horizontal: l.info ? "left" : i === 0 ? "right" : "center", wrapText: true };
  });
  doc.sections.forEach((s, si) => {
    const p = plan.sections[si]!;
    const width = s.columns.length;
    (s.title ?? []).forEach((t, i) => {
      const r = p.titleRows[i]!;
      ws.mergeCells(r, 1, r, W);
      const cell = ws.getCell(r, 1);
      setText(cell, t);
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", wrapText: true };
    });
    writeGrid(ws, s.header, width, p.headerRow, true, (cell, c) => setText(cell, (c as HeaderCell).text));
    if (p.numberingRow !== null) {
      for (let c = 0; c < width; c++) {
        const cell = ws.getCell(p.numberingRow, c + 1);
        cell.value = c + 1;
        cell.alignment = { horizontal: "center" };
        cell.border = BORDER;
        cell.font = { size: 9 };
      }
    }
    writeGrid(ws, s.body, width, p.bodyRow, false, (cell, c) => writeBodyCell(cell, c as Cell, p.bodyRow));
    (s.notes ?? []).forEach((t, i) => {
      const r = p.noteRows[i]!;
      ws.mergeCells(r, 1, r, W);
      const cell = ws.getCell(r, 1);
      setText(cell, t);
      cell.font = { size: 9, italic: true };
      cell.alignment = { horizontal: "left", wrapText: true };
    });
  });
  const first = plan.sections[0];
  ws.pageSetup = {
    paperSize: 9,
    orientation: doc.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(first && doc.sections[0]!.header.length
      ? { printTitlesRow: `${first.headerRow}:${first.numberingRow ?? first.headerRow + doc.sections[0]!.header.length - 1}` }
      : {}),
  };
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf);
}

function writeGrid(
  ws: ExcelJS.Worksheet,
  rows: (Cell | HeaderCell)[][],
  width: number,
  top: number,
  isHeader: boolean,
  write: (cell: ExcelJS.Cell, c: Cell | HeaderCell) => void,
): void {
  const placed = layout(rows, width);
  // borders on the whole rectangle, merged or not
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < width; c++) ws.getCell(top + r, c + 1).border = BORDER;
  }
  for (const row of placed) {
    for (const p of row) {
      const r = top + p.row;
      const c = p.col + 1;
      if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(r, c, r + p.rowSpan - 1, c + p.colSpan - 1);
      const cell = ws.getCell(r, c);
      write(cell, p.cell);
      cell.alignment = alignmentOf(p.cell, isHeader);
      cell.border = BORDER;
      if (isHeader || p.cell.bold) cell.font = { bold: true, size: isHeader ? 9 : 10 };
      else cell.font = { size: 10 };
    }
  }
}
