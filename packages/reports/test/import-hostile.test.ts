/**
 * Hostile workbooks (issue 9, part 3): a few kilobytes that name millions of cells, huge or
 * numerous shared strings, styles, deep XML, DTDs. Each is refused with a clear issue naming where,
 * quickly and without the heap growing — before exceljs builds anything. And the worker that the
 * server parses uploads in: the same result as in-process, and an upload that runs out of memory
 * or time ends in an issue, not in the death of the process.
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import {
  DEFAULT_IMPORT_LIMITS,
  isolationLoad,
  parseProgramFile,
  parseProgramFileIsolated,
  parseProgramWorkbook,
  readWorkbook,
  renderPlainWorkbook,
  type ImportLimits,
} from "../src/index.ts";
import { richProgram } from "./data.ts";
import { hostileWorkbook, measured, sheetXml, wideSparseRows } from "./hostile.ts";

const P = richProgram();
const SHEET = "xl/worksheets/sheet1.xml";

/** Parses in-process and expects one issue matching `where` and `reason`, in < 2 s and < 100 MB of heap growth. */
async function refused(
  buf: Buffer,
  where: { sheet?: string; row?: number; column?: string },
  reason: RegExp,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
) {
  const { value: r, ms, heapGrowthMb } = await measured(() => parseProgramWorkbook(buf, P, {}, limits));
  expect(r.layout).toBe("unknown");
  expect(r.issues).toHaveLength(1);
  expect(r.issues[0]).toMatchObject(where);
  expect(r.issues[0]!.reason).toMatch(reason);
  // generous safety bounds of the issue: refused in under 2 s and 100 MB
  expect(ms).toBeLessThan(2000);
  expect(heapGrowthMb).toBeLessThan(100);
  return r.issues[0]!;
}

describe("workbooks that name more than they hold", () => {
  it("a small file with one cell at column XFD on each row: refused at the first row, naming the cell", async () => {
    const buf = await hostileWorkbook({ [SHEET]: sheetXml(wideSparseRows(8000)) });
    expect(buf.length).toBeLessThan(50_000); // 40 KB that made the server build 16 384 cells a row and die of heap exhaustion
    await refused(buf, { sheet: "Лист1", row: 1, column: "XFD" }, /столбце XFD: столбцов не более 1024/);
  });

  it("rows that reach far to the right within the columns allowed: refused by the cells they would build", async () => {
    const buf = await hostileWorkbook({ [SHEET]: sheetXml(wideSparseRows(30_000).replaceAll("XFD", "AMJ")) });
    const i = await refused(buf, { sheet: "Лист1", column: "AMJ" }, /на листе больше 1000000 ячеек/);
    expect(i.row).toBe(977); // 977 rows × 1024 columns pass the million
  });

  it("a row number past the limit, a bad address, a merged or validated range over the whole sheet, a <col> past Excel's", async () => {
    await refused(
      await hostileWorkbook({ [SHEET]: sheetXml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>') }),
      { sheet: "Лист1", row: 1048576 },
      /слишком много строк: больше 50000/,
    );
    await refused(
      await hostileWorkbook({ [SHEET]: sheetXml('<row r="1"><c r="AAAA1"><v>1</v></c></row>') }),
      { sheet: "Лист1", row: 1 },
      /неверный адрес ячейки «AAAA1»/,
    );
    await refused(
      await hostileWorkbook({
        [SHEET]: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
      }),
      { sheet: "Лист1", row: 1, column: "XFD" },
      /объединение ячеек A1:XFD1048576 заходит за столбец AMJ/,
    );
    await refused(
      await hostileWorkbook({
        [SHEET]: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<mergeCells count="1"><mergeCell ref="A1:AMJ50000"/></mergeCells>'),
      }),
      { sheet: "Лист1", row: 1, column: "A" },
      /на листе больше 1000000 ячеек/,
    );
    await refused(
      await hostileWorkbook({
        [SHEET]: sheetXml(
          '<row r="1"><c r="A1"><v>1</v></c></row>',
          '<dataValidations count="1"><dataValidation type="whole" sqref="A1:C3 B1:AMJ40000"><formula1>1</formula1></dataValidation></dataValidations>',
        ),
      }),
      { sheet: "Лист1", column: "B" },
      /на листе больше 1000000 ячеек/,
    );
    await refused(
      await hostileWorkbook({ [SHEET]: sheetXml("", "", '<cols><col min="1" max="2000000000" width="9"/></cols>') }),
      { sheet: "Лист1" },
      /описание столбцов до столбца 2000000000/,
    );
  });

  it("a defined name over the whole sheet (exceljs builds an entry for each of its cells); a print area is read", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Лист1").getCell("A1").value = "x";
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const withNames = async (names: string) => {
      const z = await JSZip.loadAsync(await zip.generateAsync({ type: "nodebuffer" }));
      z.file(
        "xl/workbook.xml",
        xml.replace(/<definedNames\/>|<\/sheets>/, (m) => `${m.startsWith("</") ? m : ""}<definedNames>${names}</definedNames>`),
      );
      return Buffer.from(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    };
    await refused(
      await withNames(`<definedName name="всё">'Лист1'!$A$1:$XFD$1048576</definedName>`),
      { sheet: "" },
      /имя «всё» \('?.*\$XFD\$1048576\): диапазон заходит за столбец AMJ/,
    );
    await refused(
      await withNames(`<definedName name="много">Лист1!$A$1:$AMJ$50000</definedName>`),
      { sheet: "" },
      /имена книги называют больше 1000000 ячеек/,
    );
    await refused(
      await withNames(`<definedName name="без долларов">Sheet1!$A$1:XFD1048576</definedName>`),
      { sheet: "" },
      /заходит за столбец AMJ/,
    );
    const ok = await readWorkbook(
      await withNames(
        `<definedName name="_xlnm.Print_Area" localSheetId="0">Лист1!$A$1:$K$40</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">Sheet1!$5:$6</definedName><definedName name="n">Sheet1</definedName>`,
      ),
    );
    expect(ok[0]!.rows).toEqual([["x"]]);
  });

  it("a style given to whole columns, as Excel writes it (max=16384), is read; on every sheet of many, the columns add up and are refused", async () => {
    const cols = '<cols><col min="1" max="16384" width="9" style="0"/></cols>';
    const ok = await readWorkbook(
      await hostileWorkbook({ [SHEET]: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>да</t></is></c></row>', "", cols) }),
    );
    expect(ok[0]!.rows).toEqual([["да"]]);
    const wb = new ExcelJS.Workbook();
    for (let i = 1; i <= 10; i++) wb.addWorksheet(`Л${i}`).getCell("A1").value = i;
    const parts: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) parts[`xl/worksheets/sheet${i}.xml`] = sheetXml(`<row r="1"><c r="A1"><v>${i}</v></c></row>`, "", cols);
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    for (const [n, c] of Object.entries(parts)) zip.file(n, c);
    const buf = Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    await refused(buf, { sheet: "Л9" }, /описано больше 131072 столбцов/);
  });
});

describe("huge texts, many strings and styles, deep or declared XML", () => {
  it("a shared string of 10 MB, and a million shared strings", async () => {
    const sst = (inner: string, n: number) =>
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${n}" uniqueCount="${n}">${inner}</sst>`;
    await refused(
      await hostileWorkbook({ "xl/sharedStrings.xml": sst(`<si><t>${"ы".repeat(5_000_000)}</t></si>`, 1) }),
      { sheet: "" },
      /xl\/sharedStrings\.xml: текст длиннее 262144 байт/,
    );
    await refused(
      await hostileWorkbook({ "xl/sharedStrings.xml": sst("<si><t>a</t></si>".repeat(1_000_000), 1_000_000) }),
      { sheet: "" },
      /в таблице строк больше 500000 строк/,
    );
    // the count the file declares is not believed either way
    await refused(
      await hostileWorkbook({ "xl/sharedStrings.xml": sst("<si><t>a</t></si>".repeat(600_000), 1) }),
      { sheet: "" },
      /больше 500000 строк/,
    );
  });

  it("a cell's inline text past the limit names its row", async () => {
    const buf = await hostileWorkbook({
      [SHEET]: sheetXml(
        `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>${"x".repeat(300_000)}</t></is></c></row>`,
      ),
    });
    await refused(buf, { sheet: "Лист1", row: 2 }, /текст длиннее/);
  });

  it("a hundred thousand cell formats", async () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="100000">${'<xf numFmtId="0" fontId="0"/>'.repeat(100_000)}</cellXfs></styleSheet>`;
    await refused(
      await hostileWorkbook({ "xl/styles.xml": styles }),
      { sheet: "" },
      /xl\/styles\.xml: в стилях больше 65000 форматов ячеек/,
    );
  });

  it("XML nested a hundred thousand deep, and a DTD with entities (billion laughs)", async () => {
    const deep = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is>${"<r>".repeat(100_000)}${"</r>".repeat(100_000)}</is></c></row>`);
    await refused(await hostileWorkbook({ [SHEET]: deep }), { sheet: "Лист1", row: 1 }, /вложенность XML глубже 64/);
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>`;
    await refused(await hostileWorkbook({ "xl/sharedStrings.xml": lol }), { sheet: "" }, /объявления DTD/);
  });

  it("a comment does not hide cells from the count, nor a '>' in an attribute; a CDATA section is text", async () => {
    // what a parser reads as a cell the scan counts as one; what it does not, the scan skips
    const buf = await hostileWorkbook({
      [SHEET]: sheetXml(
        `<!-- <row r="1"><c r="XFD1"/></row> --><row r="1" spans="1:2" x:y='a>b'><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>`,
      ),
    });
    await refused(buf, { sheet: "Лист1", row: 1, column: "XFD" }, /столбце XFD/);
    const ok = await hostileWorkbook({
      [SHEET]: sheetXml(`<!-- <row r="1"><c r="XFD1"/></row> --><row r="1"><c r="A1" t="inlineStr"><is><t>a&gt;b</t></is></c></row>`),
    });
    expect((await readWorkbook(ok))[0]!.rows).toEqual([["a>b"]]);
    const cdata = await hostileWorkbook({
      [SHEET]: sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[${"<".repeat(300_000)}]]></t></is></c></row>`),
    });
    await refused(cdata, { sheet: "Лист1", row: 1 }, /текст длиннее/);
  });
});

describe("the import worker", () => {
  it("gives what the in-process parser gives: the document and where each item came from", async () => {
    const buf = await renderPlainWorkbook(P);
    const empty = { ...P, goals: [], stages: [], indicators: [], directions: [], coExecutors: [] };
    const here = await parseProgramFile(buf, "p.xlsx", empty);
    const there = await parseProgramFileIsolated(buf, "p.xlsx", empty);
    expect(there.issues).toEqual([]);
    expect(there.layout).toBe("plain");
    expect(there.document).toEqual(here.document);
    // the origins are keyed by the items of the document that came back (one clone keeps them together)
    const first = there.document.directions[0]!.elements[0]!;
    expect(there.origins.get(first)).toEqual(here.origins.get(here.document.directions[0]!.elements[0]!));
    expect(there.origins.size).toBe(here.origins.size);
  });

  it("a hostile file is refused in the worker with the same issue", async () => {
    const buf = await hostileWorkbook({ [SHEET]: sheetXml(wideSparseRows(2000)) });
    const r = await parseProgramFileIsolated(buf, "x.xlsx", P);
    expect(r.issues).toEqual([{ sheet: "Лист1", row: 1, column: "XFD", reason: expect.stringMatching(/столбце XFD/) }]);
  });

  it("a worker that runs out of memory or time ends in an issue, and the next upload is parsed", async () => {
    // a large workbook within the limits, parsed with far too little memory (the reader of the cells
    // holds far less than exceljs's model did: 25,000 rows were enough for that)
    const rows: unknown[][] = [["Структурный элемент", "Показатель", "Год", "План", "Факт"]];
    for (let i = 0; i < 45_000; i++) rows.push(["1.1", `П${i}`, 2025, i, `факт ${i}`]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Значения показателей");
    rows.forEach((r) => ws.addRow(r));
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    const oom = await parseProgramFileIsolated(big, "big.xlsx", P, {}, DEFAULT_IMPORT_LIMITS, { maxMemoryMb: 16 });
    expect(oom.issues).toEqual([{ sheet: "", row: 0, column: "", reason: expect.stringMatching(/не хватило памяти разбора \(16 МБ\)/) }]);
    const slow = await parseProgramFileIsolated(big, "big.xlsx", P, {}, DEFAULT_IMPORT_LIMITS, { timeoutMs: 50 });
    expect(slow.issues).toEqual([{ sheet: "", row: 0, column: "", reason: expect.stringMatching(/не удалось разобрать за 0 с/) }]);
    const next = await parseProgramFileIsolated(await renderPlainWorkbook(P), "p.xlsx", P);
    expect(next.issues).toEqual([]);
  });

  it("a worker is kept warm for the next uploads", async () => {
    const buf = await renderPlainWorkbook(P);
    await parseProgramFileIsolated(buf, "p.xlsx", P, {}, DEFAULT_IMPORT_LIMITS, { concurrency: 1 });
    const warm = isolationLoad().workers;
    expect(warm).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++)
      expect((await parseProgramFileIsolated(buf, "p.xlsx", P, {}, DEFAULT_IMPORT_LIMITS, { concurrency: 1 })).issues).toEqual([]);
    expect(isolationLoad().workers).toBe(warm);
    expect(isolationLoad()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("uploads past the queue are refused, not piled up", async () => {
    const buf = await renderPlainWorkbook(P);
    const all = await Promise.all(
      [0, 1, 2, 3].map(() => parseProgramFileIsolated(buf, "p.xlsx", P, {}, DEFAULT_IMPORT_LIMITS, { concurrency: 1, maxQueue: 1 })),
    );
    const busy = all.filter((r) => r.issues.some((i) => /Сервер занят/.test(i.reason)));
    expect(busy).toHaveLength(2);
    expect(all.filter((r) => r.issues.length === 0)).toHaveLength(2);
  });
});
