/**
 * Golden tests of the forms: the XLSX of every form, rendered from the test data below, is read
 * back and compared cell by cell — every value of the sheet (titles, headers, the row numbering the
 * columns, the body, notes) and every merged range — with the expected table kept beside it in
 * test/golden/<form-id>.tsv. Those files are written for a reviewer to hold beside the decree's
 * appendix: one line per sheet row, cells separated by tabs; a number is shown as {12.5}, a date
 * as {31.03.2026}, a formula as {=SUM(D11:D13) → 12.5} (without « → …» when its result is 0, which is
 * stored without a cached value); the merged ranges are listed at the end.
 *
 * After a deliberate change of a form, `UPDATE_GOLDEN=1 npx vitest run packages/reports/test/golden.test.ts`
 * rewrites the files; the diff is then read against the appendix before it is committed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { MunicipalityDocument, ProgramDocument } from "@orientir/domain";
import { DATE_FORMAT, FORMS, renderForm, type FormDef, type FormDocument } from "../src/index.ts";
import { municipality } from "./data.ts";
import { encodeCell, readXlsx } from "./xlsx.ts";
import ExcelJS from "exceljs";

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/**
 * The data of the golden files: the forms' test data (test/data.ts) with what the decree's rules
 * turn on: the project complex placed after the process one in the direction (the forms list it
 * first, as appendix 3 numbers them), «иные источники» funding in the project complex only, a
 * metric off plan with its justification, and a plan indicator whose name already carries its unit.
 */
export function goldenMunicipality(): MunicipalityDocument {
  const m = municipality();
  const p = m.programs[0]!;
  const d = p.directions[0]!;
  d.elements.reverse();
  const project = d.elements.find((e) => e.kind === "project")!;
  project.funding.push({ year: 2026, source: "other", amount: "7.50" });
  const metric = d.elements.find((e) => e.kind === "process")!.metrics[0]!;
  Object.assign(
    metric.values.find((v) => v.year === 2026)!,
    { fact: "11", justification: "Перенос сроков поставки оборудования" },
  );
  // issue 11: the fields the forms read — the source's wording of the municipality's settings, the
  // direction's classification of expenditure, participants, the reason for a deviation of funding and
  // a checkpoint's comment and attached document entered in monitoring, the plan's executing body,
  // an indicator's responsible executor and a strategic project
  m.budgetSources = m.budgetSources.map((s) =>
    s.code === "local" ? { ...s, formLabel: "средства бюджета городского округа «Город А»" } : s,
  );
  d.budgetClassification = "0703 Дополнительное образование детей";
  project.participants = ["МБУ ДО «Центр творчества»", "АНО «Детский технопарк»"];
  const checkpoint = d.elements.find((e) => e.kind === "process")!.checkpoints[0]!;
  checkpoint.comment = "Выполнено досрочно: 120 детей вместо 100";
  checkpoint.documents = ["Акт_приемки_5.pdf — акт приемки № 5 от 18.03.2026"];
  for (const b of d.budgetExecution!)
    if (b.year === 2026 && b.source === "local") b.deviationReason = `Экономия по итогам закупок (${b.quarter} кв.)`;
  m.actionPlan!.activities[1]!.executingBody = "Отдел капитального строительства управления городского хозяйства";
  m.actionPlan!.indicators[0]!.responsible = "Управление экономики";
  m.actionPlan!.priorityProjects[1]!.kind = "strategic";
  m.actionPlan!.indicators.push({
    code: "ПП2",
    name: "Численность постоянного населения (на конец года), тыс. чел.",
    unit: "тыс. чел.",
    trend: "increase",
    baseValue: "347.150",
    values: [
      { year: 2024, plan: "348.055" },
      { year: 2025, plan: "349.195" },
      { year: 2026, plan: "352.415" },
    ],
  });
  return m;
}

const M = goldenMunicipality();
const P: ProgramDocument = M.programs[0]!;
const GOALS = M.strategy!.priorities.flatMap((x) => x.goals);
const EVALUATIONS = { "MP-1": { score: 91.2345, rating: "satisfactory" as const } };

function build(f: FormDef): FormDocument {
  const context = { sources: M.budgetSources, currency: "RUB" };
  if (f.scope === "program")
    return f.build({
      program: P,
      year: 2026,
      quarter: 1,
      context,
      evaluation: EVALUATIONS["MP-1"],
      mainResults: "Создано 100 новых мест дополнительного образования.\nОхват детей вырос до 82 %.",
    });
  if (f.scope === "plan") return f.build({ plan: M.actionPlan!, goals: GOALS, programs: M.programs, context });
  return f.build({ municipality: M, programs: M.programs, year: 2025, evaluations: EVALUATIONS, context });
}

const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/^\{/, "\\{");

const ddmmyyyy = (d: Date) => d.toISOString().slice(0, 10).split("-").reverse().join(".");

/** A cell as the golden file writes it. */
function show(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return "";
  const v = cell.value as unknown;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return esc(v);
  if (typeof v === "number") return `{${v}}`;
  if (v instanceof Date) return `{${cell.numFmt === DATE_FORMAT ? ddmmyyyy(v) : v.toISOString()}}`;
  if (typeof v === "object" && "formula" in v) {
    const f = v as { formula: string; result?: string | number | boolean | { error: string } };
    // a formula whose result is 0 is stored without a cached value (exceljs writes none)
    return f.result === undefined
      ? `{=${f.formula}}`
      : `{=${f.formula} → ${typeof f.result === "object" ? f.result.error : String(f.result)}}`;
  }
  if (typeof v === "object" && "richText" in v) return esc((v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(""));
  return esc(JSON.stringify(v));
}

/** The whole first sheet as the golden text. */
async function sheetText(f: FormDef, buffer: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const lines = [`# ${f.id}: ${f.title} (${f.source})`, `# sheet «${ws.name}»`];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(show(row.getCell(c)));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    lines.push([String(r), ...cells].join("\t"));
  }
  const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
  lines.push("# merged ranges", ...merges);
  return lines.join("\n") + "\n";
}

describe("golden forms: the XLSX of each form equals the expected table beside the test", () => {
  it("every form has a golden file", () => {
    for (const f of FORMS) if (!UPDATE) expect(existsSync(join(GOLDEN, `${f.id}.tsv`)), f.id).toBe(true);
  });

  for (const f of FORMS) {
    it(`${f.id} (${f.source})`, async () => {
      const { buffer } = await renderForm(build(f), "xlsx");
      const actual = await sheetText(f, buffer);
      // the reader of the other tests sees the same merges (a second reading of the file)
      const x = await readXlsx(buffer);
      expect(actual.split("\n").filter((l) => /^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(l)).length).toBe(x.merges.length);
      expect(x.cell(encodeCell({ r: 0, c: 0 }))?.v).toBe(build(f).title[0]);
      const file = join(GOLDEN, `${f.id}.tsv`);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
      }
      const expected = readFileSync(file, "utf8");
      const a = actual.split("\n");
      const e = expected.split("\n");
      // line by line first, so that a failure names the sheet row that changed
      for (let i = 0; i < Math.max(a.length, e.length); i++) expect(a[i], `${f.id}.tsv line ${i + 1}`).toBe(e[i]);
    });
  }
});
