/** Generated hostile workbooks for the import tests, and a measure of time and heap growth. */
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** A small valid workbook of one sheet «Лист1», with some parts replaced. */
export async function hostileWorkbook(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Лист1");
  ws.getCell("A1").value = "Код";
  ws.getCell("B1").value = "текст";
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A sheet part with the given inner XML of <sheetData> and what follows it. */
export const sheetXml = (sheetData: string, after = "", before = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`;

/** `rows` rows, each with one number at column XFD (the last column of Excel). */
export function wideSparseRows(rows: number): string {
  let s = "";
  for (let r = 1; r <= rows; r++) s += `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
  return s;
}

/** Runs `fn`, sampling the heap: its time and the highest heap growth over the start, MB. */
export async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; heapGrowthMb: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, ms: performance.now() - t0, heapGrowthMb: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
