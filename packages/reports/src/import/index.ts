/** Import of a program from a workbook: the plain layout or the layout of the forms. */
import type { ProgramDocument } from "@orientir/domain";
import type { FormContext } from "../forms/common.ts";
import { parseFormWorkbook } from "./forms.ts";
import { isPlainWorkbook, parsePlainWorkbook, type ParsedProgram } from "./plain.ts";
import { looksLikeJson, parseProgramReportFile } from "./report-json.ts";
import { DEFAULT_IMPORT_LIMITS, ImportError, readWorkbook, type ImportLimits } from "./workbook.ts";

export * from "./workbook.ts";
export * from "./plain.ts";
export { detectForm, parseFormWorkbook } from "./forms.ts";
export * from "./report-json.ts";
export { DEFAULT_ISOLATION, isolationLoad, isolationSettings, parseProgramFileIsolated, type IsolationOptions } from "./isolated.ts";

/**
 * The program a workbook describes, relative to the current one. A file that cannot be read (too
 * large, not a workbook, in no known layout) gives one issue naming the problem; the issues of
 * the rows are all collected.
 */
export async function parseProgramWorkbook(
  buf: Buffer,
  current: ProgramDocument,
  context: FormContext = {},
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ParsedProgram> {
  const failed = (e: ImportError): ParsedProgram => ({
    layout: "unknown",
    document: current,
    present: [],
    deleteMissing: false,
    origins: new Map(),
    issues: e.issues,
  });
  try {
    const sheets = await readWorkbook(buf, limits);
    // a sheet headed by a form's title is that form (the names of some sheets are the same in both layouts)
    const forms = parseFormWorkbook(sheets, current, context);
    if (forms) return forms;
    if (isPlainWorkbook(sheets)) return parsePlainWorkbook(sheets, current);
    throw new ImportError([
      {
        sheet: "",
        row: 0,
        column: "",
        reason:
          "Книга не похожа ни на простой формат (листы «Программа», «Показатели», …), ни на формы 220-п (индикаторы, показатели, помесячный план, финансовое обеспечение)",
      },
    ]);
  } catch (e) {
    if (e instanceof ImportError) return failed(e);
    throw e;
  }
}

/**
 * The program an uploaded file describes: a program report in format 1 when the file is JSON
 * (named .json, or its first character not a space is `{`), else a workbook.
 */
export async function parseProgramFile(
  buf: Buffer,
  filename: string | null | undefined,
  current: ProgramDocument,
  context: FormContext = {},
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ParsedProgram> {
  if (looksLikeJson(buf, filename)) return parseProgramReportFile(buf, current, context, limits);
  return parseProgramWorkbook(buf, current, context, limits);
}
