/**
 * The explanatory note of a draft (220-п 4.7.1) as a document for DOCX and PDF: its text, one
 * paragraph per line, the first line its heading. Not a table form: it has no sections.
 */
import type { FormDocument } from "./model.ts";

export function explanatoryNoteDocument(text: string, fileName: string): FormDocument {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines[0]!.trim()) lines.shift();
  const heading = lines.shift()?.trim() || "Пояснительная записка";
  return {
    form: "explanatoryNote",
    title: ["", heading],
    info: lines.map((l) => l.trimEnd()),
    landscape: false,
    sheetName: "Пояснительная записка",
    fileName,
    sections: [],
  };
}
