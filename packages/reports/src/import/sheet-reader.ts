/**
 * Reading the cells of an XLSX's parts without building exceljs's model of the workbook (issue 16,
 * part 7): the workbook's list of sheets, the shared strings, the number formats of the cell
 * styles and each sheet's cells, read straight from their XML into the grids of plain values the
 * import needs — one sheet at a time, its text dropped once its grid is built. The values are
 * those exceljs gave (and `plain()` made of them): shared and inline strings (the `_xHHHH_`
 * escapes of shared strings undone), numbers, booleans, a number in a date format as its ISO date,
 * a formula's cached result, an error as an empty cell, the other cells of a merged range empty.
 * The parts have been checked by the scan (scan.ts) before they get here; whatever else is
 * malformed is read leniently, never with an exception.
 */
import type { CellRead } from "./workbook.ts";

const ENTITY = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;

function entity(_m: string, e: string): string {
  switch (e) {
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "amp":
      return "&";
    case "quot":
      return '"';
    case "apos":
      return "'";
    default: {
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0x10ffff ? "\ufffd" : String.fromCodePoint(code);
    }
  }
}

/** The text of XML character data, its entities decoded. */
export const decodeXml = (s: string): string => (s.includes("&") ? s.replace(ENTITY, entity) : s);

/** OOXML's escapes of characters XML cannot carry (`_x000D_`), undone as exceljs undoes them in shared strings. */
const unescapeXstring = (s: string): string =>
  s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;

/**
 * Calls `onTag` for each element's start or end and `onText` for the character data between them
 * (CDATA as it is, comments and processing instructions skipped). A name loses its namespace prefix.
 */
function walk(
  xml: string,
  onTag: (name: string, closing: boolean, selfClosing: boolean, attrs: string) => void,
  onText: (text: string) => void,
): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      onText(decodeXml(xml.slice(i)));
      return;
    }
    if (lt > i) onText(decodeXml(xml.slice(i, lt)));
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      onText(xml.slice(lt + 9, end < 0 ? n : end));
      i = end < 0 ? n : end + 3;
      continue;
    }
    // the end of the tag: the first ">" outside a quoted attribute
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const ch = xml.charCodeAt(j);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 0x22 || ch === 0x27) quote = ch;
      else if (ch === 0x3e) break;
    }
    if (j >= n) return;
    i = j + 1;
    const first = xml.charCodeAt(lt + 1);
    if (first === 0x3f /* ? */ || first === 0x21 /* ! */) continue;
    const closing = first === 0x2f;
    let end = j;
    const selfClosing = !closing && xml.charCodeAt(j - 1) === 0x2f;
    if (selfClosing) end--;
    let s = closing ? lt + 2 : lt + 1;
    let e = s;
    let colon = -1;
    while (e < end) {
      const ch = xml.charCodeAt(e);
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || ch === 0x2f) break;
      if (ch === 0x3a /* : */) colon = e;
      e++;
    }
    if (colon >= 0) s = colon + 1;
    onTag(xml.slice(s, e), closing, selfClosing, xml.slice(e, end));
  }
}

const attrRes = new Map<string, RegExp>();
/** An attribute's decoded value, or null. */
export function attrOf(attrs: string, name: string): string | null {
  let re = attrRes.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrRes.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2] ?? "") : null;
}

export interface WorkbookSheet {
  name: string;
  /** The path of its part in the package ("xl/worksheets/sheet1.xml"). */
  path: string;
  sheetId: number;
}

/** The sheets of the workbook (in the order of their ids, as exceljs gave them) and its date system. */
export function workbookOf(workbookXml: string, relsXml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
  const targets = new Map<string, string>();
  walk(
    relsXml,
    (name, closing, _self, attrs) => {
      if (closing || name !== "Relationship") return;
      const id = attrOf(attrs, "Id");
      const target = attrOf(attrs, "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    },
    () => {},
  );
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  walk(
    workbookXml,
    (name, closing, _self, attrs) => {
      if (closing) return;
      if (name === "workbookPr") {
        const d = attrOf(attrs, "date1904");
        date1904 = d === "1" || d === "true";
      } else if (name === "sheet") {
        const sheetName = attrOf(attrs, "name");
        const id = attrOf(attrs, "r:id") ?? attrOf(attrs, "id");
        const path = id ? targets.get(id) : undefined;
        if (sheetName !== null && path) sheets.push({ name: sheetName, path, sheetId: Number(attrOf(attrs, "sheetId")) || 0 });
      }
    },
    () => {},
  );
  // exceljs listed the sheets by their ids
  const order = sheets.map((s, i) => ({ s, i }));
  order.sort((a, b) => a.s.sheetId - b.s.sheetId || a.i - b.i);
  return { sheets: order.map((x) => x.s), date1904 };
}

/** The built-in number formats that exceljs reads as dates. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A number format that shows a date or a time (exceljs's test: a date letter outside quotes and brackets). */
const isDateFormat = (f: string) => /[ymdhMsb]+/.test(f.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** For each cell style (the `s` of a cell), whether it shows a number as a date. */
export function dateStylesOf(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  let inCellXfs = false;
  walk(
    stylesXml,
    (name, closing, self, attrs) => {
      if (name === "cellXfs") {
        inCellXfs = !closing && !self;
        return;
      }
      if (closing) return;
      if (name === "numFmt") {
        const id = Number(attrOf(attrs, "numFmtId"));
        const code = attrOf(attrs, "formatCode");
        if (Number.isInteger(id) && code !== null) custom.set(id, code);
      } else if (name === "xf" && inCellXfs) {
        const id = Number(attrOf(attrs, "numFmtId") ?? "0");
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    () => {},
  );
  return out;
}

/** The shared strings table: each entry's text (the runs of a rich text joined, phonetic runs left out). */
export function sharedStringsOf(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let phonetic = 0;
  let inT = false;
  let si = "";
  let t = "";
  walk(
    xml,
    (name, closing, self, _attrs) => {
      if (name === "si") {
        if (closing) {
          out.push(si);
          inSi = false;
        } else if (self) out.push("");
        else {
          inSi = true;
          si = "";
        }
      } else if (name === "rPh") {
        if (!self) phonetic += closing ? -1 : 1;
      } else if (name === "t" && inSi && !phonetic) {
        if (closing) {
          if (inT) si += unescapeXstring(t);
          inT = false;
        } else if (!self) {
          inT = true;
          t = "";
        }
      }
    },
    (text) => {
      if (inT) t += text;
    },
  );
  return out;
}

/** The attributes of a tag: name (with its prefix, if any) and value in either quotes. */
const CELL_ATTRS = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Column number (1-based) and row of a cell address ("AB12"), or null. */
function addressOf(a: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

export interface CellStyles {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

function excelDate(v: number, date1904: boolean): string | null {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));
  return isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/**
 * The rows of a sheet part: rows[r][c] from 0, a row missing from the part an empty array, a row
 * as long as its last cell with a value.
 */
export function sheetRowsOf(xml: string, st: CellStyles): CellRead[][] {
  const rows: (CellRead | undefined)[][] = [];
  const merges: string[] = [];
  let inSheetData = false;
  let rowNum = 0;
  let row: (CellRead | undefined)[] | null = null;
  let col = 0;
  // the cell being read
  let inCell = false;
  let type: string | null = null;
  let style = -1;
  let formula = false;
  let value: string | null = null;
  let capture = false;
  let inInline = false;
  let phonetic = 0;

  const endCell = () => {
    inCell = false;
    if (value === null || !row) return;
    const isDate = style >= 0 && st.dateStyles[style] === true;
    let v: CellRead;
    if (formula) {
      if (type === "str") v = value;
      else if (type === "b") v = parseInt(value, 10) !== 0;
      else if (type === "e") v = null;
      else {
        const x = parseFloat(value);
        v = isDate ? excelDate(x, st.date1904) : x;
      }
    } else {
      switch (type) {
        case "s": {
          const s = st.sharedStrings[parseInt(value, 10)];
          v = s === undefined ? null : s;
          break;
        }
        case "str":
        case "inlineStr":
          v = value;
          break;
        case "b":
          v = parseInt(value, 10) !== 0;
          break;
        case "e":
          v = null;
          break;
        case "d":
          // an ISO 8601 date cell (exceljs read it as a number: its year)
          v = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? value.trim().slice(0, 10) : null;
          break;
        default: {
          const x = parseFloat(value);
          v = isDate ? excelDate(x, st.date1904) : x;
        }
      }
    }
    if (col >= 1) row[col - 1] = v;
  };

  walk(
    xml,
    (name, closing, self, attrs) => {
      switch (name) {
        case "sheetData":
          inSheetData = !closing && !self;
          return;
        case "row": {
          if (!inSheetData || closing) return;
          const r = attrOf(attrs, "r");
          const n = r === null ? rowNum + 1 : Number(r);
          rowNum = Number.isInteger(n) && n >= 1 ? n : rowNum + 1;
          row = rows[rowNum - 1] ?? [];
          rows[rowNum - 1] = row;
          col = 0;
          return;
        }
        case "c": {
          if (!inSheetData) return;
          if (closing) {
            if (inCell) endCell();
            return;
          }
          // the cell's address, type and style in one pass over its attributes
          let r: string | null = null;
          let s: string | null = null;
          type = null;
          CELL_ATTRS.lastIndex = 0;
          for (let m = CELL_ATTRS.exec(attrs); m; m = CELL_ATTRS.exec(attrs)) {
            const v = decodeXml(m[2] ?? m[3] ?? "");
            if (m[1] === "r") r = v;
            else if (m[1] === "t") type = v;
            else if (m[1] === "s") s = v;
          }
          const a = r === null ? null : addressOf(r);
          col = a ? a.col : col + 1;
          style = s === null ? -1 : parseInt(s, 10);
          formula = false;
          value = null;
          capture = false;
          inInline = false;
          phonetic = 0;
          inCell = !self;
          return;
        }
        case "f":
          if (inCell && !closing) formula = true;
          return;
        case "v":
          if (!inCell || self) return;
          capture = !closing;
          if (!closing) value = value ?? "";
          return;
        case "is":
          if (inCell) inInline = !closing && !self;
          return;
        case "rPh":
          if (inInline && !self) phonetic += closing ? -1 : 1;
          return;
        case "t":
          if (!inInline || phonetic || self) return;
          capture = !closing;
          if (!closing) value = value ?? "";
          return;
        case "mergeCell": {
          if (closing) return;
          const ref = attrOf(attrs, "ref");
          if (ref) merges.push(ref);
          return;
        }
        default:
          return;
      }
    },
    (text) => {
      if (capture) value += text;
    },
  );
  // the other cells of a merged range are empty (exceljs kept only the master's value)
  for (const ref of merges) {
    const [a, b] = ref.split(":");
    const p = a ? addressOf(a) : null;
    const q = b ? addressOf(b) : p;
    if (!p || !q) continue;
    const [top, bottom] = [Math.min(p.row, q.row), Math.max(p.row, q.row)];
    const [left, right] = [Math.min(p.col, q.col), Math.max(p.col, q.col)];
    for (let r = top; r <= bottom && r <= rows.length; r++) {
      const cells = rows[r - 1];
      if (!cells) continue;
      for (let c = left; c <= right && c <= cells.length; c++) if (r !== top || c !== left) cells[c - 1] = undefined;
    }
  }
  const out: CellRead[][] = new Array<CellRead[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) {
      out[r] = [];
      continue;
    }
    let len = cells.length;
    while (len > 0 && cells[len - 1] === undefined) len--;
    const dense: CellRead[] = new Array<CellRead>(len);
    for (let c = 0; c < len; c++) dense[c] = cells[c] ?? null;
    out[r] = dense;
  }
  return out;
}
