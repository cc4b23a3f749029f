/**
 * Import of a program from a workbook (issue 5): the file, parsed by the presenter into the
 * program it describes, is compared with the stored program; the difference is a list of
 * operations (create, update, delete) that a preview shows and a confirmation applies — all of
 * them in one transaction or none. Each operation is checked by the same rules as a single change
 * (permissions, validation, the decree's rules, audit), set-wise: all rows checked, then written
 * with one statement per table and operation (`setwise.ts`). Importing the same file again finds
 * no difference and writes nothing.
 *
 * `types.ts` the shapes of a plan, a preview and a result; `differ.ts` and `diff-program.ts` the
 * comparison; `operations.ts` their checks and application one by one, `setwise.ts` set-wise; `program-import.ts` the preview and
 * the confirmation; `restore.ts` the withdrawal of an amendment.
 */
export type { ImportOrigin, ImportIssueView, ImportPlan, ImportParser, ImportChange, ImportPreview, ImportResult } from "./types.ts";
export { previewProgramImport, confirmProgramImport, type ImportOptions } from "./program-import.ts";
export { restoreProgramContent } from "./restore.ts";
