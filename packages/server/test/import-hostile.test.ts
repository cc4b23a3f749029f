/**
 * Hostile uploads through the API (issue 9, part 3): a workbook that names a cell at column XFD on
 * each row is refused with the cell named, and confirming it is a 400; an upload that exhausts the
 * import worker's memory ends in an issue while the server goes on answering, during and after.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { hostileWorkbook, sheetXml, wideSparseRows } from "../../reports/test/hostile.ts";

let app: TestApp;
let economy: Client;
let mp1: string;

const body = (buf: Buffer, extra: Record<string, unknown> = {}) => ({
  filename: "program.xlsx",
  contentBase64: buf.toString("base64"),
  ...extra,
});

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  mp1 = (await economy.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
});
afterAll(async () => {
  await app?.close();
});
afterEach(() => {
  delete process.env.ORIENTIR_IMPORT_MEMORY_MB;
});

describe("hostile uploads", () => {
  it("a 40 KB workbook with a cell at column XFD on each row: the issue names the cell; confirming it is a 400 and writes nothing", async () => {
    const buf = await hostileWorkbook({ "xl/worksheets/sheet1.xml": sheetXml(wideSparseRows(8000)) });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(buf));
    expect(p.status).toBe(200);
    expect(p.body.valid).toBe(false);
    expect(p.body.issues).toEqual([
      { sheet: "Лист1", row: 1, column: "XFD", reason: expect.stringMatching(/столбце XFD: столбцов не более 1024/) },
    ]);
    const imports = async () => (await economy.get(`/api/audit?action=program.import`)).body.items.length;
    const before = await imports();
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(buf, { token: p.body.token }));
    expect(c.status).toBe(400);
    expect(JSON.stringify(c.body)).toMatch(/лист «Лист1», строка 1, столбец XFD/);
    expect(await imports()).toBe(before);
  });

  it("an upload that exhausts the worker's memory: the server answers others meanwhile and after, and the upload gets an issue", async () => {
    process.env.ORIENTIR_IMPORT_MEMORY_MB = "16";
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Значения показателей");
    ws.addRow(["Структурный элемент", "Показатель", "Год", "План", "Факт"]);
    for (let i = 0; i < 25_000; i++) ws.addRow(["1.1", `П${i}`, 2025, i, `факт ${i}`]);
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    let previewDone = false;
    const preview = economy.post(`/api/programs/${mp1}/import/preview`, body(big)).then((r) => {
      previewDone = true;
      return r;
    });
    const health = await app.server.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
    // the health check was answered while the upload was still being parsed
    expect(previewDone).toBe(false);
    const p = await preview;
    expect(p.status).toBe(200);
    expect(p.body.valid).toBe(false);
    expect(p.body.issues).toEqual([
      { sheet: "", row: 0, column: "", reason: expect.stringMatching(/не хватило памяти разбора \(16 МБ\)/) },
    ]);
    expect((await app.server.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    // and a good upload after it is parsed as ever
    delete process.env.ORIENTIR_IMPORT_MEMORY_MB;
    const file = (await app.server.inject({ method: "GET", url: `/api/programs/${mp1}/workbook`, headers: { cookie: economy.cookie } }))
      .rawPayload;
    const ok = await economy.post(`/api/programs/${mp1}/import/preview`, body(file));
    expect(ok.body).toMatchObject({ valid: true, issues: [] });
  });
});
