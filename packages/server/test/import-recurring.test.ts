/**
 * Checkpoints that recur year after year under the same name (a report "за 9 месяцев" each year)
 * import back as themselves: the plain workbook of such a program changes nothing, and a moved
 * planned date is an update of that one checkpoint, not a deletion and a creation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let executor: Client;
let mp1: string;
const NAME = "Представлен отчет о ходе реализации за 9 месяцев";

async function workbook(): Promise<ExcelJS.Workbook> {
  const res = await app.server.inject({ method: "GET", url: `/api/programs/${mp1}/workbook`, headers: { cookie: executor.cookie } });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
const body = async (wb: ExcelJS.Workbook) => ({
  filename: "program.xlsx",
  contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
});

beforeAll(async () => {
  app = await createTestApp();
  executor = await app.as("executor");
  mp1 = (await executor.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
  const el = (await executor.get(`/api/programs/${mp1}/tree`)).body.directions[0].structuralElements[0];
  for (const plannedDate of ["2027-10-20", "2028-10-20"]) {
    const r = await executor.post("/api/checkpoints", { elementId: el.id, name: NAME, plannedDate });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("import of checkpoints with the same name in different years", () => {
  it("the exported workbook imports back with no change and no error", async () => {
    const p = await executor.post(`/api/programs/${mp1}/import/preview`, await body(await workbook()));
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.issues).toEqual([]);
    expect(p.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
  });

  it("a moved planned date updates that checkpoint only; the other year's stays", async () => {
    const wb = await workbook();
    const ws = wb.getWorksheet("Контрольные точки")!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const nameCol = header.indexOf("Наименование");
    const dateCol = header.indexOf("Плановая дата");
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => {
      if (row.getCell(nameCol).value === NAME) rows.push(row);
    });
    expect(rows).toHaveLength(2);
    const second = rows.find((r) => new Date(r.getCell(dateCol).value as Date).getUTCFullYear() === 2028)!;
    second.getCell(dateCol).value = new Date(Date.UTC(2028, 9, 27));
    const p = await executor.post(`/api/programs/${mp1}/import/preview`, await body(wb));
    expect(p.body.issues).toEqual([]);
    expect(p.body.summary).toEqual({ create: 0, update: 1, delete: 0 });
    const c = await executor.post(`/api/programs/${mp1}/import/confirm`, { ...(await body(wb)), token: p.body.token });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const cps = (await executor.get(`/api/programs/${mp1}/tree`)).body.directions[0].structuralElements[0].checkpoints.filter(
      (x: any) => x.name === NAME,
    );
    expect(cps.map((x: any) => x.plannedDate).sort()).toEqual(["2027-10-20", "2028-10-27"]);
  });
});
