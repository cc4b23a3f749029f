/**
 * What an import is made of: where a value came from, the plan the presenter made of the file, the
 * preview and the result.
 */
import type { ProgramDocument } from "@orientir/domain";
import type { FormContextData } from "../forms.ts";

/** Where a value came from in the file. */
export interface ImportOrigin {
  sheet: string;
  row: number;
  /**
   * Column letter of each field of the document item (a JSON file: the JSON path of each field,
   * and under "" the path of the item itself).
   */
  columns: Record<string, string>;
}

export interface ImportIssueView {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** What the presenter made of the file. */
export interface ImportPlan {
  layout: string;
  document: ProgramDocument;
  /** Resources the file speaks for. */
  present: string[];
  /** Rows of the present resources missing from the file are deleted. */
  deleteMissing: boolean;
  origins: Map<object, ImportOrigin>;
  issues: ImportIssueView[];
  /** What the person should know before confirming (how an ambiguous value was placed, what the file leaves alone). */
  notes?: string[];
}

export type ImportParser = (current: ProgramDocument, context: FormContextData) => Promise<ImportPlan>;

export interface ImportChange {
  action: "create" | "update" | "delete";
  resource: string;
  /** «Показатель», «Значение показателя», … */
  what: string;
  /** The item in words: «Показатель «Число мест» — 2026». */
  item: string;
  /** For an update: each changed field with its value before and after. */
  fields?: { field: string; label: string; before: unknown; after: unknown }[];
  sheet?: string;
  row?: number;
  /** A JSON file: the path of the item (`directions[0].elements[1].metrics[2]`). */
  path?: string;
}

export interface ImportPreview {
  layout: string;
  valid: boolean;
  summary: { create: number; update: number; delete: number };
  changes: ImportChange[];
  issues: ImportIssueView[];
  /** What the person should know before confirming. */
  notes: string[];
  /** Names this exact set of changes; the confirmation must present it. */
  token: string;
}

export interface ImportResult {
  layout: string;
  summary: { create: number; update: number; delete: number };
}
