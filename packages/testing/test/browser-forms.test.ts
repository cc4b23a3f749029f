/**
 * Official forms and the import from Excel in a real Chromium (issue 5): «Скачать форму» on the
 * program's tabs gives the real file of the appendix; the workbook of «Скачать для правки (XLSX)»,
 * changed and extended with exceljs as a user does in Excel, goes through «Загрузка из Excel»:
 * the preview lists exactly that change and that new row, the confirmation writes them and the
 * grids show them; a file with an error shows the error's cell and writes nothing; the year's
 * report as JSON of format 1 goes the same way. DOCX and PDF from the other pages are real files too.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Download, Locator, Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let api: Client;
let mp1: any;

beforeAll(async () => {
  b = await startBrowserApp();
  api = await b.app.as("economy");
  const list = await api.get("/api/programs");
  mp1 = list.body.items.find((p: any) => p.code === "MP-1");
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function tree(): Promise<any> {
  const r = await api.get(`/api/programs/${mp1.id}/tree`);
  expect(r.status).toBe(200);
  return r.body;
}

async function metricP1(): Promise<any> {
  const t = await tree();
  for (const d of t.directions) for (const e of d.structuralElements) for (const m of e.metrics) if (m.code === "П1") return m;
  throw new Error("no metric П1");
}

const planOf = (m: any, year: number): string | null => m.metricValues.find((v: any) => v.year === year)?.plan ?? null;
const valueFact = (m: any, year: number): string | null => m.metricValues.find((v: any) => v.year === year)?.fact ?? null;

/** Clicks and returns the file the page saves, with its content. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; content: Buffer; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), content: await readFile(path), download: d };
}

/** «Скачать форму» of a form in the chosen format. */
async function downloadForm(page: Page, form: string, format: "xlsx" | "docx" | "pdf") {
  const box = page.getByTestId(`form-download-${form}`);
  await box.locator('select[name="format"]').selectOption(format);
  return download(page, () => box.getByRole("button", { name: "Скачать форму" }).click());
}

async function workbookOf(content: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  return wb;
}

/** A cell's value as text: rich text joined, a formula as its result, nothing for an error or an empty cell. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v !== "object" || v instanceof Date) return String(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("result" in v) return cellText(v.result);
  return "";
}

/** The text of every cell (merged cells once, at their master cell). */
function texts(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (c.type !== ExcelJS.ValueType.Merge && out.push(cellText(c.value))))));
  return out;
}

/** The row of a sheet whose cells in these columns (by header) have these values. */
function findRow(ws: ExcelJS.Worksheet, match: Record<string, string | number>): ExcelJS.Row {
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const col = (h: string) => {
    const i = headers.indexOf(h);
    if (i < 1) throw new Error(`no column ${h} in ${ws.name}: ${headers.join(", ")}`);
    return i;
  };
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (Object.entries(match).every(([h, v]) => cellText(row.getCell(col(h)).value) === String(v))) return row;
  }
  throw new Error(`no row ${JSON.stringify(match)} in ${ws.name}`);
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  return (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText).indexOf(header);
}

async function openProgram(page: Page, tab: string): Promise<void> {
  await page.goto(`${b.url}/programs/${mp1.id}?tab=${tab}`);
  await page.getByTestId("program-title").waitFor();
}

async function uploadFile(page: Page, name: string, buffer: Buffer): Promise<Locator> {
  await openProgram(page, "import");
  await page.getByTestId("import-panel").waitFor();
  await page
    .getByTestId("import-file")
    .setInputFiles({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  const preview = page.getByTestId("import-preview");
  await preview.waitFor({ timeout: 60_000 });
  return preview;
}

describe("forms and the import in a real Chromium", () => {
  it("the passport tab downloads appendix 1 as a real XLSX with the program's name; the heading links to versions and evaluation", async () => {
    const page = await b.signedIn("executor");
    await openProgram(page, "passport");
    await page.getByTestId("grid-passport").waitFor();
    const main = page.getByRole("main");
    expect(await main.getByRole("link", { name: "Редакции и согласование" }).getAttribute("href")).toBe(`/programs/${mp1.id}/versions`);
    expect(await main.getByRole("link", { name: "Оценка эффективности" }).getAttribute("href")).toBe(`/programs/${mp1.id}/evaluation`);
    // the source of the form stands beside the button, from GET /api/forms
    await expect.poll(() => page.getByTestId("form-download-passport").textContent()).toContain("220-п, приложение 1");

    const f = await downloadForm(page, "passport", "xlsx");
    expect(f.name).toMatch(/\.xlsx$/);
    expect(f.content.subarray(0, 2).toString("latin1")).toBe("PK");
    const wb = await workbookOf(f.content);
    expect(texts(wb).some((s) => s.includes("Программа А1"))).toBe(true);

    // each tab offers its own appendix; the yearly ones ask for a year of the program
    await page.getByTestId("tab-checkpoints").click();
    const box = page.getByTestId("form-download-process-plan");
    await box.waitFor();
    expect(await box.locator('select[name="year"] option').allTextContents()).toEqual(["2025", "2026", "2027", "2028", "2029", "2030"]);
    await page.close();
  });

  it("the workbook, with a changed number and an added row, is previewed as exactly those changes, confirmed, and shown in the grids", async () => {
    const page = await b.signedIn("executor");
    await openProgram(page, "passport");
    const before = await metricP1();
    expect(planOf(before, 2026)).toBe("12");

    const wbFile = await download(page, () =>
      page.getByTestId("workbook-download").getByRole("button", { name: "Скачать для правки (XLSX)" }).click(),
    );
    expect(wbFile.name).toBe("Программа_MP-1.xlsx");
    const wb = await workbookOf(wbFile.content);
    const values = wb.getWorksheet("Значения показателей")!;
    findRow(values, { Показатель: "П1", Год: 2026 }).getCell(columnOf(values, "План")).value = 17;
    const goals = wb.getWorksheet("Цели")!;
    goals.addRow(["Ц2", "Цель из Excel", 80, "%", 2030]);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = await uploadFile(page, "Программа_MP-1.xlsx", edited);
    expect(await preview.getAttribute("data-valid")).toBe("true");
    const summary = page.getByTestId("import-summary");
    expect(await summary.textContent()).toContain("Будет создано: 1, изменено: 1, удалено: 0");
    const rows = page.getByTestId("import-changes").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const update = page.locator('[data-testid="import-changes"] tbody tr[data-action="update"]');
    expect(await update.count()).toBe(1);
    expect(await update.getAttribute("data-resource")).toBe("metricValue");
    expect(await update.getAttribute("data-field")).toBe("plan");
    expect((await update.locator("td.import-before").textContent())?.trim()).toBe("12");
    expect((await update.locator("td.import-after").textContent())?.trim()).toBe("17");
    const create = page.locator('[data-testid="import-changes"] tbody tr[data-action="create"]');
    expect(await create.count()).toBe(1);
    expect(await create.getAttribute("data-resource")).toBe("programGoal");
    expect(await create.textContent()).toContain("Цель из Excel");
    // nothing is written before the confirmation
    expect(planOf(await metricP1(), 2026)).toBe("12");

    await page.getByTestId("import-confirm").click();
    await expect
      .poll(() =>
        page
          .getByTestId("import-done")
          .textContent()
          .catch(() => ""),
      )
      .toContain("создано 1, изменено 1, удалено 0");
    expect(planOf(await metricP1(), 2026)).toBe("17");
    expect((await tree()).programGoals.map((g: any) => g.name)).toContain("Цель из Excel");

    // the program page shows the new values without a reload
    await page.getByTestId("tab-metrics").click();
    const cell = page.getByTestId(`cell-${before.id}-plan-2026`).locator(".cell-value");
    await expect.poll(async () => (await cell.textContent())?.trim()).toBe("17");
    await page.getByTestId("tab-passport").click();
    await expect.poll(async () => (await page.getByTestId("grid-goals").textContent()) ?? "").toContain("Цель из Excel");

    // the same file again changes nothing
    const again = await uploadFile(page, "Программа_MP-1.xlsx", edited);
    expect(await again.getAttribute("data-valid")).toBe("true");
    await page.getByTestId("import-no-changes").waitFor();
    expect(await page.getByTestId("import-confirm").count()).toBe(0);
    await page.close();
  });

  it("a text in a number column is shown as its sheet, row and column, without a confirm button, and nothing changes", async () => {
    const page = await b.signedIn("executor");
    await openProgram(page, "passport");
    const planBefore = planOf(await metricP1(), 2027);
    const goalsBefore = (await tree()).programGoals.length;
    const wbFile = await download(page, () => page.getByTestId("workbook-download").getByRole("button").click());
    const wb = await workbookOf(wbFile.content);
    const values = wb.getWorksheet("Значения показателей")!;
    const row = findRow(values, { Показатель: "П1", Год: 2027 });
    const planCol = columnOf(values, "План");
    row.getCell(planCol).value = "много";
    wb.getWorksheet("Цели")!.addRow(["Ц3", "Цель, которой не будет", 50, "%", 2030]);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = await uploadFile(page, "ошибка.xlsx", bad);
    expect(await preview.getAttribute("data-valid")).toBe("false");
    const issues = page.getByTestId("import-issues").locator("tbody tr");
    await expect.poll(() => issues.count()).toBeGreaterThan(0);
    const all = await issues.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
    );
    const letter = String.fromCharCode(64 + planCol);
    expect(all).toContainEqual(["Значения показателей", String(row.number), letter, expect.stringMatching(/\S/)]);
    expect(await page.getByTestId("import-confirm").count()).toBe(0);
    expect(await page.getByTestId("import-summary").count()).toBe(0);

    expect(planOf(await metricP1(), 2027)).toBe(planBefore);
    expect((await tree()).programGoals.length).toBe(goalsBefore);
    await page.close();
  });

  it("the year's report as JSON of format 1, with a fact changed, goes back through the same import", async () => {
    const page = await b.signedIn("executor");
    await openProgram(page, "import");
    await page.getByTestId("import-panel").waitFor();
    expect(valueFact(await metricP1(), 2025)).toBe("11");
    await page.locator('select[name="reportYear"]').selectOption("2025");
    const json = await download(page, () => page.getByTestId("report-json-download").getByRole("button").click());
    expect(json.name).toBe("Отчет_MP-1_2025.json");
    const report = JSON.parse(json.content.toString("utf8"));
    expect(report).toMatchObject({ format: "orientir.program-report/1", year: 2025, program: { code: "MP-1" } });
    const metric = report.directions
      .flatMap((d: any) => d.elements)
      .flatMap((e: any) => e.metrics)
      .find((m: any) => m.code === "П1");
    expect(metric.fact).toBe(11);
    metric.fact = 13;

    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "Отчет_MP-1_2025.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(report)) });
    await page.getByTestId("import-preview").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-preview").getAttribute("data-valid")).toBe("true");
    expect(await page.getByTestId("import-summary").textContent()).toContain("Будет создано: 0, изменено: 1, удалено: 0");
    const update = page.locator('[data-testid="import-changes"] tbody tr[data-action="update"]');
    expect(await update.count()).toBe(1);
    expect(await update.getAttribute("data-field")).toBe("fact");
    expect((await update.locator("td.import-after").textContent())?.trim()).toBe("13");
    await page.getByTestId("import-confirm").click();
    await expect
      .poll(() =>
        page
          .getByTestId("import-done")
          .textContent()
          .catch(() => ""),
      )
      .toContain("изменено 1");
    expect(valueFact(await metricP1(), 2025)).toBe("13");
    await page.close();
  });

  it("the monitoring page gives the annual report as a PDF and the action plan its activities as a DOCX", async () => {
    const page = await b.signedIn("economy");
    await page.goto(`${b.url}/monitoring?program=${mp1.id}&year=2025&period=annual`);
    await page.getByTestId("form-download-annual-report").waitFor();
    const pdf = await downloadForm(page, "annual-report", "pdf");
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const quarterly = await downloadForm(page, "monitoring", "xlsx");
    expect(quarterly.content.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(texts(await workbookOf(quarterly.content)).some((s) => s.includes("2025"))).toBe(true);

    await page.goto(`${b.url}/plan`);
    await page.getByTestId("plan-name").waitFor();
    const docx = await downloadForm(page, "plan-activities", "docx");
    expect(docx.name).toMatch(/\.docx$/);
    expect(docx.content.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(docx.content.includes(Buffer.from("word/document.xml"))).toBe(true);
    await page.close();
  });
});
