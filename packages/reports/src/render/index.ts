/**
 * Renders a FormDocument to a file of the asked format. Each renderer, with its library (exceljs,
 * docx, pdfkit), is loaded when a file of its format is first asked for, not when the server or
 * the CLI starts (docs/PERFORMANCE.md, "Start-up").
 */
import type { FormDocument } from "../forms/model.ts";

export const FORMATS = ["xlsx", "docx", "pdf"] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

export interface RenderedFile {
  buffer: Buffer;
  filename: string;
  contentType: string;
}

export async function renderForm(doc: FormDocument, format: Format): Promise<RenderedFile> {
  const buffer = format === "xlsx" ? await renderXlsx(doc) : format === "docx" ? await renderDocx(doc) : await renderPdf(doc);
  return { buffer, filename: `${doc.fileName}.${format}`, contentType: CONTENT_TYPES[format] };
}

export const renderXlsx = async (doc: FormDocument): Promise<Buffer> => (await import("./xlsx.ts")).renderXlsx(doc);
export const renderDocx = async (doc: FormDocument): Promise<Buffer> => (await import("./docx.ts")).renderDocx(doc);
export const renderPdf = async (doc: FormDocument): Promise<Buffer> => (await import("./pdf.ts")).renderPdf(doc);
