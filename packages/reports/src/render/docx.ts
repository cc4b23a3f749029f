/**
 * A FormDocument as a DOCX (docx): the heading as centred paragraphs, each table with its header
 * rows repeated on every page, merged cells as in the form, landscape pages where the form is wide;
 * a section's chart as a native Word chart under its table.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { ChartRun } from "docx/charts";
import { displayText, type BarChart, type Cell, type FormDocument, type HeaderCell, type TableSection } from "../forms/model.ts";

const A4 = { width: 11906, height: 16838 }; // twips
const MARGIN = 720; // 1.27 cm
const FONT = "Times New Roman";

function lines(s: string, opts: { bold?: boolean; size: number }): TextRun[] {
  return s
    .split(/\r\n|\r|\n/)
    .map((l, i) => new TextRun({ text: l, bold: opts.bold, size: opts.size, font: FONT, break: i > 0 ? 1 : undefined }));
}

function align(c: Cell | HeaderCell, isHeader: boolean) {
  const numeric = "kind" in c && (c.kind === "number" || c.kind === "money" || c.kind === "sum" || c.kind === "ratio");
  const a = c.align ?? (isHeader ? "center" : numeric ? "right" : "left");
  return a === "center" ? AlignmentType.CENTER : a === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: border, bottom: border, left: border, right: border };

function cellOf(c: Cell | HeaderCell, isHeader: boolean, size: number): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: align(c, isHeader),
        indent: c.indent ? { left: 200 * c.indent } : undefined,
        children: lines(displayText(c), { bold: isHeader || c.bold, size }),
      }),
    ],
    columnSpan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined,
    rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: isHeader ? VerticalAlign.CENTER : VerticalAlign.TOP,
    borders: BORDERS,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
  });
}

function table(s: TableSection, available: number, size: number): Table {
  const total = s.columns.reduce((a, b) => a + b, 0);
  const widths = s.columns.map((w) => Math.floor((w / total) * available));
  const rows: TableRow[] = [];
  for (const h of s.header) rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: h.map((c) => cellOf(c, true, size)) }));
  if (s.numbered) {
    rows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: s.columns.map((_, i) => cellOf({ text: String(i + 1), align: "center" }, false, size - 2)),
      }),
    );
  }
  for (const b of s.body) rows.push(new TableRow({ cantSplit: true, children: b.map((c) => cellOf(c, false, size)) }));
  return new Table({ rows, columnWidths: widths, width: { size: available, type: WidthType.DXA }, layout: TableLayoutType.FIXED });
}

/** A section's chart as a native Word chart (its data in the document: Word's "Edit Data" opens it). */
function chart(c: BarChart, availableTwips: number): Paragraph {
  const width = Math.round((availableTwips / 1440) * 96); // twips → pixels at 96 dpi
  const height = Math.min(900, 90 + c.categories.length * (14 + 12 * c.series.length));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: "bar",
        title: c.title,
        // Word draws a bar chart's first category at the bottom: reversed, the chart reads as the table does
        categories: [...c.categories].reverse(),
        series: c.series.map((x) => ({ name: x.name, values: [...x.values].reverse(), color: x.color.replace("#", "") })),
        dataLabels: { value: true },
        legend: { position: "top" },
        font: { name: FONT },
        transformation: { width, height },
      }),
    ],
  });
}

export async function renderDocx(doc: FormDocument): Promise<Buffer> {
  const available = (doc.landscape ? A4.height : A4.width) - 2 * MARGIN;
  const size = doc.sections.some((s) => s.columns.length > 10) ? 16 : 20; // half-points: 8 or 10 pt
  const children: (Paragraph | Table)[] = [];
  doc.title.forEach((t, i) =>
    children.push(
      new Paragraph({
        alignment: i === 0 ? AlignmentType.RIGHT : AlignmentType.CENTER,
        children: lines(t, { bold: i > 0, size: i === 0 ? 18 : 24 }),
      }),
    ),
  );
  for (const t of doc.info ?? []) children.push(new Paragraph({ children: lines(t, { size: 22 }) }));
  for (const s of doc.sections) {
    children.push(new Paragraph({ children: [] }));
    for (const t of s.title ?? [])
      children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: lines(t, { bold: true, size: 22 }) }));
    children.push(table(s, available, size));
    for (const n of s.notes ?? []) children.push(new Paragraph({ children: lines(n, { size: 16 }) }));
    if (s.chart && s.chart.categories.length) children.push(new Paragraph({ children: [] }), chart(s.chart, available));
  }
  const document = new Document({
    creator: "Orientir",
    title: doc.title.slice(1).join(" "),
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: doc.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
