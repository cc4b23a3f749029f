/** Official forms: a table model per form (forms/), rendered to XLSX, DOCX and PDF (render/). */
export * from "./forms/model.ts";
export * from "./forms/common.ts";
export * from "./forms/program.ts";
export * from "./forms/plan.ts";
export * from "./forms/municipality.ts";
export * from "./forms/registry.ts";
export * from "./forms/protocol.ts";
export * from "./render/index.ts";
export { sheetPlan, colName, escapeXstring, MONEY_FORMAT, DATE_FORMAT, numberFormat, type SheetPlan } from "./render/xlsx.ts";
export * from "./import/index.ts";
export * from "./forms/titles.ts";
export * from "./forms/office-report.ts";
export * from "./forms/note.ts";
export * from "./forms/appeal-letter.ts";
