/**
 * Renders every form in every format for the demo data (Kaluga's programs and action plan, Kant)
 * and the test fixture into a folder; used by `npm run check:office` and the forms benchmark.
 * No database: the documents are the same ones the demo data and the fixture load.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateReport, programReportFromDocument, type MunicipalityDocument, type ProgramDocument } from "@orientir/domain";
import { DEMO_MUNICIPALITIES } from "@orientir/db/demo";
import {
  FORMATS,
  FORMS,
  renderForm,
  renderPlainWorkbook,
  type FormContext,
  type FormDocument,
  type ProgramEvaluationInput,
} from "@orientir/reports";
import { MUNICIPALITY_A } from "../packages/testing/src/fixture.ts";

export function evaluationsOf(m: MunicipalityDocument, year: number): Record<string, ProgramEvaluationInput> {
  const out: Record<string, ProgramEvaluationInput> = {};
  for (const p of m.programs) {
    try {
      const r = evaluateReport(programReportFromDocument(p, year, `${year}-12-31`, { preset: "kaluga-220p", version: 1 }), {
        trace: false,
      });
      out[p.code] = { score: r.score, rating: r.rating };
    } catch {
      // a program that cannot be evaluated for the year shows «—»
    }
  }
  return out;
}

/** Every form document of a municipality: each program's, the action plan's, the consolidated report. */
export function formDocuments(m: MunicipalityDocument): FormDocument[] {
  const context = { municipality: m.name, currency: m.currency, sources: m.budgetSources };
  const docs: FormDocument[] = [];
  for (const p of m.programs) {
    const year = Math.min(Math.max(p.startYear, 2025), p.endYear);
    for (const f of FORMS) if (f.scope === "program") docs.push(f.build({ program: p, year, quarter: 2, context }));
  }
  if (m.actionPlan) {
    const goals = m.strategy ? [...m.strategy.priorities.flatMap((x) => x.goals), ...m.strategy.goals] : [];
    for (const f of FORMS) if (f.scope === "plan") docs.push(f.build({ plan: m.actionPlan, goals, programs: m.programs, context }));
  }
  const year = m.programs.length ? Math.min(...m.programs.map((p) => Math.max(p.startYear, 2025))) : 2025;
  for (const f of FORMS) {
    if (f.scope === "municipality")
      docs.push(f.build({ municipality: m, programs: m.programs, year, evaluations: evaluationsOf(m, year), context }));
  }
  return docs;
}

export const SAMPLE_MUNICIPALITIES: MunicipalityDocument[] = [...DEMO_MUNICIPALITIES, MUNICIPALITY_A];

/** Writes every form of every sample municipality in every format; returns the files. */
export async function renderAllForms(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [mi, m] of SAMPLE_MUNICIPALITIES.entries()) {
    for (const doc of formDocuments(m)) {
      for (const format of FORMATS) {
        const r = await renderForm(doc, format);
        const file = join(outDir, `${mi + 1}_${r.filename}`);
        writeFileSync(file, r.buffer);
        files.push(file);
      }
    }
  }
  return files;
}

/**
 * Every workbook that imports back into a program: each sample program's plain workbook and its
 * forms in XLSX, with the program they belong to (for the LibreOffice round trip of check:office).
 */
export async function importableWorkbooks(outDir: string): Promise<{ file: string; program: ProgramDocument; context: FormContext }[]> {
  mkdirSync(outDir, { recursive: true });
  const out: { file: string; program: ProgramDocument; context: FormContext }[] = [];
  for (const [mi, m] of SAMPLE_MUNICIPALITIES.entries()) {
    const context = { municipality: m.name, currency: m.currency, sources: m.budgetSources };
    for (const p of m.programs) {
      const year = Math.min(Math.max(p.startYear, 2025), p.endYear);
      const books: [string, Buffer][] = [[`${mi + 1}_${p.code}_plain.xlsx`, await renderPlainWorkbook(p)]];
      for (const f of FORMS) {
        if (f.scope !== "program") continue;
        const r = await renderForm(f.build({ program: p, year, quarter: 2, context }), "xlsx");
        books.push([`${mi + 1}_${p.code}_${r.filename}`, r.buffer]);
      }
      for (const [name, buffer] of books) {
        const file = join(outDir, name);
        writeFileSync(file, buffer);
        out.push({ file, program: p, context });
      }
    }
  }
  return out;
}
