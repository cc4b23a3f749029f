/**
 * Import of a program from XLSX through the API: the plain layout round trip (export, edit as a
 * person would in a spreadsheet, preview, confirm), the layout of the forms, all errors with
 * their cells and nothing written, the same file twice, and a program rebuilt from another's file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { exportProgramDocument } from "@orientir/app";
import { verifyAudit } from "@orientir/db";
import type { ProgramDocument } from "@orientir/domain";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let economy: Client;
let mp1: string;

async function download(c: Client, url: string): Promise<Buffer> {
  const res = await app.server.inject({ method: "GET", url, headers: { cookie: c.cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.rawPayload;
}

async function edit(buf: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const body = (buf: Buffer, extra: Record<string, unknown> = {}) => ({
  filename: "program.xlsx",
  contentBase64: buf.toString("base64"),
  ...extra,
});

/** Finds the row of a sheet whose cells include all the given values. */
function rowOf(ws: ExcelJS.Worksheet, ...values: unknown[]): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1);
    if (!found && values.every((v) => cells.includes(v))) found = row;
  });
  if (!found) throw new Error(`no row with ${values.join(", ")} on ${ws.name}`);
  return found;
}
const colOf = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  mp1 = (await economy.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
});
afterAll(async () => {
  await app?.close();
});

describe("import of the plain layout", () => {
  it("the exported workbook imported back changes nothing, and confirming it writes nothing", async () => {
    const file = await download(economy, `/api/programs/${mp1}/workbook`);
    const before = await exportProgramDocument(app.ctx.db, mp1);
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(file));
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({ layout: "plain", valid: true, summary: { create: 0, update: 0, delete: 0 }, changes: [], issues: [] });
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(file, { token: p.body.token }));
    expect(c.status).toBe(200);
    expect(c.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);
  });

  it("numbers changed and a row added in the spreadsheet are exactly the changes; the same file again changes nothing", async () => {
    const file = await download(economy, `/api/programs/${mp1}/workbook`);
    const edited = await edit(file, (wb) => {
      const values = wb.getWorksheet("Значения показателей")!;
      const r = rowOf(values, "1.1", "П1", 2026);
      r.getCell(colOf(values, "План")).value = 13.5;
      const funding = wb.getWorksheet("Финансирование")!;
      funding.addRow(["1.1", 2031 - 1, "federal", 777.77]);
      const months = wb.getWorksheet("Помесячный план")!;
      months.addRow(["2.1", "П2", 2026, 1, 0.5, null, null, null]);
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.status).toBe(200);
    expect(p.body.valid).toBe(true);
    expect(p.body.summary).toEqual({ create: 2, update: 1, delete: 0 });
    const update = p.body.changes.find((c: any) => c.action === "update");
    expect(update).toMatchObject({ resource: "metricValue", sheet: "Значения показателей" });
    expect(update.fields).toEqual([{ field: "plan", label: "План", before: "12", after: "13.5" }]);
    expect(
      p.body.changes
        .filter((c: any) => c.action === "create")
        .map((c: any) => c.resource)
        .sort(),
    ).toEqual(["funding", "metricMonth"]);

    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(edited, { token: p.body.token }));
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.summary).toEqual({ create: 2, update: 1, delete: 0 });
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    const el = doc.directions[0]!.elements[0]!;
    expect(el.metrics[0]!.values.find((v) => v.year === 2026)!.plan).toBe("13.5");
    expect(el.funding.find((f) => f.year === 2030 && f.source === "federal")!.amount).toBe("777.77");
    expect(doc.directions[1]!.elements[0]!.metrics[0]!.months.find((m) => m.month === 1)!.plan).toBe("0.5");

    const again = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(again.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
    // the audit log names the import, and each row changed as a single change would be, in an unbroken chain
    const log = await economy.get(`/api/audit?action=program.import`);
    expect(log.body.items[0]).toMatchObject({ action: "program.import", objectId: mp1 });
    const rowLog = await economy.get(`/api/audit?action=metricValue.update`);
    expect(rowLog.body.items[0]).toMatchObject({
      objectType: "metricValue",
      before: expect.objectContaining({ plan: "12" }),
      after: expect.objectContaining({ plan: "13.5" }),
    });
    expect((await economy.get(`/api/audit?action=funding.create`)).body.items[0].after).toMatchObject({
      year: 2030,
      source: "federal",
      amount: "777.77",
    });
    expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
  });

  it("a row removed from a sheet is deleted; the preview says so first", async () => {
    const file = await download(economy, `/api/programs/${mp1}/workbook`);
    const edited = await edit(file, (wb) => {
      const ws = wb.getWorksheet("Контрольные точки")!;
      ws.spliceRows(rowOf(ws, "Контрольная точка 4").number, 1);
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.body.summary).toEqual({ create: 0, update: 0, delete: 1 });
    expect(p.body.changes).toEqual([
      expect.objectContaining({ action: "delete", resource: "checkpoint", item: expect.stringContaining("Контрольная точка 4") }),
    ]);
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(edited, { token: p.body.token }));
    expect(c.status).toBe(200);
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    expect(doc.directions.map((d) => d.elements[0]!.checkpoints.length)).toEqual([3, 4]);
  });

  it("every error is named by sheet, row and column, and nothing is written", async () => {
    const before = await exportProgramDocument(app.ctx.db, mp1);
    const file = await download(economy, `/api/programs/${mp1}/workbook`);
    const edited = await edit(file, (wb) => {
      const values = wb.getWorksheet("Значения показателей")!;
      rowOf(values, "1.1", "П1", 2025).getCell(colOf(values, "Факт")).value = "много";
      const funding = wb.getWorksheet("Финансирование")!;
      funding.addRow(["1.1", 2026, "lottery", 5]);
      funding.addRow(["9.9", 2026, "local", 5]);
      const els = wb.getWorksheet("Структурные элементы")!;
      rowOf(els, "1.1").getCell(colOf(els, "Ответственный")).value = "Министерство магии";
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.status).toBe(200);
    expect(p.body.valid).toBe(false);
    const issues = p.body.issues.map((i: any) => `${i.sheet}!${i.column}${i.row}: ${i.reason}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Значения показателей!E\d+: «Факт»: ожидается число, а не «много»/),
        expect.stringMatching(/^Финансирование!A\d+: Структурный элемент «9\.9» не найден/),
      ]),
    );
    expect(p.body.issues.length).toBe(2); // parse errors stop before the comparison with the program
    // the confirmation refuses and writes nothing
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(edited, { token: p.body.token }));
    expect(c.status).toBe(400);
    expect(c.body.error.issues.length).toBe(2);
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);

    // with the cells fixed, the errors the program's rules find are named too
    const second = await edit(edited, (wb) => {
      const values = wb.getWorksheet("Значения показателей")!;
      rowOf(values, "1.1", "П1", 2025).getCell(colOf(values, "Факт")).value = 11;
      const funding = wb.getWorksheet("Финансирование")!;
      funding.spliceRows(rowOf(funding, "9.9").number, 1);
    });
    const p2 = await economy.post(`/api/programs/${mp1}/import/preview`, body(second));
    const reasons = p2.body.issues.map((i: any) => `${i.sheet}!${i.column}${i.row}: ${i.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Структурные элементы!E\d+: подразделение «Министерство магии» не найдено/)]),
    );
    const third = await edit(second, (wb) => {
      const els = wb.getWorksheet("Структурные элементы")!;
      rowOf(els, "1.1").getCell(colOf(els, "Ответственный")).value = "Комитет по культуре";
    });
    const p3 = await economy.post(`/api/programs/${mp1}/import/preview`, body(third));
    expect(p3.body.valid).toBe(false);
    expect(p3.body.issues).toEqual([
      expect.objectContaining({ sheet: "Финансирование", column: expect.any(String), reason: expect.stringMatching(/lottery/) }),
    ]);
    const c3 = await economy.post(`/api/programs/${mp1}/import/confirm`, body(third, { token: p3.body.token }));
    expect(c3.status).toBe(400);
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);
  });

  it("a confirmation with the token of another preview is refused", async () => {
    const file = await download(economy, `/api/programs/${mp1}/workbook`);
    const edited = await edit(file, (wb) => {
      const values = wb.getWorksheet("Значения показателей")!;
      rowOf(values, "1.1", "П1", 2027).getCell(colOf(values, "План")).value = 99;
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(file));
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(edited, { token: p.body.token }));
    expect(c.status).toBe(409);
  });

  it("a new program filled from another program's workbook becomes the same program", async () => {
    const depts = (await economy.get("/api/departments")).body.items;
    const created = await economy.post("/api/programs", {
      code: "MP-9",
      name: "Пустая",
      responsibleDepartmentId: depts.find((d: any) => d.name === "Управление образования").id,
      startYear: 2025,
      endYear: 2030,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // goals and indicators may not repeat another program's (220-п): the copy renames them
    const file = await edit(await download(economy, `/api/programs/${mp1}/workbook`), (wb) => {
      wb.getWorksheet("Программа")!.getCell("A2").value = "MP-9";
      for (const [sheet, col] of [
        ["Цели", "B"],
        ["Индикаторы", "B"],
        ["Значения индикаторов", "A"],
      ] as const) {
        const ws = wb.getWorksheet(sheet)!;
        ws.eachRow((row, n) => {
          const value = row.getCell(col).value;
          if (n > 1 && typeof value === "string" && !/^И\d/.test(value)) row.getCell(col).value = `${value} (копия)`;
        });
      }
    });
    const p = await economy.post(`/api/programs/${created.body.id}/import/preview`, body(file));
    expect(p.body.issues).toEqual([]);
    expect(p.body.summary.create).toBeGreaterThan(50);
    const c = await economy.post(`/api/programs/${created.body.id}/import/confirm`, body(file, { token: p.body.token }));
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const source = (await exportProgramDocument(app.ctx.db, mp1))!;
    const copy = (await exportProgramDocument(app.ctx.db, created.body.id))!;
    const renamed = structuredClone(source);
    renamed.code = "MP-9";
    for (const g of renamed.goals) g.name += " (копия)";
    for (const i of renamed.indicators) i.name += " (копия)";
    // rows written in one transaction have one creation time: rows without an order of their own
    // (co-executors, funding of one year) may come back in another order
    const canon = (d: ProgramDocument) => {
      const x = structuredClone(d);
      x.coExecutors.sort();
      for (const dir of x.directions) {
        dir.budgetExecution?.sort((a, b) => `${a.year}${a.quarter}${a.source}`.localeCompare(`${b.year}${b.quarter}${b.source}`));
        for (const e of dir.elements) e.funding.sort((a, b) => `${a.year}${a.source}`.localeCompare(`${b.year}${b.source}`));
      }
      return x;
    };
    expect(canon(copy)).toEqual(canon(renamed));
  });

  it("a file that is not a workbook, or in no known layout, gets one clear issue", async () => {
    const notZip = await economy.post(`/api/programs/${mp1}/import/preview`, body(Buffer.from("hello, world")));
    expect(notZip.body.issues).toEqual([{ sheet: "", row: 0, column: "", reason: expect.stringMatching(/не является книгой Excel/) }]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1").getCell("A1").value = "что-то";
    const other = Buffer.from(await wb.xlsx.writeBuffer());
    const unknown = await economy.post(`/api/programs/${mp1}/import/preview`, body(other));
    expect(unknown.body.issues[0].reason).toMatch(/не похожа/);
    const bad = await economy.post(`/api/programs/${mp1}/import/preview`, { contentBase64: "***" });
    expect(bad.status).toBe(400);
  });
});

describe("import of the layout of the forms", () => {
  it("the indicators form with a changed plan and a new indicator", async () => {
    const file = await download(economy, `/api/programs/${mp1}/forms/indicators?format=xlsx`);
    const edited = await edit(file, (wb) => {
      const ws = wb.worksheets[0]!;
      const r = rowOf(ws, "Индикатор А1");
      r.getCell(6).value = 61; // 2026
      const last = ws.rowCount + 1;
      ws.getRow(last).values = ["2", "Новый индикатор", "%", 10, 11, 12, 13, 14, 15, 16];
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.body.layout).toBe("form:indicators");
    expect(p.body.issues).toEqual([]);
    expect(p.body.changes.map((c: any) => `${c.action} ${c.resource}`).sort()).toEqual(
      ["create programIndicator", ...Array(6).fill("create programIndicatorValue"), "update programIndicatorValue"].sort(),
    );
    const c = await economy.post(`/api/programs/${mp1}/import/confirm`, body(edited, { token: p.body.token }));
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    expect(doc.indicators[0]!.values.find((v) => v.year === 2026)!.plan).toBe("61");
    expect(doc.indicators[1]).toMatchObject({ name: "Новый индикатор", unit: "%", baseValue: "10", baseYear: 2024 });
    const again = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(again.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
  });

  it("the funding form with a changed amount; an unchanged form changes nothing", async () => {
    const file = await download(economy, `/api/programs/${mp1}/forms/funding?format=xlsx`);
    const same = await economy.post(`/api/programs/${mp1}/import/preview`, body(file));
    expect(same.body).toMatchObject({ layout: "form:funding", valid: true, summary: { create: 0, update: 0, delete: 0 } });
    const edited = await edit(file, (wb) => {
      const ws = wb.worksheets[0]!;
      const top = rowOf(ws, "Комплекс процессных мероприятий 2.1 А1");
      const regional = ws.getRow(top.number + 2); // ВСЕГО, federal, regional
      expect(regional.getCell(3).value).toBe("средства областного бюджета");
      regional.getCell(5).value = 300.5; // 2025
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.body.changes).toEqual([
      expect.objectContaining({
        action: "update",
        resource: "funding",
        fields: [expect.objectContaining({ before: "250.25", after: "300.50" })],
      }),
    ]);
  });

  it("a metric the form cannot place is an error at its row", async () => {
    const file = await download(economy, `/api/programs/${mp1}/forms/metrics?format=xlsx`);
    const edited = await edit(file, (wb) => {
      const ws = wb.worksheets[0]!;
      ws.getRow(ws.rowCount + 1).values = ["3", "Неизвестный показатель", "ед.", 1, 2, 3, 4, 5, 6, 7, "—"];
    });
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, body(edited));
    expect(p.body.valid).toBe(false);
    expect(p.body.issues).toEqual([
      expect.objectContaining({ sheet: "Показатели", column: "B", reason: expect.stringMatching(/Неизвестный показатель.*не найден/) }),
    ]);
  });
});
