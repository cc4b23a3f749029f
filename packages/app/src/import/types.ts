/**
 * What an import is made of: where a value came from, the plan the presenter made of the file, the
 * preview and the result.
 */
import type { ProgramDocument } from "@orientir/domain";
import type { ImportIssue } from "@orientir/contracts";
import type { FormContextData } from "../forms.ts";

/** The preview, its changes and the result are the contracts' (`ImportPreview`, `ImportChange`, `ImportResult`). */
export type { ImportChange, ImportPreview, ImportResult } from "@orientir/contracts";
/** A problem of the file at its sheet, row and column (the contract's `ImportIssue`). */
export type ImportIssueView = ImportIssue;

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

/**
 * Reads the file into the plan. `fileKey` (a digest of the file's bytes and name), when given, lets
 * the confirmation of a preview reuse the plan the preview read rather than read the file again.
 */
export type ImportParser = ((current: ProgramDocument, context: FormContextData) => Promise<ImportPlan>) & { fileKey?: string };
