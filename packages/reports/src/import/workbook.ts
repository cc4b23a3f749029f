/**
 * Reading an uploaded XLSX safely: the size of the file, the number of entries and their
 * uncompressed size (from the zip's central directory, before anything is inflated), and then
 * what the XML of each part declares and would make exceljs build — rows, columns, cells, merged
 * and validated ranges, shared strings, styles, nesting (scan.ts, while the part is inflated) —
 * are limited; a file that is not a workbook gets a clear error, never a crash. The sheets come
 * out as grids of plain values, read from their XML by sheet-reader.ts (exceljs's model, which the
 * limits were first drawn for, is no longer built on import). The server runs this in a worker with
 * a memory limit (isolated.ts).
 */
import { valueText } from "@orientir/domain";
// jszip loads when a workbook is first read, not when the server or the CLI starts (docs/PERFORMANCE.md, "Start-up")
import type JSZip from "jszip";
import { newTotals, partKind, ScanError, XmlPartScanner, type ScanLimits, type ScanTotals } from "./scan.ts";
import { dateStylesOf, sharedStringsOf, sheetRowsOf, workbookOf, type CellStyles } from "./sheet-reader.ts";

export interface ImportLimits extends ScanLimits {
  /** Size of the uploaded file, bytes. */
  maxBytes: number;
  /** Sum of the uncompressed sizes of the zip's entries, bytes. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Rows of one sheet. */
  maxRowsPerSheet: number;
  /** Rows of all sheets together. */
  maxRows: number;
  maxSheets: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxEntries: 500,
  maxRowsPerSheet: 50_000,
  maxRows: 100_000,
  maxSheets: 50,
  maxColumns: 1024,
  maxColumnObjects: 16_384 * 8,
  maxCellsPerSheet: 1_000_000,
  maxCells: 2_000_000,
  maxSharedStrings: 500_000,
  maxStyles: 65_000,
  maxXmlDepth: 64,
  maxTextBytes: 256 * 1024,
  maxTagBytes: 64 * 1024,
  maxXmlElements: 10_000_000,
};

/** One problem of an imported file, where a person can find it. */
export interface ImportIssue {
  sheet: string;
  /** 1-based row of the sheet (0: the file or the sheet as a whole). */
  row: number;
  /** Column letter ("" when the problem is the row or the sheet). */
  column: string;
  reason: string;
}

export class ImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.length === 1 ? `${where(issues[0]!)}${issues[0]!.reason}` : `Файл содержит ошибки: ${issues.length}`);
    this.name = "ImportError";
  }
}

export function where(i: ImportIssue): string {
  if (!i.sheet) return "";
  return `лист «${i.sheet}»${i.row ? `, строка ${i.row}` : ""}${i.column ? `, столбец ${i.column}` : ""}: `;
}

const fileIssue = (reason: string): ImportError => new ImportError([{ sheet: "", row: 0, column: "", reason }]);

/** What a failed scan rejects with: the scanner's problem as an ImportError, any other error as it is. */
function scanFailure(e: unknown): Error {
  if (e instanceof ScanError) return new ImportError([e.problem]);
  return e instanceof Error ? e : new Error(valueText(e));
}

/** A value of a cell as read: text, number, date (ISO), boolean, or null for an empty cell. */
export type CellRead = string | number | boolean | null;

export interface SheetRead {
  name: string;
  /** rows[r][c], both from 0; row r is sheet row r + 1. */
  rows: CellRead[][];
}

interface ZipEntryInfo {
  _data?: { uncompressedSize?: number; compressedSize?: number };
}

/** Checks the zip container of an XLSX by its central directory, before inflating anything. */
export async function checkXlsxContainer(buf: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<JSZip> {
  if (buf.length === 0) throw fileIssue("Файл пуст");
  if (buf.length > limits.maxBytes) throw fileIssue(`Файл больше ${Math.round(limits.maxBytes / 1024 / 1024)} МБ`);
  if (buf.subarray(0, 4).toString("latin1") !== "PK\u0003\u0004") throw fileIssue("Файл не является книгой Excel (XLSX): это не zip-архив");
  const zipLib = (await import("jszip")).default;
  let zip: JSZip;
  try {
    zip = await zipLib.loadAsync(buf, { checkCRC32: false });
  } catch (e) {
    throw fileIssue(`Файл не является книгой Excel (XLSX): ${(e as Error).message}`);
  }
  const entries = Object.values(zip.files);
  if (entries.length > limits.maxEntries)
    throw fileIssue(`В архиве XLSX слишком много частей: ${entries.length} (не более ${limits.maxEntries})`);
  let total = 0;
  for (const e of entries) {
    const size = (e as unknown as ZipEntryInfo)._data?.uncompressedSize;
    if (typeof size === "number") total += size;
  }
  if (total > limits.maxUncompressedBytes) {
    throw fileIssue(
      `Распакованный файл больше ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} МБ (${Math.round(total / 1024 / 1024)} МБ)`,
    );
  }
  if (!zip.file("xl/workbook.xml")) throw fileIssue("Файл не является книгой Excel (XLSX): нет xl/workbook.xml");
  return zip;
}

interface InflateStream {
  on(event: "data", fn: (chunk: Uint8Array) => void): InflateStream;
  on(event: "error", fn: (e: Error) => void): InflateStream;
  on(event: "end", fn: () => void): InflateStream;
  pause(): void;
  resume(): void;
}

/**
 * Inflates an entry, refusing as soon as the bytes exceed the budget: the sizes a zip declares in
 * its directory may lie, the inflated bytes do not.
 */
function inflateCapped(
  file: JSZip.JSZipObject,
  budget: { left: number },
  limits: ImportLimits,
  scanner?: XmlPartScanner,
  keep = true,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let failed = false;
    // JSZip's own stream (not in its typings): chunks as they are inflated, pausable
    const stream = (file as unknown as { internalStream(type: "uint8array"): InflateStream }).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        if (failed) return;
        budget.left -= chunk.length;
        if (budget.left < 0) {
          failed = true;
          stream.pause();
          reject(fileIssue(`Распакованный файл больше ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} МБ`));
          return;
        }
        try {
          scanner?.feed(chunk);
        } catch (e) {
          failed = true;
          stream.pause();
          reject(scanFailure(e));
          return;
        }
        if (keep) chunks.push(chunk);
      })
      .on("error", (e: Error) => {
        if (!failed) reject(fileIssue(`Файл не является книгой Excel (XLSX): ${e.message}`));
      })
      .on("end", () => {
        if (failed) return;
        try {
          scanner?.end();
        } catch (e) {
          reject(scanFailure(e));
          return;
        }
        resolve(chunks);
      });
    stream.resume();
  });
}

/** The names of the sheets by the paths of their parts (from the workbook and its relationships). */
function sheetNamesOf(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const path = id ? targets.get(id) : undefined;
    if (name !== undefined && path) out.set(path, decodeXmlText(name));
  }
  return out;
}

const decodeXmlText = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, e: string) =>
    e === "lt"
      ? "<"
      : e === "gt"
        ? ">"
        : e === "amp"
          ? "&"
          : e === "quot"
            ? '"'
            : e === "apos"
              ? "'"
              : String.fromCodePoint(Math.min(0x10ffff, e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))),
  );

/**
 * The defined names of the workbook (print areas, named ranges): exceljs builds an entry for every
 * cell of each range a name refers to, so their ranges are bounded like a sheet's cells.
 */
function checkDefinedNames(workbookXml: string, limits: ImportLimits): void {
  let total = 0;
  const col = (letters: string) => {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n;
  };
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName>/g)) {
    const name = decodeXmlText(/\bname="([^"]*)"/.exec(m[1]!)?.[1] ?? "");
    for (const part of decodeXmlText(m[2]!).split(",")) {
      // exceljs expands a range when the text after the sheet's name has a "$A$1"; the range it
      // expands is then read without the dollars
      const rest = part.slice(part.lastIndexOf("!") + 1);
      if (!/[$]\w+[$]\d+/.test(rest)) continue;
      const r = /\$?([A-Za-z]{1,10})\$?(\d{1,10})(?::\$?([A-Za-z]{1,10})\$?(\d{1,10}))?/.exec(rest);
      if (!r) continue;
      const [c1, r1] = [col(r[1]!), Number(r[2])];
      const [c2, r2] = r[3] ? [col(r[3]), Number(r[4])] : [c1, r1];
      const right = Math.max(c1, c2);
      const bottom = Math.max(r1, r2);
      const bad = (why: string) => fileIssue(`xl/workbook.xml: имя «${name.slice(0, 60)}» (${r[0]}): ${why}`);
      if (right > limits.maxColumns) throw bad(`диапазон заходит за столбец ${columnLetter(limits.maxColumns - 1)}`);
      if (bottom > limits.maxRowsPerSheet) throw bad(`диапазон заходит за строку ${limits.maxRowsPerSheet}`);
      total += (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
      if (total > limits.maxCellsPerSheet) throw bad(`имена книги называют больше ${limits.maxCellsPerSheet} ячеек`);
    }
  }
}

/**
 * Inflates every entry within the limit of uncompressed bytes and scans each XML part as it is
 * inflated (scan.ts), to refuse a zip bomb, a huge sheet or a part that would make the parser
 * build too much before the parser sees it. Nothing is kept but the workbook's list of sheets.
 */
async function checkContents(zip: JSZip, limits: ImportLimits): Promise<void> {
  const budget = { left: limits.maxUncompressedBytes };
  const sheetParts = Object.keys(zip.files).filter((n) => partKind(n) === "sheet");
  if (sheetParts.length > limits.maxSheets)
    throw fileIssue(`В книге слишком много листов: ${sheetParts.length} (не более ${limits.maxSheets})`);
  const totals: ScanTotals = newTotals();
  const text = async (name: string) => {
    const f = zip.file(name);
    if (!f) return "";
    const scanner = new XmlPartScanner(name, "other", "", limits, totals);
    return Buffer.concat(await inflateCapped(f, budget, limits, scanner)).toString("utf8");
  };
  const workbookXml = await text("xl/workbook.xml");
  checkDefinedNames(workbookXml, limits);
  const names = sheetNamesOf(workbookXml, await text("xl/_rels/workbook.xml.rels"));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || entry.name === "xl/workbook.xml" || entry.name === "xl/_rels/workbook.xml.rels") continue;
    const xml = /\.(xml|rels|vml)$/i.test(entry.name);
    const kind = partKind(entry.name);
    const scanner = xml
      ? new XmlPartScanner(entry.name, kind, names.get(entry.name) ?? entry.name.replace(/^.*\//, ""), limits, totals)
      : undefined;
    await inflateCapped(entry, budget, limits, scanner, false);
  }
}

/** The text of a part of the package (inflated within the budget; the scan has already passed it), or "". */
async function partText(zip: JSZip, name: string, budget: { left: number }, limits: ImportLimits): Promise<string> {
  const f = zip.file(name);
  if (!f) return "";
  return Buffer.concat(await inflateCapped(f, budget, limits)).toString("utf8");
}

/**
 * Reads the sheets of an XLSX within the limits: the container and every part checked first
 * (checkXlsxContainer, checkContents), then the cells read straight from the sheets' XML
 * (sheet-reader.ts), one sheet at a time — exceljs's model of the workbook is not built.
 */
export async function readWorkbook(buf: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<SheetRead[]> {
  const zip = await checkXlsxContainer(buf, limits);
  await checkContents(zip, limits);
  const budget = { left: limits.maxUncompressedBytes };
  const { sheets, date1904 } = workbookOf(
    await partText(zip, "xl/workbook.xml", budget, limits),
    await partText(zip, "xl/_rels/workbook.xml.rels", budget, limits),
  );
  const styles: CellStyles = {
    sharedStrings: sharedStringsOf(await partText(zip, "xl/sharedStrings.xml", budget, limits)),
    dateStyles: dateStylesOf(await partText(zip, "xl/styles.xml", budget, limits)),
    date1904,
  };
  const out: SheetRead[] = [];
  for (const s of sheets) {
    if (!zip.file(s.path)) continue;
    out.push({ name: s.name, rows: sheetRowsOf(await partText(zip, s.path, budget, limits), styles) });
  }
  return out;
}

/** Column letters of a 0-based column index. */
export function columnLetter(c: number): string {
  let s = "";
  for (let x = c + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
