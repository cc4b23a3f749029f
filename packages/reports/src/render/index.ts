/** Renders a FormDocument to a file of the asked format. */
import type { FormDocument } from "../forms/model.ts";
import { renderXlsx } from "./xlsx.ts";
import { renderDocx } from "./docx.ts";
import { renderPdf } from "./pdf.ts";

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

export { renderXlsx, renderDocx, renderPdf };
