/**
 * A streaming scan of the XML parts of an uploaded workbook, fed chunk by chunk as the zip entry
 * is inflated, that refuses a part as soon as it declares or holds more than a workbook may —
 * before exceljs builds anything from it. exceljs builds an object for every position a sheet
 * names: every column up to the farthest cell or `<col max>`, every cell of a merged range or of a
 * data validation's range, every row up to the last row number. A few kilobytes of XML can name
 * billions of them, so the numbers are counted here from what the XML says, not from what the
 * file claims about itself (`<dimension>`, `count`).
 */

export interface ScanLimits {
  /** Columns of a sheet: the farthest cell, `<col max>`, merged and validated ranges. */
  maxColumns: number;
  /** Rows of one sheet (their count and the highest row number). */
  maxRowsPerSheet: number;
  /** Rows of all sheets together. */
  maxRows: number;
  /** Columns all sheets together describe (exceljs builds each up to the last one a sheet names, at most 16 384 a sheet). */
  maxColumnObjects: number;
  /** Cell positions one sheet builds: each row up to its last cell, plus merged and validated ranges. */
  maxCellsPerSheet: number;
  /** Cell positions of all sheets together. */
  maxCells: number;
  /** Entries of the shared strings table. */
  maxSharedStrings: number;
  /** Entries of each table of the styles part (cell formats, fonts, fills, borders, number formats). */
  maxStyles: number;
  /** Nesting of XML elements. */
  maxXmlDepth: number;
  /** Bytes of one text between tags (a cell's text; Excel's own limit is 32 767 characters). */
  maxTextBytes: number;
  /** Bytes of one tag with its attributes. */
  maxTagBytes: number;
  /** XML elements of all parts together. */
  maxXmlElements: number;
}

/** Where the scan stopped and why. */
export interface ScanProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export class ScanError extends Error {
  constructor(readonly problem: ScanProblem) {
    super(problem.reason);
    this.name = "ScanError";
  }
}

/** Totals over all parts of one workbook. */
export interface ScanTotals {
  rows: number;
  columns: number;
  cells: number;
  elements: number;
}

export const newTotals = (): ScanTotals => ({ rows: 0, columns: 0, cells: 0, elements: 0 });

const EXCEL_MAX_COLUMNS = 16_384;

/** Column letters of a 1-based column number. */
function letters(col: number): string {
  let s = "";
  for (let x = col; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A cell address as exceljs reads it: column letters and a row number ("XFD12"), or null. */
function parseAddress(a: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(a);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** A range ("A1:C3", or one cell "B2") as its corners, or null. */
function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b, extra] = ref.split(":");
  if (extra !== undefined || !a) return null;
  const p = parseAddress(a);
  const q = b === undefined ? p : parseAddress(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

const ATTR = (name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
const ATTR_R = ATTR("r");
const ATTR_REF = ATTR("ref");
const ATTR_SQREF = ATTR("sqref");
const ATTR_MIN = ATTR("min");
const ATTR_MAX = ATTR("max");
const attr = (re: RegExp, tag: string): string | null => {
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2] ?? "") : null;
};

/** The tables of the styles part whose entries are counted, by the element of one entry and its table. */
const STYLE_ENTRIES: Record<string, string> = {
  xf: "форматов ячеек",
  font: "шрифтов",
  fill: "заливок",
  border: "границ",
  numFmt: "числовых форматов",
  dxf: "условных форматов",
};

const enum State {
  Text,
  Tag,
  Comment,
  Cdata,
  Pi,
}

export type PartKind = "sheet" | "sharedStrings" | "styles" | "other";

/** The kind of a part of the package by its path. */
export function partKind(path: string): PartKind {
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) return "sheet";
  if (path === "xl/sharedStrings.xml") return "sharedStrings";
  if (path === "xl/styles.xml") return "styles";
  return "other";
}

/**
 * Scans one XML part. `feed` takes the inflated bytes as they come and throws a ScanError at the
 * first limit exceeded; `end` checks what can only be known at the end.
 */
export class XmlPartScanner {
  private state = State.Text;
  private text = 0;
  /** The bytes of the tag being read (without "<" and ">"), and how many. */
  private readonly tag: Buffer;
  private tagLen = 0;
  private quote = 0;
  /** The last bytes seen, to find the end of a comment, a CDATA section or a processing instruction. */
  private tail = 0;
  private depth = 0;
  // a sheet
  private rows = 0;
  private lastRow = 0;
  private rowMaxCol = 0;
  private lastCol = 0;
  private gridCells = 0;
  private columns = 0;
  private rangeCells = 0;
  private inSheetData = false;
  // the shared strings and the styles
  private strings = 0;
  private readonly styleCounts = new Map<string, number>();
  private stylesTable: string | null = null;

  constructor(
    private readonly path: string,
    private readonly kind: PartKind,
    /** The sheet's name as the workbook shows it (for the messages). */
    private readonly sheet: string,
    private readonly limits: ScanLimits,
    private readonly totals: ScanTotals,
  ) {
    this.tag = Buffer.allocUnsafe(limits.maxTagBytes);
  }

  private fail(reason: string, row = 0, column = ""): never {
    throw new ScanError({
      sheet: this.kind === "sheet" ? this.sheet : "",
      row,
      column,
      reason: this.kind === "sheet" ? reason : `${this.path}: ${reason}`,
    });
  }

  feed(chunk: Uint8Array): void {
    const L = this.limits;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Text: {
          // the text runs to the next "<": skipped at once
          let lt = chunk.indexOf(0x3c, i);
          if (lt < 0) lt = n;
          this.text += lt - i;
          if (this.text > L.maxTextBytes) this.fail(`текст длиннее ${L.maxTextBytes} байт`, this.kind === "sheet" ? this.lastRow : 0);
          i = lt;
          if (lt < n) {
            this.state = State.Tag;
            this.tagLen = 0;
            this.quote = 0;
            this.text = 0;
          }
          break;
        }
        case State.Tag:
          if (this.quote) {
            if (b === this.quote) this.quote = 0;
          } else if (b === 0x22 || b === 0x27) {
            this.quote = b;
          } else if (b === 0x3e /* > */) {
            this.state = State.Text;
            this.onTag();
            break;
          }
          if (this.tagLen >= L.maxTagBytes) this.fail(`тег длиннее ${L.maxTagBytes} байт`, this.kind === "sheet" ? this.lastRow : 0);
          this.tag[this.tagLen++] = b;
          if (this.tagLen > 8 || (this.tag[0] !== 0x21 && this.tag[0] !== 0x3f)) break;
          // a comment, a CDATA section or a processing instruction ends otherwise than a tag
          if (this.tagLen === 3 && this.tag[0] === 0x21 && this.tag[1] === 0x2d && this.tag[2] === 0x2d) {
            this.state = State.Comment;
            this.tail = 0;
          } else if (this.tagLen === 8 && this.tag.toString("latin1", 0, 8) === "![CDATA[") {
            this.state = State.Cdata;
            this.tail = 0;
            this.text = 0;
          } else if (this.tagLen === 1 && b === 0x3f /* ? */) {
            this.state = State.Pi;
            this.tail = 0;
          } else if (this.tagLen === 2 && this.tag[0] === 0x21 && b !== 0x2d && b !== 0x5b) {
            // <!DOCTYPE, <!ENTITY: a workbook has none, and entities are how an XML bomb is made
            this.fail("объявления DTD (<!DOCTYPE>, <!ENTITY>) не допускаются");
          }
          break;
        case State.Comment:
          // ends at "-->"
          this.tail = ((this.tail << 8) | b) & 0xffffff;
          if (this.tail === 0x2d2d3e) this.state = State.Text;
          break;
        case State.Cdata:
          this.tail = ((this.tail << 8) | b) & 0xffffff;
          if (this.tail === 0x5d5d3e /* ]]> */) {
            this.state = State.Text;
            this.text = 0;
          } else if (++this.text > L.maxTextBytes)
            this.fail(`текст длиннее ${L.maxTextBytes} байт`, this.kind === "sheet" ? this.lastRow : 0);
          break;
        case State.Pi:
          this.tail = ((this.tail << 8) | b) & 0xffff;
          if (this.tail === 0x3f3e /* ?> */) this.state = State.Text;
          break;
      }
    }
  }

  end(): void {
    if (this.state !== State.Text) this.fail("XML обрывается внутри тега");
    if (this.kind === "sheet") this.endRow();
  }

  private onTag(): void {
    const t = this.tag;
    const len = this.tagLen;
    if (len === 0) this.fail("пустой тег");
    const closing = t[0] === 0x2f; /* / */
    let j = len - 1;
    while (j > 0 && (t[j] === 0x20 || t[j] === 0x0a || t[j] === 0x0d || t[j] === 0x09)) j--;
    const selfClosing = !closing && t[j] === 0x2f;
    // the name, without a namespace prefix
    const s = closing ? 1 : 0;
    let e = s;
    while (e < len && t[e] !== 0x20 && t[e] !== 0x2f && t[e] !== 0x0a && t[e] !== 0x0d && t[e] !== 0x09) e++;
    let name = t.toString("latin1", s, Math.min(e, s + 64));
    const colon = name.indexOf(":");
    if (colon >= 0) name = name.slice(colon + 1);
    if (closing) {
      this.depth--;
      if (this.kind === "sheet" && name === "sheetData") this.inSheetData = false;
      if (this.kind === "styles" && this.stylesTable && name === this.stylesTable) this.stylesTable = null;
      return;
    }
    if (++this.totals.elements > this.limits.maxXmlElements) this.fail(`в книге больше ${this.limits.maxXmlElements} элементов XML`);
    if (!selfClosing && ++this.depth > this.limits.maxXmlDepth)
      this.fail(`вложенность XML глубже ${this.limits.maxXmlDepth}`, this.kind === "sheet" ? this.lastRow : 0);
    if (this.kind === "sheet") this.onSheetTag(name, () => t.toString("latin1", e, len), selfClosing);
    else if (this.kind === "sharedStrings") {
      if (name === "si" && ++this.strings > this.limits.maxSharedStrings)
        this.fail(`в таблице строк больше ${this.limits.maxSharedStrings} строк`);
    } else if (this.kind === "styles") {
      if (["cellXfs", "cellStyleXfs", "fonts", "fills", "borders", "numFmts", "dxfs"].includes(name) && !selfClosing)
        this.stylesTable = name;
      const what = STYLE_ENTRIES[name];
      if (what && this.stylesTable) {
        const key = `${this.stylesTable}/${name}`;
        const n = (this.styleCounts.get(key) ?? 0) + 1;
        this.styleCounts.set(key, n);
        if (n > this.limits.maxStyles) this.fail(`в стилях больше ${this.limits.maxStyles} ${what}`);
      }
    }
  }

  /** Columns exceljs builds for the sheet: up to the farthest one it names. */
  private extendColumns(col: number): void {
    if (col <= this.columns) return;
    this.totals.columns += col - this.columns;
    this.columns = col;
    if (this.totals.columns > this.limits.maxColumnObjects)
      this.fail(`в книге описано больше ${this.limits.maxColumnObjects} столбцов (по всем листам)`);
  }

  private endRow(): void {
    this.rowMaxCol = 0;
    this.lastCol = 0;
  }

  private addRange(ref: string, what: string): void {
    const L = this.limits;
    for (const one of ref.trim().split(/\s+/)) {
      if (!one) continue;
      const r = parseRange(one);
      if (!r) this.fail(`${what}: неверный диапазон «${one.slice(0, 40)}»`);
      if (r.right > L.maxColumns) this.fail(`${what} ${one} заходит за столбец ${letters(L.maxColumns)}`, r.top, letters(r.right));
      if (r.bottom > L.maxRowsPerSheet) this.fail(`${what} ${one} заходит за строку ${L.maxRowsPerSheet}`, r.bottom);
      const area = (r.bottom - r.top + 1) * (r.right - r.left + 1);
      this.rangeCells += area;
      this.totals.cells += area;
      this.checkCells(r.top, letters(r.left));
    }
  }

  private checkCells(row: number, column: string): void {
    const L = this.limits;
    if (this.gridCells + this.rangeCells > L.maxCellsPerSheet)
      this.fail(`на листе больше ${L.maxCellsPerSheet} ячеек (считая пустые до последней ячейки строки и объединенные)`, row, column);
    if (this.totals.cells > L.maxCells)
      this.fail(`в книге больше ${L.maxCells} ячеек (считая пустые до последней ячейки строки и объединенные)`, row, column);
  }

  private onSheetTag(name: string, attrs: () => string, selfClosing: boolean): void {
    const L = this.limits;
    switch (name) {
      case "sheetData":
        this.inSheetData = !selfClosing;
        return;
      case "row": {
        if (!this.inSheetData) return;
        this.endRow();
        const r = attr(ATTR_R, attrs());
        const n = r === null ? this.lastRow + 1 : /^\d{1,7}$/.test(r) ? Number(r) : NaN;
        if (!Number.isInteger(n) || n < 1) this.fail(`неверный номер строки «${String(r).slice(0, 20)}»`, this.lastRow);
        this.lastRow = n;
        this.rows++;
        this.totals.rows++;
        if (n > L.maxRowsPerSheet || this.rows > L.maxRowsPerSheet)
          this.fail(`На листе слишком много строк: больше ${L.maxRowsPerSheet}`, n);
        if (this.totals.rows > L.maxRows) this.fail(`В книге слишком много строк: больше ${L.maxRows}`, n);
        return;
      }
      case "c": {
        if (!this.inSheetData) return;
        const r = attr(ATTR_R, attrs());
        let col: number;
        if (r === null) col = this.lastCol + 1;
        else {
          const a = parseAddress(r);
          if (!a) this.fail(`неверный адрес ячейки «${r.slice(0, 20)}»`, this.lastRow);
          col = a.col;
        }
        this.lastCol = col;
        this.extendColumns(col);
        if (col > L.maxColumns)
          this.fail(
            `ячейка в столбце ${letters(col)}: столбцов не более ${L.maxColumns} (до ${letters(L.maxColumns)})`,
            this.lastRow,
            letters(col),
          );
        if (col > this.rowMaxCol) {
          this.gridCells += col - this.rowMaxCol;
          this.totals.cells += col - this.rowMaxCol;
          this.rowMaxCol = col;
          this.checkCells(this.lastRow, letters(col));
        }
        return;
      }
      case "col": {
        const a = attrs();
        const min = Number(attr(ATTR_MIN, a) ?? "1");
        const max = Number(attr(ATTR_MAX, a) ?? String(min));
        if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min)
          this.fail(`неверное описание столбцов min=${String(min).slice(0, 10)} max=${String(max).slice(0, 10)}`);
        // exceljs builds a column object for each column up to the last a <col> names. Excel itself
        // writes max="16384" for a style given to a whole sheet, so such a range is not refused but
        // its columns are counted (they cost a little memory each, against the workbook's total)
        if (max > EXCEL_MAX_COLUMNS) this.fail(`описание столбцов до столбца ${max}: в Excel их не более ${EXCEL_MAX_COLUMNS}`);
        this.extendColumns(max);
        return;
      }
      case "mergeCell": {
        const ref = attr(ATTR_REF, attrs());
        if (ref !== null) this.addRange(ref, "объединение ячеек");
        return;
      }
      case "dataValidation": {
        const ref = attr(ATTR_SQREF, attrs());
        if (ref !== null) this.addRange(ref, "проверка данных");
        return;
      }
      default:
        return;
    }
  }
}
