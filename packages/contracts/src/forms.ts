/**
 * Official forms and the import of a program from a file. The ids of the forms come from
 * `@orientir/reports` (`FORMS`): the routes' params that name a form are made beside the routes.
 */
import { z } from "zod";
import { IsoDate } from "./common.ts";

/** The file formats of a form. */
export const FileFormat = z.enum(["xlsx", "docx", "pdf"]).meta({ id: "FileFormat" });
export type FileFormat = z.infer<typeof FileFormat>;

export const FormScope = z.enum(["program", "plan", "municipality"]).meta({ id: "FormScope" });
export type FormScope = z.infer<typeof FormScope>;

export const FormItem = z
  .object({
    id: z.string(),
    title: z.string(),
    scope: FormScope,
    source: z.string(),
    yearly: z.boolean(),
    quarterly: z.boolean(),
    formats: z.array(FileFormat),
  })
  .meta({ id: "FormItem" });
export type FormItem = z.infer<typeof FormItem>;
export const FormList = z.object({ items: z.array(FormItem) }).meta({ id: "FormList" });
export type FormList = z.infer<typeof FormList>;

const FormYear = z.coerce.number().int().min(2000).max(2100);
const Format = FileFormat.default("xlsx").describe("xlsx, docx или pdf");
export const ProgramFormQuery = z
  .object({ year: FormYear.optional(), quarter: z.coerce.number().int().min(1).max(4).optional(), format: Format })
  .strict()
  .meta({ id: "ProgramFormQuery" });
export type ProgramFormQuery = z.infer<typeof ProgramFormQuery>;
export const PlanFormQuery = z.object({ format: Format }).strict().meta({ id: "PlanFormQuery" });
export type PlanFormQuery = z.infer<typeof PlanFormQuery>;
export const MunicipalityFormQuery = z.object({ year: FormYear.optional(), format: Format }).strict().meta({ id: "MunicipalityFormQuery" });
export type MunicipalityFormQuery = z.infer<typeof MunicipalityFormQuery>;
export const ReportFileQuery = z.object({ year: FormYear, asOf: IsoDate.optional() }).strict().meta({ id: "ReportFileQuery" });
export type ReportFileQuery = z.infer<typeof ReportFileQuery>;

export const ImportBody = z
  .object({
    filename: z.string().max(300).optional().describe("имя файла; .json — отчет программы формата 1"),
    contentBase64: z
      .string()
      .min(1)
      .describe("файл XLSX или JSON отчета программы формата 1 (orientir.program-report/1) в base64 (до 5 МБ)"),
  })
  .meta({ id: "ImportBody" });
export type ImportBody = z.infer<typeof ImportBody>;
export const ImportConfirmBody = ImportBody.extend({ token: z.string().min(1) }).meta({ id: "ImportConfirmBody" });
export type ImportConfirmBody = z.infer<typeof ImportConfirmBody>;

/** A problem of an uploaded file, at its sheet, row and column. */
export const ImportIssue = z
  .object({ sheet: z.string(), row: z.number().int(), column: z.string(), reason: z.string() })
  .meta({ id: "ImportIssue" });
export type ImportIssue = z.infer<typeof ImportIssue>;
export const ImportSummary = z
  .object({ create: z.number().int(), update: z.number().int(), delete: z.number().int() })
  .meta({ id: "ImportSummary" });
export type ImportSummary = z.infer<typeof ImportSummary>;
export const ImportChange = z
  .object({
    action: z.enum(["create", "update", "delete"]),
    resource: z.string(),
    what: z.string(),
    item: z.string(),
    fields: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
    sheet: z.string().optional(),
    row: z.number().int().optional(),
    path: z.string().optional(),
  })
  .meta({ id: "ImportChange" });
export type ImportChange = z.infer<typeof ImportChange>;
export const ImportPreview = z
  .object({
    layout: z.string(),
    valid: z.boolean(),
    summary: ImportSummary,
    changes: z.array(ImportChange),
    issues: z.array(ImportIssue),
    notes: z.array(z.string()),
    token: z.string(),
  })
  .meta({ id: "ImportPreview" });
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportResult = z.object({ layout: z.string(), summary: ImportSummary }).meta({ id: "ImportResult" });
export type ImportResult = z.infer<typeof ImportResult>;
