/**
 * exceljs 4.4.0 runs with newer versions of two of its dependencies than it asks for (the root
 * package.json's overrides: unzipper 0.12 and fast-csv 5 — the old ones pulled in the deprecated
 * fstream, rimraf 2 and lodash.isequal). Orientir itself uses only exceljs's in-memory reader and
 * writer, but the paths of exceljs that use the overridden packages must still work: the streaming
 * reader (unzipper) and CSV (fast-csv); and the streaming writer, whose archiver stays at 5 (archiver
 * 7 breaks it: this test found "input source must be valid Stream or Buffer instance").
 */
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

const collect = (s: PassThrough) =>
  new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    s.on("data", (c: Buffer) => parts.push(c))
      .on("end", () => resolve(Buffer.concat(parts)))
      .on("error", reject);
  });

describe("exceljs with the overridden dependencies", () => {
  it("the streaming writer (archiver) writes a workbook that the streaming reader (unzipper) and the in-memory reader read back", async () => {
    const out = new PassThrough();
    const done = collect(out);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const ws = wb.addWorksheet("Лист");
    for (let r = 1; r <= 100; r++) ws.addRow([`строка ${r}`, r, r * 1.5]).commit();
    await wb.commit();
    const buf = await done;

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(buf as unknown as ArrayBuffer);
    expect(read.worksheets[0]!.getCell("A100").value).toBe("строка 100");
    expect(read.worksheets[0]!.getCell("C2").value).toBe(3);

    const rows: unknown[][] = [];
    const input = new PassThrough();
    input.end(buf);
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", worksheets: "emit" })) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) rows.push((row.values as unknown[]).slice(1));
    }
    expect(rows).toHaveLength(100);
    expect(rows[41]).toEqual(["строка 42", 42, 63]);
  });

  it("CSV (fast-csv) both ways", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("s").addRows([
      ["a", 1],
      ["б;в", 2],
    ]);
    const csv = Buffer.from(await wb.csv.writeBuffer());
    expect(csv.toString("utf8")).toContain("б;в");
    const back = new ExcelJS.Workbook();
    const input = new PassThrough();
    input.end(csv);
    const ws = await back.csv.read(input);
    expect(ws.getCell("A2").value).toBe("б;в");
    expect(ws.getCell("B2").value).toBe(2);
  });
});
