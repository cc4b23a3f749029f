/**
 * A FormDocument as a PDF (pdfkit) with the DejaVu fonts embedded (Cyrillic). Tables are drawn
 * cell by cell; a body row never splits across pages (nor do rows joined by a merged cell), and
 * the header rows of a table are drawn again at the top of every page it continues on. A section's
 * chart is drawn under its table with vector graphics.
 */
import PDFDocument from "pdfkit";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  layout,
  displayText,
  type BarChart,
  type Cell,
  type FormDocument,
  type HeaderCell,
  type Placed,
  type TableSection,
} from "../forms/model.ts";

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
export const FONTS = {
  regular: join(FONT_DIR, "DejaVuSansCondensed.ttf"),
  bold: join(FONT_DIR, "DejaVuSansCondensed-Bold.ttf"),
};

const MARGIN = 36; // 0.5 inch
const PAD = 2.5;

type Doc = PDFKit.PDFDocument;

/** The text of a cell as PDF lines: line breaks of any kind become new lines, tabs spaces. */
const textOf = (c: Cell | HeaderCell) =>
  displayText(c)
    .replace(/\r\n|\r/g, "\n")
    .replace(/\t/g, "    ");
type AnyCell = Cell | HeaderCell;

interface Grid {
  placed: Placed<AnyCell>[][];
  heights: number[];
}

function fontFor(doc: Doc, c: AnyCell, isHeader: boolean) {
  doc.font(isHeader || c.bold ? "bold" : "regular");
}

function cellWidth(widths: number[], p: Placed<AnyCell>): number {
  let w = 0;
  for (let i = 0; i < p.colSpan; i++) w += widths[p.col + i] ?? 0;
  return w;
}

function measure(doc: Doc, rows: AnyCell[][], width: number, widths: number[], size: number, isHeader: boolean): Grid {
  const placed = layout(rows, width);
  const heights = rows.map(() => size + 2 * PAD);
  doc.fontSize(size);
  const need = (p: Placed<AnyCell>) => {
    fontFor(doc, p.cell, isHeader);
    const t = textOf(p.cell);
    const indent = (p.cell.indent ?? 0) * 6;
    return (t ? doc.heightOfString(t, { width: Math.max(4, cellWidth(widths, p) - 2 * PAD - indent) }) : size) + 2 * PAD;
  };
  for (const row of placed) for (const p of row) if (p.rowSpan === 1) heights[p.row] = Math.max(heights[p.row]!, need(p));
  for (const row of placed) {
    for (const p of row) {
      if (p.rowSpan === 1) continue;
      let h = 0;
      for (let r = p.row; r < p.row + p.rowSpan; r++) h += heights[r]!;
      const n = need(p);
      if (n > h) heights[p.row + p.rowSpan - 1]! += n - h;
    }
  }
  return { placed, heights };
}

function drawRows(
  doc: Doc,
  grid: Grid,
  from: number,
  to: number,
  x0: number,
  y0: number,
  widths: number[],
  size: number,
  isHeader: boolean,
): number {
  const xs: number[] = [x0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const ys: number[] = [y0];
  for (let r = from; r < to; r++) ys.push(ys[ys.length - 1]! + grid.heights[r]!);
  doc.fontSize(size).lineWidth(0.5);
  for (let r = from; r < to; r++) {
    for (const p of grid.placed[r]!) {
      const x = xs[p.col]!;
      const y = ys[p.row - from]!;
      const w = cellWidth(widths, p);
      let h = 0;
      for (let k = p.row; k < p.row + p.rowSpan; k++) h += grid.heights[k]!;
      doc.rect(x, y, w, h).stroke();
      const t = textOf(p.cell);
      if (!t) continue;
      fontFor(doc, p.cell, isHeader);
      const numeric = "kind" in p.cell && ["number", "money", "sum", "ratio"].includes(p.cell.kind);
      const indent = (p.cell.indent ?? 0) * 6;
      doc.text(t, x + PAD + indent, y + PAD, {
        width: Math.max(4, w - 2 * PAD - indent),
        height: Math.max(size, h - 2 * PAD + 1),
        align: p.cell.align ?? (isHeader ? "center" : numeric ? "right" : "left"),
        lineBreak: true,
      });
    }
  }
  return ys[ys.length - 1]!;
}

/** Groups body rows that a merged cell joins, so that a group is never split across pages. */
function blocks(grid: Grid): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (let r = 0; r < grid.placed.length; r++) {
    for (const p of grid.placed[r]!) end = Math.max(end, p.row + p.rowSpan);
    if (r + 1 >= end) {
      out.push([start, r + 1]);
      start = r + 1;
      end = r + 1;
    }
  }
  return out;
}

function drawTable(doc: Doc, s: TableSection, size: number): void {
  const left = doc.page.margins.left;
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = s.columns.reduce((a, b) => a + b, 0);
  const widths = s.columns.map((w) => (w / total) * available);
  const headRows: AnyCell[][] = [...s.header];
  if (s.numbered) headRows.push(s.columns.map((_, i) => ({ text: String(i + 1), align: "center" as const })));
  const head = measure(doc, headRows, s.columns.length, widths, size - 0.5, true);
  const body = measure(doc, s.body, s.columns.length, widths, size, false);
  const headHeight = head.heights.reduce((a, b) => a + b, 0);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const drawHead = () => {
    doc.y = drawRows(doc, head, 0, headRows.length, left, doc.y, widths, size - 0.5, true);
  };
  const firstBlock = blocks(body)[0];
  const firstHeight = firstBlock ? body.heights.slice(firstBlock[0], firstBlock[1]).reduce((a, b) => a + b, 0) : 0;
  if (doc.y + headHeight + firstHeight > bottom()) doc.addPage();
  if (headRows.length) drawHead();
  for (const [a, b] of blocks(body)) {
    const h = body.heights.slice(a, b).reduce((x, y) => x + y, 0);
    if (doc.y + h > bottom() && doc.y > doc.page.margins.top + headHeight + 1) {
      doc.addPage();
      if (headRows.length) drawHead();
    }
    doc.y = drawRows(doc, body, a, b, left, doc.y, widths, size, false);
  }
  doc.x = left;
}

function paragraph(doc: Doc, raw: string, opts: { bold?: boolean; size: number; align: "left" | "center" | "right" }) {
  const t = raw.replace(/\r\n|\r/g, "\n").replace(/\t/g, "    ");
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(opts.bold ? "bold" : "regular").fontSize(opts.size);
  if (doc.y + doc.heightOfString(t, { width }) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.text(t, doc.page.margins.left, doc.y, { width, align: opts.align });
}

/** The geometry of a bar chart: heights of its parts (points), shared by the drawing and the page break. */
const CHART = { title: 16, legend: 14, bar: 8, inGroup: 1.5, group: 7, bottom: 6 };
const chartHeight = (c: BarChart) =>
  CHART.title + CHART.legend + c.categories.length * (c.series.length * (CHART.bar + CHART.inGroup) + CHART.group) + CHART.bottom;

/** A section's chart drawn with vector graphics: horizontal bars per category, the value at each bar's end. */
function drawChart(doc: Doc, c: BarChart): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (doc.y + chartHeight(c) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  const labelW = width * 0.36;
  const plotX = left + labelW + 6;
  const plotW = width - labelW - 6 - 44;
  const max = Math.max(1, ...c.series.flatMap((x) => x.values));
  doc.font("bold").fontSize(9).fillColor("#000000").text(c.title, left, top, { width, align: "center" });
  let y = top + CHART.title;
  // the legend
  let lx = plotX;
  doc.font("regular").fontSize(7.5);
  for (const x of c.series) {
    doc.rect(lx, y + 1, 9, 7).fill(x.color);
    doc.fillColor("#000000").text(x.name, lx + 12, y, { lineBreak: false });
    lx += 12 + doc.widthOfString(x.name) + 14;
  }
  y += CHART.legend;
  const groupH = c.series.length * (CHART.bar + CHART.inGroup);
  c.categories.forEach((cat, i) => {
    doc.font("regular").fontSize(7).fillColor("#000000");
    doc.text(cat, left, y + groupH / 2 - 4, { width: labelW, align: "right", height: 9, ellipsis: true, lineBreak: false });
    c.series.forEach((x, k) => {
      const v = x.values[i] ?? 0;
      const by = y + k * (CHART.bar + CHART.inGroup);
      const w = (v / max) * plotW;
      if (w > 0) doc.rect(plotX, by, w, CHART.bar).fill(x.color);
      doc
        .fillColor("#000000")
        .fontSize(6.5)
        .text(new Intl.NumberFormat("ru-RU").format(v), plotX + w + 3, by + 0.5, { lineBreak: false });
    });
    y += groupH + CHART.group;
  });
  doc
    .moveTo(plotX, top + CHART.title + CHART.legend - 2)
    .lineTo(plotX, y - CHART.group + 2)
    .lineWidth(0.5)
    .stroke("#000000");
  doc.fillColor("#000000");
  doc.x = left;
  doc.y = y + CHART.bottom;
}

export async function renderPdf(doc: FormDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    layout: doc.landscape ? "landscape" : "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: doc.title.slice(1).join(" "), Creator: "Orientir", Producer: "Orientir" },
    autoFirstPage: true,
  });
  pdf.registerFont("regular", FONTS.regular);
  pdf.registerFont("bold", FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on("end", () => resolve());
    pdf.on("error", reject);
  });
  const maxCols = Math.max(1, ...doc.sections.map((s) => s.columns.length));
  const size = maxCols > 14 ? 6.5 : maxCols > 9 ? 7.5 : 8.5;
  doc.title.forEach((t, i) => paragraph(pdf, t, { bold: i > 0, size: i === 0 ? 7.5 : 11, align: i === 0 ? "right" : "center" }));
  for (const t of doc.info ?? []) paragraph(pdf, t, { size: 9.5, align: "left" });
  for (const s of doc.sections) {
    pdf.moveDown(0.6);
    for (const t of s.title ?? []) paragraph(pdf, t, { bold: true, size: 9.5, align: "center" });
    pdf.moveDown(0.2);
    drawTable(pdf, s, size);
    pdf.moveDown(0.3);
    for (const n of s.notes ?? []) paragraph(pdf, n, { size: 7, align: "left" });
    if (s.chart && s.chart.categories.length) {
      pdf.moveDown(0.5);
      drawChart(pdf, s.chart);
    }
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
