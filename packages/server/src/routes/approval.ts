/**
 * Routes of approval that talks (issue 13, part 6): the explanatory note of a version as DOCX and PDF
 * (the text file is the workflow group's `note.txt`).
 */
import { exportVersionNote } from "@orientir/app";
import { IdParams } from "@orientir/contracts";
import { CONTENT_TYPES, explanatoryNoteDocument, renderDocx, renderPdf } from "@orientir/reports";
import { route, type FileResult } from "../route.ts";

const TAG = "workflow";

async function noteFile(
  ctx: Parameters<typeof exportVersionNote>[0],
  caller: Parameters<typeof exportVersionNote>[1],
  id: string,
  format: "docx" | "pdf",
): Promise<FileResult> {
  const { filename, text } = await exportVersionNote(ctx, caller, id);
  const base = filename.replace(/\.txt$/, "");
  const doc = explanatoryNoteDocument(text, base);
  const buffer = format === "docx" ? await renderDocx(doc) : await renderPdf(doc);
  return { __file: true, buffer, filename: `${base}.${format}`, contentType: CONTENT_TYPES[format] };
}

export const approvalRoutes = [
  route({
    method: "GET",
    path: "/api/versions/:id/note.docx",
    tag: TAG,
    auth: "session",
    summary: "Пояснительная записка (DOCX)",
    params: IdParams,
    response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => noteFile(ctx.app, ctx.caller, params.id, "docx"),
  }),
  route({
    method: "GET",
    path: "/api/versions/:id/note.pdf",
    tag: TAG,
    auth: "session",
    summary: "Пояснительная записка (PDF)",
    params: IdParams,
    response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => noteFile(ctx.app, ctx.caller, params.id, "pdf"),
  }),
];
