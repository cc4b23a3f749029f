/** Reading uploaded workbooks: limits, malformed files, the plain layout both ways, errors by cell. */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ProgramDocument } from "@orientir/domain";
import {
  DEFAULT_IMPORT_LIMITS,
  PLAIN_SHEETS,
  parseProgramWorkbook,
  readWorkbook,
  renderForm,
  renderPlainWorkbook,
  FORMS,
  type ImportLimits,
} from "../src/index.ts";
import { MUNICIPALITY_A, richProgram } from "./data.ts";

const P = richProgram();
const limits = (x: Partial<ImportLimits>): ImportLimits => ({ ...DEFAULT_IMPORT_LIMITS, ...x });

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const reasons = (r: { issues: { sheet: string; row: number; column: string; reason: string }[] }) =>
  r.issues.map((i) => `${i.sheet}!${i.column}${i.row}: ${i.reason}`);

describe("the plain layout", () => {
  it("a program written and read back is the same program, hostile texts and all", async () => {
    const buf = await renderPlainWorkbook(P);
    const empty: ProgramDocument = { ...P, goals: [], stages: [], indicators: [], directions: [], coExecutors: [] };
    const r = await parseProgramWorkbook(buf, empty);
    expect(r.issues).toEqual([]);
    expect(r.layout).toBe("plain");
    expect(r.deleteMissing).toBe(true);
    expect(r.present.sort()).toEqual(PLAIN_SHEETS.map((s) => s.resource).sort());
    // documents compare with an absent optional field the same as null
    const canon = (d: ProgramDocument) => JSON.parse(JSON.stringify(d, (_k, v) => (v === null ? undefined : v)));
    expect(canon(r.document)).toEqual(canon(P));
    // a text beginning with "=" or "+" comes back as the same text
    expect(r.document.indicators[1]!.name).toBe('=HYPERLINK("http://x")');
    expect(r.document.directions[0]!.elements[0]!.name).toBe("+Региональный проект «Успех каждого ребенка»");
    expect(r.document.directions[0]!.elements[1]!.checkpoints[1]!.informationSystem).toBe("\tГАС «Управление»");
  });

  it("money keeps its exact hundredths through the spreadsheet", async () => {
    const r = await parseProgramWorkbook(await renderPlainWorkbook(P), P);
    expect(r.document.directions[0]!.elements[0]!.funding.map((f) => f.amount)).toEqual(["12345678.91", "0.01", "99.99"]);
  });

  it("every bad cell is an issue with its sheet, row and column; columns may come in any order", async () => {
    const buf = await workbook({
      Финансирование: [
        ["Сумма, тыс.", "Источник", "Год", "Структурный элемент"],
        [100, "local", 2026, "1.1"],
        ["сто", "local", 2027, "1.1"],
        [1.005, "local", "двадцать", "1.1"],
        ["12,345", "local", 2028, "1.1"],
        [5, "local", 2029, "нет такого"],
        [null, null, null, null],
        [7, "", 2030, "1.1"],
      ],
      "Контрольные точки": [
        ["Структурный элемент", "Наименование", "Плановая дата", "Фактическая дата"],
        ["2.1", "КТ", "31.02.2026", "20.03.2026"],
        ["2.1", "КТ 2", "2026-04-01", 46000],
      ],
    });
    const r = await parseProgramWorkbook(buf, P);
    expect(reasons(r)).toEqual([
      "Контрольные точки!C2: «Плановая дата»: ожидается дата ДД.ММ.ГГГГ, а не «31.02.2026»",
      "Финансирование!A3: «Сумма, тыс.»: ожидается сумма (не более 2 знаков после запятой), а не «сто»",
      "Финансирование!C4: «Год»: ожидается целое число, а не «двадцать»",
      "Финансирование!A5: «Сумма, тыс.»: ожидается сумма (не более 2 знаков после запятой), а не «12,345»",
      "Финансирование!B8: «Источник»: не заполнено",
      "Финансирование!D6: Структурный элемент «нет такого» не найден(а) в файле и в программе",
    ]);
    // the valid rows were read: 1.005 rounds to the cent, a serial number is a date, dd.mm.yyyy too
    expect(r.document.directions[1]!.elements[0]!.checkpoints[1]).toMatchObject({ plannedDate: "2026-04-01", actualDate: "2025-12-09" });
  });

  it("a missing required column is named at the header row", async () => {
    const r = await parseProgramWorkbook(
      await workbook({
        "Значения показателей": [
          ["Структурный элемент", "Год", "План"],
          ["1.1", 2026, 5],
        ],
      }),
      P,
    );
    expect(reasons(r)).toContain("Значения показателей!1: нет столбца «Показатель»");
  });

  it("a large generated plan is read with all its errors listed", async () => {
    const rows: unknown[][] = [["Структурный элемент", "Показатель", "Год", "План", "Факт"]];
    for (let i = 0; i < 10_000; i++) rows.push(["1.1", "П1", 2025 + (i % 6), i % 1000 === 999 ? "n/a" : i, null]);
    const t0 = performance.now();
    const r = await parseProgramWorkbook(await workbook({ "Значения показателей": rows }), P);
    const ms = performance.now() - t0;
    expect(r.issues).toHaveLength(10);
    expect(r.issues.map((i) => i.row)).toEqual([1001, 2001, 3001, 4001, 5001, 6001, 7001, 8001, 9001, 10001]);
    expect(r.issues.every((i) => i.column === "D" && i.sheet === "Значения показателей")).toBe(true);
    expect(r.document.directions[1]!.elements[0]!.metrics[0]!.values).toHaveLength(0); // another element's metric keeps nothing of this sheet
    expect(ms).toBeGreaterThan(0);
  });
});

describe("limits and malformed files", () => {
  it("refuses a file that is too large, not a zip, truncated, or without a workbook", async () => {
    const good = await renderPlainWorkbook(P);
    const one = async (buf: Buffer, l: ImportLimits = DEFAULT_IMPORT_LIMITS) =>
      (await parseProgramWorkbook(buf, P, {}, l)).issues.map((i) => i.reason);
    expect(await one(good, limits({ maxBytes: 1000 }))).toEqual([expect.stringMatching(/^Файл больше 0 МБ/)]);
    expect(await one(Buffer.alloc(0))).toEqual(["Файл пуст"]);
    expect(await one(Buffer.from("<html>not a workbook</html>"))).toEqual([expect.stringMatching(/не zip-архив/)]);
    expect(await one(good.subarray(0, Math.floor(good.length / 2)))).toEqual([expect.stringMatching(/не является книгой Excel/)]);
    const zip = new JSZip();
    zip.file("hello.txt", "hi");
    expect(await one(Buffer.from(await zip.generateAsync({ type: "nodebuffer" })))).toEqual([
      expect.stringMatching(/нет xl\/workbook\.xml/),
    ]);
  });

  it("refuses too many zip entries and a zip bomb by the central directory, before inflating", async () => {
    const many = new JSZip();
    many.file("xl/workbook.xml", "<workbook/>");
    for (let i = 0; i < 600; i++) many.file(`x/${i}.xml`, "x");
    const r = await parseProgramWorkbook(Buffer.from(await many.generateAsync({ type: "nodebuffer" })), P);
    expect(r.issues[0]!.reason).toMatch(/слишком много частей: 60\d \(не более 500\)/);

    const bomb = new JSZip();
    bomb.file("xl/workbook.xml", "<workbook/>");
    bomb.file("xl/worksheets/sheet1.xml", Buffer.alloc(30 * 1024 * 1024, 32));
    const buf = Buffer.from(await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(buf.length).toBeLessThan(200_000);
    const b = await parseProgramWorkbook(buf, P, {}, limits({ maxUncompressedBytes: 10 * 1024 * 1024 }));
    expect(b.issues[0]!.reason).toMatch(/Распакованный файл больше 10 МБ/);
  });

  it("refuses a zip whose directory understates what it inflates to", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(3 * 1024 * 1024, 32));
    const buf = Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    // rewrite the declared uncompressed sizes (local header and central directory) to 100 bytes
    const lie = Buffer.from(buf);
    for (let i = 0; i < lie.length - 4; i++) {
      const sig = lie.readUInt32LE(i);
      if (sig === 0x04034b50 && lie.readUInt32LE(i + 22) === 3 * 1024 * 1024) lie.writeUInt32LE(100, i + 22);
      if (sig === 0x02014b50 && lie.readUInt32LE(i + 24) === 3 * 1024 * 1024) lie.writeUInt32LE(100, i + 24);
    }
    const r = await parseProgramWorkbook(lie, P, {}, limits({ maxUncompressedBytes: 1024 * 1024, maxTextBytes: 10 * 1024 * 1024 }));
    expect(r.issues[0]!.reason).toMatch(/Распакованный файл больше|не является книгой/);
  });

  it("refuses too many rows, counted before the parser reads them", async () => {
    const rows: unknown[][] = [["Структурный элемент", "Год", "Источник", "Сумма, тыс."]];
    for (let i = 0; i < 3000; i++) rows.push(["1.1", 2025, "local", 1]);
    const buf = await workbook({ Финансирование: rows });
    const r = await parseProgramWorkbook(buf, P, {}, limits({ maxRowsPerSheet: 2000 }));
    // refused at the first row past the limit, where it stands
    expect(r.issues).toEqual([{ sheet: "Финансирование", row: 2001, column: "", reason: "На листе слишком много строк: больше 2000" }]);
    await expect(readWorkbook(buf, limits({ maxRows: 100 }))).rejects.toThrow(/слишком много строк/);
  });
});

describe("the layout of the forms", () => {
  it("each importable form written by Orientir reads back as no change", async () => {
    for (const id of ["indicators", "metrics", "monthly-plan", "funding"]) {
      const f = FORMS.find((x) => x.id === id)!;
      if (f.scope !== "program") throw new Error();
      const { buffer } = await renderForm(f.build({ program: P, year: 2026, context: { sources: MUNICIPALITY_A.budgetSources } }), "xlsx");
      const r = await parseProgramWorkbook(buffer, P, { sources: MUNICIPALITY_A.budgetSources });
      expect(r.layout, id).toBe(`form:${id}`);
      expect(r.issues, id).toEqual([]);
      expect(r.deleteMissing).toBe(false);
      expect(r.document, id).toEqual(P);
    }
  });
});
